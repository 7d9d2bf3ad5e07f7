import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AlertDeliveryRecord } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { AlertDeliveryAttemptTable, AlertDeliveryTable } from '../db/tables/alerts.tables.ts';
import type { JobName } from '../jobs/job-names.ts';

type Executor = Kysely<Database> | Transaction<Database>;
export type AlertDeliveryRow = Selectable<AlertDeliveryTable>;

export interface DeliveryToInsert {
  workspaceId: string;
  alertId: string;
  channelId: string;
  purpose: AlertDeliveryRow['purpose'];
  escalateAfterMinutes: number | null;
  now: Date;
}

/** Adds deliveries once per (alert, channel, purpose); returns the ids of the new ones. */
export async function insertDeliveriesOnce(
  db: Executor,
  deliveries: readonly DeliveryToInsert[],
): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const rows = await db
    .insertInto('alert_delivery')
    .values(
      deliveries.map((delivery) => ({
        workspace_id: delivery.workspaceId,
        alert_id: delivery.alertId,
        channel_id: delivery.channelId,
        purpose: delivery.purpose,
        escalate_after_minutes: delivery.escalateAfterMinutes,
        next_attempt_at: delivery.now,
        created_at: delivery.now,
      })),
    )
    .onConflict((conflict) => conflict.columns(['alert_id', 'channel_id', 'purpose']).doNothing())
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Schedules a job to run no earlier than `runAfter`. Alert work waits on its own clock (back-off,
 * quiet hours, escalation), so it writes `run_after` itself rather than running at once.
 */
export async function scheduleAlertJob(
  db: Executor,
  name: JobName,
  payload: Record<string, unknown>,
  runAfter: Date,
): Promise<void> {
  await db
    .insertInto('job')
    .values({ name, payload: JSON.stringify(payload), run_after: runAfter })
    .execute();
}

/**
 * Takes a delivery for sending if it is due at `now` (or its sender died holding it): one sender
 * at a time, so a job run twice never sends twice at once.
 */
export async function claimDelivery(
  db: Executor,
  deliveryId: string,
  now: Date,
  lockSeconds: number,
): Promise<AlertDeliveryRow | undefined> {
  return db
    .updateTable('alert_delivery')
    .set({ status: 'sending', locked_until: new Date(now.getTime() + lockSeconds * 1000) })
    .where('id', '=', deliveryId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'held']), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function findDelivery(db: Executor, deliveryId: string): Promise<AlertDeliveryRow | undefined> {
  return db.selectFrom('alert_delivery').selectAll().where('id', '=', deliveryId).executeTakeFirst();
}

export async function markDeliveryDelivered(
  db: Executor,
  deliveryId: string,
  attempts: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('alert_delivery')
    .set({ status: 'delivered', attempts, delivered_at: now, locked_until: null, last_error: null })
    .where('id', '=', deliveryId)
    .execute();
}

export async function markDeliveryRetry(
  db: Executor,
  deliveryId: string,
  attempts: number,
  nextAttemptAt: Date,
  error: string,
): Promise<void> {
  await db
    .updateTable('alert_delivery')
    .set({
      status: 'pending',
      attempts,
      next_attempt_at: nextAttemptAt,
      locked_until: null,
      last_error: error.slice(0, 2000),
    })
    .where('id', '=', deliveryId)
    .execute();
}

export async function markDeliveryDead(
  db: Executor,
  deliveryId: string,
  attempts: number,
  now: Date,
  error: string,
): Promise<void> {
  await db
    .updateTable('alert_delivery')
    .set({ status: 'dead', attempts, dead_at: now, locked_until: null, last_error: error.slice(0, 2000) })
    .where('id', '=', deliveryId)
    .execute();
}

export async function markDeliveryHeld(db: Executor, deliveryId: string, until: Date): Promise<void> {
  await db
    .updateTable('alert_delivery')
    .set({ status: 'held', held_until: until, next_attempt_at: until, locked_until: null })
    .where('id', '=', deliveryId)
    .execute();
}

export async function markDeliveryCancelled(db: Executor, deliveryId: string, reason: string): Promise<void> {
  await db
    .updateTable('alert_delivery')
    .set({ status: 'cancelled', locked_until: null, last_error: reason })
    .where('id', '=', deliveryId)
    .execute();
}

