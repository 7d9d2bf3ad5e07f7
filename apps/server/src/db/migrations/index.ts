import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as postAnalysis from './0002-post-analysis.ts';

/** Every migration, in order. Listed explicitly: nothing is discovered from the folder. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-post-analysis': postAnalysis,
};
