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

/** Writes analyses; analysing a post again replaces its row, so the job is idempotent. */
export async function upsertAnalyses(
  db: Kysely<Database>,
  analyses: readonly StoredAnalysis[],
): Promise<void> {
  if (analyses.length === 0) return;
  const column = <T>(get: (a: StoredAnalysis) => T) => analyses.map(get);
  await sql`
    INSERT INTO post_analysis (post_id, workspace_id, language, language_confidence, sentiment, sentiment_score,
                               intents, aspects, toxicity, result, analyser_version)
    SELECT a.post_id, a.workspace_id, a.language, a.language_confidence, a.sentiment, a.sentiment_score,
           ARRAY(SELECT jsonb_array_elements_text(a.intents)), ARRAY(SELECT jsonb_array_elements_text(a.aspects)),
           a.toxicity, a.result, a.analyser_version
    FROM unnest(${column((a) => a.postId)}::bigint[], ${column((a) => a.workspaceId)}::uuid[],
                ${column((a) => a.language)}::text[], ${column((a) => a.languageConfidence)}::real[],
                ${column((a) => a.sentiment)}::text[], ${column((a) => a.sentimentScore)}::real[],
                ${column((a) => JSON.stringify(a.intents))}::jsonb[], ${column((a) => JSON.stringify(a.aspects))}::jsonb[],
                ${column((a) => a.toxicity)}::text[], ${column((a) => JSON.stringify(a.result))}::jsonb[],
                ${column((a) => a.analyserVersion)}::text[])
      AS a(post_id, workspace_id, language, language_confidence, sentiment, sentiment_score, intents, aspects,
           toxicity, result, analyser_version)
    ON CONFLICT (post_id) DO UPDATE SET
      language = EXCLUDED.language, language_confidence = EXCLUDED.language_confidence,
      sentiment = EXCLUDED.sentiment, sentiment_score = EXCLUDED.sentiment_score,
      intents = EXCLUDED.intents, aspects = EXCLUDED.aspects, toxicity = EXCLUDED.toxicity,
      result = EXCLUDED.result, analyser_version = EXCLUDED.analyser_version, analysed_at = now()
  `.execute(db);
}
