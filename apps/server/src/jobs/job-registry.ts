import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { JobName } from './job-names.ts';

export type JobStatus = 'done' | 'skipped';

export interface JobContext {
  db: Kysely<Database>;
  now: () => Date;
}

/** A handler reloads what its payload names and must be idempotent: delivery is at-least-once. */
export type JobHandler = ((payload: Record<string, unknown>, context: JobContext) => Promise<JobStatus>) & {
  /**
   * Run outside the delivery's transaction, the receipt written after it succeeds. Only for a handler
   * that guards its own effect (claims a row before a network send and records the outcome) — a slow
   * receiver must not hold a transaction open, which on PGlite's single connection stalls everything.
   */
  outsideTransaction?: true;
};

/** Marks a self-guarding handler to run outside the delivery's transaction (see JobHandler). */
export function outsideTransaction(
  handler: (payload: Record<string, unknown>, context: JobContext) => Promise<JobStatus>,
): JobHandler {
  return Object.assign(handler, { outsideTransaction: true as const });
}

export type JobRegistry = Record<JobName, JobHandler>;
