import { sql, type Kysely, type Transaction } from 'kysely';
import type { PostInput } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { toPostgresJson } from '../db/postgres-json.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface PostToInsert {
  sourceId: string;
  post: PostInput;
  raw: Record<string, unknown> | null;
}

export interface InsertedPost {
  id: string;
  /** Index into the batch that was passed in. */
  index: number;
}

/**
 * Creates or refreshes the batch's authors and returns their ids keyed by `platform\u0000handle`,
 * in one statement: ids come from the upsert itself (rows written now) and from one index probe per
 * author (rows left unchanged). A probe, not a join: without table statistics (autovacuum off, a
 * fresh database) the planner hashed every author of the workspace for each batch.
 */
export async function upsertAuthors(
  db: Executor,
  workspaceId: string,
  posts: readonly PostToInsert[],
): Promise<Map<string, string>> {
  const unique = new Map<string, PostInput['author']>();
  for (const { post } of posts) unique.set(authorKey(post.author), post.author);
  // A fixed order makes concurrent batches lock shared authors in the same order: no deadlock cycle.
  const authors = [...unique.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, author]) => author);
  const platforms = authors.map((a) => a.platform);
  const handles = authors.map((a) => a.handle);
  const rows = await sql<{ id: string; platform: string; handle: string }>`
    WITH a AS (
      SELECT * FROM unnest(${platforms}::text[], ${handles}::text[], ${authors.map((a) => a.displayName)}::text[],
                           ${authors.map((a) => a.followers)}::int[], ${authors.map((a) => a.verified)}::bool[])
        WITH ORDINALITY AS a(platform, handle, display_name, followers, verified, n)
    ), written AS (
      INSERT INTO author (workspace_id, platform, handle, display_name, followers, verified)
      SELECT ${workspaceId}::uuid, a.platform, a.handle, a.display_name, a.followers, a.verified FROM a ORDER BY a.n
      ON CONFLICT (workspace_id, platform, handle) DO UPDATE SET
        display_name = COALESCE(EXCLUDED.display_name, author.display_name),
        followers = COALESCE(EXCLUDED.followers, author.followers),
        verified = EXCLUDED.verified OR author.verified,
        updated_at = now()
      WHERE (author.display_name, author.followers, author.verified)
        IS DISTINCT FROM (COALESCE(EXCLUDED.display_name, author.display_name),
                          COALESCE(EXCLUDED.followers, author.followers), EXCLUDED.verified OR author.verified)
      RETURNING id, platform, handle
    )
    SELECT id::text AS id, platform, handle FROM written
    UNION ALL
    SELECT found.id::text AS id, a.platform, a.handle FROM a
    CROSS JOIN LATERAL (
      SELECT id FROM author
      WHERE workspace_id = ${workspaceId}::uuid AND platform = a.platform AND handle = a.handle
      LIMIT 1) AS found
  `.execute(db);
  const ids = new Map(rows.rows.map((row) => [`${row.platform}\u0000${row.handle}`, row.id]));
  if (ids.size < authors.length) {
    // An author another transaction committed after this statement's snapshot, left unchanged by the
    // upsert, is in neither part: a second look (a new snapshot) finds it.
    const missing = authors.filter((a) => !ids.has(authorKey(a)));
    const found = await sql<{ id: string; platform: string; handle: string }>`
      SELECT found.id::text AS id, k.platform, k.handle
      FROM unnest(${missing.map((a) => a.platform)}::text[], ${missing.map((a) => a.handle)}::text[]) AS k(platform, handle)
      CROSS JOIN LATERAL (
        SELECT id FROM author
        WHERE workspace_id = ${workspaceId}::uuid AND platform = k.platform AND handle = k.handle
        LIMIT 1) AS found
    `.execute(db);
    for (const row of found.rows) ids.set(`${row.platform}\u0000${row.handle}`, row.id);
  }
  return ids;
}

/** The key `upsertAuthors` returns ids under. */
export function authorKey(author: Pick<PostInput['author'], 'platform' | 'handle'>): string {
  return `${author.platform}\u0000${author.handle}`;
}

