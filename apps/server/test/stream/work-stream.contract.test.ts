import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedWorkStream } from '../../src/adapters/work-stream/embedded.work-stream.ts';
import {
  JETSTREAM_CONSUMER,
  jobSubjectRoot,
  openJetStreamWorkStream,
} from '../../src/adapters/work-stream/jetstream.work-stream.ts';
import { runJobOnce, type JobHandlers } from '../../src/adapters/work-stream/run-once.ts';
import type { WorkStream } from '../../src/adapters/work-stream/work-stream.ts';
import type { Database } from '../../src/db/schema.ts';
import type { JobHandler } from '../../src/jobs/job-registry.ts';
import { claimJobs, enqueueJobs } from '../../src/repositories/job.repository.ts';
import { lockClaimedJob } from '../../src/repositories/stream.repository.ts';
import { startNatsServer, type TestNatsServer } from '../support/nats-server.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-database.ts';

// One contract for every work-stream implementation (CONVENTIONS §9): what a producer writes in a
// committed transaction is handled, and changes the database exactly once, whatever fails.

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface OpenOptions {
  concurrency?: number;
  maxAttempts?: number;
}

interface Harness {
  name: string;
  databaseKind: DatabaseKind;
  setUp(): Promise<void>;
  open(db: Kysely<Database>, handlers: JobHandlers, options?: OpenOptions): Promise<WorkStream>;
  /** A worker takes the oldest runnable job and dies without finishing it. */
  abandonOne(db: Kysely<Database>): Promise<void>;
  tearDown(): Promise<void>;
}

const embedded = (databaseKind: DatabaseKind): Harness => ({
  name: `embedded on ${databaseKind}`,
  databaseKind,
  setUp: () => Promise.resolve(),
  open: (db, handlers, options) =>
    Promise.resolve(
      createEmbeddedWorkStream({
        db,
        handlers,
        log: silent,
        now: () => new Date(),
        concurrency: options?.concurrency ?? (databaseKind === 'pglite' ? 1 : 4),
        maxAttempts: options?.maxAttempts ?? 8,
        idleMillis: 50,
      }),
    ),
  abandonOne: async (db) => {
    expect(await claimJobs(db, 1, 1)).toHaveLength(1);
  },
  tearDown: () => Promise.resolve(),
});

const jetstream = (): Harness => {
  let nats: TestNatsServer | undefined;
  const stream = `CONTRACT_${randomBytes(4).toString('hex')}`;
  const open = (
    db: Kysely<Database>,
    handlers: JobHandlers,
    options?: OpenOptions & { consume?: boolean },
  ) => {
    if (!nats) throw new Error('NATS not started');
    return openJetStreamWorkStream({
      db,
      handlers,
      log: silent,
      now: () => new Date(),
      concurrency: options?.concurrency ?? 4,
      maxAttempts: options?.maxAttempts ?? 8,
      servers: [nats.url],
      stream,
      ackWaitMillis: 2000,
      relayIdleMillis: 50,
      ...(options?.consume === false ? { consume: false } : {}),
    });
  };
  return {
    name: 'jetstream on postgres',
    databaseKind: 'postgres',
    setUp: async () => {
      nats = await startNatsServer();
    },
    open,
    abandonOne: async (db) => {
      if (!nats) throw new Error('NATS not started');
      // Publish through a relay-only process, then take one delivery and vanish without an ack.
      const relay = await open(db, {}, { consume: false });
      relay.start();
      await waitFor(async () => (await relay.stats()).outboxPending === 0);
      await relay.stop();
      const nc = await connect({ servers: nats.url });
      const consumer = await nc.jetstream().consumers.get(stream, JETSTREAM_CONSUMER);
      const batch = await consumer.fetch({ max_messages: 1, expires: 2000 });
      let taken = 0;
      for await (const message of batch) {
        expect(message.subject.startsWith(jobSubjectRoot(stream))).toBe(true);
        taken += 1;
      }
      expect(taken).toBe(1);
      await nc.close();
    },
    tearDown: async () => {
      if (!nats) return;
      const nc = await connect({ servers: nats.url });
      await (await nc.jetstreamManager()).streams.delete(stream);
      await nc.close();
      await nats.close();
    },
  };
};

async function waitFor(check: () => Promise<boolean>, timeoutMillis = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMillis} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

/** Handlers that write one `contract_effect` row per run, never deduplicated: a second run shows. */
function effectHandlers(
  behaviour: (token: string, attempt: number) => Promise<void> = () => Promise.resolve(),
): {
  handlers: JobHandlers;
  attempts: Map<string, number>;
  concurrent: { now: number; max: number };
} {
  const attempts = new Map<string, number>();
  const concurrent = { now: 0, max: 0 };
  const handler: JobHandler = async (payload, context) => {
    const token = String(payload['token']);
    const attempt = (attempts.get(token) ?? 0) + 1;
    attempts.set(token, attempt);
    concurrent.now += 1;
    concurrent.max = Math.max(concurrent.max, concurrent.now);
    try {
      await sql`INSERT INTO contract_effect (token) VALUES (${token})`.execute(context.db);
      await behaviour(token, attempt);
    } finally {
      concurrent.now -= 1;
    }
    return 'done';
  };
  return { handlers: { 'post.ingested': handler }, attempts, concurrent };
}

