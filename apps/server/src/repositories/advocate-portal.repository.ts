import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type PortalTokenSource = 'manager' | 'invitation' | 'self_join' | 'notice';

export async function insertPortalToken(
  db: Db,
  values: {
    workspaceId: string;
    advocateId: string;
    tokenHash: string;
    source: PortalTokenSource;
    campaignId: string | null;
    createdBy: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('advocate_portal_token')
    .values({
      workspace_id: values.workspaceId,
      advocate_id: values.advocateId,
      token_hash: values.tokenHash,
      source: values.source,
      campaign_id: values.campaignId,
      created_by: values.createdBy,
      created_at: values.createdAt,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The live token with this hash (not revoked, not expired at `now`) and its advocate, if still in the programme. */
export async function findLivePortalToken(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('advocate_portal_token as t')
    .innerJoin('advocate as a', 'a.id', 't.advocate_id')
    .select(['t.id', 't.workspace_id', 't.advocate_id', 't.expires_at', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', now)
    .where('a.status', '!=', 'removed')
    .executeTakeFirst();
}

export async function touchPortalToken(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('advocate_portal_token').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function revokePortalTokens(
  db: Db,
  workspaceId: string,
  advocateId: string,
  now: Date,
  onlyId?: string,
): Promise<number> {
  let query = db
    .updateTable('advocate_portal_token')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('advocate_id', '=', advocateId)
    .where('revoked_at', 'is', null);
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Campaigns an advocate reached through a join link. */
export async function joinedCampaignIds(db: Db, advocateId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('advocate_portal_token')
    .select('campaign_id')
    .distinct()
    .where('advocate_id', '=', advocateId)
    .where('campaign_id', 'is not', null)
    .execute();
  return rows.map((r) => r.campaign_id!);
}

export async function draftCampaignIds(db: Db, advocateId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('advocate_draft')
    .select('campaign_id')
    .distinct()
    .where('advocate_id', '=', advocateId)
    .execute();
  return rows.map((r) => r.campaign_id);
}

/** Per advocate of a workspace: their portal links, newest expiry first. */
export async function portalTokenSummaries(db: Db, workspaceId: string, now: Date) {
  return db
    .selectFrom('advocate_portal_token')
    .select([
      'advocate_id',
      sql<number>`count(*) FILTER (WHERE revoked_at IS NULL AND expires_at > ${now})::int`.as('active'),
      sql<number>`count(*) FILTER (WHERE revoked_at IS NOT NULL)::int`.as('revoked'),
      sql<Date | null>`max(expires_at) FILTER (WHERE revoked_at IS NULL)`.as('expires_at'),
      sql<Date | null>`max(last_used_at)`.as('last_used_at'),
    ])
    .where('workspace_id', '=', workspaceId)
    .groupBy('advocate_id')
    .execute();
}

/** Per advocate of a workspace: how their correction notices went out and what they did with them. */
export async function noticeDeliverySummaries(db: Db, workspaceId: string) {
  return db
    .selectFrom('brand_correction_notice as n')
    .innerJoin('brand_correction as c', 'c.id', 'n.correction_id')
    .select([
      'n.advocate_id',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE n.delivery_status IN ('pending','sending'))::int`.as('pending'),
      sql<number>`count(*) FILTER (WHERE n.delivery_status = 'delivered')::int`.as('delivered'),
      sql<number>`count(*) FILTER (WHERE n.delivery_status = 'failed')::int`.as('failed'),
      sql<number>`count(*) FILTER (WHERE n.delivery_status = 'portal_only')::int`.as('portal_only'),
      sql<number>`count(n.read_at)::int`.as('read'),
      sql<number>`count(n.acknowledged_at)::int`.as('acknowledged'),
      sql<number>`count(n.advocate_corrected_at)::int`.as('advocate_corrected'),
      sql<number>`count(*) FILTER (WHERE n.status = 'corrected')::int`.as('corrected'),
      sql<
        string | null
      >`(array_agg(n.delivery_error ORDER BY n.sent_at DESC) FILTER (WHERE n.delivery_error IS NOT NULL))[1]`.as(
        'last_error',
      ),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .groupBy('n.advocate_id')
    .execute();
}

export async function insertJoinLink(
  db: Db,
  values: {
    workspaceId: string;
    campaignId: string;
    tokenHash: string;
    createdBy: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('campaign_join_link')
    .values({
      workspace_id: values.workspaceId,
      campaign_id: values.campaignId,
      token_hash: values.tokenHash,
      created_by: values.createdBy,
      created_at: values.createdAt,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findLiveJoinLink(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('campaign_join_link')
    .select(['id', 'workspace_id', 'campaign_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function revokeJoinLinks(db: Db, workspaceId: string, campaignId: string, now: Date) {
  const result = await db
    .updateTable('campaign_join_link')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- notices as the advocate sees them, and their delivery -------------------------------------

export async function advocateNotices(db: Db, advocateId: string) {
  return db
    .selectFrom('brand_correction_notice as n')
    .innerJoin('brand_correction as c', 'c.id', 'n.correction_id')
    .selectAll('n')
    .select(['c.workspace_id', 'c.campaign_id', 'c.correction', 'c.claim_text'])
    .select((eb) =>
      eb
        .selectFrom('brand_correction_post as p')
        .select(sql<number>`count(*)::int`.as('posts'))
        .whereRef('p.correction_id', '=', 'n.correction_id')
        .whereRef('p.advocate_id', '=', 'n.advocate_id')
        .as('posts'),
    )
    .where('n.advocate_id', '=', advocateId)
    .orderBy('n.sent_at', 'desc')
    .execute();
}

export async function markNoticesRead(db: Db, advocateId: string, now: Date): Promise<void> {
  await db
    .updateTable('brand_correction_notice')
    .set({ read_at: now })
    .where('advocate_id', '=', advocateId)
    .where('read_at', 'is', null)
    .execute();
}

/** Sets the advocate's own answer on their notice; false when the notice is not theirs. */
export async function answerNotice(
  db: Db,
  advocateId: string,
  noticeId: string,
  answer: 'acknowledged' | 'corrected',
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('brand_correction_notice')
    .set(
      answer === 'acknowledged'
        ? {
            acknowledged_at: sql`coalesce(acknowledged_at, ${now})`,
            read_at: sql`coalesce(read_at, ${now})`,
          }
        : {
            advocate_corrected_at: sql`coalesce(advocate_corrected_at, ${now})`,
            acknowledged_at: sql`coalesce(acknowledged_at, ${now})`,
            read_at: sql`coalesce(read_at, ${now})`,
          },
    )
    .where('id', '=', noticeId)
    .where('advocate_id', '=', advocateId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Books one delivery job per notice of a correction still waiting to go out (in the caller's transaction). */
export async function queueNoticeDeliveries(db: Db, correctionId: string, runAfter: Date): Promise<number> {
  const notices = await db
    .selectFrom('brand_correction_notice')
    .select('id')
    .where('correction_id', '=', correctionId)
    .where('delivery_status', '=', 'pending')
    .execute();
  if (notices.length === 0) return 0;
  await db
    .insertInto('job')
    .values(
      notices.map((n) => ({
        name: 'advocate.notice.deliver',
        payload: JSON.stringify({ noticeId: n.id }),
        run_after: runAfter,
      })),
    )
    .execute();
  return notices.length;
}

/** Takes a notice for sending when it is due (or its sender died holding it): one sender at a time. */
export async function claimNoticeDelivery(db: Db, noticeId: string, now: Date, lockSeconds: number) {
  return db
    .updateTable('brand_correction_notice')
    .set({ delivery_status: 'sending', locked_until: new Date(now.getTime() + lockSeconds * 1000) })
    .where('id', '=', noticeId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('delivery_status', '=', 'pending'),
          eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
        ]),
        eb.and([eb('delivery_status', '=', 'sending'), eb('locked_until', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function findNoticeDelivery(db: Db, noticeId: string) {
  return db
    .selectFrom('brand_correction_notice')
    .select(['id', 'delivery_status', 'next_attempt_at', 'locked_until'])
    .where('id', '=', noticeId)
    .executeTakeFirst();
}

export async function finishNoticeDelivery(
  db: Db,
  noticeId: string,
  outcome:
    | { status: 'delivered'; attempts: number; at: Date }
    | { status: 'portal_only'; reason: string }
    | { status: 'pending'; attempts: number; error: string; nextAttemptAt: Date }
    | { status: 'failed'; attempts: number; error: string },
): Promise<void> {
  await db
    .updateTable('brand_correction_notice')
    .set({
      delivery_status: outcome.status,
      locked_until: null,
      ...(outcome.status === 'delivered'
        ? { delivery_attempts: outcome.attempts, delivered_at: outcome.at, delivery_error: null }
        : outcome.status === 'portal_only'
          ? { delivery_error: outcome.reason }
          : outcome.status === 'pending'
            ? {
                delivery_attempts: outcome.attempts,
                delivery_error: outcome.error,
                next_attempt_at: outcome.nextAttemptAt,
              }
            : { delivery_attempts: outcome.attempts, delivery_error: outcome.error }),
    })
    .where('id', '=', noticeId)
    .execute();
}
