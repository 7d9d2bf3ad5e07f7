import type { Evidence, KnownLanguage, LanguageResult } from './analysis.types.ts';
import { LANGUAGE_CODES } from './analysis.types.ts';
import { decodeModel, softmaxInPlace } from './hashed-linear-model.ts';
import { languageFeatureHashes, languageSample } from './language-features.ts';
import { LANGUAGE_MODEL } from './models/language.model.ts';
import type { TokenizedText } from './tokenize.ts';

/** ISO 639-3 codes → the ISO 639-1 codes Ombud uses (both Norwegian standards are `no`). */
export const ISO_639_3_TO_1: Readonly<Record<string, KnownLanguage>> = {
  eng: 'en',
  spa: 'es',
  swe: 'sv',
  dan: 'da',
  nob: 'no',
  nno: 'no',
  nor: 'no',
  deu: 'de',
  fra: 'fr',
  por: 'pt',
  ita: 'it',
  fin: 'fi',
};

/** Maps a hint such as `sv`, `sv-SE`, `swe` or `SV` to an ISO 639-1 code Ombud knows, or undefined. */
export function normaliseLanguageCode(code: string): KnownLanguage | undefined {
  const lower = code.trim().toLowerCase();
  const primary = lower.split(/[-_]/)[0] ?? '';
  if ((LANGUAGE_CODES as readonly string[]).includes(primary)) return primary as KnownLanguage;
  if (primary === 'nb' || primary === 'nn') return 'no';
  return ISO_639_3_TO_1[primary];
}

const MODEL = decodeModel<KnownLanguage>(LANGUAGE_MODEL);
const CLASS_COUNT = MODEL.classes.length;
const WEIGHTS = MODEL.weights;
const MASK = MODEL.mask;
if (CLASS_COUNT !== 10)
  throw new Error(`the language model has ${CLASS_COUNT} classes; addWeights expects 10`);
/** Log-odds added to the campaign's languages: enough to settle a close call, not to override clear text. */
const HINT_PRIOR = 1.5;
const MIN_LETTERS = 5;
const MIN_PROBABILITY = 0.6;
// Reused between calls (each is written before it is read, and nothing keeps them): no allocation per post.
let featureBuffer: Uint32Array = new Uint32Array(2048);
const LOGITS = new Float64Array(CLASS_COUNT);

/**
 * Identifies the dominant language of a tokenised post among en, es, sv, da, no, de, fr, pt, it, fi;
 * `und` when the text is too short or the best two languages are too close. Hashtags, mentions, URLs
 * and emoji are ignored; `languageHints` (the campaign's languages) act as priors.
 */
export function identifyLanguage(
  tokenized: TokenizedText,
  languageHints: readonly string[] = [],
): LanguageResult {
  const { sample, letters } = languageSample(tokenized);
  if (letters < MIN_LETTERS) {
    return {
      language: 'und',
      confidence: 0,
      evidence: [{ rule: 'too-short', match: sample.trim(), weight: letters }],
    };
  }
  const logits = LOGITS;
  logits.set(MODEL.bias);
  const { hashes, count } = languageFeatureHashes(sample, featureBuffer);
  featureBuffer = hashes;
  addWeights(logits, hashes, count);
  const hinted = new Set<KnownLanguage>();
  for (const hint of languageHints) {
    const code = normaliseLanguageCode(hint);
    if (code !== undefined) hinted.add(code);
  }
  MODEL.classes.forEach((language, c) => {
    if (hinted.has(language)) logits[c]! += HINT_PRIOR;
  });
  const probabilities = softmaxInPlace(logits);
  let best = 0;
  let second = -1;
  for (let c = 1; c < probabilities.length; c++) {
    if (probabilities[c]! > probabilities[best]!) {
      second = best;
      best = c;
    } else if (second < 0 || probabilities[c]! > probabilities[second]!) {
      second = c;
    }
  }
  const language = MODEL.classes[best]!;
  const confidence = round(probabilities[best]!);
  const evidence: Evidence[] = [{ rule: 'char-ngram-model', match: language, weight: confidence }];
  if (second >= 0)
    evidence.push({
      rule: 'runner-up',
      match: MODEL.classes[second]!,
      weight: round(probabilities[second]!),
    });
  if (hinted.has(language))
    evidence.push({ rule: 'campaign-language-prior', match: language, weight: HINT_PRIOR });
  if (confidence < MIN_PROBABILITY)
    return {
      language: 'und',
      confidence,
      evidence: [{ rule: 'too-close', match: language, weight: confidence }, ...evidence],
    };
  return { language, confidence, evidence };
}

/**
 * Adds the weights of every feature to the ten class logits. Ten local sums stay in registers (a loop
 * over a typed array of logits was a fifth of the whole chain's time); the sums are exact in float64
 * (float32 weights of one scale), so the result does not depend on the order of addition.
 */
function addWeights(logits: Float64Array, hashes: Uint32Array, count: number): void {
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let l4 = 0;
  let l5 = 0;
  let l6 = 0;
  let l7 = 0;
  let l8 = 0;
  let l9 = 0;
  for (let f = 0; f < count; f++) {
    const base = (hashes[f]! & MASK) * 10;
    l0 += WEIGHTS[base]!;
    l1 += WEIGHTS[base + 1]!;
    l2 += WEIGHTS[base + 2]!;
    l3 += WEIGHTS[base + 3]!;
    l4 += WEIGHTS[base + 4]!;
    l5 += WEIGHTS[base + 5]!;
    l6 += WEIGHTS[base + 6]!;
    l7 += WEIGHTS[base + 7]!;
    l8 += WEIGHTS[base + 8]!;
    l9 += WEIGHTS[base + 9]!;
  }
  logits[0]! += l0;
  logits[1]! += l1;
  logits[2]! += l2;
  logits[3]! += l3;
  logits[4]! += l4;
  logits[5]! += l5;
  logits[6]! += l6;
  logits[7]! += l7;
  logits[8]! += l8;
  logits[9]! += l9;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
