import { sql, type Kysely, type Transaction } from 'kysely';
import {
  assessReplyRisk,
  renderReplyTemplate,
  templateVariables,
  type InboxRiskFlag,
  type PriorityLevel,
} from '@ombud/core';
import type { InboxReply, InboxReplyInput, InboxTemplate, JudgementEvidence } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { loadSlaPolicies, PRIORITY_LEVELS, refreshItemSla, type SlaPolicies } from './inbox-sla.service.ts';
import { preModerationCheck } from './inbox-pre-moderation.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Values every reply can use; filled per recipient. */
export const BUILT_IN_VARIABLES = ['author', 'agent', 'campaign'] as const;

export interface ReplyActor {
  workspaceId: string;
  /** null for automatic replies (overflow mode). */
  userId: string | null;
}

export type ReplyTarget = { kind: 'item'; itemId: string } | { kind: 'cluster'; clusterId: string };

interface ReplyRow {
  id: string;
  target_kind: string;
  item_id: string | null;
  cluster_id: string | null;
  status: string;
  body: string;
  risk_reasons: JudgementEvidence[];
  author_id: string | null;
  approver_id: string | null;
  recipients: number;
  automatic: boolean;
  created_at: Date;
}

const REPLY_COLUMNS = sql`id, target_kind, item_id::text AS item_id, cluster_id::text AS cluster_id, status, body,
  risk_reasons, author_id, approver_id, recipients, automatic, created_at`;

function toReply(row: ReplyRow, replayed: boolean): InboxReply {
  return {
    id: row.id,
    targetKind: row.target_kind as InboxReply['targetKind'],
    itemId: row.item_id,
    clusterId: row.cluster_id,
    status: row.status as InboxReply['status'],
    body: row.body,
    riskReasons: row.risk_reasons,
    authorId: row.author_id,
    approverId: row.approver_id,
    recipients: row.recipients,
    automatic: row.automatic,
    createdAt: new Date(row.created_at).toISOString(),
    replayed,
  };
}

async function findReply(
  db: Executor,
  workspaceId: string,
  where: { id?: string; key?: string },
  lock = false,
): Promise<ReplyRow | undefined> {
  const rows = await sql<ReplyRow>`
    SELECT ${REPLY_COLUMNS} FROM inbox_reply
    WHERE workspace_id = ${workspaceId}
      ${where.id === undefined ? sql`` : sql`AND id = ${where.id}`}
      ${where.key === undefined ? sql`` : sql`AND idempotency_key = ${where.key}`}
    ${lock ? sql`FOR UPDATE` : sql``}
  `.execute(db);
  return rows.rows[0];
}

interface TargetSummary {
  language: string;
  campaignId: string;
  recipients: number;
  riskFlags: InboxRiskFlag[];
  level: PriorityLevel;
}

async function summariseTarget(
  db: Executor,
  workspaceId: string,
  target: ReplyTarget,
): Promise<TargetSummary> {
  if (target.kind === 'item') {
    const item = await db
      .selectFrom('inbox_item')
      .select(['language', 'campaign_id', 'status', 'risk_flags', 'priority_level'])
      .where('id', '=', target.itemId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!item) throw new AppError('NOT_FOUND', `no inbox item ${target.itemId}`);
    if (item.status === 'resolved')
      throw new AppError('CONFLICT', `item ${target.itemId} is resolved; reopen it to reply`);
    return {
      language: item.language,
      campaignId: item.campaign_id,
      recipients: 1,
      riskFlags: item.risk_flags as InboxRiskFlag[],
      level: item.priority_level as PriorityLevel,
    };
  }
  const cluster = await db
    .selectFrom('inbox_cluster')
    .select(['language', 'campaign_id'])
    .where('id', '=', target.clusterId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!cluster) throw new AppError('NOT_FOUND', `no inbox cluster ${target.clusterId}`);
  const members = await sql<{ n: number; flags: string[] | null; rank: number | null }>`
    SELECT count(*)::int AS n, array_agg(DISTINCT f) FILTER (WHERE f IS NOT NULL) AS flags, max(priority_rank) AS rank
    FROM inbox_item LEFT JOIN LATERAL unnest(risk_flags) AS f ON true
    WHERE cluster_id = ${target.clusterId} AND status <> 'resolved' AND first_response_at IS NULL
  `.execute(db);
  const m = members.rows[0];
  return {
    language: cluster.language,
    campaignId: cluster.campaign_id,
    recipients: m?.n ?? 0,
    riskFlags: (m?.flags ?? []) as InboxRiskFlag[],
    level: PRIORITY_LEVELS[m?.rank ?? 0] ?? 'low',
  };
}

