import type { Evidence, KnownLanguage, LanguageResult } from './analysis.types.ts';
import { LANGUAGE_CODES } from './analysis.types.ts';
import { decodeModel, softmaxInPlace } from './hashed-linear-model.ts';
import { languageSample, visitLanguageFeatures } from './language-features.ts';
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
/** Log-odds added to the campaign's languages: enough to settle a close call, not to override clear text. */
const HINT_PRIOR = 1.5;
const MIN_LETTERS = 5;
const MIN_PROBABILITY = 0.6;

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
  const logits = new Float64Array(CLASS_COUNT);
  logits.set(MODEL.bias);
  visitLanguageFeatures(sample, (hash) => {
    const base = (hash & MODEL.mask) * CLASS_COUNT;
    for (let c = 0; c < CLASS_COUNT; c++) logits[c]! += WEIGHTS[base + c]!;
  });
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

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
