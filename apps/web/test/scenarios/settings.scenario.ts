import type { Campaign, CampaignBrief, InboxItem, InboxItemDetail, UserSummary } from '@ombud/contract';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createJobRunner } from '../../../server/src/jobs/job-runner.ts';
import { createJobRegistry } from '../../../server/src/jobs/registry.ts';
import type { DashboardContext } from './dashboard-context.ts';

/**
 * The error text announced with a control (its aria-describedby `…-error` element), once the screen
 * has rendered the server's answer (the response can arrive before React marks the field).
 */
async function errorOf(page: Page, control: Locator): Promise<string | null> {
  await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
  const ids = (await control.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const errorId = ids.find((id) => id.endsWith('-error'));
  if (!errorId) return null;
  return page.evaluate((id) => document.getElementById(id)?.textContent ?? null, errorId);
}

/**
 * Browser scenarios for Settings → campaigns (brief editor), reply templates and team roles. Declared
 * inside the dashboard test's describe block after the owner has signed in; leaves the page in English.
 */
export function settingsScenarios(context: () => DashboardContext): void {
  it('edits a brief: adds a fact, sets a disclosure, shows the server’s objection at its field, saves and reloads', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations, screenshot } = context();
    const uiLanguage = page.locator('.language-switcher select');
    await page.goto(`${base}/settings/campaigns`);
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit Mi historia' }).click();
    await page.getByRole('heading', { name: 'Editing Mi historia' }).waitFor();
    const brief = page.getByRole('form', { name: 'Brief' });
    await brief.waitFor();

    await brief.getByRole('button', { name: 'Add a fact' }).click();
    const fact = brief.getByRole('region', { name: 'Fact 1' });
    await fact.getByLabel('Subject').fill('returns policy');
    await fact.getByLabel('Kind').selectOption('returns');
    await fact.getByLabel('Approved wording (English)').fill('Free returns within 30 days.');
    await fact.getByLabel('Keywords (English)').fill('return*, refund*');
    await fact.getByLabel('Approved wording (Swedish)').fill('Fri retur inom 30 dagar.');
    await fact.getByLabel('Keywords (Swedish)').fill('retur*');
    await fact.getByRole('button', { name: 'Add a figure' }).click();
    await fact.getByLabel('Value').fill('30');
    await fact.getByLabel('Unit').selectOption('day');

    // The researched Swedish rule, customised to "within the first characters" but without a count.
    await brief.getByRole('button', { name: 'Customise SE' }).click();
    const rule = brief.getByRole('region', { name: 'Rule 1' });
    expect(await rule.getByLabel('Market').inputValue()).toBe('SE');
    expect(await rule.getByLabel('Accepted labels').inputValue()).toBe('Reklam, #reklam, Annons, #annons');
    await rule.getByLabel('Placement').selectOption('first_chars');
    const save = async (status: number) => {
      const answer = page.waitForResponse(
        (response) => response.url().endsWith('/brief') && response.request().method() === 'PUT',
      );
      await brief.getByRole('button', { name: 'Save brief' }).click();
      expect((await answer).status()).toBe(status);
    };
    await save(400);
    const firstChars = rule.getByLabel('First characters');
    expect(await errorOf(page, firstChars)).toBe('Say within how many characters the label must begin.');
    await brief.getByRole('alert').getByText('disclosure.rules.0.firstChars').waitFor();
    await expectNoSeriousAxeViolations(page, 'settings-campaigns (validation error)');

    await firstChars.fill('125');
    await save(200);
    await brief.getByText(/^Brief saved\. Key messages: 0; facts: 1;/).waitFor();
    expect(await firstChars.getAttribute('aria-invalid')).toBeNull();
    await expectNoSeriousAxeViolations(page, 'settings-campaigns');
    await screenshot('settings-campaigns');

    // Stored: the API returns it, and a reload shows it in the editor.
    const campaigns = (await (await browser.request.get(`${base}/api/campaigns`)).json()) as Campaign[];
    const campaignId = campaigns.find((campaign) => campaign.name === 'Mi historia')?.id ?? '';
    const stored = (await (
      await browser.request.get(`${base}/api/campaigns/${campaignId}/brief`)
    ).json()) as CampaignBrief;
    expect(stored.brief.facts[0]).toMatchObject({
      subject: 'returns policy',
      kind: 'returns',
      text: { en: 'Free returns within 30 days.', sv: 'Fri retur inom 30 dagar.' },
      quantities: [{ value: 30, unit: 'day', markets: [] }],
    });
    expect(stored.brief.disclosure.rules).toEqual([
      expect.objectContaining({ market: 'SE', placement: 'first_chars', firstChars: 125 }),
    ]);
    await page.reload();
    await page.getByRole('button', { name: 'Edit Mi historia' }).click();
    const reloaded = page.getByRole('form', { name: 'Brief' });
    expect(await reloaded.getByRole('region', { name: 'Fact 1' }).getByLabel('Subject').inputValue()).toBe(
      'returns policy',
    );
    expect(
      await reloaded.getByRole('region', { name: 'Rule 1' }).getByLabel('First characters').inputValue(),
    ).toBe('125');

    // Keyboard: a part is added and removed with Enter on its buttons.
    await reloaded.getByRole('button', { name: 'Add a competitor' }).focus();
    await page.keyboard.press('Enter');
    const competitor = reloaded.getByRole('region', { name: 'Competitor 1' });
    await competitor.waitFor();
    await competitor.getByRole('button', { name: 'Remove Competitor 1' }).focus();
    await page.keyboard.press('Enter');
    await competitor.waitFor({ state: 'detached' });

    await uiLanguage.selectOption('sv');
    await page.getByRole('heading', { name: 'Redigerar Mi historia' }).waitFor();
    await page.getByText('Faktablad', { exact: true }).waitFor();
    await page.getByText('Reklammärkning per marknad', { exact: true }).waitFor();
    await uiLanguage.selectOption('es');
    await page.getByRole('heading', { name: 'Editando Mi historia' }).waitFor();
    await page.getByText('Hoja de datos', { exact: true }).waitFor();
    await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Editing Mi historia' }).waitFor();
  });

  it('deletes a campaign only once its name is typed, and the list no longer shows it', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations } = context();
    const created = await browser.request.post(`${base}/api/campaigns`, {
      data: { name: 'Pop-up test', keywords: ['popup'] },
    });
    expect(created.status()).toBe(201);
    await page.goto(`${base}/settings/campaigns`);
    await page.getByRole('button', { name: 'Edit Pop-up test' }).click();
    const form = page.getByRole('form', { name: 'Delete campaign' });
    const remove = form.getByRole('button', { name: 'Delete Pop-up test' });
    expect(await remove.isDisabled()).toBe(true);
    await form.getByLabel('Type Pop-up test to confirm').fill('Pop-up');
    expect(await remove.isDisabled()).toBe(true);
    await form.getByLabel('Type Pop-up test to confirm').fill('Pop-up test');
    await expectNoSeriousAxeViolations(page, 'settings-campaigns (delete)');
    const answer = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await remove.click();
    expect((await answer).status()).toBe(204);
    await page.getByRole('status').getByText('Campaign Pop-up test deleted.').waitFor();
    await page.getByRole('button', { name: 'Edit Pop-up test' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Edit Mi historia' }).waitFor();
  });

  it('creates a reply template with a variable, previews it, uses it in the inbox composer and retires it', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations, screenshot } = context();
    const api = browser.request;
    const uiLanguage = page.locator('.language-switcher select');
    await page.getByRole('navigation').getByRole('link', { name: 'Reply templates' }).click();
    await page.getByRole('heading', { name: 'Reply templates', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New template' }).click();
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel('Name').fill('Warranty answer');
    await form.getByLabel('Language').selectOption('en');
    await form
      .getByLabel('Text', { exact: true })
      .fill('Hi {{author}}, order {{order_no}} has a two-year warranty. {{agent}}');
    const preview = form.getByTestId('template-preview');
    expect(await preview.textContent()).toBe('Hi @maria, order {{order_no}} has a two-year warranty. Alex');
    await form
      .getByText('{{order_no}} is not filled automatically: the agent must type its value when replying.')
      .waitFor();
    await form.getByLabel('Sample value of order_no').fill('A-1');
    expect(await preview.textContent()).toBe('Hi @maria, order A-1 has a two-year warranty. Alex');
    // A typo is flagged before anyone receives it.
    await form.getByLabel('Text', { exact: true }).press('End');
    await form.getByLabel('Text', { exact: true }).pressSequentially(' {{ref');
    await form.getByText('“{{” is not a variable and will be sent as it is.').waitFor();
    await form
      .getByLabel('Text', { exact: true })
      .fill('Hi {{author}}, order {{order_no}} has a two-year warranty. {{agent}}');

    const created = page.waitForResponse(
      (response) => response.url().endsWith('/api/inbox/templates') && response.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Create template' }).click();
    expect((await created).status()).toBe(201);
    await page.getByText('“Warranty answer” saved.').waitFor();
    const row = page.getByRole('row', { name: /Warranty answer/ });
    await row.getByText('Approved').waitFor();
    await expectNoSeriousAxeViolations(page, 'settings-reply-templates');
    await screenshot('settings-reply-templates');

    await uiLanguage.selectOption('sv');
    await page.getByRole('heading', { name: 'Svarsmallar', level: 1 }).waitFor();
    await page
      .getByRole('row', { name: /Warranty answer/ })
      .getByText('Godkänd')
      .waitFor();
    await uiLanguage.selectOption('es');
    await page.getByRole('heading', { name: 'Plantillas de respuesta', level: 1 }).waitFor();
    await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Reply templates', level: 1 }).waitFor();

    // Used in the inbox composer on an English item one person may answer (no risk flag, not urgent).
    const answerable = async () => {
      for (const status of ['open', 'held'])
        for (const priority of ['normal', 'low', 'high']) {
          const items = (await (
            await api.get(`${base}/api/inbox/items?status=${status}&language=en&priority=${priority}&limit=1`)
          ).json()) as InboxItem[];
          const first = items[0];
          if (first && first.riskFlags.length === 0) return { id: first.id, status, priority };
        }
      return undefined;
    };
    let target = await answerable();
    if (!target) {
      // Earlier scenarios answered the demo's answerable items: a customer asks a new question.
      const campaigns = (await (await api.get(`${base}/api/campaigns`)).json()) as Campaign[];
      const demoCampaign = campaigns.find((campaign) => campaign.name === context().demo.campaignName);
      const imported = await api.post(`${base}/api/imports?campaignId=${demoCampaign?.id ?? ''}`, {
        headers: { 'content-type': 'application/x-ndjson' },
        data: JSON.stringify({
          id: `warranty-question-${Date.now()}`,
          text: 'How long is the warranty on the Nordvik kettle? #MyNordvikStory',
          lang: 'en',
          author: 'warranty_asker',
          followers: 40,
          created_at: new Date().toISOString(),
        }),
      });
      expect(await imported.json()).toMatchObject({ accepted: 1 });
      await createJobRunner({
        registry: createJobRegistry(),
        context: { db: context().database.db, now: () => new Date() },
        log: { info: () => undefined, warn: console.warn, error: console.error },
      }).drain();
      target = await answerable();
    }
    expect(target, 'an English item one person may answer').toBeDefined();
    const itemId = target?.id ?? '';
    await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
    await page.locator('.inbox[data-ready]').waitFor();
    const main = page.getByRole('main');
    await main.getByLabel('Status', { exact: true }).selectOption(target?.status ?? 'open');
    await main.getByLabel('Language', { exact: true }).selectOption('en');
    await main.getByLabel('Priority', { exact: true }).selectOption(target?.priority ?? '');
    const detail = page.locator(`.inbox-item[data-item-id="${itemId}"]`);
    await detail.waitFor();
    await detail.getByLabel('Template').selectOption({ label: 'Warranty answer' });
    await detail.getByLabel('Value for order_no').fill('B-42');
    const handle = (await detail.locator('.post-detail-author').innerText()).split(' ')[0] ?? '';
    const expected = `Hi ${handle}, order B-42 has a two-year warranty. Olga Owner`;
    expect(await detail.locator('.reply-preview-text').textContent()).toBe(expected);
    await detail.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    const recorded = (await (await api.get(`${base}/api/inbox/items/${itemId}`)).json()) as InboxItemDetail;
    expect(recorded.replies).toEqual([expect.objectContaining({ status: 'sent', body: expected })]);

    // Retired: gone from the list and from the API; the sent reply keeps its text.
    await page.getByRole('navigation').getByRole('link', { name: 'Reply templates' }).click();
    await page.getByRole('button', { name: 'Retire Warranty answer' }).click();
    const retired = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Retire' }).click();
    expect((await retired).status()).toBe(204);
    await page.getByText('“Warranty answer” is retired.').waitFor();
    // The notice comes with the answer; the list is reloaded after it, so wait for the row to go.
    await expect.poll(() => page.getByRole('row', { name: /Warranty answer/ }).count()).toBe(0);
    const after = (await (await api.get(`${base}/api/inbox/items/${itemId}`)).json()) as InboxItemDetail;
    expect(after.replies[0]?.body).toBe(expected);
  });

  it('changes a member’s role and removes a member, with the roles explained', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations, screenshot } = context();
    const added = await browser.request.post(`${base}/api/users`, {
      data: {
        email: 'tove@example.com',
        displayName: 'Tove Tester',
        password: 'a long enough password',
        role: 'viewer',
      },
    });
    expect(added.status()).toBe(201);
    await page.getByRole('navigation').getByRole('link', { name: 'Team' }).click();
    await page.getByText('Reads dashboards and reports; changes nothing.').waitFor();
    const row = page.getByRole('row', { name: /Tove Tester/ });
    await row.getByLabel('Tove Tester').selectOption('analyst');
    const changed = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await row.getByRole('button', { name: 'Change role of Tove Tester' }).click();
    expect((await changed).status()).toBe(200);
    await page.getByText('Tove Tester is now Analyst.').waitFor();
    const users = (await (await browser.request.get(`${base}/api/users`)).json()) as UserSummary[];
    expect(users.find((user) => user.email === 'tove@example.com')?.role).toBe('analyst');
    // Owners cannot remove themselves: their row offers no remove button.
    expect(
      await page
        .getByRole('row', { name: /Olga Owner/ })
        .getByRole('button', { name: /^Remove/ })
        .count(),
    ).toBe(0);
    await expectNoSeriousAxeViolations(page, 'settings-team');
    await screenshot('settings-team-roles');

    await page.getByRole('button', { name: 'Remove Tove Tester' }).click();
    const removed = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await page
      .getByRole('group', { name: 'Remove Tove Tester' })
      .getByRole('button', { name: 'Remove' })
      .click();
    expect((await removed).status()).toBe(204);
    await page.getByText('Tove Tester was removed.').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Tove Tester/ }).count()).toBe(0);

    const uiLanguage = page.locator('.language-switcher select');
    await uiLanguage.selectOption('sv');
    await page.getByText('Läser översikter och rapporter; ändrar ingenting.').waitFor();
    await uiLanguage.selectOption('es');
    await page.getByText('Lee paneles e informes; no cambia nada.').waitFor();
    await uiLanguage.selectOption('en');
  });
}
