import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface StageContext {
  db: Kysely<Database>;
  now: () => Date;
}

/**
 * One capability's reaction to freshly analysed posts (signals, inbox items, listening...).
 * Runs after the analyses are stored; must be idempotent, because a job may be delivered twice.
 */
export interface PipelineStage {
  name: string;
  run: (postIds: readonly string[], context: StageContext) => Promise<void>;
}