/**
 * Inserts posts that are new on (source, external id) and returns those inserted; a post already
 * stored is skipped, which makes every import and webhook delivery idempotent.
 */
export async function insertPosts(
  db: Executor,
  workspaceId: string,
  batchId: string | null,
  posts: readonly PostToInsert[],
  authorIds: ReadonlyMap<string, string>,
): Promise<InsertedPost[]> {
  if (posts.length === 0) return [];
  const column = <T>(get: (item: PostToInsert) => T) => posts.map(get);
  const result = await sql<{ id: string; source_id: string; external_id: string }>`
    INSERT INTO post (workspace_id, source_id, external_id, platform, url, author_id, text, language, market,
                      created_at, reply_to_external_id, metrics, raw, batch_id)
    SELECT ${workspaceId}::uuid, p.source_id, p.external_id, p.platform, p.url, p.author_id, p.text, p.language,
           p.market, p.created_at, p.reply_to, p.metrics, p.raw, ${batchId}::uuid
    FROM unnest(${column((p) => p.sourceId)}::uuid[], ${column((p) => p.post.externalId)}::text[],
                ${column((p) => p.post.platform)}::text[], ${column((p) => p.post.url)}::text[],
                ${column((p) => authorIds.get(authorKey(p.post.author)))}::bigint[],
                ${column((p) => p.post.text)}::text[], ${column((p) => p.post.language)}::text[],
                ${column((p) => p.post.market)}::text[], ${column((p) => p.post.createdAt)}::timestamptz[],
                ${column((p) => p.post.replyToExternalId)}::text[],
                ${column((p) => toPostgresJson(p.post.metrics))}::jsonb[],
                ${column((p) => (p.raw === null ? null : toPostgresJson(p.raw)))}::jsonb[])
      AS p(source_id, external_id, platform, url, author_id, text, language, market, created_at, reply_to, metrics, raw)
    ON CONFLICT (source_id, external_id) DO NOTHING
    RETURNING id::text AS id, source_id::text AS source_id, external_id
  `.execute(db);
  // The first copy of a key in the batch is the one stored (rows are inserted in array order; a later
  // copy conflicts with it), so the first index is the one reported.
  const indexByKey = new Map<string, number>();
  posts.forEach((p, index) => {
    const key = `${p.sourceId}\u0000${p.post.externalId}`;
    if (!indexByKey.has(key)) indexByKey.set(key, index);
  });
  return result.rows.map((row) => ({
    id: row.id,
    index: indexByKey.get(`${row.source_id}\u0000${row.external_id}`) ?? -1,
  }));
}

/**
 * Links posts to campaigns. `assigned` marks a link not made by matching (an import's `--campaign`):
 * a network edit never removes it. A link that exists already is left alone, except that being
 * assigned too makes it assigned.
 */
export async function linkPostsToCampaigns(
  db: Executor,
  links: readonly { postId: string; campaignId: string; assigned?: boolean }[],
): Promise<void> {
  if (links.length === 0) return;
  if (!links.some((l) => l.assigned === true)) {
    await sql`
      INSERT INTO post_campaign (post_id, campaign_id)
      SELECT * FROM unnest(${links.map((l) => l.postId)}::bigint[], ${links.map((l) => l.campaignId)}::uuid[])
      ON CONFLICT DO NOTHING
    `.execute(db);
    return;
  }
  await sql`
    INSERT INTO post_campaign (post_id, campaign_id, assigned)
    SELECT * FROM unnest(${links.map((l) => l.postId)}::bigint[], ${links.map((l) => l.campaignId)}::uuid[],
      ${links.map((l) => l.assigned === true)}::boolean[])
    ON CONFLICT (campaign_id, post_id) DO UPDATE SET assigned = true
      WHERE EXCLUDED.assigned AND NOT post_campaign.assigned
  `.execute(db);
}

export async function countPosts(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('post')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.count;
}
