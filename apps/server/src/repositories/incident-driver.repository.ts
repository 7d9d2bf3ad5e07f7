import type { PostListItem } from '@ombud/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { POST_LIST_COLUMNS, toPostListItem } from './post-query.repository.ts';

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
    .select(POST_LIST_COLUMNS)
    .where('incident_post.incident_id', '=', incidentId)
    .where('post.workspace_id', '=', workspaceId)
    .orderBy('incident_post.score', 'desc')
    .orderBy('post.id')
    .execute();
  return rows.map(toPostListItem);
}
