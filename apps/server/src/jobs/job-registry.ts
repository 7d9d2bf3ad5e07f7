import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { JobName } from './job-names.ts';

export type JobStatus = 'done' | 'skipped';

export interface JobContext {
  db: Kysely<Database>;
  now: () => Date;
}

/** A handler reloads what its payload names and must be idempotent: delivery is at-least-once. */
export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<JobStatus>;

export type JobRegistry = Record<JobName, JobHandler>;
