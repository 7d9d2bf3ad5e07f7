import { sql, type Kysely } from 'kysely';
import { decideOverflow, matchFaq, type FaqEntry } from '@ombud/core';
import { needsHumanRulesSchema, type NeedsHumanRulesInput } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { raiseAlert } from './alerts.service.ts';
import { isOnShift } from './inbox-routing.service.ts';
import { sendReply } from './inbox-reply.service.ts';

type Lang = 'en' | 'es' | 'sv';
type Texts = Record<Lang, string>;

/** Notice texts in every language the team works in. */
function overflowNotice(
  on: boolean,
  v: { campaign: string; forecast: number; capacity: number; held: number; released: number },
): { title: Texts; body: Texts } {
  if (on) {
    return {
      title: {
        en: `Inbox overflow: ${v.campaign}`,
        es: `Desbordamiento de la bandeja: ${v.campaign}`,
        sv: `Inkorgen svämmar över: ${v.campaign}`,
      },
      body: {
        en: `Forecast backlog ${v.forecast} exceeds team capacity ${v.capacity}. Automatic replies to clusters that match an approved FAQ are on and ${v.held} low-priority items are on hold.`,
        es: `La cola prevista (${v.forecast}) supera la capacidad del equipo (${v.capacity}). Las respuestas automáticas a los grupos que coinciden con una pregunta frecuente aprobada están activadas y ${v.held} elementos de baja prioridad quedan en espera.`,
        sv: `Den beräknade kön (${v.forecast}) överstiger teamets kapacitet (${v.capacity}). Automatiska svar till kluster som matchar en godkänd FAQ är på och ${v.held} ärenden med låg prioritet är pausade.`,
      },
    };
  }
  return {
    title: {
      en: `Inbox back to normal: ${v.campaign}`,
      es: `La bandeja vuelve a la normalidad: ${v.campaign}`,
      sv: `Inkorgen är tillbaka i normalläge: ${v.campaign}`,
    },
    body: {
      en: `Forecast backlog ${v.forecast} is within capacity ${v.capacity}; ${v.released} held items are back in the queue.`,
      es: `La cola prevista (${v.forecast}) está dentro de la capacidad (${v.capacity}); ${v.released} elementos en espera vuelven a la cola.`,
      sv: `Den beräknade kön (${v.forecast}) ryms inom kapaciteten (${v.capacity}); ${v.released} pausade ärenden är tillbaka i kön.`,
    },
  };
}

export interface OverflowOutcome {
  campaignId: string;
  overflow: boolean;
  changed: boolean;
  forecastBacklog: number;
  capacity: number;
  evidence: string[];
  held: number;
  released: number;
  autoReplies: number;
}

/**
 * Forecasts a campaign's backlog against the capacity of the agents on shift and switches overflow
 * mode: on → hold low-priority unassigned items, answer clusters that match an approved FAQ
 * automatically (sendReply holds them for approval while crisis pre-moderation is on) and tell the
 * team; off → release.
 */
