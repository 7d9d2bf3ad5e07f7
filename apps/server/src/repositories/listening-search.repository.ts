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
  const text = textCondition(filter);
  if (text) where.push(text);
  return where;
}

/**
 * The full-text condition, or undefined without a query. Each post is matched with the query parsed
 * by its own language's configuration (stemming, stopwords); restricting languages also restricts
 * which configurations are tried.
 */
function textCondition(filter: ListeningFilter): RawBuilder<unknown> | undefined {
  if (!filter.q || filter.q.trim() === '') return undefined;
  const branches = textConfigs(filter).map(
    (config) =>
      sql`(lp.ts_config = ${config} AND lp.tsv @@ websearch_to_tsquery(${sql.lit(config)}::regconfig, ${filter.q}))`,
  );
  return sql`(${sql.join(branches, sql` OR `)})`;
}

function textConfigs(filter: ListeningFilter): string[] {
  const languages = list(filter.language);
  return languages
    ? [
        ...new Set(
          languages
            .map((l) => LANGUAGE_CONFIGS[l] ?? 'simple')
            .filter((c) => ALL_CONFIGS.includes(c as never)),
        ),
      ]
    : [...ALL_CONFIGS];
}

/** A text query whose every word the GIN index lists for at most this many posts is matched there first. */
const RARE_WORD_POSTS = 20_000;

/**
 * Whether every word of the query is rare in the store, by the planner's statistics of the text
 * vectors (most common lexemes and their frequencies; a lexeme not among them is rarer than half the
 * rarest one listed, or was never sampled when the list has room). False without statistics.
 */
