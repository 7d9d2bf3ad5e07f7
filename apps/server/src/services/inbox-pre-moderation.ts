import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isPreModerationOn } from './circuit-breaker.service.ts';

/** Whether a campaign's inbox replies must wait for a second person. */
export type PreModerationCheck = (db: Kysely<Database>, campaignId: string) => Promise<boolean>;

/**
 * Crisis pre-moderation (the crisis capability's circuit breaker): while it is on for a campaign,
 * every inbox reply there, automatic overflow replies included, waits for a second person.
 */
export const preModerationCheck: PreModerationCheck = isPreModerationOn;
