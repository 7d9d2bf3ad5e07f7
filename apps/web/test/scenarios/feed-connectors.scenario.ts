import type { ConnectorRecordView } from '@ombud/contract';
import { expect, it } from 'vitest';
import {
  startConnectorSupervisor,
  type ConnectorSupervisor,
} from '../../../server/src/services/connector-supervisor.service.ts';
import {
  rss2Document,
  startFeedServer,
  type FeedTestServer,
} from '../../../server/test/support/feed-server.ts';
import {
  postCreated,
  startJetstreamServer,
  type JetstreamTestServer,
} from '../../../server/test/support/jetstream-server.ts';
import type { DashboardContext } from './dashboard-context.ts';

/**
 * Browser scenario for the Bluesky and RSS forms of Settings → Connectors: the owner adds an RSS
 * connector for a local feed host and a Bluesky connector for a local Jetstream, a supervisor runs
 * them, the screen shows what they stored, and both are removed. Leaves the page in English.
 */
export function feedConnectorsScenarios(context: () => DashboardContext): void {
  it('adds RSS and Bluesky connectors with their forms, shows their counts as they run, removes them', async () => {
    const { page, browser, base, database, expectNoSeriousAxeViolations } = context();
    let feeds: FeedTestServer | undefined;
    let jetstream: JetstreamTestServer | undefined;
    let supervisor: ConnectorSupervisor | undefined;
    try {
      feeds = await startFeedServer();
      jetstream = await startJetstreamServer();
      const now = Date.now();
      feeds.setFeed('/feed', {
        etag: '"s1"',
        body: rss2Document({
          title: 'Scenario blog',
          items: [1, 2].map((n) => ({
            id: `https://blog.example/scenario-${now}-${n}`,
            title: `Scenario entry ${n}`,
            html: `<p>Entry <script>window.__xss = ${n}</script>${n}</p>`,
            link: `https://blog.example/scenario-${n}/`,
            date: new Date(now - n * 60_000).toISOString(),
          })),
        }),
      });
      const rssName = `Feeds ${now.toString(36)}`;
      const blueskyName = `Bluesky ${now.toString(36)}`;

      await page.goto(`${base}/settings/connectors`);
      const uiLanguage = page.locator('.language-switcher select');
      if ((await uiLanguage.inputValue()) !== 'en') await uiLanguage.selectOption('en');
      await page.getByRole('heading', { name: 'Connectors', level: 1 }).waitFor();
      const form = page.locator('form.connector-form');
      const add = async () => {
        const created = page.waitForResponse(
          (response) => response.url().endsWith('/api/connectors') && response.request().method() === 'POST',
        );
        await form.getByRole('button', { name: 'Add connector' }).click();
        expect((await created).status()).toBe(201);
      };

      await form.getByLabel('Network').selectOption('rss');
      await form.getByLabel('Name', { exact: true }).fill(rssName);
      await form.getByLabel('Feed addresses').fill(feeds.url('/feed'));
      await form.getByLabel('Shortest interval (seconds)').fill('120');
      await expectNoSeriousAxeViolations(page, 'settings-connectors-rss');
      await add();

      await form.getByLabel('Network').selectOption('bluesky');
      await form.getByLabel('Name', { exact: true }).fill(blueskyName);
      await form.getByLabel('Keywords', { exact: true }).fill('ombudscenario');
      await form.getByLabel('Jetstream address').fill(jetstream.url);
      await form.getByLabel('Handle resolver').fill(jetstream.httpUrl);
      await uiLanguage.selectOption('es');
      await form.getByLabel('Dirección de Jetstream').waitFor();
      await uiLanguage.selectOption('sv');
      await form.getByLabel('Jetstream-adress').waitFor();
      await uiLanguage.selectOption('en');
      await expectNoSeriousAxeViolations(page, 'settings-connectors-bluesky');
      await add();

      const listed = (await (await browser.request.get(`${base}/api/connectors`)).json()) as {
        connectors: ConnectorRecordView[];
      };
      expect(listed.connectors.find((c) => c.name === rssName)).toMatchObject({
        kind: 'rss',
        settings: { feeds: [feeds.url('/feed')], pollIntervalSeconds: 120 },
      });
      expect(listed.connectors.find((c) => c.name === blueskyName)).toMatchObject({
        kind: 'bluesky',
        settings: {
          keywords: ['ombudscenario'],
          jetstreamUrl: jetstream.url,
          resolverUrl: jetstream.httpUrl,
        },
      });

      supervisor = startConnectorSupervisor({
        db: database.db,
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        scanMillis: 100,
        leaseMillis: 3000,
      });
      const rssRow = page.locator(`tr[data-connector="${rssName}"]`);
      const blueskyRow = page.locator(`tr[data-connector="${blueskyName}"]`);
      await expect
        .poll(() => rssRow.locator('td[data-counts]').textContent(), { timeout: 30_000 })
        .toBe('2 / 0 / 0');
      await expect.poll(() => jetstream?.subscriptions.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
      jetstream.publish([
        postCreated({
          did: 'did:plc:scenarioaaaaaaaaaaaaaaaa',
          rkey: `3kscen${now.toString(36)}`,
          text: 'Loving #OmbudScenario today',
          createdAt: new Date().toISOString(),
        }),
        postCreated({
          did: 'did:plc:scenarioaaaaaaaaaaaaaaaa',
          rkey: `3kother${now.toString(36)}`,
          text: 'unrelated',
        }),
      ]);
      await expect
        .poll(() => blueskyRow.locator('td[data-counts]').textContent(), { timeout: 30_000 })
        .toBe('1 / 0 / 0');

      for (const name of [rssName, blueskyName]) {
        const removed = page.waitForResponse(
          (response) =>
            response.url().includes('/api/connectors/') && response.request().method() === 'DELETE',
        );
        await page
          .locator(`tr[data-connector="${name}"]`)
          .getByRole('button', { name: `Remove ${name}` })
          .click();
        expect((await removed).status()).toBe(204);
        await page.locator(`tr[data-connector="${name}"]`).waitFor({ state: 'detached' });
      }
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await supervisor?.stop();
      await jetstream?.close();
      await feeds?.close();
    }
  }, 180_000);
}