async function wordsAreRare(db: Kysely<Database>, filter: ListeningFilter, store: number): Promise<boolean> {
  const result = await sql<{ freq: number | null }>`
    WITH s AS (
      SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs,
        current_setting('default_statistics_target')::int * 10 AS room
      FROM pg_stats
      WHERE schemaname = current_schema() AND tablename = 'listening_post' AND attname = 'tsv'
    ), q AS (
      SELECT DISTINCT replace(m[1], '''''', '''') AS lexeme
      FROM unnest(${textConfigs(filter)}::text[]) cfg,
        regexp_matches(websearch_to_tsquery(cfg::regconfig, ${filter.q ?? ''})::text, '''((?:[^'']|'''')+)''', 'g') m
    )
    SELECT max(CASE
      WHEN array_position(s.elems, q.lexeme) IS NOT NULL THEN s.freqs[array_position(s.elems, q.lexeme)]
      WHEN cardinality(s.elems) >= s.room
        THEN (SELECT min(f) FROM unnest(s.freqs[1:cardinality(s.elems)]) f) / 2
      ELSE 0 END)::float8 AS freq
    FROM q CROSS JOIN s`.execute(db);
  const freq = result.rows[0]?.freq;
  return freq !== null && freq !== undefined && Number(freq) * store <= RARE_WORD_POSTS;
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

/**
 * Time-ordered reads before the indexes are trusted: the newest 5,000 posts of the range, then the
 * next 45,000. Together they settle any filter matching at least 1 post in 1,000; rarer filters then
 * go to the full-text (GIN) and author indexes, which hold few matches for them.
 */
const TIME_STEPS = [5_000, 45_000];

/**
 * A text search measures its match rate on the first slice, then reads as far back as that rate says
 * the page needs (with this margin), at most MAX_TEXT_SLICE posts, before it asks the GIN index for
 * every older match.
 */
const TEXT_SLICE_MARGIN = 2;
const MIN_TEXT_SLICE = 2_000;

/**
 * The planner's row count of the search table (no scan; 0 before the first ANALYZE): scales a probe's
 * rate to the whole store.
 */
async function storeRows(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'listening_post'::regclass`.execute(
    db,
  );
  return Number(result.rows[0]?.n ?? 0);
}

interface Key {
  micros: string;
  post_id: string;
}

/**
 * Newest first, keyset-paginated on (created_at, id), so deep pages cost what the first one does.
 * Each step reads a bounded slice of the range in time order and keeps what matches; whatever a page
 * still lacks after the slices comes from an index-driven query over the older posts. So a common
 * word never makes the store read every one of its millions of matches to find the newest fifty.
 *
 * A text search takes the first slice as a probe. Its rate of full matches sizes the next slice to
 * what the page still needs; its rate of text matches, scaled to the store, is what the GIN index
 * would hand over. When that is fewer rows than the next slice would read (rare words, no match),
 * the search goes straight to the index instead of reading posts that cannot fill the page. Phrases
 * never do: the index hands over every post holding the words, adjacent or not.
 */
export async function searchMentions(
  db: Kysely<Database>,
  workspaceId: string,
  filter: ListeningFilter,
  page: { limit: number; cursor?: string | undefined; timeSteps?: readonly number[] },
): Promise<SearchPage> {
  const scope: RawBuilder<unknown>[] = [sql`lp.workspace_id = ${workspaceId}::uuid`];
  if (filter.from) scope.push(sql`lp.created_at >= ${filter.from}::timestamptz`);
  if (filter.to) scope.push(sql`lp.created_at < ${filter.to}::timestamptz`);
  let before: Key | undefined;
  if (page.cursor) {
    const { micros, postId } = decodeCursor(page.cursor);
    before = { micros, post_id: postId };
  }
  const others = searchConditions(workspaceId, {
    ...filter,
    q: undefined,
    from: undefined,
    to: undefined,
  }).slice(1);
  const olderThan = (key: Key | undefined) =>
    key ? [sql`(lp.created_at, lp.post_id) < (${fromMicros(key.micros)}, ${key.post_id}::bigint)`] : [];
  const text = textCondition(filter);
  const rest = text ? [...others, text] : others;
  const hasText = text !== undefined;
  // A phrase is checked on the row: the GIN index hands over every post with its words, adjacent or not.
  const hasPhrase = filter.q?.includes('"') ?? false;
  const keys: Key[] = [];
  const steps = rest.length === 0 ? [] : [...(page.timeSteps ?? TIME_STEPS)];
  /** The post `offset` places older than `before` in the range (an index-only read of the time index). */
  const edgeAt = async (offset: number) =>
    (
      await sql<Key>`
      SELECT ${keyColumns} FROM listening_post lp WHERE ${sql.join([...scope, ...olderThan(before)], sql` AND `)}
      ORDER BY lp.created_at DESC, lp.post_id DESC OFFSET ${offset - 1} LIMIT 1`.execute(db)
    ).rows[0];
  let exhausted = false;
  let scanned = 0;
  let textRate: number | undefined;
  // Time-ordered reading stops at the steps' total; a text search spends it in slices of its own size.
  const budget = steps.reduce((a, b) => a + b, 0);
  if (text && !page.timeSteps) {
    // Rare words (or none the store knows): their few matches come from the GIN index at once.
    const store = await storeRows(db);
    if (store > 0 && (await wordsAreRare(db, filter, store))) steps.length = 0;
  }
  for (let index = 0; index < steps.length || (textRate !== undefined && scanned < budget); index++) {
    let size = steps[index] ?? 0;
    if (textRate !== undefined) {
      // The rates seen so far say how far back the page's rest lies (at least half a match), and the
      // probe's text rate how many rows the GIN index would hand over for the whole store.
      const remaining = page.limit - keys.length;
      const needed = Math.ceil((remaining / (Math.max(keys.length, 0.5) / scanned)) * TEXT_SLICE_MARGIN);
      const store = hasPhrase ? 0 : await storeRows(db);
      if (store > 0 && textRate * store < needed) break;
      size = Math.min(budget - scanned, Math.max(needed, MIN_TEXT_SLICE));
    }
    const bounded = [...scope, ...olderThan(before)];
    const oldest = await edgeAt(size);
    // The slice's matches: the LIMIT inside keeps the planner reading the slice in time order
    // rather than every match of a word.
    const found = await sql<Key>`
      SELECT ${keyColumns} FROM (
        SELECT * FROM listening_post lp WHERE ${sql.join(bounded, sql` AND `)}
        ORDER BY lp.created_at DESC, lp.post_id DESC LIMIT ${size}
      ) lp WHERE ${sql.join(rest, sql` AND `)}
      ORDER BY lp.created_at DESC, lp.post_id DESC LIMIT ${page.limit - keys.length}`.execute(db);
    keys.push(...found.rows);
    if (index === 0 && text && oldest && keys.length < page.limit) {
      // The probe fell short, so it read its whole slice (now cached): how much of it the words match.
      const matched = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM (
          SELECT lp.ts_config, lp.tsv FROM listening_post lp WHERE ${sql.join(bounded, sql` AND `)}
          ORDER BY lp.created_at DESC, lp.post_id DESC LIMIT ${size}
        ) lp WHERE ${text}`.execute(db);
      textRate = (matched.rows[0]?.n ?? 0) / size;
    }
    scanned += size;
    if (!oldest) {
      exhausted = true;
      break;
    }
    before = oldest;
    if (keys.length >= page.limit) break;
  }
  if (!exhausted && keys.length < page.limit) {
    const where = sql.join([...scope, ...olderThan(before), ...rest], sql` AND `);
    // Past the slices the filter is rare. With a text query, every match is gathered through the
    // GIN index first (MATERIALIZED hides the LIMIT, which would tempt the planner back to reading
    // the whole range in time order for a word it cannot estimate).
    const result = hasText
      ? await sql<Key>`
          WITH matches AS MATERIALIZED (SELECT lp.post_id, lp.created_at FROM listening_post lp WHERE ${where})
          SELECT ${keyColumns} FROM matches lp
          ORDER BY lp.created_at DESC, lp.post_id DESC LIMIT ${page.limit - keys.length}`.execute(db)
      : await sql<Key>`
          SELECT ${keyColumns} FROM listening_post lp WHERE ${where}
          ORDER BY lp.created_at DESC, lp.post_id DESC LIMIT ${page.limit - keys.length}`.execute(db);
    keys.push(...result.rows);
  }
  const rows = await pageRows(
    db,
    keys.map((key) => key.post_id),
  );
  const last = rows.at(-1);
  return {
    posts: rows.map(toListeningPost),
    nextCursor: rows.length === page.limit && last ? encodeCursor(last.micros, last.post_id) : null,
  };
}

const keyColumns = sql`lp.post_id::text AS post_id, (extract(epoch FROM lp.created_at) * 1000000)::bigint::text AS micros`;

const fromMicros = (micros: string) =>
  sql`timestamptz 'epoch' + (${micros}::bigint * interval '1 microsecond')`;

/** The found posts, newest first, joined for display. */
async function pageRows(db: Kysely<Database>, postIds: readonly string[]): Promise<SearchRow[]> {
  if (postIds.length === 0) return [];
  const result = await sql<SearchRow>`
    SELECT lp.post_id::text AS post_id,
      (extract(epoch FROM lp.created_at) * 1000000)::bigint::text AS micros,
      lp.created_at, lp.language, lp.market, lp.sentiment, lp.sentiment_score, lp.intents, lp.aspects,
      lp.risk_flags, lp.engagement, p.external_id, p.platform, p.url, p.text, p.reply_to_external_id,
      s.name AS source, au.handle, au.display_name, au.followers, au.verified
    FROM listening_post lp
    JOIN post p ON p.id = lp.post_id
    JOIN author au ON au.id = lp.author_id
    JOIN source s ON s.id = lp.source_id
    WHERE lp.post_id = ANY(${[...postIds]}::bigint[])
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
