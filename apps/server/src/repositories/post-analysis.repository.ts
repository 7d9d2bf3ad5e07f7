import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface PostToAnalyse {
  id: string;
  workspaceId: string;
  text: string;
  /** Languages of the campaigns the post joined (distinct, sorted): priors for language identification. */
  campaignLanguages: string[];
  campaignIds: string[];
  createdAt: Date;
  platform: string;
  market: string | null;
  metrics: Record<string, number>;
  authorHandle: string;
}

/**
 * The posts to analyse with what the stages after analysis read of them (see pipeline/job-posts.ts).
 * The campaigns' languages come from one small look-up per job, not a subquery per post. The row is
 * kept cheap to decode (about a third of the load's CPU was the driver's parsing): `created_at` comes
 * as whole epoch milliseconds (what the driver's timestamp parser kept of it, without its regular
 * expressions) and the campaign ids as one comma-separated text, decoded once per distinct set.
 */
export async function loadPostsToAnalyse(
  db: Kysely<Database>,
  postIds: readonly string[],
): Promise<PostToAnalyse[]> {
  if (postIds.length === 0) return [];
  // Locked before they are read: an edit (connector-changes.service.ts) holds its post FOR UPDATE
  // while it changes the post's text and campaigns, so a job waits here for it to commit and then
  // reads what it left, instead of reading the old campaigns in the same statement (a locking read
  // re-checks the locked row after the wait, but not what its subquery read) and counting the post
  // into a campaign it has just left. The rows the job writes need this lock anyway: each of their
  // foreign keys to the post takes it, so later checks find it taken.
  await sql`SELECT 1 FROM post WHERE id = ANY(${postIds}::bigint[]) FOR KEY SHARE`.execute(db);
  const result = await sql<{
    id: string;
    workspace_id: string;
    text: string;
    created_ms: number;
    platform: string;
    market: string | null;
    metrics: Record<string, number>;
    handle: string;
    campaign_ids: string;
  }>`
    SELECT p.id::text AS id, p.workspace_id, p.text,
           floor(extract(epoch FROM p.created_at) * 1000)::float8 AS created_ms,
           p.platform, p.market, p.metrics, au.handle,
           array_to_string(ARRAY(SELECT pc.campaign_id FROM post_campaign pc WHERE pc.post_id = p.id), ',')
             AS campaign_ids
    FROM post p JOIN author au ON au.id = p.author_id
    WHERE p.id = ANY(${postIds}::bigint[])
  `.execute(db);
  // Posts of one set of campaigns share its decoded ids and one hints array (the analysis dedupes on it).
  const sets = new Map<string, { ids: string[]; hints: string[] }>();
  for (const row of result.rows) {
    if (!sets.has(row.campaign_ids)) {
      sets.set(row.campaign_ids, {
        ids: row.campaign_ids === '' ? [] : row.campaign_ids.split(','),
        hints: [],
      });
    }
  }
  const campaignIds = [...new Set([...sets.values()].flatMap((set) => set.ids))];
  const languages = new Map<string, string[]>();
  if (campaignIds.length > 0) {
    const campaigns = await sql<{ id: string; languages: string[] }>`
      SELECT id::text AS id, languages FROM campaign WHERE id = ANY(${campaignIds}::uuid[])`.execute(db);
    for (const c of campaigns.rows) languages.set(c.id, c.languages);
  }
  for (const set of sets.values()) {
    const all = new Set(set.ids.flatMap((id) => languages.get(id) ?? []));
    // Sorted like array_agg(DISTINCT …) sorted them when this was one query (byte order, C collation).
    set.hints = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  return result.rows.map((row) => {
    const set = sets.get(row.campaign_ids) as { ids: string[]; hints: string[] };
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      text: row.text,
      campaignLanguages: set.hints,
      // Each post its own array: a later stage may reorder a post's campaigns.
      campaignIds: set.ids.slice(),
      createdAt: new Date(row.created_ms),
      platform: row.platform,
      market: row.market,
      metrics: row.metrics,
      authorHandle: row.handle,
    };
  });
}

/** One analysis as stored; posts with the same words and campaign languages share one (reposts). */
export interface StoredAnalysis {
  language: string;
  languageConfidence: number;
  sentiment: string;
  sentimentScore: number;
  intents: string[];
  aspects: string[];
  toxicity: string;
  result: Record<string, unknown>;
  analyserVersion: string;
}

/** A post's row of `post_analysis`. */
export interface PostAnalysisRow {
  postId: string;
  workspaceId: string;
  analysis: StoredAnalysis;
}

/**
 * Writes analyses; analysing a post again replaces its row, so the job is idempotent. The batch goes
 * as two parameters: one JSON document of the small columns (its arrays become the text[] columns
 * directly) and the analyses' JSON texts joined by a record separator (U+001E, which JSON text never
 * holds raw). Inside one document each analysis was read twice — by the document's parser and again
 * as a `json` value — and a text array of them would be escaped element by element. `result` is
 * `json` (migration 0021): building `jsonb` from the evidence cost more than the rest of the insert.
 * Each distinct analysis's result is turned into JSON once; the small columns go under short keys.
 * ROWS FROM pairs the two lists by position.
 */
export async function upsertAnalyses(db: Kysely<Database>, rows: readonly PostAnalysisRow[]): Promise<void> {
  if (rows.length === 0) return;
  const resultJson = new Map<StoredAnalysis, string>();
  const results = new Array<string>(rows.length);
  // One JSON.stringify of the whole list: V8 writes plain objects faster than per-row templates.
  const columns = JSON.stringify(
    rows.map((row, index) => {
      const a = row.analysis;
      let result = resultJson.get(a);
      if (result === undefined) {
        result = JSON.stringify(a.result);
        resultJson.set(a, result);
      }
      results[index] = result;
      return {
        p: row.postId,
        w: row.workspaceId,
        l: a.language,
        lc: realValue(a.languageConfidence),
        s: a.sentiment,
        ss: realValue(a.sentimentScore),
        it: a.intents,
        as: a.aspects,
        t: a.toxicity,
        v: a.analyserVersion,
      };
    }),
  );
  await sql`
    INSERT INTO post_analysis (post_id, workspace_id, language, language_confidence, sentiment, sentiment_score,
                               intents, aspects, toxicity, result, analyser_version)
    SELECT a.p, a.w, a.l, a.lc, a.s, a.ss, a.it, a."as", a.t, a.r::json, a.v
    FROM ROWS FROM (json_to_recordset(${columns}::json)
           AS (p bigint, w uuid, l text, lc real, s text, ss real, it text[], "as" text[], t text, v text),
         unnest(string_to_array(${results.join('\u001e')}::text, E'\\x1e')))
         AS a(p, w, l, lc, s, ss, it, "as", t, v, r)
    ON CONFLICT (post_id) DO UPDATE SET
      language = EXCLUDED.language, language_confidence = EXCLUDED.language_confidence,
      sentiment = EXCLUDED.sentiment, sentiment_score = EXCLUDED.sentiment_score,
      intents = EXCLUDED.intents, aspects = EXCLUDED.aspects, toxicity = EXCLUDED.toxicity,
      result = EXCLUDED.result, analyser_version = EXCLUDED.analyser_version, analysed_at = now()
  `.execute(db);
}

/** JSON has no NaN or infinities; as text they reach the `real` column as they did before. */
function realValue(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}
