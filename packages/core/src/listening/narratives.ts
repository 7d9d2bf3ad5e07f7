import { compilePhraseExtractor, type PhraseExtractorOptions, type PostPhrases } from './key-phrases.ts';

export type NarrativeSentiment = 'positive' | 'neutral' | 'negative';

export interface NarrativePost {
  id: string;
  text: string;
  /** The analysed language (narratives are found per language). */
  language: string;
  /** Epoch milliseconds. */
  at: number;
  sentiment: NarrativeSentiment;
  sentimentScore: number;
  engagement: number;
}

export interface NarrativeOptions extends PhraseExtractorOptions {
  /** The window the narratives are found in, epoch ms, [from, to). */
  from: number;
  to: number;
  /** Start of the baseline period before `from` (its posts decide new vs known). */
  baselineFrom: number;
  /** Fewest posts for a topic; default max(4, 0.4 % of the language's posts). */
  minPosts?: number;
  /** Most topics per language; default 12. */
  maxTopicsPerLanguage?: number;
  /** Representative posts per topic; default 3. */
  representatives?: number;
  /** Series bucket, ms; default one hour for windows up to 3 days, otherwise one day. */
  bucketMs?: number;
}

export interface Narrative {
  /** Stable within one result: `<language>:<leading phrase>`. */
  key: string;
  language: string;
  /** Readable label from the topic's most distinctive phrases ("tapa · sobrecalienta · explota"). */
  label: string;
  /** Phrases that define the topic, most distinctive first, with how many of its posts use each. */
  keyPhrases: { phrase: string; posts: number }[];
  posts: number;
  /** Share of the language's posts in the window. */
  share: number;
  sentiment: { positive: number; neutral: number; negative: number; meanScore: number };
  /** When the topic reached its third post (or its first, for tiny topics), epoch ms. */
  firstSeenAt: number;
  /** The window's rate over the baseline rate: (posts + 1) / (baselineExpected + 1). */
  growthRate: number;
  /** (posts in the window's second half + 1) / (posts in the first half + 1): still rising or fading. */
  momentum: number;
  /** New when the baseline period explains less than 10 % of the window's volume. */
  isNew: boolean;
  /** Posts the baseline would have predicted for the window (baseline rate × window length). */
  baselineExpected: number;
  /** Posts per bucket over the window. */
  series: { at: number; posts: number }[];
  /** Post ids that best show the topic (most topic phrases, then engagement; distinct texts). */
  representativePostIds: string[];
}

export interface NarrativeResult {
  narratives: Narrative[];
  /** Posts in the window per language, and how many of them fell into a topic. */
  languages: { language: string; posts: number; clustered: number }[];
}

interface Candidate {
  term: string;
  df: number;
  index: number;
}

interface Topic {
  leader: Candidate;
  members: Map<number, number>; // candidate index → weight
}

const ASSOCIATION_TO_JOIN = 0.5;
const GENERIC_SHARE = 0.85;
const MAX_CANDIDATES = 400;
const MAX_TERMS_PER_POST = 40;

/**
 * Clusters a window of posts into topics per language: frequent phrases that occur together
 * form a topic (a phrase joins the leading phrase it co-occurs with in at least half of its posts),
 * each post joins its best-matching topic, and each topic is compared with the baseline period.
 */
export function detectNarratives(
  posts: readonly NarrativePost[],
  baseline: readonly NarrativePost[],
  options: NarrativeOptions,
): NarrativeResult {
  const extract = compilePhraseExtractor(options);
  const byLanguage = new Map<string, { window: NarrativePost[]; baseline: NarrativePost[] }>();
  const slot = (language: string) => {
    let entry = byLanguage.get(language);
    if (entry === undefined) {
      entry = { window: [], baseline: [] };
      byLanguage.set(language, entry);
    }
    return entry;
  };
  for (const post of posts)
    if (post.at >= options.from && post.at < options.to) slot(post.language).window.push(post);
  for (const post of baseline)
    if (post.at >= options.baselineFrom && post.at < options.from) slot(post.language).baseline.push(post);

  const narratives: Narrative[] = [];
  const languages: NarrativeResult['languages'] = [];
  for (const [language, group] of [...byLanguage].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (group.window.length === 0) continue;
    const found = languageNarratives(language, group.window, group.baseline, options, extract);
    narratives.push(...found.narratives);
    languages.push({ language, posts: group.window.length, clustered: found.clustered });
  }
  narratives.sort((a, b) => b.posts - a.posts || a.key.localeCompare(b.key));
  return { narratives, languages };
}

