import type { AlertChannelRecord } from '@ombud/contract';
import { expect, it } from 'vitest';
import type { DashboardContext } from './dashboard-context.ts';

/**
 * Browser scenarios for Settings → Alert channels. Declared inside the dashboard test's describe block,
 * after the owner has signed in (English UI, demo workspace analysed); leaves the page signed in, in English.
 */
export function alertsScenarios(context: () => DashboardContext): void {
  it('adds a webhook alert channel with quiet hours, lists it, pings it and routes alerts to it', async () => {
    const { page, browser, base, expectNoSeriousAxeViolations } = context();
    const name = `Ops webhook ${Date.now().toString(36)}`;
    await page.goto(`${base}/settings/alerts`);
    const uiLanguage = page.locator('.language-switcher select');
    if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Alert channels', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add a channel' }).click();
    const form = page.locator('form[aria-labelledby="channel-form-title"]');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Language of the messages').selectOption('sv');
    await form.getByLabel('Time zone').fill('Europe/Stockholm');
    await form.getByLabel('Quiet hours start').fill('22:00');
    await form.getByLabel('Quiet hours end').fill('07:00');
    // Nothing listens there: the test ping must report the failure, not pretend.
    await form.getByLabel('Webhook URL').fill('http://127.0.0.1:9/ombud-alerts');
    await form.getByRole('button', { name: 'Save channel' }).click();

    const item = page.locator('.channel-item', { hasText: name });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/Europe\/Stockholm · quiet hours 22:00–07:00/);
    // The generated signing secret is shown once.
    expect((await page.locator('.key-reveal code.secret').textContent())?.length ?? 0).toBeGreaterThanOrEqual(
      16,
    );
    const channels = (await (
      await browser.request.get(`${base}/api/alert-channels`)
    ).json()) as AlertChannelRecord[];
    expect(channels.find((c) => c.name === name)).toMatchObject({
      kind: 'webhook',
      language: 'sv',
      timeZone: 'Europe/Stockholm',
      quietHours: { start: '22:00', end: '07:00' },
    });

    await item.getByRole('button', { name: 'Send test ping' }).click();
    await item.getByText(/Test ping failed/).waitFor({ timeout: 30_000 });

    const routeForm = page.locator('form[aria-labelledby="route-form-title"]');
    await routeForm.getByLabel('Channel', { exact: true }).selectOption({ label: name });
    await routeForm.getByLabel('Lowest severity').selectOption('critical');
    await routeForm.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('.route-list li', { hasText: `Critical and above, every kind → ${name}` }).waitFor();

    await expectNoSeriousAxeViolations(page, 'settings-alerts');
    await uiLanguage.selectOption('es');
    await page.getByRole('heading', { name: 'Canales de alerta', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Reglas de envío', level: 2 }).waitFor();
    await uiLanguage.selectOption('sv');
    await page.getByRole('heading', { name: 'Larmkanaler', level: 1 }).waitFor();
    await uiLanguage.selectOption('en');
    await page.getByRole('heading', { name: 'Alert channels', level: 1 }).waitFor();
  });
}
