import type { PostAnalysis } from '@ombud/core';

/**
 * What analysing a job's posts already read and computed, handed to the stages after it so they do
 * not read the same post, author and analysis rows again (each such read cost 3–6 µs of PostgreSQL
 * CPU per post and stage). Kept small on purpose: the post's own columns the stages use, its
 * author's handle, its campaigns and the analysis. Valid only inside the job's transaction, which
 * wrote the analyses; a stage run without it (tests, re-indexing) loads the rows itself.
 */
export interface JobPost {
  id: string;
  workspaceId: string;
  text: string;
  createdAt: Date;
  platform: string;
  market: string | null;
  metrics: Record<string, number>;
  authorHandle: string;
  campaignIds: string[];
  analysis: PostAnalysis;
}

/** The job's posts by id, in the order they were loaded (posts deleted before the job are absent). */
export type JobPosts = ReadonlyMap<string, JobPost>;

/** The job's posts for these ids, each once, in the ids' order (ids the job does not hold are skipped). */
export function jobPostsOf(ids: readonly string[], posts: JobPosts): JobPost[] {
  const out: JobPost[] = [];
  for (const id of new Set(ids)) {
    const post = posts.get(String(id));
    if (post !== undefined) out.push(post);
  }
  return out;
}
