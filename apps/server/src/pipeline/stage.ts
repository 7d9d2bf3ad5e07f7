import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { JobPosts } from './job-posts.ts';

export interface StageContext {
  db: Kysely<Database>;
  now: () => Date;
  /** The job's posts as analysis loaded them, when the stages run in the job that analysed them. */
  posts?: JobPosts | undefined;
}

/**
 * One capability's reaction to freshly analysed posts (signals, inbox items, listening...).
 * Runs after the analyses are stored; must be idempotent, because a job may be delivered twice.
 */
export interface PipelineStage {
  name: string;
  run: (postIds: readonly string[], context: StageContext) => Promise<void>;
}