interface ResolvedBody {
  body: string;
  templateId: string | null;
  fromApprovedTemplate: boolean;
}

async function resolveBody(
  db: Executor,
  actor: ReplyActor,
  input: InboxReplyInput,
  language: string,
): Promise<ResolvedBody> {
  if (input.templateId === undefined)
    return { body: input.body ?? '', templateId: null, fromApprovedTemplate: false };
  const template = await db
    .selectFrom('inbox_reply_template')
    .select(['id', 'kind', 'language', 'body', 'owner_id', 'approved_at'])
    .where('id', '=', input.templateId)
    .where('workspace_id', '=', actor.workspaceId)
    .executeTakeFirst();
  if (!template) throw new AppError('NOT_FOUND', `no reply template ${input.templateId}`);
  if (template.kind === 'saved' && template.owner_id !== actor.userId)
    throw new AppError('NOT_FOUND', `no reply template ${input.templateId}`);
  if (template.language !== language)
    throw new AppError(
      'CONFLICT',
      `template ${input.templateId} is in ${template.language}; the conversation is in ${language}`,
    );
  return {
    body: template.body,
    templateId: template.id,
    fromApprovedTemplate: template.kind !== 'saved' && template.approved_at !== null,
  };
}

/**
 * Replies to one item or to every unanswered member of a cluster. The idempotency key makes a retry
 * return the first reply; a high-risk reply waits for a second person's approval; otherwise the
 * personalised messages go to the outbox at once (see `deliverReply`).
 */
export async function sendReply(
  db: Kysely<Database>,
  actor: ReplyActor,
  target: ReplyTarget,
  input: InboxReplyInput,
  now: Date,
  options: { automatic?: boolean; extraRiskReasons?: JudgementEvidence[] } = {},
): Promise<InboxReply> {
  const earlier = await findReply(db, actor.workspaceId, { key: input.idempotencyKey });
  if (earlier) return replayOf(earlier, target);
  const summary = await summariseTarget(db, actor.workspaceId, target);
  const resolved = await resolveBody(db, actor, input, summary.language);
  const unknown = templateVariables(resolved.body).filter(
    (name) =>
      !(BUILT_IN_VARIABLES as readonly string[]).includes(name) && input.variables[name] === undefined,
  );
  if (unknown.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `body.variables: missing ${unknown.map((n) => `"${n}"`).join(', ')} for the reply text`,
    );
  const risk = options.automatic
    ? assessReplyRisk({
        riskFlags: summary.riskFlags,
        level: summary.level,
        recipients: 1,
        fromApprovedTemplate: true,
      })
    : assessReplyRisk({
        riskFlags: summary.riskFlags,
        level: summary.level,
        recipients: summary.recipients,
        fromApprovedTemplate: resolved.fromApprovedTemplate,
      });
  const reasons = [...risk.reasons, ...(options.extraRiskReasons ?? [])];
  if (await preModerationCheck(db, summary.campaignId))
    reasons.push({
      rule: 'pre-moderation',
      detail: 'crisis pre-moderation is on for this campaign',
      code: 'replyRisk.preModeration',
      params: {},
    });

  return db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: string }>`
      INSERT INTO inbox_reply (workspace_id, idempotency_key, target_kind, item_id, cluster_id, template_id, body,
                               variables, resolve, automatic, status, risk_reasons, author_id)
      VALUES (${actor.workspaceId}, ${input.idempotencyKey}, ${target.kind},
              ${target.kind === 'item' ? target.itemId : null}::bigint, ${target.kind === 'cluster' ? target.clusterId : null}::bigint,
              ${resolved.templateId}, ${resolved.body}, ${JSON.stringify(input.variables)}::jsonb, ${input.resolve},
              ${options.automatic === true}, ${reasons.length > 0 ? 'pending_approval' : 'sent'},
              ${JSON.stringify(reasons)}::jsonb, ${actor.userId})
      ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
      RETURNING id
    `.execute(trx);
    const id = inserted.rows[0]?.id;
    if (id === undefined) {
      // A concurrent request with the same key won the insert: answer with its reply.
      return replayOf(
        (await findReply(trx, actor.workspaceId, { key: input.idempotencyKey })) as ReplyRow,
        target,
      );
    }
    if (reasons.length === 0) await deliverReply(trx, actor.workspaceId, id, now);
    return toReply((await findReply(trx, actor.workspaceId, { id })) as ReplyRow, false);
  });
}

