import { compilePhraseExtractor, type PhraseExtractorOptions } from './key-phrases.ts';

export interface TrendingPost {
  text: string;
  language: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface TrendingOptions extends PhraseExtractorOptions {
  from: number;
  to: number;
  baselineFrom: number;
  /** Fewest posts in the window for a term to trend; default 5. */
  minPosts?: number;
  /** Most entries per kind; default 20. */
  limit?: number;
}

export interface TrendingTerm {
  /** A phrase ("tapa explota") or a hashtag ("#kettlefail"). */
  term: string;
  kind: 'phrase' | 'hashtag';
  language: string;
  posts: number;
  /** Posts the baseline rate predicts for the window. */
  expected: number;
  /** (posts + 1) / (expected + 1). */
  lift: number;
  /** (posts − expected) / √(expected + 1): how surprising the rise is. */
  score: number;
}

/** Phrases and hashtags that rise above their baseline rate, per language, most surprising first. */
export function trendingTerms(
  posts: readonly TrendingPost[],
  options: TrendingOptions,
): { phrases: TrendingTerm[]; hashtags: TrendingTerm[] } {
  const extract = compilePhraseExtractor(options);
  const windowMs = Math.max(1, options.to - options.from);
  const baselineMs = Math.max(1, options.from - options.baselineFrom);
  const counts = new Map<string, { window: number; baseline: number }>();
  const bump = (key: string, inWindow: boolean) => {
    let entry = counts.get(key);
    if (entry === undefined) {
      entry = { window: 0, baseline: 0 };
      counts.set(key, entry);
    }
    if (inWindow) entry.window += 1;
    else entry.baseline += 1;
  };
  for (const post of posts) {
    const inWindow = post.at >= options.from && post.at < options.to;
    if (!inWindow && !(post.at >= options.baselineFrom && post.at < options.from)) continue;
    const { terms, hashtags } = extract(post.text, post.language);
    for (const term of terms) bump(`p\u0000${post.language}\u0000${term}`, inWindow);
    for (const tag of hashtags) bump(`h\u0000${post.language}\u0000${tag}`, inWindow);
  }
  const minPosts = options.minPosts ?? 5;
  const phrases: TrendingTerm[] = [];
  const hashtags: TrendingTerm[] = [];
  for (const [key, count] of counts) {
    if (count.window < minPosts) continue;
    const [kind, language = '', term = ''] = key.split('\u0000');
    const expected = (count.baseline * windowMs) / baselineMs;
    const lift = (count.window + 1) / (expected + 1);
    if (lift < 2) continue;
    const entry: TrendingTerm = {
      term,
      kind: kind === 'h' ? 'hashtag' : 'phrase',
      language,
      posts: count.window,
      expected: Math.round(expected * 10) / 10,
      lift: Math.round(lift * 100) / 100,
      score: Math.round(((count.window - expected) / Math.sqrt(expected + 1)) * 100) / 100,
    };
    (kind === 'h' ? hashtags : phrases).push(entry);
  }
  const order = (a: TrendingTerm, b: TrendingTerm) => b.score - a.score || a.term.localeCompare(b.term);
  const limit = options.limit ?? 20;
  return { phrases: phrases.sort(order).slice(0, limit), hashtags: hashtags.sort(order).slice(0, limit) };
}
