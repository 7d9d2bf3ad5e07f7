import type { Kysely } from 'kysely';
import { analyzePost, type PostAnalysis } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import type { JobPost, JobPosts } from '../pipeline/job-posts.ts';
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
  return (await analysePostsOfJob(db, postIds)).size;
}

/**
 * `analysePosts`, returning what it loaded and computed for the stages that run next in the same job
 * (see pipeline/job-posts.ts), so they need not read the posts and their analyses again.
 */
export async function analysePostsOfJob(db: Kysely<Database>, postIds: readonly string[]): Promise<JobPosts> {
  const posts = await loadPostsToAnalyse(db, postIds);
  const seen = new Map<string, PostAnalysis>();
  const jobPosts = new Map<string, JobPost>();
  const analyses = posts.map((post) => {
    const key = `${post.campaignLanguages.join(',')}\u0000${post.text}`;
    let analysis = seen.get(key);
    if (analysis === undefined) {
      analysis = analyzePost({ text: post.text, languageHints: post.campaignLanguages });
      seen.set(key, analysis);
    }
    jobPosts.set(post.id, {
      id: post.id,
      workspaceId: post.workspaceId,
      text: post.text,
      createdAt: post.createdAt,
      platform: post.platform,
      market: post.market,
      metrics: post.metrics,
      authorHandle: post.authorHandle,
      campaignIds: post.campaignIds,
      analysis,
    });
    return toStoredAnalysis(post.id, post.workspaceId, analysis);
  });
  await upsertAnalyses(db, analyses);
  return jobPosts;
}
