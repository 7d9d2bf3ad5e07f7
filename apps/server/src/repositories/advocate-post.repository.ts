import { sql, type Kysely, type Selectable } from 'kysely';
import type { AdvocateCompliance, AdvocatePost } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { AdvocatePostTable } from '../db/tables/advocates.tables.ts';

export interface PublishedAdvocatePost {
  postId: string;
  workspaceId: string;
  advocateId: string;
  text: string;
  language: string | null;
  market: string | null;
  publishedAt: Date;
  metrics: Record<string, number>;
  followers: number | null;
  campaignIds: string[];
}

/** The posts among these ids whose author handle belongs to an advocate of the post's workspace. */
export async function findAdvocatePosts(
  db: Kysely<Database>,
  postIds: readonly string[],
): Promise<PublishedAdvocatePost[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('post as p')
    .innerJoin('author as a', 'a.id', 'p.author_id')
    .innerJoin('advocate_handle as h', (join) =>
      join
        .onRef('h.workspace_id', '=', 'p.workspace_id')
        .on('h.platform', '=', sql<string>`lower(a.platform)`)
        .on('h.handle', '=', sql<string>`lower(ltrim(a.handle, '@'))`),
    )
    .leftJoin('post_analysis as pa', 'pa.post_id', 'p.id')
    .select([
      'p.id',
      'p.workspace_id',
      'p.text',
      'p.language',
      'pa.language as detected_language',
      'p.market',
      'p.created_at',
      'p.metrics',
      'a.followers',
      'h.advocate_id',
    ])
    .where('p.id', 'in', postIds)
    .execute();
  if (rows.length === 0) return [];
  const campaigns = await db
    .selectFrom('post_campaign')
    .select(['post_id', 'campaign_id'])
    .where(
      'post_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((row) => ({
    postId: String(row.id),
    workspaceId: row.workspace_id,
    advocateId: row.advocate_id,
    text: row.text,
    language: row.language ?? (row.detected_language === 'und' ? null : row.detected_language),
    market: row.market,
    publishedAt: row.created_at,
    metrics: row.metrics,
    followers: row.followers,
    campaignIds: campaigns.filter((c) => String(c.post_id) === String(row.id)).map((c) => c.campaign_id),
  }));
}

export interface AdvocatePostValues {
  postId: string;
  workspaceId: string;
  advocateId: string;
  campaignId: string | null;
  draftId: string | null;
  draftVersion: number | null;
  similarity: number | null;
  outcome: AdvocatePost['outcome'];
  disclosureRemoved: boolean;
  disclosureOk: boolean;
  contradictedClaims: number;
  evidence: Record<string, unknown>;
  reach: number;
  engagement: number;
  publishedAt: Date;
  checkedAt: Date;
}

/** Stores the match of a published post (idempotent: a post checked again replaces its row). */
export async function upsertAdvocatePost(db: Kysely<Database>, v: AdvocatePostValues): Promise<void> {
  const values = {
    post_id: v.postId,
    workspace_id: v.workspaceId,
    advocate_id: v.advocateId,
    campaign_id: v.campaignId,
    draft_id: v.draftId,
    draft_version: v.draftVersion,
    similarity: v.similarity,
    outcome: v.outcome,
    disclosure_removed: v.disclosureRemoved,
    disclosure_ok: v.disclosureOk,
    contradicted_claims: v.contradictedClaims,
    evidence: JSON.stringify(v.evidence),
    reach: v.reach,
    engagement: v.engagement,
    published_at: v.publishedAt,
    checked_at: v.checkedAt,
  };
  const { post_id: _postId, ...update } = values;
  await db
    .insertInto('advocate_post')
    .values(values)
    .onConflict((oc) => oc.column('post_id').doUpdateSet(update))
    .execute();
}

