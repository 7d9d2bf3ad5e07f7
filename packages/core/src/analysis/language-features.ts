import { emptyFeatures, familySeed, hashString, type FeatureVector } from './hashed-linear-model.ts';
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

/** Calls `visit` with each hashed word and character 1–4-gram of a language sample (one definition for the trainer and `identifyLanguage`). */
export function visitLanguageFeatures(sample: string, visit: (hash: number) => void): void {
  let wordStart = 1;
  for (let i = 1; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 32) {
      if (i > wordStart) visit(hashString(WORD_SEED, sample.slice(wordStart, i)));
      wordStart = i + 1;
    }
  }
  // n-grams starting at i are hashed incrementally: the 2-gram's hash continues the 1-gram's.
  for (let i = 0; i < sample.length; i++) {
    let hash = NGRAM_SEED;
    const last = Math.min(sample.length, i + 4);
    for (let k = i; k < last; k++) {
      hash = Math.imul(hash ^ sample.charCodeAt(k), 0x01000193);
      if (k > i || sample.charCodeAt(i) !== 32) visit(hash >>> 0);
    }
  }
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
