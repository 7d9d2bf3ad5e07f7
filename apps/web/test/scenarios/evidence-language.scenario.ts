import type { Campaign, InboxItem, InboxItemDetail } from '@ombud/contract';
import { expect, it } from 'vitest';
import { createJobRunner } from '../../../server/src/jobs/job-runner.ts';
import { createJobRegistry } from '../../../server/src/jobs/registry.ts';
import type { DashboardContext } from './dashboard-context.ts';

const FOLLOWERS = 48_000;
const HANDLE = 'evidence_reader';
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * Judgements in the reader's language: an inbox item's priority rules and reasons, and the words
 * behind its post's analysis marked in the text, in English and then Swedish. Runs signed in as the
 * owner; leaves the page in English.
 */
export function evidenceLanguageScenarios(context: () => DashboardContext): void {
  it('shows an item’s priority evidence and the words behind its analysis in the user’s language', async () => {
    const { page, browser, base, database, expectNoSeriousAxeViolations } = context();
    const api = browser.request;
    const uiLanguage = page.locator('.language-switcher select');
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');

    const campaigns = (await (await api.get(`${base}/api/campaigns`)).json()) as Campaign[];
    const demo = campaigns.find((campaign) => campaign.name === context().demo.campaignName);
    expect(demo).toBeDefined();
    const imported = await api.post(`${base}/api/imports?campaignId=${demo?.id ?? ''}`, {
      headers: { 'content-type': 'application/x-ndjson' },
      data: JSON.stringify({
        id: `evidence-${Date.now()}`,
        text: 'My Nordvik kettle is awful, it leaks everywhere. Really bad service! How do I get a refund?',
        lang: 'en',
        author: HANDLE,
        followers: FOLLOWERS,
        created_at: new Date().toISOString(),
      }),
    });
    expect(await imported.json()).toMatchObject({ accepted: 1 });
    await createJobRunner({
      registry: createJobRegistry(),
      context: { db: database.db, now: () => new Date() },
      log: { info: () => undefined, warn: console.warn, error: console.error },
    }).drain();
    const row = await database.db
      .selectFrom('inbox_item')
      .innerJoin('post', 'post.id', 'inbox_item.post_id')
      .innerJoin('author', 'author.id', 'post.author_id')
      .select(['inbox_item.id'])
      .where('author.handle', '=', HANDLE)
      .executeTakeFirstOrThrow();
    const itemId = String(row.id);
    // The demo queue is long: the owner takes the item, and the screen shows "Mine" only.
    const me = (await (await api.get(`${base}/api/auth/me`)).json()) as { id: string };
    const profile = await api.put(`${base}/api/inbox/agents/${me.id}`, {
      data: { languages: ['en', 'es', 'sv'], maxLoad: 1000 },
    });
    expect(profile.status()).toBe(200);
    expect(
      (await api.post(`${base}/api/inbox/items/${itemId}/assign`, { data: { agentId: me.id } })).status(),
    ).toBe(200);
    const item = (await (await api.get(`${base}/api/inbox/items/${itemId}`)).json()) as InboxItemDetail;
    expect(item.currentPriority.evidence.map((e) => e.code)).toContain('priority.reach');
    expect(item.reasons.map((e) => e.code)).toContain('needsHuman.intent');
    expect(item.assignmentEvidence.map((e) => e.code)).toEqual(['routing.manual']);

    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    await page.locator('.inbox[data-ready]').waitFor();
    const main = page.getByRole('main');
    await main.getByLabel('Whose', { exact: true }).selectOption('mine');
    await main.getByLabel('Language', { exact: true }).selectOption('en');
    await main.getByLabel('Priority', { exact: true }).selectOption(item.priority.level);
    await main.getByLabel('Status', { exact: true }).selectOption(item.status);
    // The queue's order is the API's: find the item's place and walk to it with the keyboard.
    const queue = (await (
      await api.get(
        `${base}/api/inbox/items?assignee=me&status=${item.status}&language=en&priority=${item.priority.level}&limit=200`,
      )
    ).json()) as InboxItem[];
    const place = queue.findIndex((entry) => entry.id === itemId);
    expect(place, 'the item is in the owner’s queue').toBeGreaterThanOrEqual(0);
    const listbox = page.getByRole('listbox', { name: 'Inbox items, most urgent first' });
    await page.locator(`.inbox-item[data-item-id="${queue[0]?.id ?? ''}"]`).waitFor();
    await listbox.focus();
    for (let step = 0; step < place; step += 1) await page.keyboard.press('j');
    await expect.poll(() => listbox.getAttribute('aria-activedescendant')).toBe(`inbox-item-${place}`);
    const detail = page.locator(`.inbox-item[data-item-id="${itemId}"]`);
    await detail.waitFor();

    const reach = detail.locator('li[data-code="priority.reach"]');
    const intent = detail.locator('li[data-code="needsHuman.intent"]').first();
    const assignment = detail.locator('li[data-code="routing.manual"]');
    const groups = detail.locator('.post-evidence .evidence-groups');
    await groups.waitFor();
    expect(spaces(await reach.innerText())).toContain(
      `${new Intl.NumberFormat('en').format(FOLLOWERS)} followers`,
    );
    expect(await intent.innerText()).toMatch(/\(confidence \d\.\d\d\)/);
    expect(await assignment.innerText()).toBe('Assigned by hand');
    expect(await groups.innerText()).toMatch(/Sentiment: Negative/);
    // The words that made the post negative are marked in the post's own text (text nodes, not HTML).
    const marks = detail.locator('.post-evidence mark.evidence-mark.is-negative');
    expect(await marks.count()).toBeGreaterThan(0);
    const marked = (await marks.allInnerTexts()).map((word) => word.toLowerCase());
    expect(marked.some((word) => ['awful', 'bad', 'leaks'].includes(word))).toBe(true);
    expect(await detail.locator('.post-evidence .post-text').innerText()).toBe(
      'My Nordvik kettle is awful, it leaks everywhere. Really bad service! How do I get a refund?',
    );

    await uiLanguage.selectOption('sv');
    await expect
      .poll(async () => spaces(await reach.innerText()))
      .toContain(`${new Intl.NumberFormat('sv').format(FOLLOWERS).replace(/[\u00a0\u202f]/g, ' ')} följare`);
    expect(await intent.innerText()).toMatch(/\(säkerhet \d,\d\d\)/);
    expect(await assignment.innerText()).toBe('Tilldelat för hand');
    expect(await groups.innerText()).toMatch(/Ton: Negativt/);
    expect(await detail.locator('.post-evidence .evidence-rule').allInnerTexts()).toContain('serviceord');
    await expectNoSeriousAxeViolations(page, 'inbox evidence (sv)');
    await context().screenshot('inbox-evidence-sv');

    await uiLanguage.selectOption('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).waitFor();
  });
}
