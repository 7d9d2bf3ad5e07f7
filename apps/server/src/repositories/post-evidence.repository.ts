import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The stored analysis of one post (null: no such post in the workspace; `result` null: not analysed). */
export async function findPostAnalysisResult(
  db: Kysely<Database>,
  workspaceId: string,
  postId: string,
): Promise<{ result: unknown } | null> {
  const row = await db
    .selectFrom('post')
    .leftJoin('post_analysis', 'post_analysis.post_id', 'post.id')
    .select(['post.id', 'post_analysis.result'])
    .where('post.workspace_id', '=', workspaceId)
    .where('post.id', '=', postId)
    .executeTakeFirst();
  return row ? { result: row.result ?? null } : null;
}
