// npm run bench:pipeline — end to end: ingest → analyse → store → signals → inbox (every
// after-analysis stage), on PostgreSQL with NATS JetStream and `ombud worker` processes, then in
// embedded mode (one process, the job table as the work stream). Prints posts/s sustained, the
// ingest-to-stored latency (p50/p99), the worker count and where a job's time goes.
//
// Settings (environment): BENCH_PIPELINE_SECONDS (measured window per mode, default 300),
// BENCH_PIPELINE_WORKERS (worker processes for JetStream, default 2), BENCH_PIPELINE_CONCURRENCY
// (jobs at once per worker, default 2), BENCH_PIPELINE_BATCH (posts per ingest batch = per job,
// default 2000, as ingest batches), BENCH_PIPELINE_IN_FLIGHT (jobs' worth of posts ingested and not
// yet stored before the producer holds back; default one per job slot), BENCH_PIPELINE_MODES
// (default "jetstream,embedded"; also "stages": CPU per stage, Ombud and PostgreSQL, one job at a
// time), BENCH_PIPELINE_EMBEDDED_DB
// (pglite or postgres, default postgres), BENCH_PIPELINE_TARGET (offered posts/s, default 10000),
// BENCH_PIPELINE_LOAD (live or replay, default live; see below),
// BENCH_PIPELINE_NOTIFY=0 (embedded: the idle work stream polls only, without job notifications).
//
// Statements' durations go to the PostgreSQL server log with BENCH_PIPELINE_LOG_STATEMENTS=1; worker
// processes write V8 CPU profiles with BENCH_PIPELINE_WORKER_CPU_PROF=<dir>. At the
// end of the warm-up the bench runs ANALYZE once (a database in service has planner statistics).
//
// The producer offers the target rate but never lets more than a few jobs per worker slot wait
// (closed loop): when the pipeline is slower than the offer, the figure shown is its sustainable
// rate, and the latency is that of a pipeline kept busy, not of an ever-growing backlog. Latency is
// counted for the posts that finished in the measured window, from the start of the ingest
// transaction that stored the post to the end of the job that stored its results.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { createEmbeddedWorkStream } from '../src/adapters/work-stream/embedded.work-stream.ts';
import { openJetStreamWorkStream } from '../src/adapters/work-stream/jetstream.work-stream.ts';
import { openWorkStream } from '../src/adapters/work-stream/open-work-stream.ts';
import { runJobOnce } from '../src/adapters/work-stream/run-once.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { createJobRegistry } from '../src/jobs/registry.ts';
import type { JobContext } from '../src/jobs/job-registry.ts';
import { AFTER_ANALYSIS_STAGES } from '../src/pipeline/after-analysis.ts';
import { streamStage } from '../src/pipeline/stages/stream.stage.ts';
import { PIPELINE_LATENCY_BUCKETS_MS } from '../src/repositories/stream.repository.ts';
import { analysePosts, analysePostsOfJob } from '../src/services/analysis.service.ts';
import { startNatsServer } from '../test/support/nats-server.ts';
import { createLoadWorkspace, ingestLoad, type LoadTiming, type LoadWorkspace } from './stream-load.ts';

const env = process.env;
const SECONDS = Number(env['BENCH_PIPELINE_SECONDS'] ?? 300);
const WORKERS = Number(env['BENCH_PIPELINE_WORKERS'] ?? 2);
const CONCURRENCY = Number(env['BENCH_PIPELINE_CONCURRENCY'] ?? 2);
// The ingest service's own batch (imports, webhooks): one post.ingested job per 2,000 posts.
const BATCH = Number(env['BENCH_PIPELINE_BATCH'] ?? 2000);
const TARGET = Number(env['BENCH_PIPELINE_TARGET'] ?? 10_000);
const IN_FLIGHT = env['BENCH_PIPELINE_IN_FLIGHT'] ? Number(env['BENCH_PIPELINE_IN_FLIGHT']) : undefined;
const MODES = (env['BENCH_PIPELINE_MODES'] ?? 'jetstream,embedded').split(',');
const EMBEDDED_DB = env['BENCH_PIPELINE_EMBEDDED_DB'] === 'pglite' ? 'pglite' : 'postgres';
const WARM_UP_SECONDS = Math.min(15, Math.max(3, SECONDS / 10));
const TIMING: LoadTiming = env['BENCH_PIPELINE_LOAD'] === 'replay' ? 'replay' : 'live';
// The load is the demo's 20,000 posts (en/es/sv, complaints, praise, questions, a crisis) again and
// again with fresh ids. BENCH_PIPELINE_LOAD=live (the default) stamps each post with the moment it is
// ingested, as on a crisis day: every job adds to the same minute's and hour's counters, and a crisis
// point closes every five minutes. BENCH_PIPELINE_LOAD=replay keeps the demo's 14 days, like importing
// history: its first pass is a backfill for the crisis monitors (every 5-minute point of 14 days
// closes during it, ~0.6 monitor points per post), and later passes count into old buckets. The
// measured window starts after the first pass (BENCH_PIPELINE_WARM_UP_POSTS, default one pass).
const WARM_UP_POSTS = Number(env['BENCH_PIPELINE_WARM_UP_POSTS'] ?? 20_000);
const adminUrl = env['OMBUD_TEST_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const log = {
  info: () => undefined,
  warn: (object: object, message?: string) => console.error('warn:', message, JSON.stringify(object)),
  error: (object: object, message?: string) => console.error('error:', message, JSON.stringify(object)),
};
const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

