import type {
  Evidence,
  FirstClassLanguage,
  IntentLabel,
  IntentResult,
  SentimentResult,
} from './analysis.types.ts';
import { INTENT_LABELS } from './analysis.types.ts';
import { complaintFeatures, isHedged, type ComplaintSignals } from './complaint-features.ts';
import {
  decodeModel,
  featureContribution,
  modelLogits,
  strongest,
  sumPerSource,
  type FeatureVector,
  type HashedLinearModel,
} from './hashed-linear-model.ts';
import { COMPLAINT_MODEL } from './models/complaint.model.ts';
import { HELP_QUESTION_CUES, INTENT_CUES } from './lexicons/intent.lexicon.ts';
import {
  COMPLAINT_CONCEPT_TERMS,
  PRODUCT_DEFECT_TERMS,
  REPLACEMENT_REQUEST_TERMS,
} from './lexicons/complaint.lexicon.ts';
import { compileTerms, matchTerms } from './term-matcher.ts';
import type { Token, TokenizedText } from './tokenize.ts';

const CUES = compileTerms(
  INTENT_LABELS.flatMap((label) => INTENT_CUES[label].map((cue) => [cue, label] as const)),
);
const HELP_QUESTION = compileTerms(HELP_QUESTION_CUES.map((cue) => [cue, true] as const));

const DEFECT_OR_REMEDY = compileTerms<'defect' | 'remedy'>([
  ...PRODUCT_DEFECT_TERMS.map((term) => [term, 'defect'] as const),
  ...[...COMPLAINT_CONCEPT_TERMS.refund, ...REPLACEMENT_REQUEST_TERMS].map(
    (term) => [term, 'remedy'] as const,
  ),
]);
const DEFECT_RULE = 'defect+remedy';
/** Above COMPLAINT_THRESHOLD: the rule decides on its own (see `complaintConfidence`). */
const DEFECT_RULE_CONFIDENCE = 0.6;

/** A product defect stated as fact (not negated, not after "if") together with a refund, return or replacement request. */
function defectWithRemedy(tokens: readonly Token[]): Evidence | undefined {
  let defect: string | undefined;
  let remedy: string | undefined;
  for (const match of matchTerms(DEFECT_OR_REMEDY, tokens)) {
    if (match.payload === 'remedy') {
      remedy ??= match.text;
      continue;
    }
    if (defect !== undefined || isHedged(tokens, match.start)) continue;
    defect = match.text;
  }
  return defect !== undefined && remedy !== undefined
    ? { rule: DEFECT_RULE, match: `${defect} … ${remedy}`, weight: DEFECT_RULE_CONFIDENCE }
    : undefined;
}

/** A neutral post addressed to a brand with a score at or below this reads as a complaint. */
const LEANING_NEGATIVE = -0.1;

const MODEL: HashedLinearModel = decodeModel(COMPLAINT_MODEL);
/**
 * P(complaint) from the model at or above this is a complaint. Chosen by 5-fold cross-validation on
 * the complaint development set (`scripts/train-complaint-model.ts`); the held-out set was not used.
 */
export const COMPLAINT_THRESHOLD = 0.4;
const COMPLAINT_EVIDENCE = 4;

/** What the intent rules read besides the words. */
export interface IntentContext {
  sentiment: SentimentResult;
  /** Aspects found in the post (a complaint usually names one). */
  aspectCount: number;
  /** The language whose complaint vocabulary applies (the sentiment model's language); English when absent. */
  language?: FirstClassLanguage;
}

/** The intent rules' findings before the complaint model decides. */
export interface IntentCues {
  cues: Map<IntentLabel, Evidence[]>;
  /** Evidence of the hand-written complaint rules (features of the model, and evidence when it agrees). */
  ruleComplaint: Evidence[];
  signals: ComplaintSignals;
}

