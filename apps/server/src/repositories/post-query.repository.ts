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

/** The columns a post list row needs: the post, its author and its stored analysis (if any). */
export const POST_LIST_COLUMNS = [
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
] as const;

interface PostListRow {
  id: string;
  external_id: string;
  platform: string;
  text: string;
  language: string | null;
  market: string | null;
  created_at: Date;
  url: string | null;
  analysed_language: string | null;
  sentiment: string | null;
  sentiment_score: number | null;
  intents: string[] | null;
  aspects: string[] | null;
  toxicity: string | null;
  handle: string;
  display_name: string | null;
  followers: number | null;
  verified: boolean;
}

/** One row selected with `POST_LIST_COLUMNS`, as the API lists posts. */
export function toPostListItem(row: PostListRow): PostListItem {
  return {
    id: String(row.id),
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
  };
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
    .select(POST_LIST_COLUMNS)
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
  return rows.map(toPostListItem);
}