interface Sample {
  at: number;
  ingested: number;
  finished: number;
}

async function finishedTotals(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('stream_post_minute')
    .select(['posts', 'latency_buckets', 'latency_ms_sum'])
    .execute();
  const buckets = new Array<number>(PIPELINE_LATENCY_BUCKETS_MS.length + 1).fill(0);
  let posts = 0;
  let latencyMs = 0;
  for (const row of rows) {
    posts += Number(row.posts);
    latencyMs += Number(row.latency_ms_sum);
    row.latency_buckets.forEach((count, index) => (buckets[index] = (buckets[index] ?? 0) + Number(count)));
  }
  return { posts, buckets, latencyMs };
}

/** The smallest bucket bound that holds `share` of the posts: an upper bound on that percentile. */
function percentileBound(buckets: readonly number[], share: number): string {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return 'n/a';
  let seen = 0;
  for (let index = 0; index < buckets.length; index += 1) {
    seen += buckets[index] ?? 0;
    if (seen >= share * total) {
      const bound = PIPELINE_LATENCY_BUCKETS_MS[index];
      return bound === undefined ? '> 60 s' : `≤ ${bound / 1000} s`;
    }
  }
  return '> 60 s';
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where unreadable. */
function processCpuSeconds(pid: number): number | undefined {
  return processCpuFields(pid)?.own;
}
const CLOCK_TICKS = 100;

interface CpuReading {
  at: number;
  /** CPU seconds of the Ombud processes (this one in embedded mode, the workers with JetStream). */
  ombud: number;
  /** Machine-wide CPU seconds: busy (every process) and all (busy + idle), from /proc/stat. */
  machine: { busy: number; all: number };
  /** This process's event loop: busy vs idle time (embedded mode: is the one core kept busy?). */
  eventLoop: EventLoopUtilization;
  /**
   * CPU seconds of the whole PostgreSQL server so far: its backends (of every database; the bench
   * runs alone), background processes, and those that exited, which the postmaster reaped.
   */
  database: number;
  /** CPU seconds of this process (in JetStream mode the ingest; in embedded mode everything Ombud). */
  bench: number;
  /** CPU seconds of the NATS server (JetStream mode). */
  nats: number;
  walBytes: number;
}

/** User + system CPU seconds of a process and, with `reaped`, of its children that exited. */
function processCpuFields(pid: number): { own: number; reaped: number; parent: number } | undefined {
  try {
    // Fields after the command name (which may hold spaces): ppid is the 2nd, utime and stime the
    // 12th and 13th, cutime and cstime (children waited for) the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      own: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      reaped: (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS,
      parent: Number(fields[1]),
    };
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL server's CPU seconds so far: the postmaster's own and reaped children's, plus every
 * live child's. A backend that exits between two readings moves from the second sum to the first
 * with all its time, so the difference of two readings counts it exactly.
 */
function serverCpuSeconds(postmaster: number): number {
  const root = processCpuFields(postmaster);
  if (root === undefined) return 0;
  let total = root.own + root.reaped;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = processCpuFields(Number(entry));
    if (child?.parent === postmaster) total += child.own;
  }
  return total;
}

/** The postmaster: the parent of this connection's backend. */
async function postmasterPid(db: Kysely<Database>): Promise<number> {
  const backend = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
  return processCpuFields(backend.rows[0]?.pid ?? 0)?.parent ?? 0;
}

/** Where the CPU goes, read at the start and the end of the measured window. */
async function readCpu(
  db: Kysely<Database>,
  ombudPids: readonly number[] | 'self',
  natsPid?: number,
): Promise<CpuReading> {
  const wal = await sql<{ wal: string }>`
    SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS wal`.execute(db);
  const database = serverCpuSeconds(await postmasterPid(db));
  const self = process.cpuUsage();
  const ombud =
    ombudPids === 'self'
      ? (self.user + self.system) / 1e6
      : ombudPids.reduce((sum, pid) => sum + (processCpuSeconds(pid) ?? 0), 0);
  return {
    at: performance.now(),
    ombud,
    machine: machineCpuSeconds(),
    eventLoop: performance.eventLoopUtilization(),
    database,
    bench: (self.user + self.system) / 1e6,
    nats: natsPid === undefined ? 0 : (processCpuSeconds(natsPid) ?? 0),
    walBytes: Number(wal.rows[0]?.wal ?? 0),
  };
}

/** Busy and total CPU seconds of the whole machine (every core) so far. */
function machineCpuSeconds(): { busy: number; all: number } {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal
    const all = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: (all - idle) / CLOCK_TICKS, all: all / CLOCK_TICKS };
  } catch {
    return { busy: 0, all: 0 };
  }
}

