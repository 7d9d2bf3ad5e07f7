import type { Kysely } from 'kysely';
import { analyzePost, type PostAnalysis } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import {
  loadPostsToAnalyse,
  upsertAnalyses,
  type StoredAnalysis,
} from '../repositories/post-analysis.repository.ts';

/** Bump when lexicons or models change, so stored analyses show which version made them. */
export const ANALYSER_VERSION = 'core-analysis-1';

export function toStoredAnalysis(
  postId: string,
  workspaceId: string,
  analysis: PostAnalysis,
): StoredAnalysis {
  return {
    postId,
    workspaceId,
    language: analysis.language.language,
    languageConfidence: analysis.language.confidence,
    sentiment: analysis.sentiment.label,
    sentimentScore: analysis.sentiment.score,
    intents: analysis.intents.map((intent) => intent.label),
    aspects: analysis.aspects.map((aspect) => aspect.aspect),
    toxicity: analysis.toxicity.severity,
    result: analysis as unknown as Record<string, unknown>,
    analyserVersion: ANALYSER_VERSION,
  };
}

/**
 * Loads the posts, runs the pure analysis chain on each and stores the results. The chain is a pure
 * function of the text and the language hints, so a batch analyses each distinct pair once: reposts
 * and copy-paste campaigns repeat the same words many times (a tenth to a third of a batch).
 */
export async function analysePosts(db: Kysely<Database>, postIds: readonly string[]): Promise<number> {
  const posts = await loadPostsToAnalyse(db, postIds);
  const seen = new Map<string, PostAnalysis>();
  const analyses = posts.map((post) => {
    const key = `${post.campaignLanguages.join(',')}\u0000${post.text}`;
    let analysis = seen.get(key);
    if (analysis === undefined) {
      analysis = analyzePost({ text: post.text, languageHints: post.campaignLanguages });
      seen.set(key, analysis);
    }
    return toStoredAnalysis(post.id, post.workspaceId, analysis);
  });
  await upsertAnalyses(db, analyses);
  return analyses.length;
}