function toAdvocatePost(row: Selectable<AdvocatePostTable>): AdvocatePost {
  return {
    postId: String(row.post_id),
    advocateId: row.advocate_id,
    campaignId: row.campaign_id,
    draftId: row.draft_id,
    draftVersion: row.draft_version,
    similarity: row.similarity,
    outcome: row.outcome as AdvocatePost['outcome'],
    disclosureRemoved: row.disclosure_removed,
    disclosureOk: row.disclosure_ok,
    contradictedClaims: row.contradicted_claims,
    evidence: row.evidence,
    reach: row.reach,
    engagement: row.engagement,
    publishedAt: row.published_at.toISOString(),
    checkedAt: row.checked_at.toISOString(),
  };
}

export async function listAdvocatePosts(
  db: Kysely<Database>,
  workspaceId: string,
  advocateId: string,
): Promise<AdvocatePost[]> {
  const rows = await db
    .selectFrom('advocate_post')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('advocate_id', '=', advocateId)
    .orderBy('published_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(toAdvocatePost);
}

/** Compliance and reach of one advocate, counted in the database. */
export async function advocateCompliance(
  db: Kysely<Database>,
  workspaceId: string,
  advocateId: string,
): Promise<AdvocateCompliance> {
  const posts = await db
    .selectFrom('advocate_post')
    .select([
      sql<number>`count(*)::int`.as('posts'),
      sql<number>`count(*) FILTER (WHERE outcome = 'as_approved')::int`.as('as_approved'),
      sql<number>`count(*) FILTER (WHERE outcome = 'edited_after_approval')::int`.as('edited'),
      sql<number>`count(*) FILTER (WHERE outcome = 'no_approved_draft')::int`.as('unapproved'),
      sql<number>`count(*) FILTER (WHERE disclosure_removed)::int`.as('disclosure_removed'),
      sql<number>`count(*) FILTER (WHERE NOT disclosure_ok)::int`.as('disclosure_problems'),
      sql<number>`coalesce(sum(contradicted_claims), 0)::int`.as('contradicted'),
      sql<number>`count(*) FILTER (WHERE outcome = 'as_approved' AND disclosure_ok AND contradicted_claims = 0)::int`.as(
        'compliant',
      ),
      sql<string>`coalesce(sum(reach), 0)::bigint::text`.as('reach'),
      sql<string>`coalesce(sum(engagement), 0)::bigint::text`.as('engagement'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('advocate_id', '=', advocateId)
    .executeTakeFirstOrThrow();
  const drafts = await db
    .selectFrom('advocate_draft')
    .select([
      sql<number>`count(*) FILTER (WHERE status = 'in_review')::int`.as('in_review'),
      sql<number>`count(*) FILTER (WHERE status = 'approved')::int`.as('approved'),
      sql<number>`count(*) FILTER (WHERE status = 'rejected')::int`.as('rejected'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('advocate_id', '=', advocateId)
    .executeTakeFirstOrThrow();
  const notices = await db
    .selectFrom('brand_correction_notice as n')
    .innerJoin('brand_correction as c', 'c.id', 'n.correction_id')
    .select([
      sql<number>`count(*)::int`.as('sent'),
      sql<number>`count(*) FILTER (WHERE n.status = 'corrected')::int`.as('corrected'),
      sql<number>`count(*) FILTER (WHERE n.status = 'repeated')::int`.as('repeated'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('n.advocate_id', '=', advocateId)
    .executeTakeFirstOrThrow();
  return {
    advocateId,
    posts: posts.posts,
    asApproved: posts.as_approved,
    editedAfterApproval: posts.edited,
    noApprovedDraft: posts.unapproved,
    disclosureRemoved: posts.disclosure_removed,
    disclosureProblems: posts.disclosure_problems,
    contradictedClaims: posts.contradicted,
    complianceRate: posts.posts === 0 ? null : Math.round((posts.compliant / posts.posts) * 1000) / 1000,
    reach: Number(posts.reach),
    engagement: Number(posts.engagement),
    drafts: { inReview: drafts.in_review, approved: drafts.approved, rejected: drafts.rejected },
    corrections: notices,
  };
}
