import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { JobHandler, JobStatus } from '../../jobs/job-registry.ts';

/** What became of one delivery: it took effect, or an earlier delivery of the same job already had. */
export type DeliveryOutcome = JobStatus | 'duplicate';

export type JobHandlers = Readonly<Record<string, JobHandler>>;

export class UnknownJobError extends Error {
  readonly code = 'JOB_UNKNOWN';
}

/**
 * Runs a job's handler in one transaction together with `claim`, which records that this delivery
 * takes effect (a receipt row, or the locked job row) and returns false when an earlier delivery
 * already did. Delivery is at-least-once; because the handler's writes and the claim commit or roll
 * back together, each job changes the database exactly once, even for handlers that count. A handler
 * marked `outsideTransaction` runs first and on its own, the claim after it.
 */
export async function runJobOnce(
  db: Kysely<Database>,
  handlers: JobHandlers,
  job: { name: string; payload: Record<string, unknown> },
  claim: (trx: Kysely<Database>) => Promise<boolean>,
  now: () => Date,
): Promise<DeliveryOutcome> {
  const handler = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
  if (!handler) throw new UnknownJobError(`no handler for job "${job.name}"`);
  if (handler.outsideTransaction) {
    // The handler guards its own effect; the receipt only records that this job is finished.
    const status = await handler(job.payload, { db, now });
    const claimed = await db.transaction().execute((trx) => claim(trx));
    return claimed ? status : 'duplicate';
  }
  return db.transaction().execute(async (trx) => {
    if (!(await claim(trx))) return 'duplicate';
    return handler(job.payload, { db: allowNestedTransactions(trx), now });
  });
}

let savepointCounter = 0;

/**
 * The handler's database is the delivery's transaction. A stage that opens a transaction of its own
 * gets a savepoint inside it instead of Kysely's "not supported" error, so its writes still roll
 * back with the delivery.
 */
function allowNestedTransactions(trx: Transaction<Database>): Kysely<Database> {
  const nested = {
    setIsolationLevel: () => nested,
    setAccessMode: () => nested,
    execute: async <T>(work: (inner: Kysely<Database>) => Promise<T>): Promise<T> => {
      savepointCounter = (savepointCounter + 1) % 1_000_000;
      const name = sql.id(`nested_${savepointCounter}`);
      await sql`SAVEPOINT ${name}`.execute(trx);
      try {
        const result = await work(proxy);
        await sql`RELEASE SAVEPOINT ${name}`.execute(trx);
        return result;
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(trx);
        throw error;
      }
    },
  };
  const proxy: Kysely<Database> = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => nested;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields: methods must run on the real object.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return proxy;
}
