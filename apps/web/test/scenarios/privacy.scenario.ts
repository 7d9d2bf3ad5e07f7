import type { PrivacyPolicy } from '@ombud/contract';
import { expect, it } from 'vitest';
import type { DashboardContext } from './dashboard-context.ts';

/**
 * Browser scenarios for the privacy screen. Declared inside the dashboard test's describe block, after
 * the owner has signed in (English UI, demo workspace analysed); leave the page signed in, in English.
 */
export function privacyScenarios(context: () => DashboardContext): void {
  it('shows the redaction policy, retention, requests and the audit chain as verified', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations, screenshot } = context();
    const policy = (await (await browser.request.get(`${base}/api/privacy/policy`)).json()) as PrivacyPolicy;
    const verification = (await (await browser.request.get(`${base}/api/audit/verify`)).json()) as {
      ok: boolean;
      entries: number;
    };
    expect(verification.ok).toBe(true);

    await page.goto(`${base}/privacy`);
    const uiLanguage = page.locator('.language-switcher select');
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Redaction policy', level: 2 }).waitFor();
    const label = { keep: 'Keep', redact: 'Redact', pseudonymise: 'Pseudonymise' }[policy.redaction];
    expect(await page.getByRole('radio', { name: new RegExp(`^${label}`) }).isChecked()).toBe(true);

    // The chain is verified by the server and said so, with the number of entries checked.
    const chain = page.getByTestId('audit-chain-status');
    await chain.waitFor();
    expect(await chain.innerText()).toMatch(/Hash chain verified: [\d,]+ entries, none altered/);
    expect(await chain.getAttribute('class')).toContain('chain-ok');
    expect(await page.locator('table:has(caption) tbody tr').count()).toBeGreaterThan(0);

    // Change the policy to pseudonymise with a 400-day retention, and check the server holds it.
    await page.getByRole('radio', { name: /^Pseudonymise/ }).check();
    await page.getByLabel('Retention period in days').fill('400');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Posts older than 400 days').waitFor();
    const saved = (await (await browser.request.get(`${base}/api/privacy/policy`)).json()) as PrivacyPolicy;
    expect(saved).toMatchObject({ redaction: 'pseudonymise', retentionDays: 400 });

    // An access request is filed and offers its JSON and CSV exports.
    const handle = `subject_${Date.now().toString(36)}`;
    const requestForm = page.locator('form[aria-labelledby="request-add-title"]');
    await requestForm.getByLabel('Handle').fill(handle);
    await requestForm.getByRole('button', { name: 'File request' }).click();
    const filed = page.locator('.request-list li', { hasText: handle });
    await filed.waitFor();
    expect(await filed.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toMatch(/format=csv$/);

    // Consent wording per language: saving the Swedish text gives it a version the server holds.
    const consentTexts = page.locator('section[aria-labelledby="consent-texts-title"]');
    await consentTexts.getByRole('button', { name: 'Reuse in marketing' }).click();
    await consentTexts.getByLabel('Swedish').fill('Får vi dela ditt inlägg i vår kampanj?');
    await consentTexts.getByRole('button', { name: 'Save Swedish text' }).click();
    await consentTexts.getByText(/Version 1, saved/).waitFor();
    const texts = (await (await browser.request.get(`${base}/api/privacy/consent-texts`)).json()) as {
      language: string;
      text: string;
    }[];
    expect(texts).toContainEqual(
      expect.objectContaining({ language: 'sv', text: 'Får vi dela ditt inlägg i vår kampanj?' }),
    );

    await expectNoSeriousAxeViolations(page, 'privacy');
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await screenshot('privacy');

    // Put the policy back for later scenarios.
    await browser.request.put(`${base}/api/privacy/policy`, {
      data: { redaction: policy.redaction, retentionDays: policy.retentionDays },
    });

    await uiLanguage.selectOption('sv');
    await page.getByRole('heading', { name: 'Integritet', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Granskningslogg', level: 2 }).waitFor();
    expect(await page.getByTestId('audit-chain-status').innerText()).toMatch(/Hashkedjan verifierad/);
    await uiLanguage.selectOption('es');
    await page.getByRole('heading', { name: 'Registro de auditoría', level: 2 }).waitFor();
    await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
  });
}