async function enqueueTokens(db: Kysely<Database>, tokens: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await enqueueJobs(
      trx,
      tokens.map((token) => ({ name: 'post.ingested' as const, payload: { token } })),
    );
  });
}

async function effectCounts(db: Kysely<Database>, prefix: string): Promise<Map<string, number>> {
  const rows = await sql<{ token: string; n: number }>`
    SELECT token, count(*)::int AS n FROM contract_effect WHERE token LIKE ${`${prefix}%`} GROUP BY token`.execute(
    db,
  );
  return new Map(rows.rows.map((row) => [row.token, row.n]));
}

const tokens = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe.each([embedded('pglite'), embedded('postgres'), jetstream()])(
  'work stream contract: $name',
  (harness) => {
    let database: TestDatabase;
    beforeAll(async () => {
      await harness.setUp();
      database = await createTestDatabase(harness.databaseKind);
      await sql`CREATE TABLE contract_effect (token text NOT NULL)`.execute(database.db);
    });
    afterAll(async () => {
      await database?.close();
      await harness.tearDown();
    });

    it('hands every committed job to exactly one handler run, shared between two workers', async () => {
      const { handlers } = effectHandlers();
      const first = await harness.open(database.db, handlers);
      const second = await harness.open(database.db, handlers);
      const all = tokens('share-', 60);
      for (let i = 0; i < all.length; i += 12) await enqueueTokens(database.db, all.slice(i, i + 12));
      first.start();
      second.start();
      await waitFor(async () => (await effectCounts(database.db, 'share-')).size === all.length);
      await waitFor(async () => {
        const stats = await first.stats();
        return stats.outboxPending + stats.streamPending + stats.inFlight === 0;
      });
      await first.stop();
      await second.stop();
      const counts = await effectCounts(database.db, 'share-');
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(first.counters().processed + second.counters().processed).toBe(all.length);
    });

    it('never hands out a job whose transaction rolled back (written before announced)', async () => {
      const { handlers } = effectHandlers();
      await database.db
        .transaction()
        .execute(async (trx) => {
          await enqueueJobs(trx, [{ name: 'post.ingested', payload: { token: 'rollback-lost' } }]);
          throw new Error('the data this job describes was never written');
        })
        .catch(() => undefined);
      await enqueueTokens(database.db, ['rollback-kept']);
      const stream = await harness.open(database.db, handlers);
      expect(await stream.drain()).toBe(1);
      await stream.stop();
      expect(Object.fromEntries(await effectCounts(database.db, 'rollback-'))).toEqual({
        'rollback-kept': 1,
      });
    });

    it('retries a failing handler and keeps none of the failed attempts’ writes', async () => {
      const { handlers, attempts } = effectHandlers((token, attempt) =>
        token === 'flaky-0' && attempt < 3
          ? Promise.reject(new Error(`attempt ${attempt} fails`))
          : Promise.resolve(),
      );
      await enqueueTokens(database.db, ['flaky-0', 'flaky-1']);
      const stream = await harness.open(database.db, handlers);
      stream.start();
      await waitFor(async () => (await effectCounts(database.db, 'flaky-')).size === 2);
      await stream.stop();
      expect(attempts.get('flaky-0')).toBe(3);
      expect(Object.fromEntries(await effectCounts(database.db, 'flaky-'))).toEqual({
        'flaky-0': 1,
        'flaky-1': 1,
      });
      expect(stream.counters().failures).toBe(2);
    });

    it('sets a job that keeps failing aside as failed, with its error, and goes on with the rest', async () => {
      const { handlers } = effectHandlers((token) =>
        token === 'poison-0' ? Promise.reject(new Error('this job can never succeed')) : Promise.resolve(),
      );
      await enqueueTokens(database.db, ['poison-0', 'poison-1']);
      const stream = await harness.open(database.db, handlers, { maxAttempts: 2 });
      stream.start();
      await waitFor(async () => (await stream.stats()).failed >= 1);
      await waitFor(async () => (await effectCounts(database.db, 'poison-1')).size === 1);
      await stream.stop();
      const failed = await database.db
        .selectFrom('job')
        .select(['status', 'attempts', 'last_error'])
        .where(sql<boolean>`payload->>'token' = 'poison-0'`)
        .execute();
      expect(failed).toEqual([{ status: 'failed', attempts: 2, last_error: 'this job can never succeed' }]);
      expect(await effectCounts(database.db, 'poison-0')).toEqual(new Map());
      expect(stream.counters().deadLettered).toBe(1);
    });

    it('hands a job whose worker died to another worker, and it takes effect once', async () => {
      const { handlers } = effectHandlers();
      await enqueueTokens(database.db, ['orphan-0']);
      await harness.abandonOne(database.db);
      const stream = await harness.open(database.db, handlers);
      stream.start();
      await waitFor(async () => (await effectCounts(database.db, 'orphan-')).size === 1);
      await sleep(300);
      await stream.stop();
      expect(Object.fromEntries(await effectCounts(database.db, 'orphan-'))).toEqual({ 'orphan-0': 1 });
    });

    it('finishes the delivery in hand when stopped, and its effect is committed', async () => {
      let started = false;
      const { handlers } = effectHandlers(async () => {
        started = true;
        await sleep(600);
      });
      await enqueueTokens(database.db, ['graceful-0']);
      const stream = await harness.open(database.db, handlers);
      stream.start();
      await waitFor(() => Promise.resolve(started));
      await stream.stop();
      expect(Object.fromEntries(await effectCounts(database.db, 'graceful-'))).toEqual({ 'graceful-0': 1 });
      expect(stream.counters().processed).toBe(1);
      const observer = await harness.open(database.db, handlers);
      const stats = await observer.stats();
      await observer.stop();
      expect(stats.outboxPending + stats.streamPending + stats.inFlight).toBe(0);
    });

    it('never handles more deliveries at once than its concurrency (back-pressure)', async () => {
      const concurrency = harness.databaseKind === 'pglite' ? 1 : 3;
      const { handlers, concurrent } = effectHandlers(() => sleep(30));
      await enqueueTokens(database.db, tokens('bounded-', 24));
      const stream = await harness.open(database.db, handlers, { concurrency });
      expect(await stream.drain()).toBe(24);
      await stream.stop();
      expect(concurrent.max).toBeLessThanOrEqual(concurrency);
      expect(stream.counters().maxInFlight).toBeLessThanOrEqual(concurrency);
      if (harness.databaseKind === 'postgres') expect(concurrent.max).toBeGreaterThan(1);
      expect((await effectCounts(database.db, 'bounded-')).size).toBe(24);
    });

    it('counts waiting jobs as queue depth and lag until they are handled', async () => {
      const { handlers } = effectHandlers();
      await enqueueTokens(database.db, tokens('depth-', 5));
      await sleep(1100);
      const stream = await harness.open(database.db, handlers);
      const before = await stream.stats();
      expect(before.outboxPending + before.streamPending).toBe(5);
      expect(before.lagSeconds).toBeGreaterThanOrEqual(1);
      expect(await stream.drain()).toBe(5);
      const after = await stream.stats();
      expect(after).toMatchObject({ outboxPending: 0, streamPending: 0, inFlight: 0, lagSeconds: 0 });
      expect((await stream.readiness()).ready).toBe(true);
      await stream.stop();
    });
  },
);