function replayOf(row: ReplyRow, target: ReplyTarget): InboxReply {
  const same =
    row.target_kind === target.kind &&
    (target.kind === 'item' ? row.item_id === target.itemId : row.cluster_id === target.clusterId);
  if (!same)
    throw new AppError(
      'CONFLICT',
      'this idempotency key was used for a reply to something else; use a new key',
    );
  return toReply(row, true);
}

interface Recipient {
  item_id: string;
  post_id: string;
  platform: string;
  handle: string;
  campaign_name: string;
  status: string;
  first_response_at: Date | null;
  cluster_id: string | null;
}

/**
 * Writes one personalised outbox message per recipient and records the first response (and the
 * resolution). Recipients are locked in id order; a cluster reply skips members someone answered
 * meanwhile, so concurrent agents and retries never reach a member twice (and (reply, item) is unique).
 */
async function deliverReply(
  trx: Transaction<Database>,
  workspaceId: string,
  replyId: string,
  now: Date,
): Promise<number> {
  const reply = await trx
    .selectFrom('inbox_reply')
    .select([
      'target_kind',
      'item_id',
      'cluster_id',
      'body',
      'variables',
      'resolve',
      'automatic',
      'author_id',
    ])
    .where('id', '=', replyId)
    .executeTakeFirstOrThrow();
  const agentName =
    reply.author_id === null
      ? ''
      : ((
          await trx
            .selectFrom('app_user')
            .select('display_name')
            .where('id', '=', reply.author_id)
            .executeTakeFirst()
        )?.display_name ?? '');
  const recipients = await sql<Recipient>`
    SELECT i.id::text AS item_id, i.post_id::text AS post_id, p.platform, a.handle, c.name AS campaign_name, i.status,
           i.first_response_at, i.cluster_id::text AS cluster_id
    FROM inbox_item i JOIN post p ON p.id = i.post_id JOIN author a ON a.id = p.author_id JOIN campaign c ON c.id = i.campaign_id
    WHERE i.workspace_id = ${workspaceId} AND i.status <> 'resolved'
      ${
        reply.target_kind === 'item'
          ? sql`AND i.id = ${reply.item_id}`
          : sql`AND i.cluster_id = ${reply.cluster_id} AND i.first_response_at IS NULL`
      }
    ORDER BY i.id
    FOR UPDATE OF i
  `.execute(trx);
  const policies = await loadSlaPolicies(trx, workspaceId);
  let sent = 0;
  for (const r of recipients.rows) {
    const rendered = renderReplyTemplate(reply.body, {
      ...reply.variables,
      author: `@${r.handle}`,
      agent: agentName,
      campaign: r.campaign_name,
    });
    if (!rendered.ok)
      throw new AppError('VALIDATION_FAILED', `reply text needs ${rendered.missing.join(', ')}`);
    const queued = await sql<{ id: string }>`
      INSERT INTO inbox_outbox (workspace_id, reply_id, item_id, post_id, platform, body)
      VALUES (${workspaceId}, ${replyId}, ${r.item_id}, ${r.post_id}, ${r.platform}, ${rendered.text})
      ON CONFLICT (reply_id, item_id) DO NOTHING
      RETURNING id
    `.execute(trx);
    if (queued.rows.length === 0) continue;
    sent++;
    await recordResponse(
      trx,
      r,
      reply.resolve,
      reply.automatic ? 'auto_replied' : 'replied',
      reply.author_id,
      policies,
      now,
    );
  }
  await trx
    .updateTable('inbox_reply')
    .set({ status: 'sent', recipients: sent })
    .where('id', '=', replyId)
    .execute();
  return sent;
}