/** Cue phrases, question marks and the hand-written complaint rules; shared with the complaint-model trainer. */
export function readIntentCues(tokenized: TokenizedText, context: IntentContext): IntentCues {
  const { tokens } = tokenized;
  const cues = new Map<IntentLabel, Evidence[]>();
  const add = (label: IntentLabel, evidence: Evidence): void => {
    const list = cues.get(label) ?? [];
    list.push(evidence);
    cues.set(label, list);
  };
  for (const match of matchTerms(CUES, tokens)) {
    if (match.payload === 'question') {
      if (isClauseStart(tokens, match.start))
        add('question', { rule: 'question-word', match: match.text, weight: 0.6 });
      continue;
    }
    add(match.payload, { rule: 'cue', match: match.text, weight: 0.6 });
  }
  const questionMark = tokens.find((t) => t.kind === 'punct' && (t.raw.includes('?') || t.raw.includes('¿')));
  if (questionMark !== undefined)
    add('question', { rule: 'question-mark', match: questionMark.raw, weight: 0.9 });
  if (cues.has('question') && matchTerms(HELP_QUESTION, tokens).length > 0) {
    add('request_for_help', { rule: 'question+can-you', match: 'can you…?', weight: 0.5 });
  }

  const { sentiment } = context;
  const ruleComplaint: Evidence[] = [];
  const serviceEvidence = sentiment.evidence.filter((e) => e.rule.startsWith('service') && e.weight < 0);
  const mentions = tokens.some((t) => t.kind === 'mention');
  const serviceSum = serviceEvidence.reduce((sum, e) => sum + e.weight, 0);
  const ruleScore = sentiment.evidence.find((e) => e.rule === 'rule-score')?.weight ?? 0;
  if (sentiment.label === 'neutral' && serviceSum <= -2) {
    // A brand-service failure told flatly ("charged twice for one order") is a complaint even when
    // the post reads neutral overall.
    ruleComplaint.push({
      rule: 'service-vocabulary',
      match: serviceEvidence.map((e) => e.match).join(', '),
      weight: 0.4,
    });
  } else if (
    sentiment.label === 'neutral' &&
    mentions &&
    ruleScore < 0 &&
    sentiment.score <= LEANING_NEGATIVE
  ) {
    // Only when the words lean negative too: the model alone drifts on topic words.
    ruleComplaint.push({
      rule: 'leaning-negative+addressed-to-brand',
      match: sentiment.score.toString(),
      weight: 0.3,
    });
  }
  if (sentiment.label === 'negative') {
    const strength = Math.min(1, -sentiment.score);
    if (serviceEvidence.length > 0)
      ruleComplaint.push({
        rule: 'negative+service-vocabulary',
        match: serviceEvidence.map((e) => e.match).join(', '),
        weight: 0.5 + 0.4 * strength,
      });
    else if (context.aspectCount > 0 || mentions)
      ruleComplaint.push({
        rule: context.aspectCount > 0 ? 'negative+aspect' : 'negative+addressed-to-brand',
        match: sentiment.score.toString(),
        weight: 0.35 + 0.4 * strength,
      });
  }
  const defect = defectWithRemedy(tokens);
  if (defect !== undefined) ruleComplaint.push(defect);
  const signals: ComplaintSignals = {
    language: context.language ?? 'en',
    sentiment,
    aspectCount: context.aspectCount,
    complaintCues: cues.get('complaint')?.length ?? 0,
    praiseCues: cues.get('praise')?.length ?? 0,
    questionCues: cues.get('question')?.length ?? 0,
    ruleComplaint: ruleComplaint.length > 0,
  };
  return { cues, ruleComplaint, signals };
}

/**
 * Multi-label intents — complaint, question, request_for_help, praise, suggestion, purchase_intent,
 * churn_threat — from cue phrases (en/es/sv), question marks and sentence-initial question words,
 * combined with sentiment: negative + brand-service evidence or an aspect → complaint; positive +
 * thanks → praise. Confidence is 0..1; evidence lists the cues.
 */
