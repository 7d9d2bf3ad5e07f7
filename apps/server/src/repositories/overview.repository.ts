import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface OverviewScope {
  workspaceId: string;
  campaignId?: string | undefined;
}

export interface SentimentCounts {
  posts: number;
  positive: number;
  neutral: number;
  negative: number;
}

/** Posts in scope, with their analysis when one is stored. */
function scopedPosts(db: Kysely<Database>, scope: OverviewScope) {
  let query = db
    .selectFrom('post')
    .leftJoin('post_analysis', 'post_analysis.post_id', 'post.id')
    .where('post.workspace_id', '=', scope.workspaceId);
  if (scope.campaignId) {
    const campaignId = scope.campaignId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_campaign')
          .select('post_campaign.post_id')
          .whereRef('post_campaign.post_id', '=', 'post.id')
          .where('post_campaign.campaign_id', '=', campaignId),
      ),
    );
  }
  return query;
}

const postCount = sql<number>`count(*)::int`;
const sentimentCount = (label: 'positive' | 'neutral' | 'negative') =>
  sql<number>`(count(*) FILTER (WHERE post_analysis.sentiment = ${label}))::int`;
const sentimentColumns = [
  postCount.as('posts'),
  sentimentCount('positive').as('positive'),
  sentimentCount('neutral').as('neutral'),
  sentimentCount('negative').as('negative'),
] as const;

/** Every stored post in scope, and how many of them have been analysed. */
export async function countPosts(
  db: Kysely<Database>,
  scope: OverviewScope,
): Promise<{ posts: number; analysed: number }> {
  return scopedPosts(db, scope)
    .select([postCount.as('posts'), sql<number>`count(post_analysis.post_id)::int`.as('analysed')])
    .executeTakeFirstOrThrow();
}

/** Posts per language (the source's, else the detected one, else `und`), largest first. */
export async function countPostsPerLanguage(
  db: Kysely<Database>,
  scope: OverviewScope,
): Promise<({ language: string } & SentimentCounts)[]> {
  return scopedPosts(db, scope)
    .select([
      sql<string>`coalesce(post.language, post_analysis.language, 'und')`.as('language'),
      ...sentimentColumns,
    ])
    .groupBy(sql`1`)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`1`)
    .execute();
}

/**
 * Posts per calendar day in `timeZone` from `firstDay` to `lastDay` (both `YYYY-MM-DD`, inclusive);
 * only days with posts are returned. `since` is an instant at or before the first day's start,
 * so the index on created_at narrows the scan before the exact day filter.
 */
export async function countPostsPerDay(
  db: Kysely<Database>,
  scope: OverviewScope,
  range: { timeZone: string; firstDay: string; lastDay: string; since: Date },
): Promise<({ day: string } & SentimentCounts)[]> {
  const localDay = sql<string>`(post.created_at AT TIME ZONE ${range.timeZone})::date`;
  return (
    scopedPosts(db, scope)
      .select([sql<string>`to_char(${localDay}, 'YYYY-MM-DD')`.as('day'), ...sentimentColumns])
      .where('post.created_at', '>=', range.since)
      .where(localDay, '>=', sql<string>`${range.firstDay}::date`)
      .where(localDay, '<=', sql<string>`${range.lastDay}::date`)
      // By position: the zone is a bound parameter, so a repeated expression would not match.
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute()
  );
}

/** Posts per campaign of the workspace. */
export async function countPostsPerCampaign(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<{ campaignId: string; posts: number }[]> {
  return db
    .selectFrom('post_campaign')
    .innerJoin('campaign', 'campaign.id', 'post_campaign.campaign_id')
    .select(['post_campaign.campaign_id as campaignId', postCount.as('posts')])
    .where('campaign.workspace_id', '=', workspaceId)
    .groupBy('post_campaign.campaign_id')
    .execute();
}
