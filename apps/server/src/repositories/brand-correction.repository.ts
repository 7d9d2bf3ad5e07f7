import { sql, type Kysely, type Transaction } from 'kysely';
import type { WrongClaim } from '@ombud/core';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ScannedPost {
  id: string;
  text: string;
  language: string | null;
  market: string | null;
  advocateId: string | null;
}

/**
 * One page of the posts a correction scans: the campaign's posts and the posts of its advocates that
 * were matched to it, published since `since`, in id order after `afterId`.
 */
export async function campaignPostsPage(
  db: Db,
  workspaceId: string,
  campaignId: string,
  options: { since: Date | null; afterId: string; limit: number },
): Promise<ScannedPost[]> {
  const ids = db
    .selectFrom('post_campaign')
    .select('post_id as id')
    .where('campaign_id', '=', campaignId)
    .union(db.selectFrom('advocate_post').select('post_id as id').where('campaign_id', '=', campaignId));
  let query = db
    .selectFrom('post as p')
    .innerJoin('author as a', 'a.id', 'p.author_id')
    .leftJoin('advocate_handle as h', (join) =>
      join
        .onRef('h.workspace_id', '=', 'p.workspace_id')
        .on('h.platform', '=', sql<string>`lower(a.platform)`)
        .on('h.handle', '=', sql<string>`lower(ltrim(a.handle, '@'))`),
    )
    .leftJoin('post_analysis as pa', 'pa.post_id', 'p.id')
    .select(['p.id', 'p.text', 'p.language', 'pa.language as detected', 'p.market', 'h.advocate_id'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.id', 'in', ids)
    .where('p.id', '>', options.afterId)
    .orderBy('p.id')
    .limit(options.limit);
  if (options.since !== null) query = query.where('p.created_at', '>=', options.since);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: String(r.id),
    text: r.text,
    language: r.language ?? (r.detected === null || r.detected === 'und' ? null : r.detected),
    market: r.market,
    advocateId: r.advocate_id,
  }));
}

export interface CorrectionMatchValues {
  postId: string;
  advocateId: string | null;
  kind: 'wording' | 'claim' | 'near_duplicate';
  similarity: number | null;
  seedPostId: string | null;
  span: [number, number] | null;
}

export async function insertCorrection(
  db: Db,
  values: {
    workspaceId: string;
    campaignId: string;
    wrong: WrongClaim;
    language: string | null;
    correction: Record<string, string>;
    reason: string | null;
    scanned: number;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('brand_correction')
    .values({
      workspace_id: values.workspaceId,
      campaign_id: values.campaignId,
      mode: values.wrong.mode,
      fact_id: values.wrong.factId,
      claim_text: values.wrong.claimText,
      language: values.language,
      correction: JSON.stringify(values.correction),
      target: JSON.stringify(values.wrong),
      reason: values.reason,
      scanned: values.scanned,
      created_by: values.createdBy,
      created_at: values.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCorrectionMatches(
  db: Db,
  correctionId: string,
  matches: readonly CorrectionMatchValues[],
): Promise<void> {
  for (let i = 0; i < matches.length; i += 1000)
    await db
      .insertInto('brand_correction_post')
      .values(
        matches.slice(i, i + 1000).map((m) => ({
          correction_id: correctionId,
          post_id: m.postId,
          advocate_id: m.advocateId,
          kind: m.kind,
          similarity: m.similarity,
          seed_post_id: m.seedPostId,
          span_start: m.span?.[0] ?? null,
          span_end: m.span?.[1] ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['correction_id', 'post_id']).doNothing())
      .execute();
}

export async function insertNotices(
  db: Db,
  correctionId: string,
  notices: readonly { advocateId: string; language: string }[],
  sentAt: Date,
): Promise<void> {
  if (notices.length === 0) return;
  await db
    .insertInto('brand_correction_notice')
    .values(
      notices.map((n) => ({
        correction_id: correctionId,
        advocate_id: n.advocateId,
        language: n.language,
        sent_at: sentAt,
      })),
    )
    .onConflict((oc) => oc.columns(['correction_id', 'advocate_id']).doNothing())
    .execute();
}

export async function findCorrectionRow(db: Db, workspaceId: string, id: string) {
  return db
    .selectFrom('brand_correction')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listCorrectionRows(db: Db, workspaceId: string, campaignId: string | undefined) {
  let query = db.selectFrom('brand_correction').selectAll().where('workspace_id', '=', workspaceId);
  if (campaignId !== undefined) query = query.where('campaign_id', '=', campaignId);
  return query.orderBy('created_at', 'desc').limit(200).execute();
}

export async function correctionMatches(db: Db, correctionId: string) {
  return db
    .selectFrom('brand_correction_post')
    .selectAll()
    .where('correction_id', '=', correctionId)
    .orderBy('post_id')
    .execute();
}

export async function correctionNotices(db: Db, correctionId: string) {
  return db
    .selectFrom('brand_correction_notice as n')
    .innerJoin('advocate as a', 'a.id', 'n.advocate_id')
    .selectAll('n')
    .select('a.display_name')
    .where('n.correction_id', '=', correctionId)
    .orderBy('a.display_name')
    .execute();
}

/** Notices still open for an advocate, sent before a post was published. */
export async function openNoticesFor(db: Db, advocateId: string, publishedBefore: Date) {
  return db
    .selectFrom('brand_correction_notice as n')
    .innerJoin('brand_correction as c', 'c.id', 'n.correction_id')
    .select([
      'n.id',
      'n.correction_id',
      'c.workspace_id',
      'c.campaign_id',
      'c.target',
      'c.correction',
      'n.language',
    ])
    .where('n.advocate_id', '=', advocateId)
    .where('n.status', '!=', 'corrected')
    .where('n.sent_at', '<', publishedBefore)
    .execute();
}

export async function setNoticeStatus(
  db: Db,
  noticeId: string,
  status: 'sent' | 'corrected' | 'repeated',
  by: { postId?: string | null; userId?: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('brand_correction_notice')
    .set({
      status,
      resolved_at: status === 'corrected' ? by.at : null,
      resolved_by_post_id: by.postId ?? null,
      resolved_by_user: by.userId ?? null,
    })
    .where('id', '=', noticeId)
    .execute();
}

export async function findNotice(db: Db, workspaceId: string, correctionId: string, noticeId: string) {
  return db
    .selectFrom('brand_correction_notice as n')
    .innerJoin('brand_correction as c', 'c.id', 'n.correction_id')
    .select(['n.id'])
    .where('c.workspace_id', '=', workspaceId)
    .where('n.correction_id', '=', correctionId)
    .where('n.id', '=', noticeId)
    .executeTakeFirst();
}
