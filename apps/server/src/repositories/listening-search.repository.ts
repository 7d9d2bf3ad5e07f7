import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ListeningFilter, ListeningPost } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

/** Text-search configurations per analysed language; anything else was indexed with `simple`. */
const LANGUAGE_CONFIGS: Readonly<Record<string, string>> = { en: 'english', es: 'spanish', sv: 'swedish' };
const ALL_CONFIGS = ['english', 'spanish', 'swedish', 'simple'] as const;

export interface SearchPage {
  posts: ListeningPost[];
  nextCursor: string | null;
}

const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : [
        ...new Set(
          value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];

/** Opaque keyset cursor: the last row's time (epoch microseconds) and id. */
export function encodeCursor(micros: string, postId: string): string {
  return Buffer.from(`${micros}:${postId}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { micros: string; postId: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(-?\d{1,20}):(\d{1,19})$/.exec(text);
  if (!match) throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API returned');
  return { micros: match[1] ?? '0', postId: match[2] ?? '0' };
}

/** The WHERE conditions of a mentions search (every one scoped to the workspace). */
export function searchConditions(workspaceId: string, filter: ListeningFilter): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [sql`lp.workspace_id = ${workspaceId}::uuid`];
  if (filter.from) where.push(sql`lp.created_at >= ${filter.from}::timestamptz`);
  if (filter.to) where.push(sql`lp.created_at < ${filter.to}::timestamptz`);
  if (filter.campaignId)
    where.push(
      sql`EXISTS (SELECT 1 FROM post_campaign pc WHERE pc.campaign_id = ${filter.campaignId}::uuid AND pc.post_id = lp.post_id)`,
    );
  const languages = list(filter.language);
  if (languages) where.push(sql`lp.language = ANY(${languages}::text[])`);
  const markets = list(filter.market);
  if (markets) where.push(sql`lp.market = ANY(${markets}::text[])`);
  const sentiments = list(filter.sentiment);
  if (sentiments) where.push(sql`lp.sentiment = ANY(${sentiments}::text[])`);
  const intents = list(filter.intent);
  if (intents) where.push(sql`lp.intents && ${intents}::text[]`);
  const aspects = list(filter.aspect);
  if (aspects) where.push(sql`lp.aspects && ${aspects}::text[]`);
  const risks = list(filter.risk);
  if (risks) where.push(sql`lp.risk_flags && ${risks}::text[]`);
  const sources = list(filter.source);
  if (sources)
    where.push(
      sql`lp.source_id IN (SELECT s.id FROM source s WHERE s.workspace_id = ${workspaceId}::uuid AND s.name = ANY(${sources}::text[]))`,
    );
  if (filter.author) {
    const handle = filter.author.replace(/^@/, '');
    where.push(
      sql`lp.author_id IN (SELECT a.id FROM author a WHERE a.workspace_id = ${workspaceId}::uuid AND lower(a.handle) = lower(${handle}))`,
    );
  }
  if (filter.q && filter.q.trim() !== '') {
    // Each post is matched with the query parsed by its own language's configuration (stemming,
    // stopwords); restricting languages also restricts which configurations are tried.
    const configs = languages
      ? [
          ...new Set(
            languages
              .map((l) => LANGUAGE_CONFIGS[l] ?? 'simple')
              .filter((c) => ALL_CONFIGS.includes(c as never)),
          ),
        ]
      : [...ALL_CONFIGS];
    const branches = configs.map(
      (config) =>
        sql`(lp.ts_config = ${config} AND lp.tsv @@ websearch_to_tsquery(${sql.lit(config)}::regconfig, ${filter.q}))`,
    );
    where.push(sql`(${sql.join(branches, sql` OR `)})`);
  }
  return where;
}

interface SearchRow {
  post_id: string;
  micros: string;
  created_at: Date;
  language: string;
  market: string | null;
  sentiment: 'positive' | 'neutral' | 'negative';
  sentiment_score: number;
  intents: string[];
  aspects: string[];
  risk_flags: string[];
  engagement: number;
  external_id: string;
  platform: string;
  url: string | null;
  text: string;
  reply_to_external_id: string | null;
  source: string;
  handle: string;
  display_name: string | null;
  followers: number | null;
  verified: boolean;
}

/** How many of the newest posts in the range are filtered before any other plan is tried. */
const RECENT_SCAN = 20_000;

/**
 * Newest first, keyset-paginated on (created_at, id), so deep pages cost what the first one does.
 * Two steps keep every search bounded: first the newest posts of the range are read in time order
 * and filtered (common words and broad filters fill a page there); only if that leaves the page
 * short are the older posts searched, where the full-text (GIN) and author indexes can pick the
 * few that match, without reading every match in the store.
 */
export async function searchMentions(
  db: Kysely<Database>,
  workspaceId: string,
  filter: ListeningFilter,
  page: { limit: number; cursor?: string | undefined; recentScan?: number },
): Promise<SearchPage> {
  const recentScan = page.recentScan ?? RECENT_SCAN;
  const scope: RawBuilder<unknown>[] = [sql`lp.workspace_id = ${workspaceId}::uuid`];
  if (filter.from) scope.push(sql`lp.created_at >= ${filter.from}::timestamptz`);
  if (filter.to) scope.push(sql`lp.created_at < ${filter.to}::timestamptz`);
  if (page.cursor) {
    const { micros, postId } = decodeCursor(page.cursor);
    scope.push(sql`(lp.created_at, lp.post_id) < (${fromMicros(micros)}, ${postId}::bigint)`);
  }
  const rest = searchConditions(workspaceId, { ...filter, from: undefined, to: undefined }).slice(1);
  const all = [...scope, ...rest];

  const edge = await sql<{ micros: string; post_id: string }>`
    SELECT (extract(epoch FROM lp.created_at) * 1000000)::bigint::text AS micros, lp.post_id::text AS post_id
    FROM listening_post lp WHERE ${sql.join(scope, sql` AND `)}
    ORDER BY lp.created_at DESC, lp.post_id DESC OFFSET ${recentScan - 1} LIMIT 1`.execute(db);
  const boundary = edge.rows[0];
  let rows: SearchRow[];
  if (!boundary || rest.length === 0) {
    // A small range (or no filter beyond it): one time-ordered read is the best plan.
    rows = await pageRows(
      db,
      sql`SELECT * FROM listening_post lp WHERE ${sql.join(all, sql` AND `)}`,
      page.limit,
    );
  } else {
    // The LIMIT inside keeps the planner on the time index for the newest posts.
    rows = await pageRows(
      db,
      sql`SELECT * FROM (
        SELECT * FROM listening_post lp WHERE ${sql.join(scope, sql` AND `)}
        ORDER BY lp.created_at DESC, lp.post_id DESC LIMIT ${recentScan}
      ) lp WHERE ${sql.join(rest, sql` AND `)}`,
      page.limit,
    );
    if (rows.length < page.limit) {
      const older = sql`(lp.created_at, lp.post_id) < (${fromMicros(boundary.micros)}, ${boundary.post_id}::bigint)`;
      rows = rows.concat(
        await pageRows(
          db,
          sql`SELECT * FROM listening_post lp WHERE ${sql.join([...all, older], sql` AND `)}`,
          page.limit - rows.length,
        ),
      );
    }
  }
  const last = rows.at(-1);
  return {
    posts: rows.map(toListeningPost),
    nextCursor: rows.length === page.limit && last ? encodeCursor(last.micros, last.post_id) : null,
  };
}

const fromMicros = (micros: string) =>
  sql`timestamptz 'epoch' + (${micros}::bigint * interval '1 microsecond')`;

/** The newest `limit` rows of `candidates` (a SELECT over listening_post as lp), joined for display. */
async function pageRows(
  db: Kysely<Database>,
  candidates: RawBuilder<unknown>,
  limit: number,
): Promise<SearchRow[]> {
  const result = await sql<SearchRow>`
    SELECT lp.post_id::text AS post_id,
      (extract(epoch FROM lp.created_at) * 1000000)::bigint::text AS micros,
      lp.created_at, lp.language, lp.market, lp.sentiment, lp.sentiment_score, lp.intents, lp.aspects,
      lp.risk_flags, lp.engagement, p.external_id, p.platform, p.url, p.text, p.reply_to_external_id,
      s.name AS source, au.handle, au.display_name, au.followers, au.verified
    FROM (
      SELECT * FROM (${candidates}) lp
      ORDER BY lp.created_at DESC, lp.post_id DESC
      LIMIT ${limit}
    ) lp
    JOIN post p ON p.id = lp.post_id
    JOIN author au ON au.id = lp.author_id
    JOIN source s ON s.id = lp.source_id
    ORDER BY lp.created_at DESC, lp.post_id DESC`.execute(db);
  return result.rows;
}

function toListeningPost(row: SearchRow): ListeningPost {
  return {
    id: row.post_id,
    externalId: row.external_id,
    platform: row.platform,
    source: row.source,
    url: row.url,
    text: row.text,
    language: row.language,
    market: row.market,
    createdAt: new Date(row.created_at).toISOString(),
    replyToExternalId: row.reply_to_external_id,
    author: {
      handle: row.handle,
      displayName: row.display_name,
      followers: row.followers,
      verified: row.verified,
    },
    sentiment: row.sentiment,
    sentimentScore: row.sentiment_score,
    intents: row.intents,
    aspects: row.aspects,
    riskFlags: row.risk_flags,
    engagement: row.engagement,
  };
}

/** Every matching post, page by page (for exports): memory stays flat however many there are. */
export async function* iterateMentions(
  db: Kysely<Database>,
  workspaceId: string,
  filter: ListeningFilter,
  max: number,
): AsyncGenerator<ListeningPost> {
  let cursor: string | undefined;
  let sent = 0;
  while (sent < max) {
    const page = await searchMentions(db, workspaceId, filter, { limit: Math.min(1000, max - sent), cursor });
    for (const post of page.posts) yield post;
    sent += page.posts.length;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}

/** How many posts match, and how many of them are negative (digests). */
export async function countMentions(
  db: Kysely<Database>,
  workspaceId: string,
  filter: ListeningFilter,
): Promise<{ posts: number; negative: number }> {
  const where = searchConditions(workspaceId, filter);
  const result = await sql<{ posts: number; negative: number }>`
    SELECT count(*)::int AS posts, (count(*) FILTER (WHERE lp.sentiment = 'negative'))::int AS negative
    FROM listening_post lp WHERE ${sql.join(where, sql` AND `)}`.execute(db);
  return result.rows[0] ?? { posts: 0, negative: 0 };
}

/** The most engaging matching posts (digests). */
export async function topMentions(
  db: Kysely<Database>,
  workspaceId: string,
  filter: ListeningFilter,
  limit: number,
): Promise<ListeningPost[]> {
  const where = searchConditions(workspaceId, filter);
  const rows = await sql<SearchRow>`
    SELECT lp.post_id::text AS post_id, '0' AS micros, lp.created_at, lp.language, lp.market, lp.sentiment,
      lp.sentiment_score, lp.intents, lp.aspects, lp.risk_flags, lp.engagement, p.external_id, p.platform,
      p.url, p.text, p.reply_to_external_id, s.name AS source, au.handle, au.display_name, au.followers,
      au.verified
    FROM listening_post lp
    JOIN post p ON p.id = lp.post_id
    JOIN author au ON au.id = lp.author_id
    JOIN source s ON s.id = lp.source_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY lp.engagement DESC, lp.post_id DESC
    LIMIT ${limit}`.execute(db);
  return rows.rows.map(toListeningPost);
}