export async function evaluateOverflow(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  now: Date,
): Promise<OverflowOutcome> {
  const campaign = await db
    .selectFrom('campaign as c')
    .leftJoin('inbox_campaign_settings as s', 's.campaign_id', 'c.id')
    .select(['c.name', 's.overflow_active', 's.overflow_changed_at'])
    .where('c.id', '=', campaignId)
    .where('c.workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${campaignId}`);
  const active = campaign.overflow_active === true;
  const counts = await sql<{ backlog: number; arrivals: number }>`
    SELECT count(*) FILTER (WHERE status IN ('open', 'held') AND first_response_at IS NULL)::int AS backlog,
           count(*) FILTER (WHERE opened_at > ${new Date(now.getTime() - 3_600_000)})::int AS arrivals
    FROM inbox_item WHERE campaign_id = ${campaignId} AND status <> 'resolved'
  `.execute(db);
  const agents = await db
    .selectFrom('inbox_agent')
    .select(['available', 'time_zone', 'working_hours', 'max_load', 'items_per_hour'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const onShift = agents.filter((a) =>
    isOnShift({ available: a.available, time_zone: a.time_zone, working_hours: a.working_hours }, now),
  );
  const decision = decideOverflow({
    backlog: counts.rows[0]?.backlog ?? 0,
    arrivals: counts.rows[0]?.arrivals ?? 0,
    windowHours: 1,
    agents: onShift.map((a) => ({ maxLoad: a.max_load, itemsPerHour: a.items_per_hour })),
    active,
  });
  const changed = decision.overflow !== active;
  await db
    .insertInto('inbox_campaign_settings')
    .values({
      campaign_id: campaignId,
      workspace_id: workspaceId,
      needs_human_rules: JSON.stringify(null),
      overflow_active: decision.overflow,
      overflow_changed_at: now,
      overflow_evaluated_at: now,
      overflow_evidence: JSON.stringify(decision.evidence),
    })
    .onConflict((c) =>
      c.column('campaign_id').doUpdateSet({
        overflow_active: decision.overflow,
        overflow_evaluated_at: now,
        overflow_evidence: JSON.stringify(decision.evidence),
        ...(changed ? { overflow_changed_at: now } : {}),
      }),
    )
    .execute();

  let held = 0;
  let released = 0;
  let autoReplies = 0;
  if (decision.overflow) {
    held = await holdLowPriority(db, campaignId, now);
    autoReplies = await autoReplyFaqClusters(db, workspaceId, campaignId, now);
  } else if (active || endedLately(campaign.overflow_changed_at, now)) {
    // Intake holds new low-priority items while overflow is on: one that read "on" just before it
    // ended may commit its held items after the release, and the next checks release those too.
    released = await releaseHeld(db, campaignId, now);
  }
  if (changed) {
    const v = {
      campaign: campaign.name,
      forecast: Math.round(decision.forecastBacklog),
      capacity: decision.capacity,
      held,
      released,
    };
    const notice = overflowNotice(decision.overflow, v);
    await db
      .insertInto('inbox_notice')
      .values({
        workspace_id: workspaceId,
        campaign_id: campaignId,
        kind: decision.overflow ? 'overflow_on' : 'overflow_off',
        title: JSON.stringify(notice.title),
        body: JSON.stringify(notice.body),
        created_at: now,
      })
      .execute();
    if (decision.overflow) {
      await raiseAlert(
        db,
        {
          workspaceId,
          campaignId,
          incidentId: null,
          kind: 'inbox_overflow',
          severity: 'warning',
          title: notice.title.en,
          summary: `${notice.body.en} ${decision.evidence.join('; ')}`,
          dedupeKey: `inbox-overflow:${campaignId}:${now.toISOString()}`,
        },
        now,
      );
    }
  }
  return { campaignId, ...decision, changed, held, released, autoReplies };
}

/** For this long after overflow ends, each check releases held items again (see evaluateOverflow). */
const RELEASE_AFTER_OVERFLOW_MS = 10 * 60_000;

function endedLately(changedAt: Date | string | null | undefined, now: Date): boolean {
  return (
    changedAt !== null &&
    changedAt !== undefined &&
    now.getTime() - new Date(changedAt).getTime() < RELEASE_AFTER_OVERFLOW_MS
  );
}

/** Intake re-checks overflow at most this often per campaign: the check counts the campaign's backlog. */
export const OVERFLOW_CHECK_INTERVAL_MS = 60_000;

/** Whether the campaign's overflow check is due (never run, or last run a minute or more ago). */
export async function isOverflowCheckDue(
  db: Kysely<Database>,
  campaignId: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('inbox_campaign_settings')
    .select('overflow_evaluated_at')
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  const last = row?.overflow_evaluated_at;
  return (
    last === null ||
    last === undefined ||
    now.getTime() - new Date(last).getTime() >= OVERFLOW_CHECK_INTERVAL_MS
  );
}

async function holdLowPriority(db: Kysely<Database>, campaignId: string, now: Date): Promise<number> {
  const rows = await sql<{ id: string }>`
    UPDATE inbox_item SET status = 'held'
    WHERE campaign_id = ${campaignId} AND status = 'open' AND priority_level = 'low' AND assignee_id IS NULL
      AND first_response_at IS NULL
    RETURNING id::text AS id
  `.execute(db);
  await logEvents(
    db,
    rows.rows.map((r) => r.id),
    'held',
    now,
  );
  return rows.rows.length;
}

async function releaseHeld(db: Kysely<Database>, campaignId: string, now: Date): Promise<number> {
  const rows = await sql<{ id: string }>`
    UPDATE inbox_item SET status = 'open' WHERE campaign_id = ${campaignId} AND status = 'held'
    RETURNING id::text AS id
  `.execute(db);
  await logEvents(
    db,
    rows.rows.map((r) => r.id),
    'released',
    now,
  );
  return rows.rows.length;
}

async function logEvents(db: Kysely<Database>, ids: string[], type: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    INSERT INTO inbox_item_event (item_id, type, at) SELECT id, ${type}, ${now} FROM unnest(${ids}::bigint[]) AS id
  `.execute(db);
}

/** Answers each open cluster whose representative post matches an approved FAQ of its language. */
async function autoReplyFaqClusters(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  now: Date,
): Promise<number> {
  const faqs = await db
    .selectFrom('inbox_reply_template')
    .select(['id', 'language', 'match_terms'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'faq')
    .where('approved_at', 'is not', null)
    .orderBy('created_at')
    .execute();
  if (faqs.length === 0) return 0;
  const entries: FaqEntry[] = faqs.map((f) => ({
    id: f.id,
    language: f.language,
    matchTerms: f.match_terms,
  }));
  const clusters = await sql<{ id: string; language: string; text: string | null; last_member: string }>`
    SELECT c.id::text AS id, c.language, p.text,
           (SELECT max(i.id)::text FROM inbox_item i WHERE i.cluster_id = c.id) AS last_member
    FROM inbox_cluster c LEFT JOIN post p ON p.id = c.representative_post_id
    WHERE c.campaign_id = ${campaignId} AND c.open_items > 0
      AND EXISTS (SELECT 1 FROM inbox_item i WHERE i.cluster_id = c.id AND i.status <> 'resolved' AND i.first_response_at IS NULL)
      -- One automatic reply waiting for approval (pre-moderation) per cluster is enough.
      AND NOT EXISTS (SELECT 1 FROM inbox_reply r WHERE r.cluster_id = c.id AND r.status = 'pending_approval' AND r.automatic)
    ORDER BY c.open_items DESC LIMIT 200
  `.execute(db);
  let replies = 0;
  for (const cluster of clusters.rows) {
    if (cluster.text === null) continue;
    const match = matchFaq(cluster.text, cluster.language, entries);
    if (match === null) continue;
    // The key names the newest member: a retry answers nobody twice, and later members get their turn.
    const reply = await sendReply(
      db,
      { workspaceId, userId: null },
      { kind: 'cluster', clusterId: cluster.id },
      {
        idempotencyKey: `overflow:${cluster.id}:${match.faqId}:${cluster.last_member}`,
        templateId: match.faqId,
        variables: {},
        resolve: true,
      },
      now,
      { automatic: true },
    );
    if (!reply.replayed) replies++;
  }
  return replies;
}

export async function getCampaignSettings(db: Kysely<Database>, workspaceId: string, campaignId: string) {
  const row = await db
    .selectFrom('campaign as c')
    .leftJoin('inbox_campaign_settings as s', 's.campaign_id', 'c.id')
    .select([
      'c.id',
      's.needs_human_rules',
      's.overflow_active',
      's.overflow_changed_at',
      's.overflow_evidence',
    ])
    .where('c.id', '=', campaignId)
    .where('c.workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no campaign ${campaignId}`);
  return {
    campaignId: row.id,
    rules: needsHumanRulesSchema.parse(row.needs_human_rules ?? {}),
    overflow: {
      active: row.overflow_active === true,
      since: row.overflow_changed_at === null ? null : new Date(row.overflow_changed_at).toISOString(),
      evidence: row.overflow_evidence ?? [],
    },
  };
}

export async function saveCampaignRules(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  rules: NeedsHumanRulesInput,
) {
  const exists = await db
    .selectFrom('campaign')
    .select('id')
    .where('id', '=', campaignId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!exists) throw new AppError('NOT_FOUND', `no campaign ${campaignId}`);
  await db
    .insertInto('inbox_campaign_settings')
    .values({
      campaign_id: campaignId,
      workspace_id: workspaceId,
      needs_human_rules: JSON.stringify(rules),
      overflow_evidence: '[]',
    })
    .onConflict((c) => c.column('campaign_id').doUpdateSet({ needs_human_rules: JSON.stringify(rules) }))
    .execute();
  return getCampaignSettings(db, workspaceId, campaignId);
}

export async function listNotices(db: Kysely<Database>, workspaceId: string, limit: number) {
  const rows = await db
    .selectFrom('inbox_notice')
    .select(['id', 'campaign_id', 'kind', 'title', 'body', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