describe('a delivery that arrives twice changes the database once', () => {
  it('embedded: a worker whose claim ran out finds the job finished by another and does nothing', async () => {
    const database = await createTestDatabase('postgres');
    try {
      await sql`CREATE TABLE contract_effect (token text NOT NULL)`.execute(database.db);
      const { handlers } = effectHandlers();
      await enqueueTokens(database.db, ['twice-0']);
      const [slow] = await claimJobs(database.db, 1, 0.2);
      if (!slow) throw new Error('no job claimed');
      await sleep(300);
      const fast = createEmbeddedWorkStream({
        db: database.db,
        handlers,
        log: silent,
        now: () => new Date(),
        concurrency: 1,
      });
      expect(await fast.drain()).toBe(1);
      const outcome = await runJobOnce(
        database.db,
        handlers,
        slow,
        (trx) => lockClaimedJob(trx, slow.id),
        () => new Date(),
      );
      expect(outcome).toBe('duplicate');
      expect(Object.fromEntries(await effectCounts(database.db, 'twice-'))).toEqual({ 'twice-0': 1 });
    } finally {
      await database.close();
    }
  });

  it('jetstream: the same job published again under another message id is acknowledged without effect', async () => {
    const nats = await startNatsServer();
    const database = await createTestDatabase('postgres');
    const stream = `TWICE_${randomBytes(4).toString('hex')}`;
    try {
      await sql`CREATE TABLE contract_effect (token text NOT NULL)`.execute(database.db);
      const { handlers } = effectHandlers();
      const work = await openJetStreamWorkStream({
        db: database.db,
        handlers,
        log: silent,
        now: () => new Date(),
        concurrency: 2,
        servers: [nats.url],
        stream,
      });
      await enqueueTokens(database.db, ['twice-0']);
      const id = (await database.db.selectFrom('job').select('id').executeTakeFirstOrThrow()).id;
      expect(await work.drain()).toBe(1);
      const nc = await connect({ servers: nats.url });
      const message = JSON.stringify({ id, name: 'post.ingested', payload: { token: 'twice-0' } });
      // A relay that crashed after publishing and before committing publishes the row again.
      await nc
        .jetstream()
        .publish(`${jobSubjectRoot(stream)}.post.ingested`, message, { msgID: `again-${id}` });
      await nc.close();
      expect(await work.drain()).toBe(0);
      expect(work.counters().duplicates).toBe(1);
      expect(Object.fromEntries(await effectCounts(database.db, 'twice-'))).toEqual({ 'twice-0': 1 });
      await work.stop();
    } finally {
      await database.close();
      await nats.close();
    }
  });
});