async function recordResponse(
  trx: Transaction<Database>,
  item: { item_id: string; status: string; first_response_at: Date | null; cluster_id: string | null },
  resolve: boolean,
  resolution: 'replied' | 'auto_replied' | 'answered_elsewhere',
  actorId: string | null,
  policies: SlaPolicies,
  now: Date,
): Promise<void> {
  if (item.first_response_at === null) {
    await trx
      .updateTable('inbox_item')
      .set({ first_response_at: now })
      .where('id', '=', item.item_id)
      .execute();
    await trx
      .insertInto('inbox_item_event')
      .values({
        item_id: item.item_id,
        type: 'first_response',
        at: now,
        actor_id: actorId,
        detail: JSON.stringify({ resolution }),
      })
      .execute();
  }
  if (resolve) await resolveLocked(trx, item, resolution, actorId, now, null);
  await refreshItemSla(trx, item.item_id, policies, now);
}

async function resolveLocked(
  trx: Transaction<Database>,
  item: { item_id: string; status: string; cluster_id: string | null },
  resolution: string,
  actorId: string | null,
  now: Date,
  note: string | null,
): Promise<void> {
  if (item.status === 'resolved') return;
  await trx
    .updateTable('inbox_item')
    .set({ status: 'resolved', resolution, resolved_at: now })
    .where('id', '=', item.item_id)
    .execute();
  await trx
    .insertInto('inbox_item_event')
    .values({
      item_id: item.item_id,
      type: 'resolved',
      at: now,
      actor_id: actorId,
      detail: JSON.stringify({ resolution, note }),
    })
    .execute();
  if (item.cluster_id !== null)
    await trx
      .updateTable('inbox_cluster')
      .set({ open_items: sql`greatest(open_items - 1, 0)` })
      .where('id', '=', item.cluster_id)
      .execute();
}

/** Second person approves a high-risk reply, which is then sent; approving again is a no-op. */
export async function approveReply(
  db: Kysely<Database>,
  workspaceId: string,
  replyId: string,
  approverId: string,
  now: Date,
): Promise<InboxReply> {
  return db.transaction().execute(async (trx) => {
    const reply = await findReply(trx, workspaceId, { id: replyId }, true);
    if (!reply) throw new AppError('NOT_FOUND', `no reply ${replyId}`);
    if (reply.status === 'sent') return toReply(reply, true);
    if (reply.status === 'rejected')
      throw new AppError('CONFLICT', `reply ${replyId} was rejected; write a new one`);
    if (reply.author_id === approverId)
      throw new AppError(
        'CONFLICT',
        `two-person rule: reply ${replyId} must be approved by someone other than its author`,
      );
    await trx
      .updateTable('inbox_reply')
      .set({ approver_id: approverId, decided_at: now })
      .where('id', '=', replyId)
      .execute();
    await deliverReply(trx, workspaceId, replyId, now);
    return toReply((await findReply(trx, workspaceId, { id: replyId })) as ReplyRow, false);
  });
}

export async function rejectReply(
  db: Kysely<Database>,
  workspaceId: string,
  replyId: string,
  approverId: string,
  now: Date,
): Promise<InboxReply> {
  return db.transaction().execute(async (trx) => {
    const reply = await findReply(trx, workspaceId, { id: replyId }, true);
    if (!reply) throw new AppError('NOT_FOUND', `no reply ${replyId}`);
    if (reply.status === 'rejected') return toReply(reply, true);
    if (reply.status === 'sent') throw new AppError('CONFLICT', `reply ${replyId} was sent already`);
    await trx
      .updateTable('inbox_reply')
      .set({ status: 'rejected', approver_id: approverId, decided_at: now })
      .where('id', '=', replyId)
      .execute();
    return toReply((await findReply(trx, workspaceId, { id: replyId })) as ReplyRow, false);
  });
}

