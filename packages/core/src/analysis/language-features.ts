import { emptyFeatures, familySeed, type FeatureVector } from './hashed-linear-model.ts';
import type { TokenizedText } from './tokenize.ts';

const WORD_SEED = familySeed('lw');
const NGRAM_SEED = familySeed('ln');
/** Enough text to decide; bounds the cost of long posts. */
export const LANGUAGE_SAMPLE_LIMIT = 240;

/** The words the language model reads: hashtags, mentions, URLs, numbers and emoji are left out. */
export function languageSample(tokenized: TokenizedText): { sample: string; letters: number } {
  let sample = ' ';
  let letters = 0;
  for (const token of tokenized.tokens) {
    if (token.kind !== 'word') continue;
    // "RT" is Twitter's, not the author's.
    if (token.raw === 'RT') continue;
    if (sample.length >= LANGUAGE_SAMPLE_LIMIT) break;
    sample += token.squeezed + ' ';
    letters += token.squeezed.length;
  }
  return { sample, letters };
}

/**
 * Writes the hashed word and character 1–4-gram features of a language sample into `out` (grown when
 * too small) and returns it with their count: one definition for the trainer and `identifyLanguage`,
 * with no closure or per-feature allocation on the hot path.
 */
export function languageFeatureHashes(
  sample: string,
  out: Uint32Array,
): { hashes: Uint32Array; count: number } {
  // At most one word per two characters and four n-grams per character.
  const needed = sample.length * 5;
  const hashes = out.length >= needed ? out : new Uint32Array(needed);
  let count = 0;
  let wordStart = 1;
  for (let i = 1; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 32) {
      if (i > wordStart) {
        let hash = WORD_SEED;
        for (let k = wordStart; k < i; k++) hash = Math.imul(hash ^ sample.charCodeAt(k), 0x01000193);
        hashes[count++] = hash >>> 0;
      }
      wordStart = i + 1;
    }
  }
  // n-grams starting at i are hashed incrementally: the 2-gram's hash continues the 1-gram's.
  for (let i = 0; i < sample.length; i++) {
    let hash = NGRAM_SEED;
    const last = Math.min(sample.length, i + 4);
    const startsWithSpace = sample.charCodeAt(i) === 32;
    for (let k = i; k < last; k++) {
      hash = Math.imul(hash ^ sample.charCodeAt(k), 0x01000193);
      if (k > i || !startsWithSpace) hashes[count++] = hash >>> 0;
    }
  }
  return { hashes, count };
}

/** Calls `visit` with each hashed word and character 1–4-gram of a language sample (as `languageFeatureHashes`). */
export function visitLanguageFeatures(sample: string, visit: (hash: number) => void): void {
  const { hashes, count } = languageFeatureHashes(sample, new Uint32Array(0));
  for (let f = 0; f < count; f++) visit(hashes[f]!);
}

/** The same features as a vector, for training. */
export function languageFeatures(sample: string): FeatureVector {
  const features = emptyFeatures();
  visitLanguageFeatures(sample, (hash) => {
    features.indices.push(hash);
    features.values.push(1);
    features.sources.push(-1);
  });
  return features;
}
