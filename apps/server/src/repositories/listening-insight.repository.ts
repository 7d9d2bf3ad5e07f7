import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface RangeFilter {
  campaignId: string;
  from: string;
  to: string;
  languages?: string[] | undefined;
  markets?: string[] | undefined;
}

function bucketFilters(filter: RangeFilter, column: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const where = [
    sql`campaign_id = ${filter.campaignId}::uuid`,
    sql`${column} >= ${filter.from}::timestamptz`,
    sql`${column} < ${filter.to}::timestamptz`,
  ];
  if (filter.languages) where.push(sql`language = ANY(${filter.languages}::text[])`);
  if (filter.markets) where.push(sql`market = ANY(${filter.markets}::text[])`);
  return where;
}

export interface SovSeriesRow {
  at: Date;
  subject: string;
  posts: number;
  negative: number;
}
export interface SovBreakdownRow {
  subject: string;
  language: string;
  market: string;
  sentiment: string;
  posts: number;
}

/** Share-of-voice volumes from the hourly buckets (never from raw posts). */
export async function loadShareOfVoice(
  db: Kysely<Database>,
  filter: RangeFilter,
  interval: 'hour' | 'day',
): Promise<{ series: SovSeriesRow[]; breakdown: SovBreakdownRow[] }> {
  const where = bucketFilters(filter, sql`hour`);
  const series = await sql<SovSeriesRow>`
    SELECT date_trunc(${interval}, hour) AS at, subject, sum(posts)::int AS posts,
      (coalesce(sum(posts) FILTER (WHERE sentiment = 'negative'), 0))::int AS negative
    FROM listening_sov_bucket WHERE ${sql.join(where, sql` AND `)}
    GROUP BY 1, 2 HAVING sum(posts) <> 0 ORDER BY 1, 2`.execute(db);
  const breakdown = await sql<SovBreakdownRow>`
    SELECT subject, language, market, sentiment, sum(posts)::int AS posts
    FROM listening_sov_bucket WHERE ${sql.join(where, sql` AND `)}
    GROUP BY 1, 2, 3, 4 HAVING sum(posts) <> 0 ORDER BY 1, 2, 3, 4`.execute(db);
  return { series: series.rows, breakdown: breakdown.rows };
}

export interface AspectRow {
  subject: string;
  aspect: string;
  posts: number;
  negative: number;
  negative_first: number;
  negative_second: number;
}

/** Aspect mentions per subject, with negative counts in each half of the range. */
export async function loadAspectComparison(db: Kysely<Database>, filter: RangeFilter): Promise<AspectRow[]> {
  const fromDay = filter.from.slice(0, 10);
  const toDay = filter.to.slice(0, 10);
  const mid = new Date((Date.parse(filter.from) + Date.parse(filter.to)) / 2).toISOString().slice(0, 10);
  const result = await sql<AspectRow>`
    SELECT subject, aspect, sum(posts)::int AS posts,
      (coalesce(sum(posts) FILTER (WHERE sentiment = 'negative'), 0))::int AS negative,
      (coalesce(sum(posts) FILTER (WHERE sentiment = 'negative' AND day < ${mid}::date), 0))::int AS negative_first,
      (coalesce(sum(posts) FILTER (WHERE sentiment = 'negative' AND day >= ${mid}::date), 0))::int AS negative_second
    FROM listening_aspect_bucket
    WHERE campaign_id = ${filter.campaignId}::uuid AND day >= ${fromDay}::date AND day <= ${toDay}::date
    GROUP BY 1, 2 HAVING sum(posts) > 0 ORDER BY 1, 2`.execute(db);
  return result.rows;
}

export interface NarrativeRow {
  id: string;
  text: string;
  language: string;
  at: Date;
  sentiment: 'positive' | 'neutral' | 'negative';
  sentiment_score: number;
  engagement: number;
}

/**
 * Campaign posts in [from, to) for clustering; when there are more than `cap`, an even sample by id
 * (the same posts every time for the same data).
 */