export async function listPendingReplies(db: Executor, workspaceId: string): Promise<InboxReply[]> {
  const rows = await sql<ReplyRow>`
    SELECT ${REPLY_COLUMNS} FROM inbox_reply WHERE workspace_id = ${workspaceId} AND status = 'pending_approval'
    ORDER BY created_at LIMIT 200
  `.execute(db);
  return rows.rows.map((r) => toReply(r, false));
}

/** Resolves an item (replied, dismissed or answered elsewhere — the last also counts as its first response). */
export async function resolveItem(
  db: Kysely<Database>,
  workspaceId: string,
  itemId: string,
  resolution: 'replied' | 'answered_elsewhere' | 'dismissed',
  note: string | null,
  actorId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = await sql<{
      item_id: string;
      status: string;
      first_response_at: Date | null;
      cluster_id: string | null;
    }>`
      SELECT id::text AS item_id, status, first_response_at, cluster_id::text AS cluster_id FROM inbox_item
      WHERE id = ${itemId} AND workspace_id = ${workspaceId} FOR UPDATE
    `.execute(trx);
    const item = rows.rows[0];
    if (!item) throw new AppError('NOT_FOUND', `no inbox item ${itemId}`);
    if (item.status === 'resolved') return;
    const policies = await loadSlaPolicies(trx, workspaceId);
    if (resolution === 'answered_elsewhere') {
      if (item.first_response_at === null) {
        await trx
          .updateTable('inbox_item')
          .set({ first_response_at: now })
          .where('id', '=', itemId)
          .execute();
        await trx
          .insertInto('inbox_item_event')
          .values({
            item_id: itemId,
            type: 'first_response',
            at: now,
            actor_id: actorId,
            detail: JSON.stringify({ resolution, note }),
          })
          .execute();
      }
    }
    await resolveLocked(trx, item, resolution, actorId, now, note);
    await refreshItemSla(trx, itemId, policies, now);
  });
}

/** Opens a resolved item again: the resolution clock carries on from where it stopped; it goes back to the queue. */
export async function reopenItem(
  db: Kysely<Database>,
  workspaceId: string,
  itemId: string,
  actorId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rows = await sql<{ status: string; cluster_id: string | null }>`
      SELECT status, cluster_id::text AS cluster_id FROM inbox_item WHERE id = ${itemId} AND workspace_id = ${workspaceId} FOR UPDATE
    `.execute(trx);
    const item = rows.rows[0];
    if (!item) throw new AppError('NOT_FOUND', `no inbox item ${itemId}`);
    if (item.status !== 'resolved') return;
    await trx
      .updateTable('inbox_item')
      .set({
        status: 'open',
        resolution: null,
        resolved_at: null,
        resolution_met: null,
        assignee_id: null,
        assigned_at: null,
      })
      .where('id', '=', itemId)
      .execute();
    await trx
      .insertInto('inbox_item_event')
      .values({ item_id: itemId, type: 'reopened', at: now, actor_id: actorId, detail: '{}' })
      .execute();
    if (item.cluster_id !== null)
      await trx
        .updateTable('inbox_cluster')
        .set({ open_items: sql`open_items + 1` })
        .where('id', '=', item.cluster_id)
        .execute();
    await refreshItemSla(trx, itemId, await loadSlaPolicies(trx, workspaceId), now);
  });
}

// ---- templates and saved replies ----

interface TemplateRow {
  id: string;
  kind: string;
  name: string;
  language: string;
  body: string;
  variables: string[];
  match_terms: string[];
  owner_id: string | null;
  approved_at: Date | null;
  created_at: Date;
}

