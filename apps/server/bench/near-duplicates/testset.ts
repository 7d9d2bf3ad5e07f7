import { normaliseForNearDuplicate } from '@ombud/core';
import { loadSourceTexts, type SourceText, type TestLanguage } from './source-texts.ts';
import {
  createRandom,
  paraphraseOf,
  retweetOf,
  sameFrameNegative,
  sharedOpeningNegative,
  templateOf,
  type Random,
} from './variants.ts';

export type TestsetPart = 'tune' | 'heldout';
export type ItemKind = 'source' | 'retweet' | 'template' | 'paraphrase' | 'hard-negative' | 'background';

export interface LabelledPost {
  id: string;
  language: TestLanguage;
  text: string;
  /** Posts with the same group are near-duplicates of each other; every other pair is not. */
  group: string;
  kind: ItemKind;
  /** For variants and hard negatives: the id of the group's source post. */
  sourceId?: string;
}

export interface TestsetOptions {
  seed: number;
  /** Groups (source + variants) per language and part. */
  groupsPerLanguage: number;
  /** Unrelated distinct tweets per language and part (each its own group). */
  backgroundPerLanguage: number;
}

export const DEFAULT_TESTSET_OPTIONS: TestsetOptions = {
  seed: 20240605,
  groupsPerLanguage: 400,
  backgroundPerLanguage: 1500,
};

/** Deterministic split of the source tweets: by a hash of their id, about half each. */
export function partOf(sourceId: string, seed: number): TestsetPart {
  let h = seed >>> 0;
  for (let i = 0; i < sourceId.length; i++) h = Math.imul(h ^ sourceId.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h & 1) === 0 ? 'tune' : 'heldout';
}

function wordSet(text: string): Set<string> {
  return new Set(
    normaliseForNearDuplicate(text)
      .split(' ')
      .filter((w) => w.length > 0),
  );
}

/** Word-set Jaccard of normalised texts: the labelling criterion for a hard negative, not a clusterer. */
function wordJaccard(a: string, b: string): number {
  const sa = wordSet(a);
  const sb = wordSet(b);
  let inter = 0;
  for (const w of sa) if (sb.has(w)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 1 : inter / union;
}

function shuffle<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Labelled near-duplicate stream for one part (tune or held-out), shuffled, all three languages. */
export function buildTestset(
  part: TestsetPart,
  options: TestsetOptions = DEFAULT_TESTSET_OPTIONS,
): LabelledPost[] {
  const out: LabelledPost[] = [];
  const languages: TestLanguage[] = ['en', 'es', 'sv'];
  languages.forEach((language, li) => {
    const rng = createRandom(options.seed * 31 + li * 7919 + (part === 'tune' ? 1 : 2));
    const pool = shuffle(
      loadSourceTexts(language).filter((s) => partOf(s.id, options.seed) === part),
      rng,
    );
    const longEnough = pool.filter((s) => normaliseForNearDuplicate(s.text).split(' ').length >= 5);
    const groupSources = longEnough.slice(0, options.groupsPerLanguage);
    const used = new Set(groupSources.map((s) => s.id));
    const donors = pool.filter((s) => !used.has(s.id));
    const background = donors.slice(0, options.backgroundPerLanguage);
    const negativeDonors = donors.slice(options.backgroundPerLanguage);
    groupSources.forEach((source, gi) => out.push(...buildGroup(source, gi, negativeDonors, rng)));
    for (const s of background)
      out.push({ id: s.id, language, text: s.text, group: s.id, kind: 'background' });
  });
  return shuffle(out, createRandom(options.seed ^ (part === 'tune' ? 0x7475 : 0x686f)));
}

function buildGroup(source: SourceText, index: number, donors: SourceText[], rng: Random): LabelledPost[] {
  const group = source.id;
  const { language } = source;
  const posts: LabelledPost[] = [{ id: source.id, language, text: source.text, group, kind: 'source' }];
  // Group shapes: a retweet flood, a template campaign, a reworded complaint, or a mix.
  const shape = index % 4;
  const size = 1 + rng.int(5);
  const wordCount = normaliseForNearDuplicate(source.text).split(' ').length;
  for (let v = 0; v < size; v++) {
    const kind =
      shape === 0
        ? 'retweet'
        : shape === 1
          ? 'template'
          : shape === 2
            ? 'paraphrase'
            : rng.pick(['retweet', 'template', 'paraphrase'] as const);
    let text: string;
    if (kind === 'retweet') text = retweetOf(source.text, rng);
    else if (kind === 'template') text = templateOf(source.text, language, rng);
    else text = paraphraseOf(source.text, language, rng, 1 + rng.int(wordCount < 10 ? 2 : 4)).text;
    posts.push({ id: `${source.id}~${kind}${v}`, language, text, group, kind, sourceId: source.id });
  }
  // Every group gets a hard negative: a different tweet sharing many of its words.
  if (donors.length > 0) {
    for (let attempt = 0; attempt < 8; attempt++) {
      const donor = rng.pick(donors);
      const text = rng.chance(0.5)
        ? sharedOpeningNegative(source.text, donor.text)
        : sameFrameNegative(source.text, donor.text, rng);
      const overlap = wordJaccard(text, source.text);
      if (overlap >= 0.25 && overlap <= 0.6) {
        const id = `${source.id}~negative`;
        posts.push({ id, language, text, group: id, kind: 'hard-negative', sourceId: source.id });
        break;
      }
    }
  }
  return posts;
}
