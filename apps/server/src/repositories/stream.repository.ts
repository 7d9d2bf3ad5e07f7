import { sql, type Kysely } from 'kysely';
import { COUNTER_SLOT } from '../db/counter-slot.ts';
import type { Database } from '../db/schema.ts';

/**
 * Upper bounds (milliseconds) of the ingest-to-stored latency histogram; one more bucket counts the
 * rest (+Inf). Changing them needs a migration of `stream_post_minute.latency_buckets`.
 */
export const PIPELINE_LATENCY_BUCKETS_MS = [
  50, 100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, 30_000, 60_000,
];

export interface OutboxJob {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

/**
 * Records that a delivery took effect, in the caller's transaction. Returns false when the key was
 * already recorded (a redelivery): the caller then does nothing. A concurrent second delivery waits
 * on the key's index entry until the first commits or rolls back.
 */
export async function insertReceipt(db: Kysely<Database>, key: string, jobName: string): Promise<boolean> {
  const row = await db
    .insertInto('stream_receipt')
    .values({ key, job_name: jobName })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes receipts older than `olderThan`; returns how many went. */
export async function pruneReceipts(db: Kysely<Database>, olderThan: Date): Promise<number> {
  const result = await db
    .deleteFrom('stream_receipt')
    .where('processed_at', '<', olderThan)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Locks a claimed job row for the rest of the caller's transaction. Undefined when another worker
 * already finished it. While locked, `claimJobs` (SKIP LOCKED) cannot hand it to anyone else.
 */
export async function lockClaimedJob(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await sql<{ id: string }>`SELECT id::text AS id FROM job WHERE id = ${id} FOR UPDATE`.execute(
    db,
  );
  return row.rows.length > 0;
}

/**
 * Takes up to `limit` runnable outbox rows for the caller's transaction (SKIP LOCKED, so several
 * relays share the outbox). The caller publishes them and deletes them before committing.
 */
export async function lockOutboxJobs(db: Kysely<Database>, limit: number): Promise<OutboxJob[]> {
  const result = await sql<OutboxJob>`
    SELECT id::text AS id, name, payload FROM job
    WHERE status = 'pending' AND run_after <= now()
    ORDER BY id LIMIT ${limit}
    FOR UPDATE SKIP LOCKED`.execute(db);
  return result.rows;
}

export async function deleteJobs(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`DELETE FROM job WHERE id = ANY(${ids}::bigint[])`.execute(db);
}

/** Keeps a job that failed too often where operators look for failed jobs: the job table. */
export async function insertDeadLetter(
  db: Kysely<Database>,
  job: { name: string; payload: Record<string, unknown>; attempts: number; error: string },
): Promise<void> {
  await db
    .insertInto('job')
    .values({
      name: job.name,
      payload: JSON.stringify(job.payload),
      status: 'failed',
      attempts: job.attempts,
      last_error: job.error.slice(0, 2000),
    })
    .execute();
}

export interface OutboxStats {
  /** Runnable jobs not yet taken (embedded) or not yet published (JetStream). */
  pending: number;
  /** Jobs waiting for a later retry time. */
  delayed: number;
  running: number;
  failed: number;
  /** Age of the oldest runnable pending job, in seconds (0 when none). */
  oldestPendingSeconds: number;
}

export async function readOutboxStats(db: Kysely<Database>): Promise<OutboxStats> {
  const result = await sql<OutboxStats>`
    SELECT count(*) FILTER (WHERE status = 'pending' AND run_after <= now())::int AS pending,
           count(*) FILTER (WHERE status = 'pending' AND run_after > now())::int AS delayed,
           count(*) FILTER (WHERE status = 'running')::int AS running,
           count(*) FILTER (WHERE status = 'failed')::int AS failed,
           COALESCE(extract(epoch FROM now() - min(created_at)
                    FILTER (WHERE status = 'pending' AND run_after <= now())), 0)::float8 AS "oldestPendingSeconds"
    FROM job`.execute(db);
  const row = result.rows[0];
  return row ?? { pending: 0, delayed: 0, running: 0, failed: 0, oldestPendingSeconds: 0 };
}

/**
 * Counts posts that finished the pipeline in this minute with their ingest-to-stored latency, in the
 * caller's transaction. Not idempotent on purpose: it runs once per delivery that takes effect, so the
 * totals also prove that no delivery took effect twice.
 */
export async function recordPipelineMinute(db: Kysely<Database>, postIds: readonly string[]): Promise<void> {
  if (postIds.length === 0) return;
  const bounds = PIPELINE_LATENCY_BUCKETS_MS;
  const bucketExpressions = [
    ...bounds.map(
      (bound, index) =>
        sql`count(*) FILTER (WHERE ms <= ${bound}${index > 0 ? sql` AND ms > ${bounds[index - 1]}` : sql``})`,
    ),
    sql`count(*) FILTER (WHERE ms > ${bounds.at(-1)})`,
  ];
  await sql`
    INSERT INTO stream_post_minute (workspace_id, minute, posts, latency_ms_sum, latency_ms_max, latency_buckets, slot)
    SELECT workspace_id, date_trunc('minute', clock_timestamp()), count(*), sum(ms), max(ms),
           ARRAY[${sql.join(bucketExpressions)}]::bigint[], ${COUNTER_SLOT}
    FROM (SELECT p.workspace_id, greatest(0, extract(epoch FROM clock_timestamp() - p.ingested_at) * 1000) AS ms
          FROM post p WHERE p.id = ANY(${postIds}::bigint[])) AS finished
    GROUP BY workspace_id
    ON CONFLICT (workspace_id, minute, slot) DO UPDATE SET
      posts = stream_post_minute.posts + EXCLUDED.posts,
      latency_ms_sum = stream_post_minute.latency_ms_sum + EXCLUDED.latency_ms_sum,
      latency_ms_max = greatest(stream_post_minute.latency_ms_max, EXCLUDED.latency_ms_max),
      latency_buckets = ARRAY(SELECT a + b FROM unnest(stream_post_minute.latency_buckets, EXCLUDED.latency_buckets)
                              AS t(a, b))`.execute(db);
}

export interface PipelineTotals {
  posts: number;
  latencySumSeconds: number;
  /** Non-cumulative counts per bucket of `PIPELINE_LATENCY_BUCKETS_MS`, then +Inf. */
  buckets: number[];
}

/** Sums the per-minute pipeline counts since `since` (all time when undefined), over every workspace. */
export async function readPipelineTotals(db: Kysely<Database>, since?: Date): Promise<PipelineTotals> {
  const rows = await db
    .selectFrom('stream_post_minute')
    .select(['posts', 'latency_ms_sum', 'latency_buckets'])
    .$if(since !== undefined, (query) => query.where('minute', '>=', since ?? new Date(0)))
    .execute();
  const buckets = new Array<number>(PIPELINE_LATENCY_BUCKETS_MS.length + 1).fill(0);
  let posts = 0;
  let latencyMs = 0;
  for (const row of rows) {
    posts += Number(row.posts);
    latencyMs += row.latency_ms_sum;
    row.latency_buckets.forEach((count, index) => {
      buckets[index] = (buckets[index] ?? 0) + Number(count);
    });
  }
  return { posts, latencySumSeconds: latencyMs / 1000, buckets };
}
