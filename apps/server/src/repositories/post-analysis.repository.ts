import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface PostToAnalyse {
  id: string;
  workspaceId: string;
  text: string;
  /** Languages of the campaigns the post joined: priors for language identification. */
  campaignLanguages: string[];
}

export async function loadPostsToAnalyse(
  db: Kysely<Database>,
  postIds: readonly string[],
): Promise<PostToAnalyse[]> {
  if (postIds.length === 0) return [];
  const result = await sql<{ id: string; workspace_id: string; text: string; languages: string[] | null }>`
    SELECT p.id::text AS id, p.workspace_id, p.text,
           (SELECT array_agg(DISTINCT l) FROM post_campaign pc JOIN campaign c ON c.id = pc.campaign_id,
                   unnest(c.languages) AS l WHERE pc.post_id = p.id) AS languages
    FROM post p WHERE p.id = ANY(${postIds}::bigint[])
  `.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    text: row.text,
    campaignLanguages: row.languages ?? [],
  }));
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
 * as one JSON document (one parameter): a text array of each analysis's JSON would be escaped element
 * by element on the way out and parsed twice on the way in, which costs more than the insert.
 */
export async function upsertAnalyses(
  db: Kysely<Database>,
  analyses: readonly StoredAnalysis[],
): Promise<void> {
  if (analyses.length === 0) return;
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
      result: a.result,
      analyser_version: a.analyserVersion,
    })),
  );
  await sql`
    INSERT INTO post_analysis (post_id, workspace_id, language, language_confidence, sentiment, sentiment_score,
                               intents, aspects, toxicity, result, analyser_version)
    SELECT a.post_id, a.workspace_id, a.language, a.language_confidence, a.sentiment, a.sentiment_score,
           ARRAY(SELECT json_array_elements_text(a.intents)), ARRAY(SELECT json_array_elements_text(a.aspects)),
           a.toxicity, a.result, a.analyser_version
    FROM json_to_recordset(${rows}::json)
      AS a(post_id bigint, workspace_id uuid, language text, language_confidence real, sentiment text,
           sentiment_score real, intents json, aspects json, toxicity text, result jsonb, analyser_version text)
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
