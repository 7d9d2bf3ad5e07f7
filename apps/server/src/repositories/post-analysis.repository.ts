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
 * The campaigns' languages come from one small look-up per job, not a subquery per post.
 */
export async function loadPostsToAnalyse(
  db: Kysely<Database>,
  postIds: readonly string[],
): Promise<PostToAnalyse[]> {
  if (postIds.length === 0) return [];
  const result = await sql<{
    id: string;
    workspace_id: string;
    text: string;
    created_at: Date;
    platform: string;
    market: string | null;
    metrics: Record<string, number>;
    handle: string;
    campaign_ids: string[];
  }>`
    SELECT p.id::text AS id, p.workspace_id, p.text, p.created_at, p.platform, p.market, p.metrics, au.handle,
           ARRAY(SELECT pc.campaign_id::text FROM post_campaign pc WHERE pc.post_id = p.id) AS campaign_ids
    FROM post p JOIN author au ON au.id = p.author_id
    WHERE p.id = ANY(${postIds}::bigint[])
  `.execute(db);
  const campaignIds = [...new Set(result.rows.flatMap((row) => row.campaign_ids))];
  const languages = new Map<string, string[]>();
  if (campaignIds.length > 0) {
    const campaigns = await sql<{ id: string; languages: string[] }>`
      SELECT id::text AS id, languages FROM campaign WHERE id = ANY(${campaignIds}::uuid[])`.execute(db);
    for (const c of campaigns.rows) languages.set(c.id, c.languages);
  }
  // Posts of one campaign share one hints array (the analysis dedupes on it).
  const hintsByKey = new Map<string, string[]>();
  return result.rows.map((row) => {
    const key = [...row.campaign_ids].sort().join(',');
    let hints = hintsByKey.get(key);
    if (hints === undefined) {
      const all = new Set(row.campaign_ids.flatMap((id) => languages.get(id) ?? []));
      // Sorted like array_agg(DISTINCT …) sorted them when this was one query (byte order, C collation).
      hints = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      hintsByKey.set(key, hints);
    }
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      text: row.text,
      campaignLanguages: hints,
      campaignIds: row.campaign_ids,
      createdAt: row.created_at,
      platform: row.platform,
      market: row.market,
      metrics: row.metrics,
      authorHandle: row.handle,
    };
  });
}

export interface StoredAnalysis {
  postId: string;
  workspaceId: string;
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

/**
 * Writes analyses; analysing a post again replaces its row, so the job is idempotent. The batch goes
 * as two parameters: one JSON document of the small columns (its arrays become the text[] columns
 * directly) and the analyses' JSON texts joined by a record separator (U+001E, which JSON text never
 * holds raw). Inside one document each analysis was read twice — by the document's parser and again
 * as a `json` value — and a text array of them would be escaped element by element. `result` is
 * `json` (migration 0021): building `jsonb` from the evidence cost more than the rest of the insert.
 */
export async function upsertAnalyses(
  db: Kysely<Database>,
  analyses: readonly StoredAnalysis[],
): Promise<void> {
  if (analyses.length === 0) return;
  // Reposts in a batch share one analysis object: its evidence is turned into JSON once.
  const resultJson = new Map<Record<string, unknown>, string>();
  const results = analyses.map((a) => {
    let result = resultJson.get(a.result);
    if (result === undefined) {
      result = JSON.stringify(a.result);
      resultJson.set(a.result, result);
    }
    return result;
  });
  const rows = JSON.stringify(
    analyses.map((a) => ({
      post_id: a.postId,
      workspace_id: a.workspaceId,
      language: a.language,
      language_confidence: realValue(a.languageConfidence),
      sentiment: a.sentiment,
      sentiment_score: realValue(a.sentimentScore),
      intents: a.intents,
      aspects: a.aspects,
      toxicity: a.toxicity,
      analyser_version: a.analyserVersion,
    })),
  );
  await sql`
    INSERT INTO post_analysis (post_id, workspace_id, language, language_confidence, sentiment, sentiment_score,
                               intents, aspects, toxicity, result, analyser_version)
    SELECT a.post_id, a.workspace_id, a.language, a.language_confidence, a.sentiment, a.sentiment_score,
           a.intents, a.aspects, a.toxicity, r.result::json, a.analyser_version
    FROM ROWS FROM (json_to_recordset(${rows}::json)
           AS (post_id bigint, workspace_id uuid, language text, language_confidence real, sentiment text,
               sentiment_score real, intents text[], aspects text[], toxicity text, analyser_version text))
         WITH ORDINALITY AS a(post_id, workspace_id, language, language_confidence, sentiment, sentiment_score,
                              intents, aspects, toxicity, analyser_version, n)
    JOIN unnest(string_to_array(${results.join('\u001e')}::text, E'\\x1e')) WITH ORDINALITY AS r(result, n)
      ON r.n = a.n
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
