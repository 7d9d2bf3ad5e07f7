// `/metrics` shows each connector's figures: posts received by outcome, errors, rate-limit waits
// and the last success, taken from the connector rows the lease holder keeps up to date, so any
// process's scrape shows the same totals. Driven by a real run against the local Mastodon server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorCreateBodySchema } from '@ombud/contract';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { insertConnector } from '../../src/repositories/connector.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { startConnectorSupervisor } from '../../src/services/connector-supervisor.service.ts';
import { startMastodonServer } from '../support/mastodon-server.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The value of one sample line, e.g. `ombud_connector_errors_total{…} 2`. */
function sample(text: string, line: string): number {
  const escaped = line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = text.match(new RegExp(`^${escaped} (\\S+)$`, 'm'));
  if (!match?.[1]) throw new Error(`no sample "${line}" in:\n${text}`);
  return Number(match[1]);
}

describe.each(DATABASE_KINDS)('connector metrics on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await buildHttpApp({
      db: database.db,
      databaseKind: database.kind,
      secureCookies: false,
      logLevel: 'silent',
      operations: { role: 'api', isStopping: () => false },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('exposes posts received, errors, rate-limit waits and the last success per connector', async () => {
    const before = await app.inject({ url: '/metrics' });
    expect(before.body).not.toContain('ombud_connector_posts_received_total{');

    const mastodon = await startMastodonServer();
    const supervisor = startConnectorSupervisor({
      db: database.db,
      log: silent,
      scanMillis: 50,
      leaseMillis: 600,
      retryBaseMillis: 20,
    });
    try {
      const workspaceId = (await insertWorkspace(database.db, `metrics ${Math.random()}`)).id;
      mastodon.postQuietly('nordvik', { text: 'the Nordvik kettle is here' });
      mastodon.postQuietly('nordvik', { text: 'another Nordvik kettle post' });
      // The instance first asks to wait a second, then fails once: both are counted.
      mastodon.failNext({ pathPrefix: '/api/v1/timelines', status: 429, headers: { 'retry-after': '1' } });
      mastodon.failNext({ pathPrefix: '/api/v1/timelines', status: 503 });
      const body = connectorCreateBodySchema.parse({
        name: 'Fediverse "watch"',
        kind: 'mastodon',
        settings: {
          instanceUrl: mastodon.url,
          hashtags: ['nordvik'],
          streaming: false,
          pollIntervalSeconds: 60,
        },
      });
      const id = await insertConnector(database.db, {
        workspaceId,
        kind: body.kind,
        name: body.name,
        settings: body.settings,
        secrets: {},
        enabled: true,
      });
      const started = Date.now();
      await waitFor(
        () =>
          database.db
            .selectFrom('connector')
            .select('accepted')
            .where('id', '=', id!)
            .executeTakeFirstOrThrow(),
        (row) => Number(row.accepted) === 2,
      );
      await supervisor.stop();

      const response = await app.inject({ url: '/metrics' });
      expect(response.statusCode).toBe(200);
      const text = response.body;
      const labels = `connector="${id}",kind="mastodon",name="Fediverse \\"watch\\""`;
      expect(text).toContain('# TYPE ombud_connector_posts_received_total counter');
      expect(sample(text, `ombud_connector_posts_received_total{${labels},outcome="stored"}`)).toBe(2);
      expect(sample(text, `ombud_connector_posts_received_total{${labels},outcome="duplicate"}`)).toBe(0);
      expect(sample(text, `ombud_connector_posts_received_total{${labels},outcome="rejected"}`)).toBe(0);
      expect(sample(text, `ombud_connector_errors_total{${labels}}`)).toBe(1);
      expect(sample(text, `ombud_connector_rate_limit_waits_total{${labels}}`)).toBe(1);
      expect(sample(text, `ombud_connector_rate_limit_wait_seconds_total{${labels}}`)).toBe(1);
      const lastSuccess = sample(text, `ombud_connector_last_success_timestamp_seconds{${labels}}`);
      expect(lastSuccess * 1000).toBeGreaterThanOrEqual(started - 1000);
      expect(lastSuccess * 1000).toBeLessThanOrEqual(Date.now() + 1000);
      expect(sample(text, `ombud_connector_status{${labels},status="idle"}`)).toBe(1);
      expect(sample(text, `ombud_connector_status{${labels},status="running"}`)).toBe(0);
      expect(sample(text, `ombud_connector_post_changes_total{${labels},change="deleted"}`)).toBe(0);
      expect(text).not.toContain(`ombud_connector_last_error_timestamp_seconds{${labels}}`);
    } finally {
      await supervisor.stop();
      await mastodon.close();
    }
  });
});
