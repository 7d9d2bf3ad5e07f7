import type { BrandFindings, Draft } from '@ombud/contract';
import { expect, it } from 'vitest';
import type { DashboardContext } from './dashboard-context.ts';

/** A Spanish advocate draft that promises 60-day returns; the demo fact sheet says 30 days. */
const CONTRADICTING_DRAFT =
  'Publicidad: ¡la Nordvik Kettle Pro tiene devolución gratuita en 60 días! Hierve rápido. #MiHistoriaNordvik';
/** A Spanish draft that keeps to the brief: disclosure first, a key message, no claim off the fact sheet. */
const COMPLIANT_DRAFT = 'Publicidad: mi Nordvik Kettle Pro hierve rápido y se apaga sola. #MiHistoriaNordvik';

/**
 * Browser scenarios for the advocates screen. Declared inside the dashboard test's describe block, after
 * the owner has signed in (English UI, demo workspace analysed); leave the page signed in, in English.
 */
export function advocatesScenarios(context: () => DashboardContext): void {
  it('brand-checks a pasted Spanish draft and highlights the claim that contradicts the fact sheet', async () => {
    const { page, browser, base, demo, expectNoSeriousAxeViolations, screenshot } = context();
    const campaigns = (await (await browser.request.get(`${base}/api/campaigns`)).json()) as {
      id: string;
      name: string;
    }[];
    const campaign = campaigns.find((c) => c.name === demo.campaignName);
    expect(campaign).toBeDefined();
    // What the server finds, to compare the screen with.
    const response = await browser.request.post(`${base}/api/brand-check`, {
      data: { campaignId: campaign?.id, text: CONTRADICTING_DRAFT, language: 'es', market: 'ES' },
    });
    expect(response.status()).toBe(200);
    const findings = (await response.json()) as BrandFindings;
    const contradicted = findings.claims.find((claim) => claim.verdict === 'contradicted');
    expect(contradicted?.factId).toBe('returns-30-days');

    await page.goto(`${base}/advocates`);
    const uiLanguage = page.locator('.language-switcher select');
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Advocates', level: 1 }).waitFor();
    await page.locator('#advocates-campaign').selectOption(campaign?.id ?? '');
    await page.locator('#brand-check-text').fill(CONTRADICTING_DRAFT);
    await page.locator('#brand-check-language').selectOption('es');
    await page.getByLabel('Market', { exact: true }).fill('ES');
    await page.getByRole('button', { name: 'Check draft' }).click();

    const result = page.getByRole('group', { name: 'Brand check result' });
    const mark = result.locator('mark.finding-contradicted');
    await mark.first().waitFor();
    // The highlighted words are the claim's span in the draft, exactly as pasted (text, not HTML).
    const span = contradicted?.evidence.span as [number, number];
    expect(await mark.first().textContent()).toBe(CONTRADICTING_DRAFT.slice(span[0], span[1]));
    expect(await mark.first().textContent()).toContain('60 días');
    // The draft reads exactly as pasted once the finding numbers are left out.
    const shown = await result.locator('.draft-text').evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.finding-ref').forEach((ref) => ref.remove());
      return copy.textContent;
    });
    expect(shown).toBe(CONTRADICTING_DRAFT);
    // Its evidence: the fact it contradicts, with the approved wording.
    const list = await result.locator('.finding-list').innerText();
    expect(list).toContain('Contradicted claim');
    expect(list).toContain('returns-30-days');
    expect(list).toContain('Devolución gratuita en 30 días.');
    // The disclosure at the start is found and marked as in place.
    expect(await result.locator('mark.finding-disclosure-ok').first().textContent()).toBe('Publicidad');
    console.log(
      `[web] brand check: ${findings.claims.length} claims, marked "${await mark.first().textContent()}"`,
    );

    await expectNoSeriousAxeViolations(page, 'advocates');
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await screenshot('advocates');
  });

  it('adds an advocate, invites them, and takes a draft through review to approval', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations } = context();
    const name = `Lucía ${Date.now().toString(36)}`;
    await page.goto(`${base}/advocates`);
    await page.getByRole('heading', { name: 'Advocates', level: 1 }).waitFor();
    const addForm = page.locator('form[aria-labelledby="add-advocate-title"]');
    await addForm.getByLabel('Name').fill(name);
    await addForm.getByLabel('Languages').fill('es');
    await addForm.getByLabel('Markets').fill('ES');
    await addForm.getByLabel('Handle').fill(`lucia_${Date.now().toString(36)}`);
    await addForm.getByLabel('Consent recorded').check();
    await addForm.getByLabel('Consent reference (agreement, form)').fill('Signed agreement 2026-11');
    await addForm.getByRole('button', { name: 'Add advocate' }).click();
    const row = page.locator('table tr', { hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Given/);

    // The invitation's token is shown once; inviting makes the advocate an invited (trusted) one.
    await row.getByRole('button', { name: 'Invite' }).click();
    const token = page.locator('.key-reveal code.secret');
    await token.waitFor();
    expect((await token.textContent())?.length ?? 0).toBeGreaterThanOrEqual(20);
    await expect.poll(() => row.innerText()).toMatch(/Invited/);

    // Submit a compliant draft for them, then approve it.
    await page.locator('#draft-advocate').selectOption({ label: name });
    await page.locator('#draft-language').selectOption('es');
    await page.locator('#draft-text').fill(COMPLIANT_DRAFT);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    const card = page.locator('.draft-card', { hasText: `${name}, version 1` });
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('in_review');
    expect(await card.locator('mark.finding-disclosure-ok').count()).toBeGreaterThan(0);
    // While the crisis circuit breaker pauses the campaign's publishing, approval is refused and
    // the screen says so; the pause is lifted for the approval and put back afterwards.
    const campaignId = await page.locator('#advocates-campaign').inputValue();
    const breakerPath = `${base}/api/campaigns/${campaignId}/circuit-breaker`;
    const breaker = (await (await browser.request.get(breakerPath)).json()) as { publishingPaused: boolean };
    if (breaker.publishingPaused) {
      await card.getByRole('button', { name: 'Approve' }).click();
      await card.getByRole('alert').waitFor();
      expect(await card.getAttribute('data-status')).toBe('in_review');
      const lifted = await browser.request.post(breakerPath, {
        data: { publishingPaused: false, reason: 'browser test: approval round trip' },
      });
      expect(lifted.status()).toBe(200);
    }
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.locator(`.draft-card[data-status="approved"]`, { hasText: name }).waitFor();
    if (breaker.publishingPaused) {
      await browser.request.post(breakerPath, {
        data: { publishingPaused: true, reason: 'browser test: pause restored' },
      });
    }
    const draftId = await card.getAttribute('data-draft');
    const stored = (await (
      await browser.request.get(`${base}/api/advocate-drafts/${draftId}`)
    ).json()) as Draft;
    expect(stored).toMatchObject({ status: 'approved', approvedVersion: 1 });
    expect(stored.versions[0]?.decision).toBe('approved');

    // A new version sends it back to review; rejecting needs a reason, which is kept.
    await card.getByLabel('New version').fill(CONTRADICTING_DRAFT);
    await card.getByRole('button', { name: 'Resubmit' }).click();
    const second = page.locator('.draft-card[data-status="in_review"]', { hasText: `${name}, version 2` });
    await second.waitFor();
    expect(await second.locator('mark.finding-contradicted').count()).toBeGreaterThan(0);
    await second.getByLabel('Reason for rejecting').fill('Returns are 30 days, not 60');
    await second.getByRole('button', { name: 'Reject' }).click();
    const rejected = page.locator('.draft-card[data-status="rejected"]', { hasText: name });
    await rejected.waitFor();
    expect(await rejected.innerText()).toContain('Rejected: Returns are 30 days, not 60');
    await expectNoSeriousAxeViolations(page, 'advocates (drafts)');

    // Spanish and Swedish texts of the screen.
    const language = page.locator('.language-switcher select');
    await language.selectOption('es');
    await page.getByRole('heading', { name: 'Embajadores', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Control de marca', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Borradores por revisar', level: 2 }).waitFor();
    await language.selectOption('sv');
    await page.getByRole('heading', { name: 'Ambassadörer', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Varumärkeskontroll', level: 2 }).waitFor();
    await language.selectOption('en');
    await page.getByRole('heading', { name: 'Advocates', level: 1 }).waitFor();
  });
}
