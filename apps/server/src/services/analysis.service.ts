import type { Kysely } from 'kysely';
import { analyzePost, type PostAnalysis } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import type { JobPost, JobPosts } from '../pipeline/job-posts.ts';
import {
  loadPostsToAnalyse,
  upsertAnalyses,
  type PostAnalysisRow,
  type StoredAnalysis,
} from '../repositories/post-analysis.repository.ts';

/** Bump when lexicons or models change, so stored analyses show which version made them. */
export const ANALYSER_VERSION = 'core-analysis-1';

/**
 * The row columns and the stored `result` of one analysis. The result keeps what its readers use —
 * the evidence behind sentiment, intents, aspects and toxicity (post evidence, inbox intake and
 * priority) — and the language with its confidence; the language identifier's own evidence (model
 * scores and priors, a fifth of the JSON) is left out: nothing reads it back, and every byte of the
 * result is turned into JSON, sent, validated and written once per post.
 */
export function toStoredAnalysis(analysis: PostAnalysis): StoredAnalysis {
  return {
    language: analysis.language.language,
    languageConfidence: analysis.language.confidence,
    sentiment: analysis.sentiment.label,
    sentimentScore: analysis.sentiment.score,
    intents: analysis.intents.map((intent) => intent.label),
    aspects: analysis.aspects.map((aspect) => aspect.aspect),
    toxicity: analysis.toxicity.severity,
    result: {
      language: { language: analysis.language.language, confidence: analysis.language.confidence },
      sentiment: analysis.sentiment,
      intents: analysis.intents,
      aspects: analysis.aspects,
      toxicity: analysis.toxicity,
    },
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

interface Analysed {
  analysis: PostAnalysis;
  stored: StoredAnalysis;
}

/**
 * `analysePosts`, returning what it loaded and computed for the stages that run next in the same job
 * (see pipeline/job-posts.ts), so they need not read the posts and their analyses again.
 */
export async function analysePostsOfJob(db: Kysely<Database>, postIds: readonly string[]): Promise<JobPosts> {
  const posts = await loadPostsToAnalyse(db, postIds);
  // Analyses by hints, then by text. The loader hands posts of one set of campaigns one hints array,
  // so each post costs a look-up by identity and one by its text (no key built per post).
  const byHints = new Map<string, Map<string, Analysed>>();
  const byHintsArray = new Map<readonly string[], Map<string, Analysed>>();
  const jobPosts = new Map<string, JobPost>();
  const rows = posts.map((post): PostAnalysisRow => {
    let byText = byHintsArray.get(post.campaignLanguages);
    if (byText === undefined) {
      const hints = post.campaignLanguages.join(',');
      byText = byHints.get(hints) ?? new Map<string, Analysed>();
      byHints.set(hints, byText);
      byHintsArray.set(post.campaignLanguages, byText);
    }
    let found = byText.get(post.text);
    if (found === undefined) {
      const analysis = analyzePost({ text: post.text, languageHints: post.campaignLanguages });
      found = { analysis, stored: toStoredAnalysis(analysis) };
      byText.set(post.text, found);
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
      analysis: found.analysis,
    });
    return { postId: post.id, workspaceId: post.workspaceId, analysis: found.stored };
  });
  await upsertAnalyses(db, rows);
  return jobPosts;
}
