import type {
  Evidence,
  FirstClassLanguage,
  LanguageCode,
  SentimentLabel,
  SentimentResult,
} from './analysis.types.ts';
import {
  decodeModel,
  featureContribution,
  modelLogits,
  strongest,
  sumPerSource,
  type HashedLinearModel,
} from './hashed-linear-model.ts';
import { SENTIMENT_MODEL_EN } from './models/sentiment-en.model.ts';
import { SENTIMENT_MODEL_ES } from './models/sentiment-es.model.ts';
import { SENTIMENT_MODEL_SV } from './models/sentiment-sv.model.ts';
import { sentimentFeatures } from './sentiment-features.ts';
import { normaliseValence, ruleSentiment, type RuleSentiment } from './sentiment-rules.ts';
import type { TokenizedText } from './tokenize.ts';

const MODELS: Readonly<Record<FirstClassLanguage, HashedLinearModel>> = {
  en: decodeModel(SENTIMENT_MODEL_EN),
  es: decodeModel(SENTIMENT_MODEL_ES),
  sv: decodeModel(SENTIMENT_MODEL_SV),
};

/** Scores within ±band of zero are `neutral` when a caller sets one band for all languages. */
export const DEFAULT_NEUTRAL_BAND = 0.25;
/**
 * The model's share of the score when a language has no calibration of its own (sv, da, no, und).
 * The rules carry most of it: the model is trained on general tweets (Mozetič et al.) and leans on
 * their topics; the lexicons transfer better to brand tweets.
 */
export const MODEL_WEIGHT = 0.3;

/** How a language's score is made and cut: score = rules + modelWeight × model; thresholds on it. */
export interface SentimentCalibration {
  modelWeight: number;
  /** `negative` when score < −negativeBelow. */
  negativeBelow: number;
  /** `positive` when score > positiveAbove. */
  positiveAbove: number;
}

/**
 * Per-language calibration, chosen by a grid search (model weight 0–1, each threshold 0.05–0.5)
 * maximising 3-class macro-F1 on the UMSAB TRAIN split only (5-fold CV: en 0.610, es 0.558 against
 * 0.585 / 0.551 with the old shared setting); the reported validation split was never used. Three
 * numbers per language, no weights learned from UMSAB text. Swedish has no public 3-class tweet set
 * here: its negative threshold (0.2, from 0.25) was chosen by the same grid on the sentiment column of
 * Ombud's own complaint development set (175 Swedish posts); the Swedish validation set was not used.
 */
export const SENTIMENT_CALIBRATION: Readonly<Record<FirstClassLanguage, SentimentCalibration>> = {
  en: { modelWeight: 0.2, negativeBelow: 0.15, positiveAbove: 0.5 },
  es: { modelWeight: 0.3, negativeBelow: 0.15, positiveAbove: 0.35 },
  sv: { modelWeight: MODEL_WEIGHT, negativeBelow: 0.2, positiveAbove: DEFAULT_NEUTRAL_BAND },
};
const MODEL_EVIDENCE = 4;

/**
 * Which sentiment model reads a language: its own for en/es/sv, Swedish for Danish and Norwegian
 * (close enough in vocabulary and negation), English for undetermined text; none for the rest, which
 * are scored from emoji and emoticons only.
 */
export function sentimentModelLanguage(language: LanguageCode): FirstClassLanguage | undefined {
  switch (language) {
    case 'en':
    case 'es':
    case 'sv':
      return language;
    case 'da':
    case 'no':
      return 'sv';
    case 'und':
      return 'en';
    case 'de':
    case 'fr':
    case 'pt':
    case 'it':
    case 'fi':
      return undefined;
  }
}

export interface SentimentDetail extends SentimentResult {
  /** The rule engine's output, shared with aspect sentiment. */
  rules: RuleSentiment;
}

/**
 * Sentiment of a tokenised post: the rule engine's normalised valence (negation, intensity, contrast,
 * emoji, brand-service vocabulary) plus the language's model weight × a logistic-regression model's 2P(positive) − 1;
 * the language's thresholds (or one symmetric `neutralBand`, when given) give the label. Evidence lists the rules that fired and the words the
 * model leaned on most.
 */
export function analyzeSentiment(
  tokenized: TokenizedText,
  language: LanguageCode,
  neutralBand?: number,
): SentimentDetail {
  const modelLanguage = sentimentModelLanguage(language);
  const rules = ruleSentiment(tokenized, modelLanguage ?? 'en');
  if (modelLanguage === undefined) {
    const emojiOnly = rules.evidence.filter((e) => e.rule === 'emoji' || e.rule === 'emoticon');
    const sum = emojiOnly.reduce((total, e) => total + e.weight, 0);
    const score = round(normaliseValence(sum));
    const band = neutralBand ?? DEFAULT_NEUTRAL_BAND;
    return { label: labelFor(score, band, band), score, evidence: emojiOnly, rules };
  }
  const model = MODELS[modelLanguage];
  const calibration = SENTIMENT_CALIBRATION[modelLanguage];
  const modelWeight = calibration.modelWeight;
  const features = sentimentFeatures(tokenized, rules);
  const logits = modelLogits(model, features);
  const modelScore = 2 / (1 + Math.exp(logits[0]! - logits[1]!)) - 1;
  const ruleScore = normaliseValence(rules.positive - rules.negative);
  const score = round(Math.max(-1, Math.min(1, ruleScore + modelWeight * modelScore)));
  const evidence: Evidence[] = [
    ...rules.evidence,
    { rule: 'rule-score', match: modelLanguage, weight: round(ruleScore) },
    { rule: 'model-score', match: modelLanguage, weight: round(modelWeight * modelScore) },
    ...modelEvidence(model, tokenized, features),
  ];
  const label =
    neutralBand === undefined
      ? labelFor(score, calibration.negativeBelow, calibration.positiveAbove)
      : labelFor(score, neutralBand, neutralBand);
  return { label, score, evidence, rules };
}

function labelFor(score: number, negativeBelow: number, positiveAbove: number): SentimentLabel {
  if (score > positiveAbove) return 'positive';
  if (score < -negativeBelow) return 'negative';
  return 'neutral';
}

/** The words whose model weights pushed hardest, summed per token. */
function modelEvidence(
  model: HashedLinearModel,
  tokenized: TokenizedText,
  features: ReturnType<typeof sentimentFeatures>,
): Evidence[] {
  const { sums, order } = sumPerSource(features, (f) => featureContribution(model, features, f, 1, 0));
  return strongest(order, (index) => Math.abs(sums[index]!), 0.25, MODEL_EVIDENCE).map((index) => ({
    rule: 'model',
    match: tokenized.tokens[index]?.raw ?? '',
    weight: round(sums[index]!),
  }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
