import { emptyFeatures, familySeed, hashString, type FeatureVector } from './hashed-linear-model.ts';
import type { TokenizedText } from './tokenize.ts';

const WORD_SEED = familySeed('lw');
const NGRAM_SEEDS = [familySeed('l1'), familySeed('l2'), familySeed('l3'), familySeed('l4')] as const;

/** The words the language model reads: hashtags, mentions, URLs, numbers and emoji are left out. */
export function languageSample(tokenized: TokenizedText): { sample: string; letters: number } {
  let sample = ' ';
  let letters = 0;
  for (const token of tokenized.tokens) {
    if (token.kind !== 'word') continue;
    // "RT" is Twitter's, not the author's.
    if (token.raw === 'RT') continue;
    sample += token.squeezed + ' ';
    letters += token.squeezed.length;
  }
  return { sample, letters };
}

/** Hashed word and character 1–4-gram features of a language sample (shared by the trainer and `identifyLanguage`). */
export function languageFeatures(sample: string): FeatureVector {
  const features = emptyFeatures();
  let wordStart = 1;
  for (let i = 1; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 32) {
      if (i > wordStart) push(features, hashString(WORD_SEED, sample.slice(wordStart, i)));
      wordStart = i + 1;
    }
  }
  for (let n = 1; n <= 4; n++) {
    const seed = NGRAM_SEEDS[n - 1]!;
    for (let i = 0; i + n <= sample.length; i++) {
      if (n === 1 && sample.charCodeAt(i) === 32) continue;
      let hash = seed;
      for (let k = i; k < i + n; k++) hash = Math.imul(hash ^ sample.charCodeAt(k), 0x01000193);
      push(features, hash >>> 0);
    }
  }
  return features;
}

function push(features: FeatureVector, index: number): void {
  features.indices.push(index);
  features.values.push(1);
  features.sources.push(-1);
}
