import { sql, type Kysely, type Transaction } from 'kysely';
import type { InboxCluster, InboxItem, InboxSlaReport } from '@ombud/contract';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ItemRow {
  id: string;
  campaign_id: string;
  post_id: string;
  cluster_id: string | null;
  language: string;
  market: string | null;
  status: string;
  resolution: string | null;
  risk_flags: string[];
  priority_score: number;
  priority_level: string;
  assignee_id: string | null;
  post_created_at: Date;
  opened_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  sla_due_at: Date | null;
  text: string;
  handle: string;
  platform: string;
}

/** Item columns plus the post text and handle, which stay in the post and author tables (erasable). */
export const ITEM_COLUMNS = sql`i.id::text AS id, i.campaign_id, i.post_id::text AS post_id, i.cluster_id::text AS cluster_id,
  i.language, i.market, i.status, i.resolution, i.risk_flags, i.priority_score, i.priority_level, i.assignee_id,
  i.post_created_at, i.opened_at, i.first_response_at, i.resolved_at, i.sla_due_at, p.text, a.handle, p.platform`;
export const ITEM_JOINS = sql`inbox_item i JOIN post p ON p.id = i.post_id JOIN author a ON a.id = p.author_id`;

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toItem(row: ItemRow): InboxItem {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    postId: row.post_id,
    clusterId: row.cluster_id,
    language: row.language,
    market: row.market,
    status: row.status as InboxItem['status'],
    resolution: row.resolution as InboxItem['resolution'],
    riskFlags: row.risk_flags,
    priority: { score: row.priority_score, level: row.priority_level as InboxItem['priority']['level'] },
    assigneeId: row.assignee_id,
    postCreatedAt: new Date(row.post_created_at).toISOString(),
    openedAt: new Date(row.opened_at).toISOString(),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
    slaDueAt: iso(row.sla_due_at),
    text: row.text,
    authorHandle: row.handle,
    platform: row.platform,
  };
}

export async function findItem(
  db: Executor,
  workspaceId: string,
  itemId: string,
): Promise<InboxItem | undefined> {
  const rows = await sql<ItemRow>`
    SELECT ${ITEM_COLUMNS} FROM ${ITEM_JOINS} WHERE i.id = ${itemId} AND i.workspace_id = ${workspaceId}
  `.execute(db);
  const row = rows.rows[0];
  return row === undefined ? undefined : toItem(row);
}

export interface ItemFilter {
  status?: string | undefined;
  campaignId?: string | undefined;
  clusterId?: string | undefined;
  language?: string | undefined;
  /** A user id, or null for unassigned items. */
  assigneeId?: string | null | undefined;
  priority?: string | undefined;
  limit: number;
  offset?: number | undefined;
}

/** Items in queue order: most urgent first. */
export async function listItems(db: Executor, workspaceId: string, filter: ItemFilter): Promise<InboxItem[]> {
  const rows = await sql<ItemRow>`
    SELECT ${ITEM_COLUMNS} FROM ${ITEM_JOINS}
    WHERE i.workspace_id = ${workspaceId}
      ${filter.status === undefined ? sql`` : sql`AND i.status = ${filter.status}`}
      ${filter.campaignId === undefined ? sql`` : sql`AND i.campaign_id = ${filter.campaignId}`}
      ${filter.clusterId === undefined ? sql`` : sql`AND i.cluster_id = ${filter.clusterId}`}
      ${filter.language === undefined ? sql`` : sql`AND i.language = ${filter.language}`}
      ${filter.assigneeId === undefined ? sql`` : filter.assigneeId === null ? sql`AND i.assignee_id IS NULL` : sql`AND i.assignee_id = ${filter.assigneeId}`}
      ${filter.priority === undefined ? sql`` : sql`AND i.priority_level = ${filter.priority}`}
    ORDER BY i.priority_rank DESC, i.priority_score DESC, i.id
    LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}
  `.execute(db);
  return rows.rows.map(toItem);
}

/** Open items whose SLA warning time has come, soonest due first (breached ones on top). */
export async function listSlaAtRisk(
  db: Executor,
  workspaceId: string,
  now: Date,
  limit: number,
): Promise<InboxItem[]> {
  const rows = await sql<ItemRow>`
    SELECT ${ITEM_COLUMNS} FROM ${ITEM_JOINS}
    WHERE i.workspace_id = ${workspaceId} AND i.status = 'open' AND i.sla_due_at IS NOT NULL AND i.sla_warn_at <= ${now}
    ORDER BY i.sla_due_at
    LIMIT ${limit}
  `.execute(db);
  return rows.rows.map(toItem);
}

interface ClusterRow {
  id: string;
  campaign_id: string;
  language: string;
  representative_post_id: string | null;
  representative_text: string | null;
  size: number;
  open_items: number;
  max_priority_score: number;
  first_seen_at: Date;
  last_seen_at: Date;
  last_hour: number;
  previous_hour: number;
}