function cpuPerPost(
  start: CpuReading | undefined,
  end: CpuReading | undefined,
  posts: number,
  ombudIsBench: boolean,
): { perPost: string; utilisation: string } {
  if (!start || !end || posts === 0) return { perPost: 'n/a', utilisation: 'n/a' };
  const database = end.database - start.database;
  const bench = ombudIsBench ? 0 : end.bench - start.bench;
  const nats = end.nats - start.nats;
  const micros = (seconds: number) => `${((seconds / posts) * 1e6).toFixed(0)} µs`;
  const wal = ((end.walBytes - start.walBytes) / posts / 1024).toFixed(1);
  const wall = (end.at - start.at) / 1000;
  const ombud = end.ombud - start.ombud;
  const machineBusy = end.machine.busy - start.machine.busy;
  const cores = (end.machine.all - start.machine.all) / wall;
  const share = (seconds: number) => `${((100 * seconds) / wall).toFixed(0)} %`;
  const eventLoop = performance.eventLoopUtilization(end.eventLoop, start.eventLoop);
  return {
    perPost:
      `Ombud ${ombudIsBench ? '' : 'workers '}${micros(ombud)}` +
      (ombudIsBench ? '' : ` + ingest (bench process) ${micros(bench)} + NATS ${micros(nats)}`) +
      ` + PostgreSQL server ${micros(database)} per post; WAL ${wal} KiB per post`,
    // Shares of one core over the window; the machine's figure covers every process (other users too).
    utilisation:
      `Ombud ${ombudIsBench ? '' : 'workers '}${share(ombud)} of a core` +
      (ombudIsBench ? '' : `, ingest ${share(bench)}, NATS ${share(nats)}`) +
      `, PostgreSQL server ${share(database)}; machine ${share(machineBusy)} ` +
      `of ${cores.toFixed(0)} cores busy, of which ${share(Math.max(0, machineBusy - ombud - bench - nats - database))} other processes` +
      `; bench process event loop busy ${(100 * eventLoop.utilization).toFixed(0)} %`,
  };
}

/**
 * Samples what the bench database's backends are doing every 200 ms (own connection): active,
 * waiting on a lock (and which statement), on I/O, or idle in a transaction (waiting for Ombud).
 */
