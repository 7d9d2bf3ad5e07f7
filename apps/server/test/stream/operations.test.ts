import { serviceReadySchema } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadWorkspace, ingestLoad } from '../../bench/stream-load.ts';
import { createEmbeddedWorkStream } from '../../src/adapters/work-stream/embedded.work-stream.ts';
import type { WorkStream } from '../../src/adapters/work-stream/work-stream.ts';
import { loadConfig } from '../../src/config.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const TOKEN = 'metrics-token-for-tests-0123456789';

/** The value of one sample line, e.g. `ombud_pipeline_posts_total 120`. */
function sample(text: string, line: string): number {
  const escaped = line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = text.match(new RegExp(`^${escaped} (\\S+)$`, 'm'));
  if (!match?.[1]) throw new Error(`no sample "${line}" in:\n${text}`);
  return Number(match[1]);
}

describe.each(DATABASE_KINDS)('operations endpoints on %s', (kind) => {
  let database: TestDatabase;
  let workStream: WorkStream;
  let stopping = false;
  let app: HttpApp;
  let guarded: HttpApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workStream = createEmbeddedWorkStream({
      db: database.db,
      handlers: createJobRegistry(),
      log: silent,
      now: () => new Date(),
      concurrency: 1,
    });
    const base = { db: database.db, databaseKind: database.kind, secureCookies: false, logLevel: 'silent' };
    app = await buildHttpApp({
      ...base,
      operations: { role: 'all', workStream, concurrency: 1, isStopping: () => stopping },
    });
    guarded = await buildHttpApp({
      ...base,
      operations: { role: 'api', metricsToken: TOKEN, isStopping: () => false },
    });
  });
  afterAll(async () => {
    await app?.close();
    await guarded?.close();
    await workStream?.stop();
    await database?.close();
  });

  it('reports ready with each check, and not ready (503) once shutdown begins', async () => {
    const ready = await app.inject({ url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(serviceReadySchema.parse(ready.json())).toEqual({
      status: 'ready',
      role: 'all',
      checks: { database: { ok: true }, migrations: { ok: true }, accepting_work: { ok: true } },
    });
    stopping = true;
    const draining = await app.inject({ url: '/api/ready' });
    stopping = false;
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toMatchObject({
      status: 'not_ready',
      checks: { accepting_work: { ok: false, detail: 'shutting down: finishing in-flight work' } },
    });
  });

  it('serves Prometheus metrics: queue depth and lag before work, posts and latency after', async () => {
    const workspace = await createLoadWorkspace(database.db);
    await ingestLoad(database.db, workspace, 0, 120, { batchSize: 40 });
    const before = await app.inject({ url: '/metrics' });
    expect(before.statusCode).toBe(200);
    expect(before.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(before.body).toContain('# TYPE ombud_pipeline_latency_seconds histogram');
    expect(sample(before.body, 'ombud_queue_outbox_pending')).toBe(3);
    expect(sample(before.body, 'ombud_queue_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(before.body, 'ombud_pipeline_posts_total')).toBe(0);
    expect(sample(before.body, 'ombud_database_up')).toBe(1);

    expect(await workStream.drain()).toBe(3);
    const after = (await app.inject({ url: '/metrics' })).body;
    expect(sample(after, 'ombud_queue_outbox_pending')).toBe(0);
    expect(sample(after, 'ombud_pipeline_posts_total')).toBe(120);
    expect(sample(after, 'ombud_pipeline_latency_seconds_count')).toBe(120);
    expect(sample(after, 'ombud_pipeline_latency_seconds_bucket{le="+Inf"}')).toBe(120);
    expect(sample(after, 'ombud_worker_jobs_processed_total')).toBe(3);
    expect(sample(after, 'ombud_worker_in_flight')).toBe(0);
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    if (kind === 'postgres') expect(after).toContain('ombud_post_rows_inserted_total');
    // Every sample line is "name{labels} value": nothing a scraper would reject.
    for (const line of after.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_:][a-z0-9_:]*(\{[^}]*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/);
    }
  });

  it('asks for the metrics token when one is configured', async () => {
    expect((await guarded.inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await guarded.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await guarded.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('ombud_info{role="api"');
  });
});

describe('work-stream configuration', () => {
  it('chooses JetStream when NATS_URL is set, and asks for a PostgreSQL server with it', () => {
    expect(loadConfig({}).workStream).toEqual({ kind: 'embedded' });
    expect(
      loadConfig({ NATS_URL: 'nats://a:4222,nats://b:4222', DATABASE_URL: 'postgresql://db/ombud' })
        .workStream,
    ).toEqual({ kind: 'jetstream', servers: ['nats://a:4222', 'nats://b:4222'], stream: 'OMBUD' });
    // Every problem is listed at once.
    const invalid = () => loadConfig({ NATS_URL: 'nats://a:4222', OMBUD_METRICS_TOKEN: 'short' });
    expect(invalid).toThrow(/NATS_URL: needs DATABASE_URL/);
    expect(invalid).toThrow(/OMBUD_METRICS_TOKEN: must be at least 16 characters/);
  });
});