/** Cancels an alert's escalations not yet sent (someone acknowledged it); returns how many. */
export async function cancelPendingEscalations(db: Executor, alertId: string): Promise<number> {
  const result = await db
    .updateTable('alert_delivery')
    .set({
      status: 'cancelled',
      locked_until: null,
      last_error: 'acknowledged before the escalation went out',
    })
    .where('alert_id', '=', alertId)
    .where('purpose', '=', 'escalation')
    .where('status', 'in', ['pending', 'held'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface AttemptToRecord {
  workspaceId: string;
  deliveryId: string | null;
  channelId: string;
  purpose: 'alert' | 'escalation' | 'test';
  attempt: number;
  startedAt: Date;
  durationMs: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

export async function recordDeliveryAttempt(db: Executor, attempt: AttemptToRecord): Promise<void> {
  await db
    .insertInto('alert_delivery_attempt')
    .values({
      workspace_id: attempt.workspaceId,
      delivery_id: attempt.deliveryId,
      channel_id: attempt.channelId,
      purpose: attempt.purpose,
      attempt: attempt.attempt,
      started_at: attempt.startedAt,
      duration_ms: Math.round(attempt.durationMs),
      ok: attempt.ok,
      status_code: attempt.statusCode,
      error: attempt.error === null ? null : attempt.error.slice(0, 2000),
    })
    .execute();
}

/** Deliveries due at `now` (pending or held past their time, or abandoned mid-send). */
export async function listDueDeliveryIds(db: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('alert_delivery')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['pending', 'held']), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

function deliverySelect(db: Executor) {
  return db
    .selectFrom('alert_delivery')
    .innerJoin('alert_channel', 'alert_channel.id', 'alert_delivery.channel_id')
    .innerJoin('alert', 'alert.id', 'alert_delivery.alert_id')
    .selectAll('alert_delivery')
    .select([
      'alert_channel.name as channel_name',
      'alert_channel.kind as channel_kind',
      'alert.title as alert_title',
      'alert.severity as alert_severity',
      'alert.kind as alert_kind',
    ]);
}

type DeliveryJoinedRow = AlertDeliveryRow & {
  channel_name: string;
  channel_kind: AlertDeliveryRecord['channelKind'];
};

function toDeliveryRecord(row: DeliveryJoinedRow): AlertDeliveryRecord {
  return {
    id: row.id,
    alertId: row.alert_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    channelKind: row.channel_kind,
    purpose: row.purpose,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    heldUntil: row.held_until?.toISOString() ?? null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    deadAt: row.dead_at?.toISOString() ?? null,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
  };
}

function toAttemptRecord(row: Selectable<AlertDeliveryAttemptTable>) {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    channelId: row.channel_id,
    purpose: row.purpose,
    attempt: row.attempt,
    startedAt: row.started_at.toISOString(),
    durationMs: row.duration_ms,
    ok: row.ok,
    statusCode: row.status_code,
    error: row.error,
  };
}

/** An alert's deliveries, each with every attempt made. */
export async function listAlertDeliveries(db: Executor, workspaceId: string, alertId: string) {
  const rows = await deliverySelect(db)
    .where('alert_delivery.workspace_id', '=', workspaceId)
    .where('alert_delivery.alert_id', '=', alertId)
    .orderBy('alert_delivery.created_at')
    .orderBy('alert_channel.name')
    .orderBy('alert_delivery.purpose')
    .execute();
  if (rows.length === 0) return [];
  const attempts = await db
    .selectFrom('alert_delivery_attempt')
    .selectAll()
    .where(
      'delivery_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    ...toDeliveryRecord(row),
    log: attempts.filter((attempt) => attempt.delivery_id === row.id).map(toAttemptRecord),
  }));
}

/** The dead-letter list: deliveries that ran out of attempts, newest first. */
export async function listDeadLetters(db: Executor, workspaceId: string, limit: number) {
  const rows = await deliverySelect(db)
    .where('alert_delivery.workspace_id', '=', workspaceId)
    .where('alert_delivery.status', '=', 'dead')
    .orderBy('alert_delivery.dead_at', 'desc')
    .orderBy('alert_delivery.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...toDeliveryRecord(row),
    alertTitle: row.alert_title,
    alertSeverity: row.alert_severity,
    alertKind: row.alert_kind,
  }));
}

/**
 * Puts dead deliveries back in line with a fresh set of attempts (their attempt log stays);
 * returns the ids requeued.
 */
export async function requeueDeadDeliveries(
  db: Executor,
  workspaceId: string,
  deliveryIds: readonly string[] | 'all',
  now: Date,
): Promise<string[]> {
  let update = db
    .updateTable('alert_delivery')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, dead_at: null, locked_until: null })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'dead');
  if (deliveryIds !== 'all') {
    if (deliveryIds.length === 0) return [];
    update = update.where('id', 'in', deliveryIds);
  }
  const rows = await update.returning('id').execute();
  return rows.map((row) => row.id);
}

/** Attempts made through a channel, newest first (test pings included). */
export async function listChannelAttempts(
  db: Executor,
  workspaceId: string,
  channelId: string,
  limit: number,
) {
  const rows = await db
    .selectFrom('alert_delivery_attempt')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAttemptRecord);
}