function toTemplate(row: TemplateRow): InboxTemplate {
  return {
    id: row.id,
    kind: row.kind as InboxTemplate['kind'],
    name: row.name,
    language: row.language as InboxTemplate['language'],
    body: row.body,
    matchTerms: row.match_terms,
    variables: row.variables,
    ownerId: row.owner_id,
    approved: row.approved_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Approved templates and FAQs of the workspace, plus the caller's own saved replies. */
export async function listTemplates(
  db: Executor,
  workspaceId: string,
  userId: string,
  language?: string,
): Promise<InboxTemplate[]> {
  let query = db
    .selectFrom('inbox_reply_template')
    .select([
      'id',
      'kind',
      'name',
      'language',
      'body',
      'variables',
      'match_terms',
      'owner_id',
      'approved_at',
      'created_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('kind', '<>', 'saved'), eb('owner_id', '=', userId)]));
  if (language !== undefined) query = query.where('language', '=', language);
  return (await query.orderBy('kind').orderBy('name').orderBy('language').execute()).map(toTemplate);
}

export interface TemplateInput {
  kind: 'template' | 'saved' | 'faq';
  name: string;
  language: 'en' | 'es' | 'sv';
  body: string;
  matchTerms: string[];
}

/** Templates and FAQs are approved by the owner or analyst who writes them; saved replies belong to their author. */
export async function saveTemplate(
  db: Kysely<Database>,
  workspaceId: string,
  user: { id: string; role: string },
  input: TemplateInput,
  id: string | null,
  now: Date,
): Promise<InboxTemplate> {
  const manager = user.role === 'owner' || user.role === 'analyst';
  if (input.kind !== 'saved' && !manager)
    throw new AppError(
      'FORBIDDEN',
      'only owners and analysts write shared templates and FAQs; save it as a saved reply',
    );
  if (input.kind === 'faq' && input.matchTerms.length === 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'body.matchTerms: an FAQ needs at least one term to match clusters',
    );
  const values = {
    kind: input.kind,
    name: input.name,
    language: input.language,
    body: input.body,
    variables: templateVariables(input.body),
    match_terms: input.matchTerms,
    owner_id: input.kind === 'saved' ? user.id : null,
    approved_by: input.kind === 'saved' ? null : user.id,
    approved_at: input.kind === 'saved' ? null : now,
  };
  try {
    if (id === null) {
      const row = await db
        .insertInto('inbox_reply_template')
        .values({ workspace_id: workspaceId, created_by: user.id, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    } else {
      const existing = await db
        .selectFrom('inbox_reply_template')
        .select(['kind', 'owner_id'])
        .where('id', '=', id)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!existing || (existing.kind === 'saved' && existing.owner_id !== user.id))
        throw new AppError('NOT_FOUND', `no reply template ${id}`);
      if (existing.kind !== 'saved' && !manager)
        throw new AppError('FORBIDDEN', 'only owners and analysts change shared templates and FAQs');
      await db
        .updateTable('inbox_reply_template')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === '23505')
      throw new AppError(
        'CONFLICT',
        `a ${input.kind} named "${input.name}" exists already in ${input.language}`,
      );
    throw error;
  }
  const row = await db
    .selectFrom('inbox_reply_template')
    .select([
      'id',
      'kind',
      'name',
      'language',
      'body',
      'variables',
      'match_terms',
      'owner_id',
      'approved_at',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

export async function deleteTemplate(
  db: Kysely<Database>,
  workspaceId: string,
  user: { id: string; role: string },
  id: string,
): Promise<void> {
  const existing = await db
    .selectFrom('inbox_reply_template')
    .select(['kind', 'owner_id'])
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!existing || (existing.kind === 'saved' && existing.owner_id !== user.id))
    throw new AppError('NOT_FOUND', `no reply template ${id}`);
  if (existing.kind !== 'saved' && user.role !== 'owner' && user.role !== 'analyst')
    throw new AppError('FORBIDDEN', 'only owners and analysts delete shared templates and FAQs');
  await db.deleteFrom('inbox_reply_template').where('id', '=', id).execute();
}