/** Open clusters, most open items first, with the representative post and growth over two hours. */
export async function listClusters(
  db: Executor,
  workspaceId: string,
  now: Date,
  filter: { campaignId?: string | undefined; minSize?: number | undefined; limit: number },
): Promise<InboxCluster[]> {
  const hour = 3_600_000;
  const rows = await sql<ClusterRow>`
    SELECT c.id::text AS id, c.campaign_id, c.language, c.representative_post_id::text AS representative_post_id,
           p.text AS representative_text, c.size, c.open_items, c.max_priority_score, c.first_seen_at, c.last_seen_at,
           (SELECT count(*)::int FROM inbox_item m WHERE m.cluster_id = c.id
              AND m.post_created_at > ${new Date(now.getTime() - hour)} AND m.post_created_at <= ${now}) AS last_hour,
           (SELECT count(*)::int FROM inbox_item m WHERE m.cluster_id = c.id
              AND m.post_created_at > ${new Date(now.getTime() - 2 * hour)} AND m.post_created_at <= ${new Date(now.getTime() - hour)}) AS previous_hour
    FROM (SELECT * FROM inbox_cluster
          WHERE workspace_id = ${workspaceId} AND open_items > 0
            ${filter.campaignId === undefined ? sql`` : sql`AND campaign_id = ${filter.campaignId}`}
            ${filter.minSize === undefined ? sql`` : sql`AND size >= ${filter.minSize}`}
          ORDER BY open_items DESC, last_seen_at DESC
          LIMIT ${filter.limit}) c
    LEFT JOIN post p ON p.id = c.representative_post_id
    ORDER BY c.open_items DESC, c.last_seen_at DESC
  `.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    language: r.language,
    languages: [r.language],
    representativePostId: r.representative_post_id,
    representativeText: r.representative_text,
    size: r.size,
    openItems: r.open_items,
    growth: { lastHour: r.last_hour, previousHour: r.previous_hour },
    maxPriorityScore: r.max_priority_score,
    firstSeenAt: new Date(r.first_seen_at).toISOString(),
    lastSeenAt: new Date(r.last_seen_at).toISOString(),
  }));
}

/** % met, p50/p90 first response (SLA minutes) of the items opened in [from, to), and the backlog now. */
export async function slaReport(
  db: Executor,
  workspaceId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<InboxSlaReport> {
  const period = await sql<{
    items: number;
    responded: number;
    fr_met: number | null;
    p50: number | null;
    p90: number | null;
    resolved: number;
    res_met: number | null;
  }>`
    SELECT count(*)::int AS items,
           count(first_response_at)::int AS responded,
           avg(CASE first_response_met WHEN true THEN 1.0 WHEN false THEN 0.0 END)::float8 AS fr_met,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_minutes)::float8 AS p50,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_minutes)::float8 AS p90,
           count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
           avg(CASE WHEN status <> 'resolved' THEN NULL WHEN resolution_met THEN 1.0 WHEN NOT resolution_met THEN 0.0 END)::float8 AS res_met
    FROM inbox_item WHERE workspace_id = ${workspaceId} AND opened_at >= ${from} AND opened_at < ${to}
  `.execute(db);
  const backlog = await sql<{
    status: string;
    priority_level: string;
    language: string;
    n: number;
    unassigned: number;
    breached: number;
  }>`
    SELECT status, priority_level, language, count(*)::int AS n,
           count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned,
           count(*) FILTER (WHERE sla_due_at < ${now})::int AS breached
    FROM inbox_item WHERE workspace_id = ${workspaceId} AND status IN ('open', 'held')
    GROUP BY status, priority_level, language
  `.execute(db);
  const p = period.rows[0];
  const out: InboxSlaReport = {
    from: from.toISOString(),
    to: to.toISOString(),
    items: p?.items ?? 0,
    firstResponse: {
      responded: p?.responded ?? 0,
      metShare: p?.fr_met ?? null,
      p50Minutes: p?.p50 ?? null,
      p90Minutes: p?.p90 ?? null,
    },
    resolution: { resolved: p?.resolved ?? 0, metShare: p?.res_met ?? null },
    backlog: { open: 0, held: 0, unassigned: 0, breached: 0, byLevel: {}, byLanguage: {} },
  };
  for (const r of backlog.rows) {
    const b = out.backlog;
    if (r.status === 'held') b.held += r.n;
    else {
      b.open += r.n;
      b.unassigned += r.unassigned;
      b.breached += r.breached;
    }
    b.byLevel[r.priority_level] = (b.byLevel[r.priority_level] ?? 0) + r.n;
    b.byLanguage[r.language] = (b.byLanguage[r.language] ?? 0) + r.n;
  }
  return out;
}
