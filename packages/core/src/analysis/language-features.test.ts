import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeModel, familySeed, hashString, modelLogits, softmaxInPlace } from './hashed-linear-model.ts';
import { languageFeatureHashes, languageFeatures, languageSample } from './language-features.ts';
import { identifyLanguage } from './language-id.ts';
import { LANGUAGE_MODEL } from './models/language.model.ts';
import { tokenize } from './tokenize.ts';

/** The features as first written: a slice per word, a callback per feature. The fast path must agree with it. */
function referenceHashes(sample: string): number[] {
  const out: number[] = [];
  let wordStart = 1;
  for (let i = 1; i < sample.length; i++) {
    if (sample.charCodeAt(i) === 32) {
      if (i > wordStart) out.push(hashString(familySeed('lw'), sample.slice(wordStart, i)));
      wordStart = i + 1;
    }
  }
  for (let i = 0; i < sample.length; i++) {
    let hash = familySeed('ln');
    for (let k = i; k < Math.min(sample.length, i + 4); k++) {
      hash = Math.imul(hash ^ sample.charCodeAt(k), 0x01000193);
      if (k > i || sample.charCodeAt(i) !== 32) out.push(hash >>> 0);
    }
  }
  return out;
}

const WORDS = [
  'the',
  'flight',
  'was',
  'delayed',
  'again',
  'nobody',
  'helps',
  'el',
  'vuelo',
  'se',
  'retrasó',
  'nadie',
  'información',
  'min',
  'väska',
  'kom',
  'aldrig',
  'fram',
  'kundtjänsten',
  'svarar',
  'inte',
  'jeg',
  'ikke',
  'pakken',
  'ich',
  'bin',
  'enttäuscht',
  'très',
  'déçu',
  'muito',
  'atendimento',
  'molto',
  'deluso',
  'olen',
  'pettynyt',
  'sooo',
  'NOOO',
  '#fail',
  '@brand',
  '😡',
  ':)',
  '42',
  'http://x.y',
  'RT',
  '¿qué?',
  '!!!',
];
const post = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
);
const hints = fc.constantFrom<string[]>([], ['en', 'es', 'sv'], ['sv'], ['de', 'fr'], ['xx']);

/** identifyLanguage's decision recomputed with the generic model code the trainer uses. */
function referenceLanguage(
  text: string,
  languageHints: readonly string[],
): { best: string; p: number } | undefined {
  const { sample, letters } = languageSample(tokenize(text));
  if (letters < 5) return undefined;
  const model = decodeModel(LANGUAGE_MODEL);
  const logits = modelLogits(model, languageFeatures(sample));
  model.classes.forEach((language, c) => {
    if (languageHints.includes(language)) logits[c]! += 1.5;
  });
  const p = softmaxInPlace(logits);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return { best: model.classes[best]!, p: Math.round(p[best]! * 1000) / 1000 };
}

describe('language features', () => {
  it('hashes the same features as the reference, whatever the text', () => {
    fc.assert(
      fc.property(post, (text) => {
        const { sample } = languageSample(tokenize(text));
        const { hashes, count } = languageFeatureHashes(sample, new Uint32Array(4));
        expect([...hashes.subarray(0, count)]).toEqual(referenceHashes(sample));
      }),
      { numRuns: 300 },
    );
  });

  it('identifyLanguage decides exactly as the generic model code would', () => {
    fc.assert(
      fc.property(post, hints, (text, languageHints) => {
        const reference = referenceLanguage(text, languageHints);
        const result = identifyLanguage(tokenize(text), languageHints);
        if (reference === undefined) expect(result.language).toBe('und');
        else {
          expect(result.confidence).toBe(reference.p);
          expect(result.language).toBe(reference.p < 0.6 ? 'und' : reference.best);
        }
      }),
      { numRuns: 300 },
    );
  });
});
