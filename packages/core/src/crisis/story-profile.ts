import { foldText } from '../text/fold.ts';

/** Language-independent features of the posts driving a signal: crisis categories, hashtags, links. */
export type StoryProfile = Record<string, number>;

export interface StoryPost {
  riskCategories: readonly string[];
  /** Hashtags as written (with or without `#`). */
  hashtags?: readonly string[];
  /** Link hosts and paths; a shared link is the strongest sign of one story. */
  links?: readonly string[];
}

/**
 * Counts the features a story keeps when it is retold in another language: the kinds of harm
 * (`risk:explosion`), hashtags (`tag:kettlegate`) and links (`link:example.com/x`).
 */
export function storyProfile(posts: Iterable<StoryPost>): StoryProfile {
  const profile: StoryProfile = {};
  const add = (key: string, weight: number) => {
    profile[key] = (profile[key] ?? 0) + weight;
  };
  for (const post of posts) {
    for (const category of new Set(post.riskCategories)) add(`risk:${category}`, 1);
    for (const tag of new Set((post.hashtags ?? []).map((t) => foldText(t.replace(/^#/, '')))))
      add(`tag:${tag}`, 1);
    for (const link of new Set(post.links ?? [])) add(`link:${link.replace(/^https?:\/\/(www\.)?/i, '')}`, 2);
  }
  return profile;
}

/** Cosine similarity of two profiles in [0, 1]; 0 when either is empty. */
export function storySimilarity(a: StoryProfile, b: StoryProfile): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [key, value] of Object.entries(a)) {
    na += value * value;
    const other = b[key];
    if (other !== undefined) dot += value * other;
  }
  for (const value of Object.values(b)) nb += value * value;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Features both profiles share, strongest first (evidence for a join). */
export function sharedStoryFeatures(a: StoryProfile, b: StoryProfile, limit = 5): string[] {
  return Object.keys(a)
    .filter((key) => b[key] !== undefined)
    .sort((x, y) => (b[y] ?? 0) * (a[y] ?? 0) - (b[x] ?? 0) * (a[x] ?? 0) || (x < y ? -1 : 1))
    .slice(0, limit);
}
