import { expect, it } from 'vitest';
import type { DashboardContext } from './dashboard-context.ts';

interface Assessment {
  score: number;
  gate: { blocked: boolean; failingCritical: string[] };
  risks: { risk: string; title: string }[];
  questions: { id: string; status: string; fix: string | null; critical: boolean }[];
  forecast: { languages: string[]; hours: unknown[] };
  capacity: { staffing: { peakAgents: Record<string, number> } };
  crisis: { firstBreak: { kind: string; hour: number; language?: string } | null };
}

/**
 * Browser scenarios for the readiness screen. Declared inside the dashboard test's describe block, after
 * the owner has signed in (English UI, demo workspace analysed); leave the page signed in, in English.
 */
export function readinessScenarios(context: () => DashboardContext): void {
  it('shows the demo campaign’s readiness gaps with fixes, its charts, and refuses "go" while blocked', async () => {
    const { page, browser, base, demo, expectNoSeriousAxeViolations, screenshot } = context();
    const campaigns = (await (await browser.request.get(`${base}/api/campaigns`)).json()) as {
      id: string;
      name: string;
    }[];
    const campaignId = campaigns.find((c) => c.name === demo.campaignName)?.id ?? '';
    expect(campaignId).not.toBe('');

    // Reached by address and switched to English, so an earlier scenario that stopped half-way
    // (on another screen, in another language) does not take this one down with it.
    await page.goto(`${base}/readiness`);
    const uiLanguage = page.locator('.language-switcher select');
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
    await page.getByRole('main').getByLabel('Campaign').selectOption({ label: demo.campaignName });
    const body = page.locator('.readiness-body[data-ready]');
    await body.waitFor({ timeout: 60_000 });
    const assessment = (await (
      await browser.request.get(`${base}/api/readiness/${campaignId}?lang=en`)
    ).json()) as Assessment;

    // Eight risks, every question with its answer; every gap carries its fix.
    expect(await page.locator('.readiness-risks tbody tr').count()).toBe(assessment.risks.length);
    expect(assessment.risks).toHaveLength(8);
    expect(await page.locator('.readiness-question').count()).toBe(assessment.questions.length);
    const gaps = assessment.questions.filter((q) => q.status !== 'pass');
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) {
      const item = page.locator(`.readiness-question[data-question="${gap.id}"]`);
      expect(await item.locator('.question-fix').textContent()).toBe(`Fix: ${gap.fix}`);
    }
    expect(await page.locator('.readiness-question .badge.critical').count()).toBe(
      assessment.questions.filter((q) => q.critical).length,
    );

    // Both charts render with a size, the forecast with a band and a line per language.
    const sizes: string[] = [];
    for (const selector of ['.forecast-chart', '.staffing-chart']) {
      const box = await page.locator(selector).boundingBox();
      expect(box?.width ?? 0, selector).toBeGreaterThan(200);
      expect(box?.height ?? 0, selector).toBeGreaterThan(100);
      sizes.push(`${selector.slice(1)} ${Math.round(box?.width ?? 0)}×${Math.round(box?.height ?? 0)}`);
    }
    expect(await page.locator('.forecast-chart path').count()).toBe(2 * assessment.forecast.languages.length);
    expect(await page.locator('[data-first-break]').textContent()).toMatch(/^Breaks first:/);

    // The report links follow the UI language, and the HTML report is served.
    const html = page.getByRole('link', { name: 'Open the HTML report' });
    expect(await html.getAttribute('href')).toBe(`/api/readiness/${campaignId}/report.html?lang=en`);
    expect(await page.getByRole('link', { name: 'Download the PDF report' }).getAttribute('href')).toBe(
      `/api/readiness/${campaignId}/report.pdf?lang=en`,
    );
    const report = await browser.request.get(`${base}/api/readiness/${campaignId}/report.html?lang=en`);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toMatch(/text\/html/);

    // The owner signs: "go" is refused while the gate is blocked, "no go" is recorded.
    const gate = page.locator('[data-gate]');
    expect(await gate.getAttribute('data-gate')).toBe(assessment.gate.blocked ? 'blocked' : 'open');
    if (assessment.gate.blocked) {
      await page.getByRole('radio', { name: 'Go', exact: true }).check();
      await page.getByLabel('Reason').fill('Everything looks fine to me');
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '“Go” was refused' }).waitFor();
    }
    await page.getByRole('radio', { name: 'No go' }).check();
    await page.getByLabel('Reason').fill('Consent texts and alert channel first');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.locator('.readiness-decision-list li[data-decision="no_go"]').waitFor();
    const decisions = (await (
      await browser.request.get(`${base}/api/readiness/${campaignId}/decisions`)
    ).json()) as { decision: string; reason: string }[];
    expect(decisions.map((d) => d.decision)).toContain('no_go');
    if (assessment.gate.blocked) expect(decisions.map((d) => d.decision)).not.toContain('go');

    console.log(
      `[web] readiness: score ${(assessment.score * 100).toFixed(0)} %, gate ${assessment.gate.blocked ? 'blocked' : 'open'} ` +
        `(${assessment.gate.failingCritical.length} critical failing), ${gaps.length}/${assessment.questions.length} questions with a fix; ` +
        `forecast ${assessment.forecast.hours.length} h × ${assessment.forecast.languages.join('+')}; ` +
        `peak agents ${JSON.stringify(assessment.capacity.staffing.peakAgents)}; first break ` +
        `${assessment.crisis.firstBreak ? `${assessment.crisis.firstBreak.kind} at hour ${assessment.crisis.firstBreak.hour}` : 'none'}; ` +
        sizes.join(', '),
    );
    await expectNoSeriousAxeViolations(page, 'readiness');
    // The screen's top (title, first panels) is the picture worth keeping.
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await screenshot('readiness');

    // In Swedish the screen and the server's answers change language.
    const firstRiskEn = await page.locator('.readiness-risks tbody th').first().innerText();
    const language = page.locator('.language-switcher select');
    await language.selectOption('sv');
    await page.getByRole('heading', { name: 'Beredskap', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Lanseringsspärr' }).waitFor();
    await page.locator('.readiness-body[data-ready]').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.locator('.readiness-risks tbody th').first().innerText(), { timeout: 60_000 })
      .not.toBe(firstRiskEn);
    expect(await page.getByRole('link', { name: 'Ladda ner PDF-rapporten' }).getAttribute('href')).toBe(
      `/api/readiness/${campaignId}/report.pdf?lang=sv`,
    );
    await expectNoSeriousAxeViolations(page, 'readiness (sv)');
    await language.selectOption('en');
    await page.getByRole('heading', { name: 'Readiness', level: 1 }).waitFor();
  });
}
