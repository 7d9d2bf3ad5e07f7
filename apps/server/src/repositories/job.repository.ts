import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { JobName } from '../jobs/job-names.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface JobToEnqueue {
  name: JobName;
  payload: Record<string, unknown>;
}

export interface ClaimedJob {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Adds jobs in the caller's transaction, so they exist exactly when the data they describe does. */
export async function enqueueJobs(db: Executor, jobs: readonly JobToEnqueue[]): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('job')
    .values(jobs.map((job) => ({ name: job.name, payload: JSON.stringify(job.payload) })))
    .execute();
}

/**
 * Claims up to `limit` runnable jobs for `lockSeconds`. A job whose worker died is claimable again
 * once its lock runs out, so delivery is at-least-once and handlers must be idempotent.
 */
export async function claimJobs(
  db: Kysely<Database>,
  limit: number,
  lockSeconds: number,
): Promise<ClaimedJob[]> {
  const result = await sql<ClaimedJob>`
    UPDATE job SET status = 'running', attempts = attempts + 1,
                   locked_until = now() + make_interval(secs => ${lockSeconds})
    WHERE id IN (
      SELECT id FROM job
      WHERE (status = 'pending' AND run_after <= now()) OR (status = 'running' AND locked_until < now())
      ORDER BY id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id, name, payload, attempts
  `.execute(db);
  return result.rows;
}

export async function completeJob(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('job').where('id', '=', id).execute();
}

export async function failJob(
  db: Kysely<Database>,
  id: string,
  error: string,
  retry: { retryAt: Date } | { giveUp: true },
): Promise<void> {
  await db
    .updateTable('job')
    .set(
      'retryAt' in retry
        ? {
            status: 'pending',
            run_after: retry.retryAt,
            locked_until: null,
            last_error: error.slice(0, 2000),
          }
        : { status: 'failed', locked_until: null, last_error: error.slice(0, 2000) },
    )
    .where('id', '=', id)
    .execute();
}

export async function countJobs(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('job')
    .select(['status', sql<number>`count(*)::int`.as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

/**
 * Books `name` to run at `runAfter` unless one is already waiting (status pending): a job that
 * exists once, however many processes book it at the same moment. A transaction-scoped advisory
 * lock per job name serialises the bookers, so the second one sees the first one's row. Inside a
 * job's own transaction the lock is held until that transaction commits. Returns whether it booked.
 */
export async function enqueueJobUnlessPending(
  db: Kysely<Database>,
  name: JobName,
  runAfter: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ombud-job:${name}`}, 0))`.execute(trx);
    const waiting = await trx
      .selectFrom('job')
      .select('id')
      .where('name', '=', name)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (waiting) return false;
    await trx
      .insertInto('job')
      .values({ name, payload: JSON.stringify({}), run_after: runAfter })
      .execute();
    return true;
  });
}
