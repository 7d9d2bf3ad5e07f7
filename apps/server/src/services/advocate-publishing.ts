import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { isPublishingPaused } from './circuit-breaker.service.ts';

/**
 * Refuses an approval (and so a scheduled publication) while the campaign's publishing is paused by
 * the crisis circuit breaker: nothing new goes out in the brand's name until someone lifts the pause.
 */
export async function assertPublishingAllowed(
  db: Kysely<Database>,
  campaignId: string,
  at: Date,
): Promise<void> {
  if (await isPublishingPaused(db, campaignId))
    throw new AppError(
      'CONFLICT',
      `publishing for campaign ${campaignId} is paused by the crisis circuit breaker; the draft stays in review (wanted for ${at.toISOString()}) until the pause is lifted`,
    );
}
