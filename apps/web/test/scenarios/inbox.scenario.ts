import type { Campaign, InboxItem, InboxItemDetail, InboxTemplate } from '@ombud/contract';
import { expect, it } from 'vitest';
import { createJobRunner } from '../../../server/src/jobs/job-runner.ts';
import { createJobRegistry } from '../../../server/src/jobs/registry.ts';
import type { DashboardContext } from './dashboard-context.ts';

const ORDER = 'A-7731';

/**
 * Browser scenarios for the inbox screen. Declared inside the dashboard test's describe block, after
 * the owner has signed in (English UI, demo workspace analysed); leave the page signed in, in English.
 */
export function inboxScenarios(context: () => DashboardContext): void {
  let itemId = '';
  let level = '';

  it('answers an inbox item with an approved template, by keyboard and buttons', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations } = context();
    const api = browser.request;
    // Approved templates in each language (owners write them); {{order}} is asked for, the rest filled.
    for (const [language, body] of [
      ['en', 'Hi {{author}}, {{agent}} here. Order {{order}} gets a free replacement kettle.'],
      ['es', 'Hola {{author}}, soy {{agent}}. El pedido {{order}} tendrá un hervidor nuevo.'],
      ['sv', 'Hej {{author}}, {{agent}} här. Order {{order}} får en ny vattenkokare.'],
    ] as const) {
      const created = await api.post(`${base}/api/inbox/templates`, {
        data: { name: `Replacement (${language})`, language, body },
      });
      expect(created.status()).toBe(201);
      expect(((await created.json()) as InboxTemplate).approved).toBe(true);
    }
    // An open English item the two-person rule lets one person answer: no risk flag, not urgent.
    for (const candidate of ['normal', 'low', 'high']) {
      const items = (await (
        await api.get(`${base}/api/inbox/items?status=open&language=en&priority=${candidate}&limit=1`)
      ).json()) as InboxItem[];
      const first = items[0];
      if (first && first.riskFlags.length === 0) {
        itemId = first.id;
        level = candidate;
        break;
      }
    }
    expect(itemId, 'the analysed demo has an open English item without risk flags').not.toBe('');

    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.locator('.inbox[data-ready]').waitFor();
    expect(await page.locator('.inbox-shortcuts').innerText()).toMatch(/j\/k move · Enter open · r reply/);
    // The header counts unread alerts, live.
    await expect.poll(() => page.locator('.live-alerts').innerText()).toMatch(/^\d+ unread alerts?$/);

    const listbox = page.getByRole('listbox', { name: 'Inbox items, most urgent first' });
    await listbox.waitFor();
    // Keyboard: j and k move through the queue as the arrow keys do.
    if (Number(await listbox.getAttribute('data-total-rows')) > 1) {
      await listbox.focus();
      await page.keyboard.press('j');
      await expect.poll(() => listbox.getAttribute('aria-activedescendant')).toBe('inbox-item-1');
      await page.keyboard.press('k');
      await expect.poll(() => listbox.getAttribute('aria-activedescendant')).toBe('inbox-item-0');
    }

    const main = page.getByRole('main');
    await main.getByLabel('Language', { exact: true }).selectOption('en');
    await main.getByLabel('Priority', { exact: true }).selectOption(level);
    const detail = page.locator(`.inbox-item[data-item-id="${itemId}"]`);
    await detail.waitFor();
    // The post is shown as text, with the rules that set its priority and its SLA clocks.
    expect(await detail.locator('.evidence-list').first().locator('li').count()).toBeGreaterThan(0);
    expect(await detail.locator('.sla-clock').count()).toBe(2);

    // r focuses the template picker; Enter would open the item's heading.
    await listbox.focus();
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await detail.getByLabel('Template').selectOption({ label: 'Replacement (en)' });
    await detail.getByLabel('Value for order').fill(ORDER);
    const handle = (await detail.locator('.post-detail-author').innerText()).split(' ')[0] ?? '';
    expect(await detail.locator('.reply-preview-text').textContent()).toBe(
      `Hi ${handle}, Olga Owner here. Order ${ORDER} gets a free replacement kettle.`,
    );
    await expectNoSeriousAxeViolations(page, 'inbox');
    await context().screenshot('inbox');
    await detail.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();

    // The API recorded the reply for that item, filled in, and resolved it.
    const recorded = (await (await api.get(`${base}/api/inbox/items/${itemId}`)).json()) as InboxItemDetail;
    expect(recorded.replies).toEqual([
      expect.objectContaining({
        status: 'sent',
        body: `Hi ${handle}, Olga Owner here. Order ${ORDER} gets a free replacement kettle.`,
      }),
    ]);
    expect(recorded.status).toBe('resolved');
    expect(recorded.firstResponseAt).not.toBeNull();
  });

  it('shows a new inbox item live, without reloading the page', async () => {
    const { page, browser, base, database } = context();
    const api = browser.request;
    const main = page.getByRole('main');
    await main.getByLabel('Priority', { exact: true }).selectOption('');
    await page.locator('.inbox[data-ready]').waitFor();
    await page.evaluate(() => {
      (window as unknown as { __sameDocument?: boolean }).__sameDocument = true;
    });
    const campaigns = (await (await api.get(`${base}/api/campaigns`)).json()) as Campaign[];
    const demoCampaign = campaigns.find((campaign) => campaign.name === context().demo.campaignName);
    expect(demoCampaign).toBeDefined();
    const imported = await api.post(`${base}/api/imports?campaignId=${demoCampaign?.id ?? ''}`, {
      headers: { 'content-type': 'application/x-ndjson' },
      data: JSON.stringify({
        id: `live-${Date.now()}`,
        text: 'My Nordvik Kettle Pro leaks from the lid after two days. How do I get a refund? #MyNordvikStory',
        lang: 'en',
        author: 'live_customer',
        followers: 4200,
        created_at: new Date().toISOString(),
      }),
    });
    expect(await imported.json()).toMatchObject({ accepted: 1 });
    // What `ombud start` does in the background: analyse the post and run the inbox stage.
    await createJobRunner({
      registry: createJobRegistry(),
      context: { db: database.db, now: () => new Date() },
      log: { info: () => undefined, warn: console.warn, error: console.error },
    }).drain();
    const items = (await (
      await api.get(`${base}/api/inbox/items?status=open&language=en&limit=200`)
    ).json()) as InboxItem[];
    const created = items.find((item) => item.authorHandle === 'live_customer');
    expect(created, 'the new post became an open inbox item').toBeDefined();

    // Pushed by the event stream: the notice and the row arrive with no reload.
    await page.locator('.inbox-live').getByText('1 new item arrived').waitFor({ timeout: 20_000 });
    const listbox = page.getByRole('listbox', { name: 'Inbox items, most urgent first' });
    const found = await listbox.evaluate(async (element, id) => {
      for (let top = 0; top <= element.scrollHeight; top += element.clientHeight) {
        element.scrollTop = top;
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        if (element.querySelector(`[data-item-id="${id}"]`)) return true;
      }
      return false;
    }, created?.id ?? '');
    expect(found).toBe(true);
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  });

  it('speaks Spanish and Swedish, and shows clusters', async () => {
    const { page, expectNoSeriousAxeViolations } = context();
    const language = page.locator('.language-switcher select');
    try {
      await speaksSpanishAndSwedish();
    } finally {
      // The next scenarios expect English, whatever happened here.
      await language.selectOption('en');
    }
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    async function speaksSpanishAndSwedish() {
      await language.selectOption('es');
      await page.getByRole('heading', { name: 'Bandeja de entrada', level: 1 }).waitFor();
      expect(await page.locator('.inbox-shortcuts').innerText()).toContain('Teclas:');
      expect(await page.getByRole('main').getByLabel('Prioridad', { exact: true }).count()).toBe(1);
      await expect.poll(() => page.locator('.live-alerts').innerText()).toMatch(/alertas? sin leer$/);
      await language.selectOption('sv');
      await page.getByRole('heading', { name: 'Inkorg', level: 1 }).waitFor();
      expect(await page.getByRole('button', { name: 'Kluster', exact: true }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page, 'inbox (sv)');
    }

    await page.getByRole('button', { name: 'Clusters', exact: true }).click();
    const table = page.getByRole('table', { name: 'Near-duplicate clusters, most open items first' });
    const empty = page.getByText('No open clusters.');
    await table.or(empty).waitFor();
    if (await table.count()) {
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
      await table.getByRole('button', { name: 'Reply to cluster' }).first().click();
      await page.getByRole('heading', { name: 'Reply once to the whole cluster' }).waitFor();
    }
    await expectNoSeriousAxeViolations(page, 'inbox clusters');
    await page.getByRole('button', { name: 'Items', exact: true }).click();
  });
}
