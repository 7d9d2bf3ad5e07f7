import type { Kysely } from 'kysely';
import type { PostListItem } from '@ombud/contract';
import type { Database } from '../db/schema.ts';

export interface PostFilter {
  campaignId?: string | undefined;
  language?: string | undefined;
  q?: string | undefined;
  limit: number;
  before?: string | undefined;
}

/** Newest posts first, keyset-paginated on id. */
export async function listPosts(
  db: Kysely<Database>,
  workspaceId: string,
  filter: PostFilter,
): Promise<PostListItem[]> {
  let query = db
    .selectFrom('post')
    .innerJoin('author', 'author.id', 'post.author_id')
    .leftJoin('post_analysis', 'post_analysis.post_id', 'post.id')
    .select([
      'post_analysis.language as analysed_language',
      'post_analysis.sentiment',
      'post_analysis.sentiment_score',
      'post_analysis.intents',
      'post_analysis.aspects',
      'post_analysis.toxicity',
      'post.id',
      'post.external_id',
      'post.platform',
      'post.text',
      'post.language',
      'post.market',
      'post.created_at',
      'post.url',
      'author.handle',
      'author.display_name',
      'author.followers',
      'author.verified',
    ])
    .where('post.workspace_id', '=', workspaceId);
  if (filter.campaignId) {
    const campaignId = filter.campaignId;
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
  if (filter.language) query = query.where('post.language', '=', filter.language);
  if (filter.q) query = query.where('post.text', 'ilike', `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.before) query = query.where('post.id', '<', filter.before);
  const rows = await query.orderBy('post.id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    externalId: row.external_id,
    platform: row.platform,
    text: row.text,
    language: row.language,
    market: row.market,
    createdAt: row.created_at.toISOString(),
    url: row.url,
    analysis:
      row.analysed_language === null || row.sentiment === null
        ? null
        : {
            language: row.analysed_language,
            sentiment: row.sentiment as 'positive' | 'neutral' | 'negative',
            sentimentScore: row.sentiment_score ?? 0,
            intents: row.intents ?? [],
            aspects: row.aspects ?? [],
            toxicity: row.toxicity ?? 'none',
          },
    author: {
      handle: row.handle,
      displayName: row.display_name,
      followers: row.followers,
      verified: row.verified,
    },
  }));
}
