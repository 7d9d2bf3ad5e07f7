import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type DeliveryOutcome = 'delivered' | 'retry' | 'dead' | 'held' | 'skipped';

/** Sends one delivery if it is due (filled in next). */
export async function processAlertDelivery(
  _db: Kysely<Database>,
  _deliveryId: string,
  _now: Date,
): Promise<DeliveryOutcome> {
  return 'skipped';
}

/** Escalates an unacknowledged alert whose routes say so (filled in next). */
export async function escalateAlertIfDue(
  _db: Kysely<Database>,
  _alertId: string,
  _now: Date,
): Promise<number> {
  return 0;
}
