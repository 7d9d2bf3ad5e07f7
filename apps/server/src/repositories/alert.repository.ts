import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AlertListQuery, AlertRecord } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { AlertTable } from '../db/tables/alerts.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;
export type AlertRow = Selectable<AlertTable>;

export interface AlertToInsert {
  workspaceId: string;
  campaignId: string | null;
  incidentId: string | null;
  kind: string;
  severity: AlertRow['severity'];
  title: string;
  summary: string;
  texts: Record<string, unknown> | null;
  dedupeKey: string;
  createdAt: Date;
}

export function toAlertRecord(row: AlertRow, read: boolean): AlertRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    incidentId: row.incident_id,
    kind: row.kind,
    severity: row.severity,
    title: row.title,
    summary: row.summary,
    texts: row.texts,
    createdAt: row.created_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
    read: read || row.acknowledged_at !== null,
  };
}

/** Inserts once per (workspace, dedupe key); `undefined` when the key was raised before. */
export async function insertAlertOnce(db: Executor, alert: AlertToInsert): Promise<AlertRow | undefined> {
  return db
    .insertInto('alert')
    .values({
      workspace_id: alert.workspaceId,
      campaign_id: alert.campaignId,
      incident_id: alert.incidentId,
      kind: alert.kind,
      severity: alert.severity,
      title: alert.title,
      summary: alert.summary,
      texts: alert.texts === null ? null : JSON.stringify(alert.texts),
      dedupe_key: alert.dedupeKey,
      created_at: alert.createdAt,
    })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'dedupe_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findAlertIdByDedupeKey(
  db: Executor,
  workspaceId: string,
  dedupeKey: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('alert')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
  return row?.id;
}

/** An alert by id alone, for jobs (their payload carries only the id). */
export async function findAlertById(db: Executor, alertId: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alert').selectAll().where('id', '=', alertId).executeTakeFirst();
}

export async function findAlert(
  db: Executor,
  workspaceId: string,
  alertId: string,
): Promise<AlertRow | undefined> {
  return db
    .selectFrom('alert')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', alertId)
    .executeTakeFirst();
}

/** Whether a user has marked an alert read. */
export async function isAlertRead(db: Executor, alertId: string, userId: string | null): Promise<boolean> {
  if (userId === null) return false;
  const row = await db
    .selectFrom('alert_read')
    .select('alert_id')
    .where('alert_id', '=', alertId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the user marked the alert read; an API key (no user) has read nothing. */
function readExpression(userId: string | null) {
  return userId === null
    ? sql<boolean>`false`
    : sql<boolean>`EXISTS (SELECT 1 FROM alert_read WHERE alert_read.alert_id = alert.id AND alert_read.user_id = ${userId})`;
}

/** Newest first, keyset-paged on (created_at, id). `userId` null (an API key) reads nothing as read. */
export async function listAlerts(
  db: Executor,
  workspaceId: string,
  userId: string | null,
  query: AlertListQuery,
): Promise<{ alerts: AlertRecord[]; nextCursor: string | null }> {
  let select = db
    .selectFrom('alert')
    .selectAll('alert')
    .select(readExpression(userId).as('is_read'))
    .where('alert.workspace_id', '=', workspaceId);
  if (query.status === 'open') select = select.where('alert.acknowledged_at', 'is', null);
  if (query.status === 'acknowledged') select = select.where('alert.acknowledged_at', 'is not', null);
  if (query.campaignId !== undefined) select = select.where('alert.campaign_id', '=', query.campaignId);
  if (query.incidentId !== undefined) select = select.where('alert.incident_id', '=', query.incidentId);
  if (query.severity !== undefined) select = select.where('alert.severity', '=', query.severity);
  if (query.cursor !== undefined) {
    const split = query.cursor.lastIndexOf('_');
    const at = new Date(query.cursor.slice(0, split));
    const id = query.cursor.slice(split + 1);
    select = select.where((eb) =>
      eb.or([
        eb('alert.created_at', '<', at),
        eb.and([eb('alert.created_at', '=', at), eb('alert.id', '<', id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('alert.created_at', 'desc')
    .orderBy('alert.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    alerts: page.map((row) => toAlertRecord(row, row.is_read)),
    nextCursor:
      rows.length > query.limit && last !== undefined ? `${last.created_at.toISOString()}_${last.id}` : null,
  };
}

export async function countAlerts(
  db: Executor,
  workspaceId: string,
  userId: string | null,
): Promise<{ unread: number; open: number }> {
  const row = await db
    .selectFrom('alert')
    .select([
      sql<number>`count(*) FILTER (WHERE alert.acknowledged_at IS NULL)::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE alert.acknowledged_at IS NULL AND NOT ${readExpression(userId)})::int`.as(
        'unread',
      ),
    ])
    .where('alert.workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return { unread: row.unread, open: row.open };
}

/** Marks alerts read for one user; returns how many were newly marked. */
export async function markAlertsRead(
  db: Executor,
  workspaceId: string,
  userId: string,
  alertIds: readonly string[] | 'all',
  now: Date,
): Promise<number> {
  let source = db
    .selectFrom('alert')
    .select((eb) => ['alert.id', eb.val(userId).as('user_id'), eb.val(now).as('read_at')])
    .where('alert.workspace_id', '=', workspaceId);
  if (alertIds !== 'all') {
    if (alertIds.length === 0) return 0;
    source = source.where('alert.id', 'in', alertIds);
  }
  const result = await db
    .insertInto('alert_read')
    .columns(['alert_id', 'user_id', 'read_at'])
    .expression(source)
    .onConflict((conflict) => conflict.columns(['user_id', 'alert_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Acknowledges once: the first acknowledgement (time and person) stands. Returns the alert as it
 * is now, and whether this call acknowledged it; undefined when there is no such alert.
 */
export async function acknowledgeAlertRow(
  db: Executor,
  workspaceId: string,
  alertId: string,
  userId: string | null,
  now: Date,
): Promise<{ row: AlertRow; acknowledgedNow: boolean } | undefined> {
  const updated = await db
    .updateTable('alert')
    .set({ acknowledged_at: now, acknowledged_by: userId })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', alertId)
    .where('acknowledged_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (updated) return { row: updated, acknowledgedNow: true };
  const existing = await findAlert(db, workspaceId, alertId);
  return existing && { row: existing, acknowledgedNow: false };
}

export async function markAlertEscalated(db: Executor, alertId: string, now: Date): Promise<void> {
  await db
    .updateTable('alert')
    .set({ escalated_at: now })
    .where('id', '=', alertId)
    .where('escalated_at', 'is', null)
    .execute();
}

/** Unacknowledged alerts raised since `since`: the ones an escalation sweep looks at. */
export async function listUnacknowledgedAlertIds(
  db: Executor,
  since: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('alert')
    .select('id')
    .where('acknowledged_at', 'is', null)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