export async function loadCampaignPostsForText(
  db: Kysely<Database>,
  workspaceId: string,
  filter: RangeFilter,
  cap: number,
): Promise<{ rows: NarrativeRow[]; sampled: boolean }> {
  const where: RawBuilder<unknown>[] = [
    sql`lp.workspace_id = ${workspaceId}::uuid`,
    sql`lp.created_at >= ${filter.from}::timestamptz`,
    sql`lp.created_at < ${filter.to}::timestamptz`,
  ];
  if (filter.languages) where.push(sql`lp.language = ANY(${filter.languages}::text[])`);
  if (filter.markets) where.push(sql`lp.market = ANY(${filter.markets}::text[])`);
  const counted = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM listening_post lp
    JOIN post_campaign pc ON pc.post_id = lp.post_id AND pc.campaign_id = ${filter.campaignId}::uuid
    WHERE ${sql.join(where, sql` AND `)}`.execute(db);
  const total = counted.rows[0]?.n ?? 0;
  const every = Math.max(1, Math.ceil(total / cap));
  if (every > 1) where.push(sql`lp.post_id % ${every} = 0`);
  const result = await sql<NarrativeRow>`
    SELECT lp.post_id::text AS id, p.text, lp.language, lp.created_at AS at, lp.sentiment, lp.sentiment_score,
      lp.engagement
    FROM listening_post lp
    JOIN post_campaign pc ON pc.post_id = lp.post_id AND pc.campaign_id = ${filter.campaignId}::uuid
    JOIN post p ON p.id = lp.post_id
    WHERE ${sql.join(where, sql` AND `)}`.execute(db);
  return { rows: result.rows, sampled: every > 1 };
}

export interface PostSummaryRow {
  id: string;
  external_id: string;
  text: string;
  handle: string;
  created_at: Date;
  url: string | null;
}

export async function loadPostSummaries(
  db: Kysely<Database>,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, PostSummaryRow>> {
  if (ids.length === 0) return new Map();
  const result = await sql<PostSummaryRow>`
    SELECT p.id::text AS id, p.external_id, p.text, au.handle, p.created_at, p.url
    FROM post p JOIN author au ON au.id = p.author_id
    WHERE p.workspace_id = ${workspaceId}::uuid AND p.id = ANY(${[...ids]}::bigint[])`.execute(db);
  return new Map(result.rows.map((row) => [row.id, row]));
}

export interface PoachingRow {
  post_id: string;
  competitor: string;
  kind: 'competitor_reply' | 'suspected_staff_reply' | 'switch_announcement';
  evidence: string;
  created_at: Date;
  target_post_id: string | null;
  target_is_complaint: boolean;
}

export async function loadPoaching(
  db: Kysely<Database>,
  workspaceId: string,
  filter: {
    campaignId: string;
    from?: string | undefined;
    to?: string | undefined;
    kind?: string | undefined;
    limit: number;
  },
): Promise<{ rows: PoachingRow[]; totals: { competitor: string; kind: string; n: number }[] }> {
  const where: RawBuilder<unknown>[] = [
    sql`workspace_id = ${workspaceId}::uuid`,
    sql`campaign_id = ${filter.campaignId}::uuid`,
  ];
  if (filter.from) where.push(sql`created_at >= ${filter.from}::timestamptz`);
  if (filter.to) where.push(sql`created_at < ${filter.to}::timestamptz`);
  const totals = await sql<{ competitor: string; kind: string; n: number }>`
    SELECT competitor, kind, count(*)::int AS n FROM listening_poaching WHERE ${sql.join(where, sql` AND `)}
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  if (filter.kind) where.push(sql`kind = ${filter.kind}`);
  const rows = await sql<PoachingRow>`
    SELECT post_id::text AS post_id, competitor, kind, evidence, created_at,
      target_post_id::text AS target_post_id, target_is_complaint
    FROM listening_poaching WHERE ${sql.join(where, sql` AND `)}
    ORDER BY created_at DESC, post_id DESC LIMIT ${filter.limit}`.execute(db);
  return { rows: rows.rows, totals: totals.rows };
}

export interface InfluencerRow {
  handle: string;
  display_name: string | null;
  platform: string;
  followers: number;
  verified: boolean;
  posts: number;
  engagement: number;
  score: number;
  positive: number;
  neutral: number;
  negative: number;
  mean_score: number;
}

/** Authors of the campaign's posts in the range, by reach, engagement or both. */
export async function loadInfluencers(
  db: Kysely<Database>,
  workspaceId: string,
  filter: RangeFilter,
  sort: 'score' | 'reach' | 'engagement',
  limit: number,
): Promise<InfluencerRow[]> {
  const where: RawBuilder<unknown>[] = [
    sql`lp.workspace_id = ${workspaceId}::uuid`,
    sql`lp.created_at >= ${filter.from}::timestamptz`,
    sql`lp.created_at < ${filter.to}::timestamptz`,
  ];
  if (filter.languages) where.push(sql`lp.language = ANY(${filter.languages}::text[])`);
  if (filter.markets) where.push(sql`lp.market = ANY(${filter.markets}::text[])`);
  const order =
    sort === 'reach'
      ? sql`followers DESC, engagement DESC`
      : sort === 'engagement'
        ? sql`engagement DESC, followers DESC`
        : sql`score DESC`;
  const result = await sql<InfluencerRow>`
    SELECT * FROM (
      SELECT au.handle, au.display_name, au.platform, coalesce(au.followers, 0) AS followers, au.verified,
        count(*)::int AS posts, sum(lp.engagement)::float8 AS engagement,
        (log(coalesce(au.followers, 0) + 1) + 2 * log(sum(lp.engagement) + 1))::float8 AS score,
        (count(*) FILTER (WHERE lp.sentiment = 'positive'))::int AS positive,
        (count(*) FILTER (WHERE lp.sentiment = 'neutral'))::int AS neutral,
        (count(*) FILTER (WHERE lp.sentiment = 'negative'))::int AS negative,
        avg(lp.sentiment_score)::float8 AS mean_score
      FROM listening_post lp
      JOIN post_campaign pc ON pc.post_id = lp.post_id AND pc.campaign_id = ${filter.campaignId}::uuid
      JOIN author au ON au.id = lp.author_id
      WHERE ${sql.join(where, sql` AND `)}
      GROUP BY au.id
    ) ranked
    ORDER BY ${order}, handle
    LIMIT ${limit}`.execute(db);
  return result.rows;
}
