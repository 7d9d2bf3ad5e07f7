import type { IncidentDetail, IncidentSummary, PostListItem } from '@ombud/contract';
import { expect, it } from 'vitest';
import type { DashboardContext } from './dashboard-context.ts';

/**
 * Browser scenarios for the crisis screen. Declared inside the dashboard test's describe block, after
 * the owner has signed in (English UI, demo workspace analysed); leave the page signed in, in English.
 */
export function crisisScenarios(context: () => DashboardContext): void {
  it('shows the demo’s Spanish rumour incident in the crisis room and ticks a playbook step', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations, screenshot, demo } = context();
    const get = async <T>(path: string): Promise<T> => {
      const response = await browser.request.get(`${base}${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    };
    const campaigns = await get<{ id: string; name: string }[]>('/api/campaigns');
    const demoCampaign = campaigns.find((campaign) => campaign.name === demo.campaignName);
    expect(demoCampaign).toBeDefined();
    const incidents = await get<IncidentSummary[]>('/api/incidents');
    // The demo stream carries a Spanish defect rumour that spreads to English: after analysis it is
    // one incident, first in Spanish.
    const rumour = incidents.find(
      (incident) => incident.campaignId === demoCampaign?.id && incident.languages[0] === 'es',
    );
    expect(rumour, `incidents after analysis: ${JSON.stringify(incidents)}`).toBeDefined();
    if (!rumour) return;

    // Reached by address and switched to English, so an earlier scenario that stopped half-way
    // (on another screen, in another language) does not take this one down with it.
    await page.goto(`${base}/crisis`);
    const uiLanguage = page.locator('.language-switcher select');
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Crisis room', level: 1 }).waitFor();
    await page.locator(`.incident-item[data-incident="${rumour.id}"]`).click();
    const room = page.locator(`.incident-room[data-incident="${rumour.id}"]`);
    await room.waitFor();
    await room.getByRole('heading', { name: rumour.titles.en, level: 2 }).waitFor();

    // The volume chart renders with the incident's moments marked.
    const chart = room.locator('.crisis-chart-svg');
    const box = await chart.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(100);
    const bars = await chart.locator('rect.bar-posts').count();
    const markers = await chart.locator('.incident-marker').count();
    expect(bars).toBeGreaterThan(10);
    expect(markers).toBeGreaterThanOrEqual(2);
    expect(await chart.getAttribute('aria-label')).toMatch(/Detected in Spanish/);

    // Driving posts are the stored posts, shown as text exactly as written.
    const drivers = await get<PostListItem[]>(`/api/incidents/${rumour.id}/posts`);
    expect(drivers.length).toBeGreaterThan(0);
    await expect.poll(() => room.locator('.driver-text').count()).toBe(drivers.length);
    expect(await room.locator('.driver-text').first().textContent()).toBe(drivers[0]?.text);
    expect(await room.locator('.driver-posts img, .driver-posts script').count()).toBe(0);
    // Evidence in words, holding statement drafted in Spanish, timeline from the engine.
    expect(await room.locator('.crisis-evidence').innerText()).toMatch(/observed against/);
    expect(await room.locator('.statement[data-language="es"] textarea').inputValue()).not.toBe('');
    expect(await room.locator('.crisis-timeline li[data-kind="opened"]').count()).toBe(1);

    // Tick the first open playbook step, and check the server holds it.
    const me = await get<{ id: string }>('/api/auth/me');
    const step = room.locator('.playbook-steps li[data-done="false"]').first();
    const key = await step.getAttribute('data-step');
    expect(key).toBeTruthy();
    // The box is controlled by the server's answer: click, then wait for the step to read as done
    // (Playwright's check() fails when the state has not flipped by the time the click returns).
    await step.getByRole('checkbox').click();
    await room.locator(`.playbook-steps li[data-step="${key}"][data-done="true"]`).waitFor();
    const detail = await get<IncidentDetail>(`/api/incidents/${rumour.id}`);
    const ticked = detail.playbook.find((s) => s.key === key);
    expect(ticked?.doneAt).not.toBeNull();
    expect(ticked?.doneBy).toBe(me.id);
    expect(detail.timeline.some((e) => e.kind === 'playbook_step')).toBe(true);
    const done = detail.playbook.filter((s) => s.doneAt !== null).length;

    console.log(
      `[web] crisis room: incident "${rumour.titles.en}" ${rumour.severity}/${rumour.status}, languages ` +
        `${rumour.languages.join('+')}, markets ${rumour.markets.join('+') || '-'}, detected ${rumour.detectedAt}; ` +
        `${drivers.length} driving posts, ${bars} hourly bars, ${markers} markers, ${detail.timeline.length} timeline events; ` +
        `ticked step "${key}" (${done}/${detail.playbook.length} done)`,
    );
    await expectNoSeriousAxeViolations(page, 'crisis');
    // The screen's top (title, first panels) is the picture worth keeping.
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await screenshot('crisis');

    // In Spanish the room's own texts and the incident title change language.
    const language = page.locator('.language-switcher select');
    await language.selectOption('es');
    await page.getByRole('heading', { name: 'Sala de crisis', level: 1 }).waitFor();
    await room.getByRole('heading', { name: 'Protocolo' }).waitFor();
    await room.getByRole('heading', { name: rumour.titles.es, level: 2 }).waitFor();
    expect(await room.locator('.playbook').innerText()).toMatch(/pasos hechos/);
    await expectNoSeriousAxeViolations(page, 'crisis (es)');
    await language.selectOption('en');
    await page.getByRole('heading', { name: 'Crisis room', level: 1 }).waitFor();
  });
}