function sampleWaits(url: string | undefined) {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = url !== undefined;
  const done = (async () => {
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (running) {
        const result = await client.query<{ what: string }>(`
          SELECT CASE
                   WHEN state = 'active' AND wait_event_type = 'Lock'
                     THEN 'waits on a lock (' || wait_event || '): ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 70)
                   WHEN state = 'active' AND wait_event_type IS NOT NULL THEN 'active, ' || wait_event_type || ':' || wait_event
                   WHEN state = 'active' THEN 'active on CPU'
                   ELSE state END AS what
          FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            AND state <> 'idle'`);
        samples += 1;
        for (const row of result.rows) counts.set(row.what, (counts.get(row.what) ?? 0) + 1);
        await sleep(200);
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop(): Promise<string[]> {
      running = false;
      await done.catch(() => undefined);
      if (samples === 0) return [];
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([what, count]) => `${(count / samples).toFixed(2).padStart(5)} backends  ${what}`);
    },
  };
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

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ombud_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  if (env['BENCH_PIPELINE_LOG_STATEMENTS'] === '1') {
    // Every statement's duration in the server log (without parameters): where the database time goes.
    await admin.query(`ALTER DATABASE ${name} SET log_min_duration_statement = 0`);
    await admin.query(`ALTER DATABASE ${name} SET log_parameter_max_length = 0`);
  }
  await admin.end();
  return {
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Offers TARGET posts/s in batches, holding back while too much waits; samples progress. */
async function drive(
  db: Kysely<Database>,
  workspace: LoadWorkspace,
  slots: number,
  ombudPids: readonly number[] | 'self',
  databaseUrl: string | undefined,
  /** Jobs being handled right now (embedded: this process's work stream). */
  busySlots?: () => number,
  /** The NATS server's process id (JetStream mode). */
  natsPid?: () => number | undefined,
) {
  // One job per job slot: the producer ingests the next batch while the slots work. A second job
  // waiting per slot (the default until 2026-11-24) kept the same rate, with twice the latency and
  // more CPU per post from jobs contending (BENCH_PIPELINE_IN_FLIGHT: jobs ingested and not yet
  // stored, to measure the latency trade-off).
  const backlogLimit = (IN_FLIGHT ?? Math.max(2, slots)) * BATCH;
  const samples: Sample[] = [];
  let ingested = 0;
  let throttledMillis = 0;
  const started = Date.now();
  // Until the warm-up is over the end is open (at most 10 minutes of warm-up), then SECONDS after it.
  let end = started + (600 + SECONDS) * 1000;
  let analysed = false;
  let finished = 0;
  let lastSample = 0;
  let cpuStart:
    { reading: CpuReading; finished: number; at: number; buckets: number[]; latencyMs: number } | undefined;
  let waits: ReturnType<typeof sampleWaits> | undefined;
  let busySamples = 0;
  let busySum = 0;
  // How long this process's event loop was held by one piece of synchronous work: a job whose
  // statement came back waits that long to send the next one (and holds its locks meanwhile).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const busyTimer = busySlots
    ? setInterval(() => {
        if (cpuStart === undefined) return;
        busySamples += 1;
        busySum += busySlots();
      }, 50)
    : undefined;
  while (Date.now() < end) {
    const now = Date.now();
    if (now - lastSample >= 1000) {
      finished = (await finishedTotals(db)).posts;
      samples.push({ at: now, ingested, finished });
      lastSample = now;
      // A database in service has planner statistics (autovacuum); this one was created a few
      // seconds ago, and its plans for the batch look-ups would be those of empty tables.
      if (!analysed && now - started >= WARM_UP_SECONDS * 1000) {
        analysed = true;
        await sql`ANALYZE`.execute(db);
      }
      if (cpuStart === undefined && now - started >= WARM_UP_SECONDS * 1000 && finished >= WARM_UP_POSTS) {
        end = Date.now() + SECONDS * 1000;
        await sql`ANALYZE`.execute(db);
        const totals = await finishedTotals(db);
        cpuStart = {
          reading: await readCpu(db, ombudPids, natsPid?.()),
          finished: totals.posts,
          at: Date.now(),
          buckets: totals.buckets,
          latencyMs: totals.latencyMs,
        };
        waits = sampleWaits(databaseUrl);
        loopDelay.enable();
      }
    }
    const due = Math.floor(((now - started) / 1000) * TARGET);
    if (ingested - finished >= backlogLimit) {
      throttledMillis += 100;
      await sleep(100);
      finished = (await finishedTotals(db)).posts;
      continue;
    }
    if (ingested >= due) {
      await sleep(20);
      continue;
    }
    const count = Math.min(BATCH * 4, due - ingested, backlogLimit - (ingested - finished));
    await ingestLoad(db, workspace, ingested, count, {
      batchSize: BATCH,
      parallelBatches: 2,
      timing: TIMING,
    });
    ingested += count;
  }
  if (busyTimer) clearInterval(busyTimer);
  loopDelay.disable();
  const cpuEnd = await readCpu(db, ombudPids, natsPid?.());
  const endTotals = await finishedTotals(db);
  const cpu = cpuPerPost(
    cpuStart?.reading,
    cpuEnd,
    endTotals.posts - (cpuStart?.finished ?? 0),
    ombudPids === 'self',
  );
  // The latency of the posts that finished in the measured window (the warm-up's backfill apart).
  const windowBuckets = endTotals.buckets.map((count, index) => count - (cpuStart?.buckets[index] ?? 0));
  return {
    samples,
    windowBuckets,
    meanLatencySeconds:
      (endTotals.latencyMs - (cpuStart?.latencyMs ?? 0)) /
      1000 /
      Math.max(1, endTotals.posts - (cpuStart?.finished ?? 0)),
    allBuckets: endTotals.buckets,
    waits: (await waits?.stop()) ?? [],
    backlogLimit,
    loopDelay: `p50 ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`,
    busySlots: busySamples > 0 ? `${(busySum / busySamples).toFixed(2)} of ${slots}` : undefined,
    ingested,
    throttledSeconds: throttledMillis / 1000,
    cpu,
    windowStart: cpuStart?.at ?? end,
    warmUpSeconds: ((cpuStart?.at ?? end) - started) / 1000,
  };
}

function report(mode: string, workersText: string, result: Awaited<ReturnType<typeof drive>>) {
  const window = result.samples.filter((sample) => sample.at >= result.windowStart);
  const first = window[0];
  const last = window.at(-1);
  const seconds = first && last ? (last.at - first.at) / 1000 : 0;
  const finishedRate = first && last && seconds > 0 ? (last.finished - first.finished) / seconds : 0;
  const ingestRate = first && last && seconds > 0 ? (last.ingested - first.ingested) / seconds : 0;
  const target = mode === 'embedded' ? 3000 : 10_000;
  if (mode === 'core' || mode === 'transport') {
    console.log(`\n## ${mode} (not the issue's figure: part of the pipeline only): ${workersText}`);
  } else console.log(`\n## ${mode}: ${workersText}`);
  console.log(
    `measured window      ${seconds.toFixed(0)} s (after ${result.warmUpSeconds.toFixed(0)} s warm-up: at least ${WARM_UP_SECONDS} s and ${WARM_UP_POSTS} posts)`,
  );
  console.log(`posts/s sustained    ${finishedRate.toFixed(0)} end to end (target ≥ ${target})`);
  console.log(
    `posts/s ingested     ${ingestRate.toFixed(0)} (offered ${TARGET}; producer held back ${result.throttledSeconds.toFixed(0)} s by back-pressure)`,
  );
  const buckets = result.windowBuckets;
  console.log(
    `ingest → stored      mean ${result.meanLatencySeconds.toFixed(2)} s, p50 ${percentileBound(buckets, 0.5)}, p90 ${percentileBound(buckets, 0.9)}, p99 ${percentileBound(buckets, 0.99)} (target p99 < 2 s; posts finished in the window; whole run with warm-up: p99 ${percentileBound(result.allBuckets, 0.99)})`,
  );
  console.log(
    `in flight            at most ${result.backlogLimit} posts ingested and not yet stored (${result.backlogLimit / BATCH} jobs; closed loop)`,
  );
  console.log(`event-loop delay     ${result.loopDelay} (bench process; embedded: ingest and jobs)`);
  if (result.busySlots)
    console.log(`job slots busy       ${result.busySlots} on average (sampled every 50 ms)`);
  console.log(`posts through        ${last?.finished ?? 0} of ${result.ingested} ingested`);
  console.log(`CPU per post         ${result.cpu.perPost}`);
  console.log(`CPU utilisation      ${result.cpu.utilisation}`);
  if (result.waits.length > 0) {
    console.log('database backends    (mean over the window, sampled every 200 ms; idle ones not shown)');
    for (const line of result.waits) console.log(`  ${line}`);
  }
  console.log(
    `machine load         ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} (1/5/15 min, ${cpus().length} cores)`,
  );
}

/**
 * Runs a few jobs' worth of posts through each stage separately, each job in its own transaction
 * like a delivery; shows the wall time, this process's CPU time and the CPU time of the PostgreSQL
 * backend serving the job, per stage (the rest of the wall time is waiting).
 */
async function stageBreakdown(db: Kysely<Database>, workspace: LoadWorkspace, from: number, jobCount = 2) {
  // The ingest itself (parse, map, redact, insert posts and the job), timed the same way: Ombud CPU
  // here, PostgreSQL CPU of every backend of the database (nothing else runs now).
  const ingestBackends = async () => {
    const rows = await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
    return rows.rows.reduce((sum, row) => sum + (processCpuSeconds(row.pid) ?? 0), 0);
  };
  const ingestWall = performance.now();
  const ingestCpu = process.cpuUsage();
  const ingestDatabase = await ingestBackends();
  await ingestLoad(db, workspace, from, BATCH * jobCount, {
    batchSize: BATCH,
    parallelBatches: 1,
    timing: TIMING,
  });
  const ingestTimes = {
    wall: performance.now() - ingestWall,
    cpu: process.cpuUsage(ingestCpu),
    database: (await ingestBackends()) - ingestDatabase,
  };
  const jobs = await sql<{ payload: { postIds: string[] } }>`
    SELECT payload FROM job WHERE name = 'post.ingested' ORDER BY id DESC LIMIT ${jobCount}`.execute(db);
  const totals = new Map<string, { wall: number; cpu: number; database: number }>();
  const add = (name: string, wall: number, cpu: NodeJS.CpuUsage, database: number) => {
    const total = totals.get(name) ?? { wall: 0, cpu: 0, database: 0 };
    total.wall += wall;
    total.cpu += (cpu.user + cpu.system) / 1000;
    total.database += database * 1000;
    totals.set(name, total);
  };
  add('ingest', ingestTimes.wall, ingestTimes.cpu, ingestTimes.database);
  let posts = 0;
  for (const job of jobs.rows.reverse()) {
    const ids = job.payload.postIds;
    posts += ids.length;
    await runJobOnce(
      db,
      {
        timed: async (_payload, context) => {
          const backend = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(context.db);
          const pid = backend.rows[0]?.pid ?? 0;
          let started = performance.now();
          let cpu = process.cpuUsage();
          let database = processCpuSeconds(pid) ?? 0;
          const lap = (name: string) => {
            const databaseNow = processCpuSeconds(pid) ?? 0;
            add(name, performance.now() - started, process.cpuUsage(cpu), databaseNow - database);
            started = performance.now();
            cpu = process.cpuUsage();
            database = databaseNow;
          };
          const jobPosts = await analysePostsOfJob(context.db, ids);
          lap('analyse + store');
          for (const stage of AFTER_ANALYSIS_STAGES) {
            await stage.run(ids, { ...context, posts: jobPosts });
            lap(stage.name);
          }
          return 'done';
        },
      },
      { name: 'timed', payload: {} },
      () => Promise.resolve(true),
      () => new Date(),
    );
  }
  await sql`DELETE FROM job WHERE name = 'post.ingested'`.execute(db);
  const sum = (pick: (t: { wall: number; cpu: number; database: number }) => number) =>
    [...totals.values()].reduce((a, b) => a + pick(b), 0);
  const all = sum((t) => t.wall);
  const perPost = (millis: number) => ((millis / posts) * 1000).toFixed(0).padStart(7);
  console.log(
    `\nwhere a job's time goes (${posts} posts in jobs of ${BATCH}, one job at a time; wall time as loaded as the machine is):`,
  );
  console.log(
    `  ${'stage'.padEnd(16)} ${'wall'.padStart(7)}          ${'Ombud CPU'.padStart(15)} ${'PostgreSQL CPU'.padStart(15)}`,
  );
  for (const [name, { wall, cpu, database }] of totals) {
    console.log(
      `  ${name.padEnd(16)} ${perPost(wall)} µs/post ${((100 * wall) / all).toFixed(0).padStart(3)} %  ${perPost(cpu)} µs/post ${perPost(database)} µs/post`,
    );
  }
  console.log(
    `  ${'all'.padEnd(16)} ${perPost(all)} µs/post        ${perPost(sum((t) => t.cpu))} µs/post ${perPost(sum((t) => t.database))} µs/post  → ${(posts / (all / 1000)).toFixed(0)} posts/s per job slot`,
  );
}

interface TableWrites {
  rows: number;
  indexes: number;
}

/** Rows written (inserted, updated, deleted) per table so far, with the table's index count. */
async function tableWrites(db: Kysely<Database>): Promise<Map<string, TableWrites>> {
  // The statistics collector publishes a backend's counts when its transaction ends; a short pause
  // lets the last job's counts arrive.
  await sleep(1200);
  const result = await sql<{ name: string; rows: string; indexes: number }>`
    SELECT t.relname AS name, (t.n_tup_ins + t.n_tup_upd + t.n_tup_del)::text AS rows,
      (SELECT count(*)::int FROM pg_index i WHERE i.indrelid = t.relid) AS indexes
    FROM pg_stat_user_tables t`.execute(db);
  return new Map(result.rows.map((row) => [row.name, { rows: Number(row.rows), indexes: row.indexes }]));
}

/** Rows each post wrote per table during the timed jobs: PostgreSQL's work grows with these. */
function printTableWrites(before: Map<string, TableWrites>, after: Map<string, TableWrites>, posts: number) {
  const lines = [...after]
    .map(([name, { rows, indexes }]) => ({
      name,
      indexes,
      perPost: (rows - (before.get(name)?.rows ?? 0)) / posts,
    }))
    .filter((line) => line.perPost > 0.005)
    .sort((a, b) => b.perPost * (1 + b.indexes) - a.perPost * (1 + a.indexes));
  console.log(`\nrows written per post (inserted, updated or deleted), by table, during those jobs:`);
  for (const line of lines)
    console.log(
      `  ${line.name.padEnd(28)} ${line.perPost.toFixed(2).padStart(6)} rows, ${line.indexes} indexes`,
    );
}

/**
 * `stages`: no work stream and no concurrency, only where the CPU goes. The first pass of the load
 * (WARM_UP_POSTS) runs through the whole pipeline untimed, then BENCH_PIPELINE_STAGE_JOBS jobs
 * (default 5) are timed stage by stage. CPU per stage is steadier than any wall figure on a loaded
 * machine.
 */
async function runStages() {
  const database = await createPostgresDatabase();
  const handle = await openDatabase({ kind: 'postgres', url: database.url });
  try {
    await migrateToLatest(handle.db);
    const workspace = await createLoadWorkspace(handle.db);
    const handlers = createJobRegistry();
    let from = 0;
    while (from < WARM_UP_POSTS) {
      await ingestLoad(handle.db, workspace, from, BATCH, {
        batchSize: BATCH,
        parallelBatches: 1,
        timing: TIMING,
      });
      from += BATCH;
      const jobs = await sql<{ id: string; payload: Record<string, unknown> }>`
        SELECT id::text AS id, payload FROM job WHERE name = 'post.ingested' ORDER BY id`.execute(handle.db);
      for (const job of jobs.rows) {
        await runJobOnce(
          handle.db,
          handlers,
          { name: 'post.ingested', payload: job.payload },
          async (trx) => {
            await sql`DELETE FROM job WHERE id = ${job.id}::bigint`.execute(trx);
            return true;
          },
          () => new Date(),
        );
      }
      if (from === BATCH * 2) await sql`ANALYZE`.execute(handle.db);
    }
    await sql`ANALYZE`.execute(handle.db);
    console.log(`\n## stages: ${from} posts through the pipeline untimed first, PostgreSQL`);
    // BENCH_PIPELINE_STAGE_CPU_PROF=<file>: a V8 CPU profile of the timed jobs only.
    const profileFile = env['BENCH_PIPELINE_STAGE_CPU_PROF'];
    const session = profileFile ? new Session() : undefined;
    const post = (method: string) =>
      new Promise<unknown>((resolve, reject) =>
        session?.post(method, (error, result) => (error ? reject(error) : resolve(result))),
      );
    if (session) {
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    const before = await tableWrites(handle.db);
    const stageJobs = Number(env['BENCH_PIPELINE_STAGE_JOBS'] ?? 5);
    await stageBreakdown(handle.db, workspace, from, stageJobs);
    printTableWrites(before, await tableWrites(handle.db), stageJobs * BATCH);
    if (session && profileFile) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(profileFile, JSON.stringify(profile));
      session.disconnect();
    }
  } finally {
    await handle.close();
    await database.drop();
  }
}

async function runJetStream() {
  const nats = await startNatsServer();
  const database = await createPostgresDatabase();
  const handle = await openDatabase({ kind: 'postgres', url: database.url });
  const children: ChildProcess[] = [];
  try {
    await migrateToLatest(handle.db);
    const workspace = await createLoadWorkspace(handle.db);
    const stream = `BENCH_${randomBytes(4).toString('hex')}`;
    const ports: number[] = [];
    for (let i = 0; i < WORKERS; i += 1) {
      const port = await freePort();
      ports.push(port);
      const args = ['worker', '--concurrency', String(CONCURRENCY), '--metrics-port', String(port)];
      // BENCH_PIPELINE_WORKER_CPU_PROF=<dir>: each worker writes a V8 CPU profile there when it stops.
      const profile = env['BENCH_PIPELINE_WORKER_CPU_PROF'];
      const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
      const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', main, ...args], {
        env: {
          ...env,
          DATABASE_URL: database.url,
          NATS_URL: nats.url,
          OMBUD_NATS_STREAM: stream,
          OMBUD_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
    }
    // Measure from the moment every worker is ready (start-up under tsx takes seconds on a loaded machine).
    for (const port of ports) {
      for (;;) {
        const response = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined);
        if (response?.status === 200) break;
        await sleep(250);
      }
    }
    const result = await drive(
      handle.db,
      workspace,
      WORKERS * CONCURRENCY,
      children.map((child) => child.pid ?? 0),
      database.url,
      undefined,
      () => nats.pid,
    );
    report(
      'jetstream',
      `${WORKERS} worker processes × ${CONCURRENCY} jobs at once, ${BATCH} posts per job, PostgreSQL + NATS JetStream`,
      result,
    );
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    await stageBreakdown(handle.db, workspace, result.ingested);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await handle.close();
    await database.drop();
    await nats.close();
  }
}

async function runEmbedded() {
  const database = EMBEDDED_DB === 'postgres' ? await createPostgresDatabase() : undefined;
  const handle: DatabaseHandle = await openDatabase(
    database ? { kind: 'postgres', url: database.url } : { kind: 'pglite', dataDir: 'memory://' },
  );
  try {
    await migrateToLatest(handle.db);
    const workspace = await createLoadWorkspace(handle.db);
    const concurrency = handle.kind === 'pglite' ? 1 : CONCURRENCY;
    const deps = { db: handle.db, handlers: createJobRegistry(), log, now: () => new Date(), concurrency };
    // BENCH_PIPELINE_NOTIFY=0: the idle stream only polls (its 200 ms), as before job notifications.
    const workStream =
      env['BENCH_PIPELINE_NOTIFY'] === '0'
        ? createEmbeddedWorkStream(deps)
        : await openWorkStream(
            {
              workStream: { kind: 'embedded' },
              database: database
                ? { kind: 'postgres', url: database.url }
                : { kind: 'pglite', dataDir: 'memory://' },
            },
            deps,
          );
    workStream.start();
    const result = await drive(
      handle.db,
      workspace,
      concurrency,
      'self',
      database?.url,
      () => workStream.counters().inFlight,
    );
    await workStream.stop();
    const ingested = result.ingested;
    report(
      'embedded',
      `1 process (ingest and ${concurrency} job${concurrency > 1 ? 's' : ''} at once), ${BATCH} posts per job, ${handle.kind}`,
      result,
    );
    await stageBreakdown(handle.db, workspace, ingested);
  } finally {
    await handle.close();
    await database?.drop();
  }
}

/**
 * The work stream alone, in this process: two JetStream consumers whose handler runs only a part of
 * the pipeline — `transport` (relay, delivery, receipt, the stream stage's counter) or `core`
 * (that plus analysis and storing it). Shows what the stream itself carries, apart from the stages.
 */
async function runPartial(mode: 'transport' | 'core') {
  const nats = await startNatsServer();
  const database = await createPostgresDatabase();
  const handle = await openDatabase({ kind: 'postgres', url: database.url });
  const streams: Awaited<ReturnType<typeof openJetStreamWorkStream>>[] = [];
  try {
    await migrateToLatest(handle.db);
    const workspace = await createLoadWorkspace(handle.db);
    const stream = `BENCH_${randomBytes(4).toString('hex')}`;
    const handlers = {
      'post.ingested': async (payload: Record<string, unknown>, context: JobContext) => {
        const postIds = payload['postIds'] as string[];
        if (mode === 'core') await analysePosts(context.db, postIds);
        await streamStage.run(postIds, context);
        return 'done' as const;
      },
    };
    for (let i = 0; i < 2; i += 1) {
      const workStream = await openJetStreamWorkStream({
        db: handle.db,
        handlers,
        log,
        now: () => new Date(),
        concurrency: CONCURRENCY,
        servers: [nats.url],
        stream,
      });
      workStream.start();
      streams.push(workStream);
    }
    const result = await drive(handle.db, workspace, 2 * CONCURRENCY, 'self', database.url);
    report(
      mode,
      `2 consumers × ${CONCURRENCY} in this process, ${BATCH} posts per job, PostgreSQL + NATS JetStream; handler: ${mode === 'core' ? 'analyse + store + count' : 'count only'}`,
      result,
    );
  } finally {
    for (const workStream of streams) await workStream.stop();
    await handle.close();
    await database.drop();
    await nats.close();
  }
}

console.log(
  `# bench:pipeline — ${SECONDS} s per mode, offered ${TARGET} posts/s, ${BATCH} posts per job, ${TIMING} load (BENCH_PIPELINE_LOAD)`,
);
if (MODES.includes('jetstream')) await runJetStream();
if (MODES.includes('embedded')) await runEmbedded();
if (MODES.includes('stages')) await runStages();
if (MODES.includes('core')) await runPartial('core');
if (MODES.includes('transport')) await runPartial('transport');