export function detectIntents(tokenized: TokenizedText, context: IntentContext): IntentResult[] {
  const { tokens } = tokenized;
  const { cues, ruleComplaint, signals } = readIntentCues(tokenized, context);
  const { sentiment } = context;
  const mentions = tokens.some((t) => t.kind === 'mention');
  const features = complaintFeatures(tokenized, signals);
  const probability = complaintConfidence(complaintProbability(MODEL, features), ruleComplaint);
  if (probability >= COMPLAINT_THRESHOLD) {
    cues.set('complaint', [
      ...(cues.get('complaint') ?? []),
      ...ruleComplaint,
      ...complaintEvidence(tokenized, features, probability),
    ]);
  } else cues.delete('complaint');
  const praiseCues = cues.get('praise');
  if (praiseCues !== undefined && sentiment.label === 'negative') {
    // "thanks for nothing", "great, another delay": praise words in a negative post are not praise.
    cues.delete('praise');
  } else if (
    sentiment.label === 'positive' &&
    sentiment.score > 0.5 &&
    praiseCues === undefined &&
    mentions
  ) {
    cues.set('praise', [
      { rule: 'positive+addressed-to-brand', match: sentiment.score.toString(), weight: 0.4 },
    ]);
  }

  const results: IntentResult[] = [];
  for (const label of INTENT_LABELS) {
    const evidence = cues.get(label);
    if (evidence === undefined) continue;
    // Independent cues add up: 1 − Π(1 − w); the complaint model gives its own probability.
    const confidence =
      label === 'complaint' ? probability : 1 - evidence.reduce((rest, e) => rest * (1 - e.weight), 1);
    results.push({ label, confidence: Math.round(confidence * 100) / 100, evidence });
  }
  return results;
}

function isClauseStart(tokens: readonly Token[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (
      token.kind === 'mention' ||
      token.kind === 'url' ||
      token.kind === 'emoji' ||
      token.kind === 'hashtag'
    )
      continue;
    return (
      token.kind === 'punct' ||
      (token.kind === 'word' &&
        (token.norm === 'and' ||
          token.norm === 'y' ||
          token.norm === 'och' ||
          token.norm === 'but' ||
          token.norm === 'pero' ||
          token.norm === 'men'))
    );
  }
  return true;
}

/**
 * The complaint confidence: the model's probability, except that a product defect stated with a
 * refund, return or replacement request is a complaint whatever the model says (it is one by
 * definition, and such posts are rare in the training data, so the model alone is unsure of them).
 */
export function complaintConfidence(probability: number, ruleComplaint: readonly Evidence[]): number {
  const decisive = ruleComplaint.find((e) => e.rule === DEFECT_RULE);
  return decisive === undefined ? probability : Math.max(probability, decisive.weight);
}

/** P(complaint) from the complaint model's logits. */
export function complaintProbability(model: HashedLinearModel, features: FeatureVector): number {
  const logits = modelLogits(model, features);
  return 1 / (1 + Math.exp(logits[0]! - logits[1]!));
}

/** The model's verdict and the words and signals that pushed it hardest towards complaint. */
function complaintEvidence(
  tokenized: TokenizedText,
  features: FeatureVector,
  probability: number,
): Evidence[] {
  let signals = 0;
  for (let f = 0; f < features.sources.length; f++)
    if (features.sources[f]! < 0) signals += featureContribution(MODEL, features, f, 1, 0);
  const { sums, order } = sumPerSource(features, (f) => featureContribution(MODEL, features, f, 1, 0));
  const words = strongest(order, (index) => sums[index]!, 0.2, COMPLAINT_EVIDENCE).map((index) => ({
    rule: 'complaint-model-word',
    match: tokenized.tokens[index]?.raw ?? '',
    weight: round(sums[index]!),
  }));
  return [
    { rule: 'complaint-model', match: 'P(complaint)', weight: round(probability) },
    ...words,
    ...(signals > 0.2
      ? [
          {
            rule: 'complaint-model-signals',
            match: 'sentiment, cues, person, numbers',
            weight: round(signals),
          },
        ]
      : []),
  ];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
