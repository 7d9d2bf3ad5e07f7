import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { connect } from 'nats';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadWorkspace, ingestLoad, type LoadWorkspace } from '../../bench/stream-load.ts';
import {
  JETSTREAM_CONSUMER,
  openJetStreamWorkStream,
} from '../../src/adapters/work-stream/jetstream.work-stream.ts';
import type { Database } from '../../src/db/schema.ts';
import { startNatsServer, type TestNatsServer } from '../support/nats-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { ombudArgs } from '../support/run-cli.ts';

// Fault tests with real processes: `ombud worker` children on PostgreSQL and a private NATS server.
// POSTS sets the size: the suite's default keeps CI short; `npm run test:faults` runs 200,000.
const POSTS = Number(process.env['OMBUD_FAULT_POSTS'] ?? 2000);
const WORKERS = 3;
const BATCH = Math.max(50, Math.min(1000, Math.round(POSTS / 60)));
// Time limits grow with the load: the pipeline does roughly 100–1,000 posts/s on a shared 2-core machine.
const WAIT_MILLIS = Math.max(600_000, POSTS * 20);
const APPLICATION_NAME = `ombud_fault_${randomBytes(3).toString('hex')}`;
const adminUrl = process.env['OMBUD_TEST_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Worker {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

const spawned: Worker[] = [];

async function waitFor(check: () => Promise<boolean>, timeoutMillis: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const outputs = spawned.map(
        (worker, index) => `worker ${index} (exit ${worker.child.exitCode ?? 'running'}):\n${worker.output}`,
      );
      throw new Error(`${what}: not reached within ${timeoutMillis / 1000} s\n${outputs.join('\n')}`);
    }
    await sleep(200);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function spawnWorker(env: NodeJS.ProcessEnv, args: string[] = []): Worker {
  const child = spawn(process.execPath, ombudArgs(['worker', ...args]), { env });
  const worker: Worker = {
    child,
    output: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  const keep = (chunk: string) => {
    worker.output = (worker.output + chunk).slice(-8000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  spawned.push(worker);
  return worker;
}

async function finishedPosts(db: Kysely<Database>): Promise<number> {
  const result = await sql<{
    n: number;
  }>`SELECT COALESCE(sum(posts), 0)::int AS n FROM stream_post_minute`.execute(db);
  return result.rows[0]?.n ?? 0;
}

describe(`work stream under faults: ${POSTS} posts, ${WORKERS} worker processes, NATS JetStream, PostgreSQL`, () => {
  let nats: TestNatsServer;
  let database: TestDatabase;
  let workspace: LoadWorkspace;
  const stream = `FAULTS_${randomBytes(4).toString('hex')}`;
  const workers: Worker[] = [];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    nats = await startNatsServer();
    database = await createTestDatabase('postgres');
    workspace = await createLoadWorkspace(database.db);
    // Create the stream and consumer with a short ack wait, so a killed worker's deliveries come back
    // within seconds (workers keep long jobs alive with heartbeats).
    const setUp = await openJetStreamWorkStream({
      db: database.db,
      handlers: {},
      log: silent,
      now: () => new Date(),
      concurrency: 1,
      servers: [nats.url],
      stream,
      ackWaitMillis: 5000,
    });
    await setUp.stop();
    env = {
      ...process.env,
      DATABASE_URL: `${database.url ?? ''}?application_name=${APPLICATION_NAME}`,
      NATS_URL: nats.url,
      OMBUD_NATS_STREAM: stream,
      OMBUD_LOG_LEVEL: 'warn',
      OMBUD_WORKER_CONCURRENCY: '2',
    };
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    if (nats) {
      const nc = await connect({ servers: nats.url }).catch(() => undefined);
      if (nc) {
        await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
        await nc.close();
      }
      await nats.close();
    }
    await database?.close();
  });

  it(
    'analyses every post exactly once through a SIGKILLed worker, a NATS restart and dropped database connections',
    async () => {
      for (let i = 0; i < WORKERS; i += 1) workers.push(spawnWorker(env));
      const slice = (share: number) => Math.round(POSTS * share);
      const slices = [slice(0.4), slice(0.2), slice(0.2)];
      slices.push(POSTS - slices.reduce((a, b) => a + b, 0));
      let ingested = 0;
      const ingest = async (count: number) => {
        const summary = await ingestLoad(database.db, workspace, ingested, count, { batchSize: BATCH });
        ingested += count;
        expect(summary).toMatchObject({ accepted: count, rejected: 0 });
      };
      const progressAt = (share: number) =>
        waitFor(
          async () => (await finishedPosts(database.db)) >= POSTS * share,
          WAIT_MILLIS,
          `${share * 100}% done`,
        );

      await ingest(slices[0] ?? 0);
      await progressAt(0.15);

      // 1. A worker dies mid-run without a chance to clean up, and is started again.
      const victim = workers[1];
      if (!victim) throw new Error('no worker');
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBeNull();
      workers.push(spawnWorker(env));
      const ingestDuringFaults = ingest(slices[1] ?? 0);
      await progressAt(0.35);

      // 2. NATS restarts (the relay and every consumer lose their connection) while posts arrive.
      const restart = nats.restart();
      await ingestDuringFaults;
      await restart;
      await ingest(slices[2] ?? 0);
      await progressAt(0.6);

      // 3. The database drops every worker connection at once, mid-transaction.
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const dropped = await admin.query<{ pid: number }>(
        `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE application_name = $1`,
        [APPLICATION_NAME],
      );
      await admin.end();
      expect(dropped.rowCount).toBeGreaterThan(0);
      await ingest(slices[3] ?? 0);

      await waitFor(async () => (await finishedPosts(database.db)) >= POSTS, WAIT_MILLIS, 'every post done');
      const nc = await connect({ servers: nats.url });
      const jsm = await nc.jetstreamManager();
      await waitFor(
        async () => {
          const info = await jsm.consumers.info(stream, JETSTREAM_CONSUMER);
          return info.num_pending === 0 && info.num_ack_pending === 0;
        },
        60_000,
        'stream drained',
      );
      const streamState = (await jsm.streams.info(stream)).state;
      await nc.close();
      // Give any stray redelivery time to (not) take effect.
      await sleep(1000);

      const facts = await sql<{
        posts: number;
        analysed: number;
        missing: number;
        finished: number;
        jobs_left: number;
        receipts: number;
      }>`
        SELECT (SELECT count(*)::int FROM post) AS posts,
               (SELECT count(*)::int FROM post_analysis) AS analysed,
               (SELECT count(*)::int FROM post p WHERE NOT EXISTS
                  (SELECT 1 FROM post_analysis a WHERE a.post_id = p.id)) AS missing,
               (SELECT COALESCE(sum(posts), 0)::int FROM stream_post_minute) AS finished,
               (SELECT count(*)::int FROM job WHERE name = 'post.ingested') AS jobs_left,
               (SELECT count(*)::int FROM stream_receipt WHERE job_name = 'post.ingested') AS receipts`.execute(
        database.db,
      );
      const row = facts.rows[0];
      const failed = await database.db
        .selectFrom('job')
        .select(['name', 'last_error'])
        .where('status', '=', 'failed')
        .execute();
      expect(failed, 'no job was set aside as failed').toEqual([]);
      expect(row).toMatchObject({
        posts: POSTS,
        analysed: POSTS,
        missing: 0,
        // Counted once per delivery that took effect: equal to POSTS only if none took effect twice.
        finished: POSTS,
        jobs_left: 0,
        // One job per ingest batch, each with one receipt (scheduled jobs such as the minute's
        // inbox.tick have receipts of their own once a run lasts over a minute).
        receipts: slices.reduce((sum, count) => sum + Math.ceil(count / BATCH), 0),
      });

      // Inbox items and alerts derived from the posts are unique per post and per alert key.
      const duplicates = await sql<{ inbox: number; alerts: number }>`
        SELECT (SELECT count(*)::int FROM (SELECT post_id FROM inbox_item GROUP BY post_id HAVING count(*) > 1) d) AS inbox,
               (SELECT count(*)::int FROM (SELECT workspace_id, dedupe_key FROM alert
                                           GROUP BY workspace_id, dedupe_key HAVING count(*) > 1) d) AS alerts`.execute(
        database.db,
      );
      expect(duplicates.rows[0]).toEqual({ inbox: 0, alerts: 0 });

      // Every batch went through JetStream (not around it). The stream's sequence is stored with its
      // messages; the consumer's delivery counters are flushed lazily and can go back across a restart.
      expect(streamState.last_seq).toBeGreaterThanOrEqual(Math.ceil(POSTS / BATCH));
      for (const worker of workers) {
        if (worker !== victim) expect(worker.child.exitCode, worker.output).toBeNull();
      }

      // Graceful shutdown: SIGTERM finishes in-flight work and exits 0.
      const running = workers.filter((worker) => worker !== victim);
      for (const worker of running) worker.child.kill('SIGTERM');
      const codes = await Promise.all(running.map((worker) => worker.exited));
      expect(codes, running.map((worker) => worker.output).join('\n')).toEqual(running.map(() => 0));
    },
    WAIT_MILLIS * 3,
  );

  it('keeps a worker’s memory and in-flight work bounded while the database is stalled', async () => {
    const port = await freePort();
    const worker = spawnWorker(env, ['--concurrency', '2', '--metrics-port', String(port)]);
    workers.push(worker);
    const scrape = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      const text = await response.text();
      const value = (name: string) =>
        Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? Number.NaN);
      return {
        rss: value('process_resident_memory_bytes'),
        inFlight: value('ombud_worker_in_flight'),
        streamPending: value('ombud_queue_stream_pending'),
      };
    };
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined))?.status === 200,
      60_000,
      'worker ready',
    );

    // Stall the database for analysis: every handler blocks on the first write it tries.
    const stall = new pg.Client({ connectionString: database.url });
    await stall.connect();
    await stall.query('BEGIN');
    await stall.query('LOCK TABLE post_analysis IN ACCESS EXCLUSIVE MODE');
    const before = await finishedPosts(database.db);
    const stalledPosts = 3000;
    await ingestLoad(database.db, workspace, POSTS, stalledPosts, { batchSize: 50 });
    // The relay is not stalled: wait until it has moved the batches to the stream (slow under load).
    const waitingAtLeast = stalledPosts / 50 - 6;
    await waitFor(
      async () => (await scrape()).streamPending >= waitingAtLeast,
      60_000,
      'stalled batches waiting in the stream',
    );
    const first = await scrape();
    const samples = [first];
    for (let i = 0; i < 10; i += 1) {
      await sleep(500);
      samples.push(await scrape());
    }
    await stall.query('ROLLBACK');
    await stall.end();

    // Nothing finished while stalled; the worker held at most its concurrency; the rest waited in NATS.
    expect(Math.max(...samples.map((sample) => sample.inFlight))).toBeLessThanOrEqual(2);
    expect(Math.min(...samples.map((sample) => sample.streamPending))).toBeGreaterThanOrEqual(waitingAtLeast);
    const growth = Math.max(...samples.map((sample) => sample.rss)) - first.rss;
    expect(growth, `RSS grew by ${(growth / 1e6).toFixed(1)} MB while stalled`).toBeLessThan(
      64 * 1024 * 1024,
    );

    await waitFor(
      async () => (await finishedPosts(database.db)) >= before + stalledPosts,
      600_000,
      'stalled posts done after the stall',
    );
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 900_000);
});