function languageNarratives(
  language: string,
  posts: readonly NarrativePost[],
  baseline: readonly NarrativePost[],
  options: NarrativeOptions,
  extract: (text: string, language: string) => PostPhrases,
): { narratives: Narrative[]; clustered: number } {
  const n = posts.length;
  const minPosts = options.minPosts ?? Math.max(4, Math.ceil(n * 0.004));
  const phrases = posts.map((post) => extract(post.text, language).terms);

  // 1. Candidate phrases: frequent enough to matter, not so common that they name nothing.
  const df = new Map<string, number>();
  for (const terms of phrases) for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  const candidates: Candidate[] = [...df]
    .filter(([, count]) => count >= minPosts && count <= Math.max(minPosts, GENERIC_SHARE * n))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_CANDIDATES)
    .map(([term, count], index) => ({ term, df: count, index }));
  const candidateIndex = new Map(candidates.map((c) => [c.term, c.index]));
  const k = candidates.length;
  if (k === 0) return { narratives: [], clustered: 0 };

  // 2. Co-occurrence of candidate phrases within posts.
  const postCandidates: number[][] = phrases.map((terms) => {
    const present: number[] = [];
    for (const term of terms) {
      const index = candidateIndex.get(term);
      if (index !== undefined) present.push(index);
      if (present.length >= MAX_TERMS_PER_POST) break;
    }
    return present;
  });
  const co = new Map<number, number>();
  for (const present of postCandidates) {
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        const a = present[i] ?? 0;
        const b = present[j] ?? 0;
        const key = a < b ? a * k + b : b * k + a;
        co.set(key, (co.get(key) ?? 0) + 1);
      }
    }
  }
  const together = (a: number, b: number) => co.get(a < b ? a * k + b : b * k + a) ?? 0;

  // 3. Leader clustering: in order of frequency, a phrase joins the topic whose leader it mostly
  // appears with; otherwise it leads a topic of its own.
  const maxTopics = options.maxTopicsPerLanguage ?? 12;
  const topics: Topic[] = [];
  const topicOf = new Int32Array(k).fill(-1);
  for (const candidate of candidates) {
    let best = -1;
    let bestAssociation = 0;
    topics.forEach((topic, t) => {
      const association = together(candidate.index, topic.leader.index) / candidate.df;
      // A common leader needs a stronger tie: the phrase must lift the leader's odds by half.
      const needed = Math.max(ASSOCIATION_TO_JOIN, Math.min(0.95, (1.5 * topic.leader.df) / n));
      if (association >= needed && association > bestAssociation) {
        best = t;
        bestAssociation = association;
      }
    });
    if (best >= 0) {
      topics[best]?.members.set(candidate.index, bestAssociation);
      topicOf[candidate.index] = best;
    } else if (topics.length < maxTopics * 3) {
      topicOf[candidate.index] = topics.length;
      topics.push({ leader: candidate, members: new Map([[candidate.index, 1]]) });
    }
  }

  // 4. Each post joins the topic it matches best (needs the leader or two members).
  const assigned = new Int32Array(n).fill(-1);
  const strength = new Float64Array(n);
  const scores = new Float64Array(topics.length);
  postCandidates.forEach((present, p) => {
    scores.fill(0);
    for (const index of present) {
      const t = topicOf[index] ?? -1;
      if (t >= 0) scores[t] = (scores[t] ?? 0) + (topics[t]?.members.get(index) ?? 0);
    }
    let best = -1;
    let bestScore = 0.999;
    for (let t = 0; t < topics.length; t++) {
      const score = scores[t] ?? 0;
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    assigned[p] = best;
    strength[p] = best >= 0 ? bestScore : 0;
  });

  // 5. Baseline membership with the same rule, for new-vs-known.
  const baselineCounts = new Float64Array(topics.length);
  for (const post of baseline) {
    scores.fill(0);
    for (const term of extract(post.text, language).terms) {
      const index = candidateIndex.get(term);
      if (index === undefined) continue;
      const t = topicOf[index] ?? -1;
      if (t >= 0) scores[t] = (scores[t] ?? 0) + (topics[t]?.members.get(index) ?? 0);
    }
    let best = -1;
    let bestScore = 0.999;
    for (let t = 0; t < topics.length; t++) {
      if ((scores[t] ?? 0) > bestScore) {
        best = t;
        bestScore = scores[t] ?? 0;
      }
    }
    if (best >= 0) baselineCounts[best] = (baselineCounts[best] ?? 0) + 1;
  }

  // 6. Describe each topic.
  const windowMs = Math.max(1, options.to - options.from);
  const baselineMs = Math.max(0, options.from - options.baselineFrom);
  const bucketMs = options.bucketMs ?? (windowMs <= 3 * 86_400_000 ? 3_600_000 : 86_400_000);
  const half = options.from + windowMs / 2;
  const members: number[][] = topics.map(() => []);
  assigned.forEach((t, p) => {
    if (t >= 0) members[t]?.push(p);
  });
  const narratives: Narrative[] = [];
  let clustered = 0;
  topics.forEach((topic, t) => {
    const postIndexes = members[t] ?? [];
    if (postIndexes.length < minPosts) return;
    clustered += postIndexes.length;
    const topicPosts = postIndexes.map((p) => posts[p] as NarrativePost);

    // Key phrases: frequent in the topic and rare outside it.
    const inTopic = new Map<string, number>();
    for (const p of postIndexes)
      for (const term of phrases[p] ?? [])
        if (candidateIndex.has(term)) inTopic.set(term, (inTopic.get(term) ?? 0) + 1);
    const keyPhrases = [...inTopic]
      .map(([phrase, count]) => ({
        phrase,
        posts: count,
        weight:
          (count / postIndexes.length) *
          Math.log((n + 1) / (df.get(phrase) ?? 1)) *
          (phrase.includes(' ') ? 1.15 : 1),
      }))
      .filter((entry) => entry.posts >= Math.max(2, postIndexes.length * 0.15))
      .sort((a, b) => b.weight - a.weight || b.posts - a.posts || a.phrase.localeCompare(b.phrase));
    const label = readableLabel(keyPhrases.map((entry) => entry.phrase));

    const sentiment = { positive: 0, neutral: 0, negative: 0, meanScore: 0 };
    let firstHalf = 0;
    const buckets = new Map<number, number>();
    for (const post of topicPosts) {
      sentiment[post.sentiment] += 1;
      sentiment.meanScore += post.sentimentScore;
      if (post.at < half) firstHalf += 1;
      const bucket = options.from + Math.floor((post.at - options.from) / bucketMs) * bucketMs;
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    }
    sentiment.meanScore = round(sentiment.meanScore / topicPosts.length, 3);
    const times = topicPosts.map((post) => post.at).sort((a, b) => a - b);
    const firstSeenAt = times[Math.min(2, times.length - 1)] ?? options.from;
    const secondHalf = topicPosts.length - firstHalf;
    const expected = baselineMs > 0 ? ((baselineCounts[t] ?? 0) * windowMs) / baselineMs : 0;
    const series: { at: number; posts: number }[] = [];
    for (let at = options.from; at < options.to; at += bucketMs)
      series.push({ at, posts: buckets.get(at) ?? 0 });

    const representatives = postIndexes
      .slice()
      .sort(
        (a, b) =>
          (strength[b] ?? 0) - (strength[a] ?? 0) ||
          (posts[b]?.engagement ?? 0) - (posts[a]?.engagement ?? 0) ||
          (posts[a]?.at ?? 0) - (posts[b]?.at ?? 0),
      );
    const seen = new Set<string>();
    const representativePostIds: string[] = [];
    for (const p of representatives) {
      const post = posts[p];
      if (post === undefined) continue;
      const fingerprint = post.text
        .replace(/^RT @[\p{L}\p{N}_]+:\s*/u, '')
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .trim();
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      representativePostIds.push(post.id);
      if (representativePostIds.length >= (options.representatives ?? 3)) break;
    }

    narratives.push({
      key: `${language}:${topic.leader.term}`,
      language,
      label,
      keyPhrases: keyPhrases.slice(0, 8).map(({ phrase, posts: count }) => ({ phrase, posts: count })),
      posts: topicPosts.length,
      share: round(topicPosts.length / n, 4),
      sentiment,
      firstSeenAt,
      growthRate: round((topicPosts.length + 1) / (expected + 1), 2),
      momentum: round((secondHalf + 1) / (firstHalf + 1), 2),
      isNew: baselineMs > 0 ? expected < 0.1 * topicPosts.length : false,
      baselineExpected: round(expected, 1),
      series,
      representativePostIds,
    });
  });
  narratives.sort((a, b) => b.posts - a.posts);
  return { narratives: narratives.slice(0, maxTopics), clustered };
}

/** Up to three phrases, skipping any whose words another chosen phrase already shows. */
function readableLabel(phrases: readonly string[]): string {
  const chosen: string[] = [];
  const shown = new Set<string>();
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    if (words.every((word) => shown.has(word))) continue;
    // A pair replaces a chosen single word it contains ("tapa" → "tapa explota").
    for (let i = chosen.length - 1; i >= 0; i--) if (words.includes(chosen[i] ?? '')) chosen.splice(i, 1);
    chosen.push(phrase);
    for (const word of words) shown.add(word);
    if (chosen.length >= 3) break;
  }
  return chosen.join(' · ');
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
