import { readFile } from 'node:fs/promises';
import type { IncidentSummary } from '@ombud/contract';
import { expect, it } from 'vitest';
import type { DashboardContext } from './dashboard-context.ts';

/**
 * Browser scenarios for the listening screen, the mentions search and the overview's listening
 * panels. Declared inside the dashboard test's describe block, after the owner has signed in
 * (English UI, demo workspace analysed); leave the page signed in, in English.
 */
export function listeningScenarios(context: () => DashboardContext): void {
  const english = async () => {
    const { page } = context();
    const uiLanguage = page.locator('.language-switcher select');
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
  };
  const demoIds = async () => {
    const { browser, base, demo } = context();
    const get = async <T>(path: string) => (await (await browser.request.get(`${base}${path}`)).json()) as T;
    const campaigns = await get<{ id: string; name: string }[]>('/api/campaigns');
    const campaignId = campaigns.find((campaign) => campaign.name === demo.campaignName)?.id ?? '';
    const incidents = await get<IncidentSummary[]>('/api/incidents');
    const rumour = incidents.find(
      (incident) => incident.campaignId === campaignId && incident.languages[0] === 'es',
    );
    return { campaignId, rumour };
  };

  it('shows the crisis narrative in Spanish and English, trending terms, and the competitor in share of voice', async () => {
    const { page, base, demo, expectNoSeriousAxeViolations, screenshot } = context();
    const { campaignId, rumour } = await demoIds();
    expect(campaignId).not.toBe('');
    expect(rumour).toBeDefined();

    await page.goto(`${base}/listening`);
    await english();
    await page.getByRole('heading', { name: 'Listening', level: 1 }).waitFor();
    await page.getByRole('main').getByLabel('Campaign').selectOption({ label: demo.campaignName });
    await page.locator('.listening-body[data-ready]').waitFor({ timeout: 120_000 });
    // The hours around the incident: the rumour is a new narrative in both languages.
    await page
      .getByRole('main')
      .getByLabel('Period')
      .selectOption(`incident:${rumour?.id ?? ''}`);
    await page.locator('.listening-body[data-ready]').waitFor({ timeout: 120_000 });
    const label = (language: string) =>
      page
        .locator(`.narrative[data-language="${language}"]`, { has: page.locator('.badge.is-new') })
        .locator('.narrative-label');
    await expect
      .poll(async () => (await label('es').allInnerTexts()).join(' | '))
      .toMatch(/tapa|explot|sobrecalient/);
    expect((await label('en').allInnerTexts()).join(' | ')).toMatch(/lid|explod|overheat/);
    // Representative posts are shown as text.
    const esNarrative = page.locator('.narrative[data-language="es"]').first();
    await esNarrative.locator('summary').click();
    expect(await esNarrative.locator('.narrative-posts .post-text').count()).toBeGreaterThan(0);
    expect(await page.locator('main script, main img').count()).toBe(0);

    // Share of voice: the brand and the demo competitor, with a line each in the chart.
    const kettlo = page.locator('.share-of-voice tr[data-subject="Kettlo"]');
    await kettlo.waitFor();
    expect(await kettlo.locator('td').first().innerText()).toMatch(/^\d/);
    expect(await page.locator('.share-of-voice .sov-line').count()).toBeGreaterThanOrEqual(2);
    const box = await page.locator('.share-of-voice .sov-chart svg').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    // Trending phrases against the baseline, and the influencers table.
    expect(await page.locator('.trending-table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.influencers-table tbody tr').count()).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page, 'listening');
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.getElementById('main')?.scrollTo(0, 0);
    });
    await screenshot('listening');

    const uiLanguage = page.locator('.language-switcher select');
    await uiLanguage.selectOption('es');
    await page.getByRole('heading', { name: 'Escucha', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Narrativas' }).waitFor();
    await page.getByRole('heading', { name: 'Cuota de voz' }).waitFor();
    await uiLanguage.selectOption('sv');
    await page.getByRole('heading', { name: 'Berättelser' }).waitFor();
    await page.getByRole('heading', { name: 'Andel av rösten' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'listening (sv)');
    await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Listening', level: 1 }).waitFor();
  });

  it('searches mentions with filters, saves the search and exports it as CSV and JSON', async () => {
    const { page, base, demo, expectNoSeriousAxeViolations } = context();
    await page.goto(`${base}/mentions`);
    await english();
    await page.getByRole('heading', { name: 'Mentions', level: 1 }).waitFor();
    const main = page.getByRole('main');
    await main.getByLabel('Campaign').selectOption({ label: demo.campaignName });
    await main.getByLabel('Language', { exact: true }).selectOption('es');
    await main.getByLabel('Sentiment').selectOption('negative');
    await main.getByLabel('Words in the text').fill('tapa');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const count = page.locator('.result-count');
    const rows = page.locator('.post-row');
    // The unfiltered list shown before the click also has a count: wait for the search's own rows.
    await expect
      .poll(async () => {
        const counted = /^\d[\d,]* posts?/.test((await count.textContent()) ?? '');
        const badges = await page.locator('.post-row .sentiment-badge').allInnerTexts();
        const texts = await page.locator('.post-row-text').allInnerTexts();
        return (
          counted &&
          badges.length > 0 &&
          badges.every((badge) => badge === 'Negative') &&
          texts.every((text) => text.toLowerCase().includes('tapa'))
        );
      })
      .toBe(true);
    expect(await rows.count()).toBeGreaterThan(0);
    const shown = Number((await count.textContent())?.replace(/\D/g, ''));

    // The export carries the same search.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^ombud-mentions-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvText = await readFile((await csv.path()) ?? '', 'utf8');
    const csvLines = csvText.trim().split(/\r\n/);
    expect(csvLines[0]).toContain('external_id');
    if (!(await count.textContent())?.includes('more load')) expect(csvLines.length - 1).toBe(shown);
    else expect(csvLines.length - 1).toBeGreaterThanOrEqual(shown);
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const exported = JSON.parse(await readFile((await json.path()) ?? '', 'utf8')) as unknown;
    expect(Array.isArray(exported) && exported.length).toBe(csvLines.length - 1);
    expect(JSON.stringify(exported)).toContain('tapa');

    // Saved, then found again in a fresh page.
    const name = `Spanish lid complaints ${Date.now()}`;
    await main.getByLabel('Name for this filter').fill(name);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(`Saved “${name}”.`).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Mentions', level: 1 }).waitFor();
    await main.getByLabel('Saved', { exact: true }).selectOption({ label: name });
    await expect.poll(async () => main.getByLabel('Words in the text').inputValue()).toBe('tapa');
    await expect.poll(async () => Number((await count.textContent())?.replace(/\D/g, ''))).toBe(shown);
    await expectNoSeriousAxeViolations(page, 'mentions search');
  });

  it('shows share of voice, open incidents and SLA health on the overview, each linking to its screen', async () => {
    const { page, base, expectNoSeriousAxeViolations, screenshot } = context();
    await page.goto(`${base}/overview`);
    await english();
    await page.locator('.overview[data-ready]').waitFor();
    await page.locator('.overview-sov tr[data-subject="Kettlo"]').waitFor({ timeout: 60_000 });
    await page.locator('.overview-incidents .tile-value').waitFor();
    expect(await page.locator('.overview-incidents .tile-value').innerText()).toMatch(
      /^\d+ open incidents?$/,
    );
    await page.locator('.overview-sla dl').waitFor();
    expect(await page.locator('.overview-sla').innerText()).toContain('First response on time');
    await expectNoSeriousAxeViolations(page, 'overview with listening');
    await screenshot('overview');
    await page.locator('.overview-incidents').getByRole('link', { name: 'Open the crisis room' }).click();
    await page.getByRole('heading', { name: 'Crisis room', level: 1 }).waitFor();
    await page.goBack();
    await page.locator('.overview-sov').getByRole('link', { name: 'Open listening' }).click();
    await page.getByRole('heading', { name: 'Listening', level: 1 }).waitFor();
  });
}
