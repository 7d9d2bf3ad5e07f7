import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Refuses an approval or a scheduled publication while the campaign's publishing is paused (a crisis).
 * The pause belongs to the crisis capability (`isPublishingPaused(db, campaignId)` in
 * services/); until it exists there is no pause to honour. This is the one place to wire it.
 */
export async function assertPublishingAllowed(
  _db: Kysely<Database>,
  _campaignId: string,
  _at: Date,
): Promise<void> {}
