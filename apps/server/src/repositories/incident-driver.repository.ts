import type { PostListItem } from '@ombud/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/**
 * The posts driving an incident (its `incident_post` rows), highest score first, as the mentions list
 * shows them. The crisis room reads them here so it never needs a copy of post text: an erased post
 * simply drops out (`incident_post` cascades from `post`).
 */
export async function listIncidentDriverPosts(
  db: Kysely<Database>,
  workspaceId: string,
  incidentId: string,
): Promise<PostListItem[]> {
  const incident = await db
    .selectFrom('incident')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', incidentId)
    .executeTakeFirst();
  if (!incident) throw new AppError('NOT_FOUND', `no incident ${incidentId} in this workspace`);
  const rows = await db
    .selectFrom('incident_post')
    .innerJoin('post', 'post.id', 'incident_post.post_id')
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
    .where('incident_post.incident_id', '=', incidentId)
    .where('post.workspace_id', '=', workspaceId)
    .orderBy('incident_post.score', 'desc')
    .orderBy('post.id')
    .execute();
  return rows.map((row) => ({
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
  }));
}
