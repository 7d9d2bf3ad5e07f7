import type { ConnectorRecordView } from '@ombud/contract';
import { expect, it } from 'vitest';
import {
  startConnectorSupervisor,
  type ConnectorSupervisor,
} from '../../../server/src/services/connector-supervisor.service.ts';
import { startMastodonServer, type MastodonServer } from '../../../server/test/support/mastodon-server.ts';
import type { DashboardContext } from './dashboard-context.ts';

/**
 * Browser scenario for Settings → Connectors: the owner adds a Mastodon connector pointing at a
 * local instance that speaks Mastodon's protocol, a supervisor (as in `ombud worker`) runs it, and
 * the screen shows what it stored; then it is switched off and removed. Leaves the page in English.
 */
export function connectorsScenarios(context: () => DashboardContext): void {
  it('adds a Mastodon connector, shows its status and counts as it runs, switches it off and removes it', async () => {
    const { page, browser, base, database, expectNoSeriousAxeViolations, screenshot } = context();
    let server: MastodonServer | undefined;
    let supervisor: ConnectorSupervisor | undefined;
    try {
      server = await startMastodonServer();
      server.postQuietly('ombudscenario', {
        text: 'First &lt;script&gt;window.__xss = 1&lt;/script&gt; post',
      });
      server.postQuietly('ombudscenario');
      server.postQuietly('ombudscenario');
      const name = `Fediverse ${Date.now().toString(36)}`;
      const token = `scenario-token-${Date.now()}`;

      await page.goto(`${base}/settings/connectors`);
      const uiLanguage = page.locator('.language-switcher select');
      if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
      await page.getByRole('heading', { name: 'Connectors', level: 1 }).waitFor();
      const form = page.locator('form.connector-form');
      await form.getByLabel('Network', { exact: true }).selectOption('mastodon');
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Instance', { exact: true }).fill(server.url);
      await form.getByLabel('Hashtags', { exact: true }).fill('#ombudscenario');
      await form.getByLabel('Polling interval (seconds)', { exact: true }).fill('5');
      await form.getByLabel('Access token', { exact: true }).fill(token);
      const created = page.waitForResponse(
        (response) => response.url().endsWith('/api/connectors') && response.request().method() === 'POST',
      );
      await form.getByRole('button', { name: 'Add connector' }).click();
      expect((await created).status()).toBe(201);

      const row = page.locator(`tr[data-connector="${name}"]`);
      await row.waitFor();
      const listed = (await (await browser.request.get(`${base}/api/connectors`)).json()) as {
        connectors: ConnectorRecordView[];
      };
      const connector = listed.connectors.find((c) => c.name === name);
      expect(connector).toMatchObject({
        kind: 'mastodon',
        enabled: true,
        secretsSet: ['accessToken'],
        settings: { instanceUrl: server.url, hashtags: ['ombudscenario'] },
      });
      expect(JSON.stringify(listed)).not.toContain(token);

      // A worker's supervisor takes the connector's lease and stores what the instance has.
      supervisor = startConnectorSupervisor({
        db: database.db,
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        scanMillis: 100,
        leaseMillis: 3000,
      });
      await expect
        .poll(() => row.locator('td[data-counts]').textContent(), { timeout: 30_000 })
        .toBe('3 / 0 / 0');
      await expect.poll(() => row.locator('td[data-status]').getAttribute('data-status')).toBe('running');
      expect(await row.innerText()).toMatch(/Running on /);
      await expectNoSeriousAxeViolations(page, 'settings-connectors');
      await page.getByRole('heading', { name: 'Connectors', level: 1 }).scrollIntoViewIfNeeded();
      await screenshot('settings-connectors');

      const disabled = page.waitForResponse(
        (response) => response.url().includes('/api/connectors/') && response.request().method() === 'PATCH',
      );
      await row.getByRole('button', { name: `Turn off ${name}` }).click();
      expect((await disabled).status()).toBe(200);
      await expect.poll(() => row.locator('td[data-status]').textContent(), { timeout: 20_000 }).toBe('Off');
      await expect.poll(() => supervisor?.running().length, { timeout: 20_000 }).toBe(0);

      await uiLanguage.selectOption('es');
      await page.getByRole('heading', { name: 'Conectores', level: 1 }).waitFor();
      await uiLanguage.selectOption('sv');
      await page.getByRole('heading', { name: 'Kopplingar', level: 1 }).waitFor();
      await uiLanguage.selectOption('en');
      await page.getByRole('heading', { name: 'Connectors', level: 1 }).waitFor();

      const removed = page.waitForResponse(
        (response) => response.url().includes('/api/connectors/') && response.request().method() === 'DELETE',
      );
      await row.getByRole('button', { name: `Remove ${name}` }).click();
      expect((await removed).status()).toBe(204);
      await row.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await supervisor?.stop();
      await server?.close();
    }
  }, 180_000);
}
