import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface OverviewScope {
  workspaceId: string;
  campaignId?: string | undefined;
}

function scopedPosts(db: Kysely<Database>, scope: OverviewScope) {
  let query = db.selectFrom('post').where('post.workspace_id', '=', scope.workspaceId);
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

/** Every stored post in scope. */
export async function countPosts(db: Kysely<Database>, scope: OverviewScope): Promise<number> {
  const row = await scopedPosts(db, scope)
    .select(sql<number>`count(*)::int`.as('posts'))
    .executeTakeFirstOrThrow();
  return row.posts;
}

/** Posts per language, largest first; no language counts as `und`. */
export async function countPostsPerLanguage(
  db: Kysely<Database>,
  scope: OverviewScope,
): Promise<{ language: string; posts: number }[]> {
  const language = sql<string>`coalesce(post.language, 'und')`;
  return scopedPosts(db, scope)
    .select([language.as('language'), sql<number>`count(*)::int`.as('posts')])
    .groupBy(language)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(language)
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
): Promise<{ day: string; posts: number }[]> {
  const localDay = sql<string>`(post.created_at AT TIME ZONE ${range.timeZone})::date`;
  const rows = await scopedPosts(db, scope)
    .select([
      sql<string>`to_char(${localDay}, 'YYYY-MM-DD')`.as('day'),
      sql<number>`count(*)::int`.as('posts'),
    ])
    .where('post.created_at', '>=', range.since)
    .where(localDay, '>=', sql<string>`${range.firstDay}::date`)
    .where(localDay, '<=', sql<string>`${range.lastDay}::date`)
    // By position: the zone is a bound parameter, so a repeated expression would not match.
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows;
}

/** Posts per campaign of the workspace. */
export async function countPostsPerCampaign(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<{ campaignId: string; posts: number }[]> {
  return db
    .selectFrom('post_campaign')
    .innerJoin('campaign', 'campaign.id', 'post_campaign.campaign_id')
    .select(['post_campaign.campaign_id as campaignId', sql<number>`count(*)::int`.as('posts')])
    .where('campaign.workspace_id', '=', workspaceId)
    .groupBy('post_campaign.campaign_id')
    .execute();
}
