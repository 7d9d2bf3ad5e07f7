import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The newest inbox item id of any workspace: the starting point of a live stream (primary-key lookup). */
export async function latestInboxItemId(db: Kysely<Database>): Promise<string> {
  const rows = await sql<{ id: string | null }>`SELECT max(id)::text AS id FROM inbox_item`.execute(db);
  return rows.rows[0]?.id ?? '0';
}

/** Items of one workspace created after `afterId`, oldest first (a primary-key range scan from `afterId`). */
export async function inboxItemIdsAfter(
  db: Kysely<Database>,
  workspaceId: string,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT id::text AS id FROM inbox_item
    WHERE id > ${afterId}::bigint AND workspace_id = ${workspaceId}
    ORDER BY id LIMIT ${limit}
  `.execute(db);
  return rows.rows.map((row) => row.id);
}

/** Open items of one workspace (index-only over `inbox_item_list`). */
export async function countOpenInboxItems(db: Kysely<Database>, workspaceId: string): Promise<number> {
  const rows = await sql<{ open: number }>`
    SELECT count(*)::int AS open FROM inbox_item WHERE workspace_id = ${workspaceId} AND status = 'open'
  `.execute(db);
  return rows.rows[0]?.open ?? 0;
}

export interface NewAlertRow {
  id: string;
  kind: string;
  severity: string;
  title: string;
  created_at: Date;
}

/** Alerts of one workspace raised at or after `since`, oldest first. */
export async function alertsSince(
  db: Kysely<Database>,
  workspaceId: string,
  since: Date,
  limit: number,
): Promise<NewAlertRow[]> {
  return db
    .selectFrom('alert')
    .select(['id', 'kind', 'severity', 'title', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', since)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The newest alert time of one workspace (null when it has none). */
export async function latestAlertAt(db: Kysely<Database>, workspaceId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('alert')
    .select(sql<Date | null>`max(created_at)`.as('at'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}
