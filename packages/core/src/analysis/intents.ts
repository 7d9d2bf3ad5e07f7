import type { Evidence, IntentLabel, IntentResult, SentimentResult } from './analysis.types.ts';
import { INTENT_LABELS } from './analysis.types.ts';
import { HELP_QUESTION_CUES, INTENT_CUES } from './lexicons/intent.lexicon.ts';
import { compileTerms, matchTerms } from './term-matcher.ts';
import type { Token, TokenizedText } from './tokenize.ts';

const CUES = compileTerms(
  INTENT_LABELS.flatMap((label) => INTENT_CUES[label].map((cue) => [cue, label] as const)),
);
const HELP_QUESTION = compileTerms(HELP_QUESTION_CUES.map((cue) => [cue, true] as const));

/** A neutral post addressed to a brand with a score at or below this reads as a complaint. */
const LEANING_NEGATIVE = -0.1;

/** What the intent rules read besides the words. */
export interface IntentContext {
  sentiment: SentimentResult;
  /** Aspects found in the post (a complaint usually names one). */
  aspectCount: number;
}

/**
 * Multi-label intents — complaint, question, request_for_help, praise, suggestion, purchase_intent,
 * churn_threat — from cue phrases (en/es/sv), question marks and sentence-initial question words,
 * combined with sentiment: negative + brand-service evidence or an aspect → complaint; positive +
 * thanks → praise. Confidence is 0..1; evidence lists the cues.
 */
export function detectIntents(tokenized: TokenizedText, context: IntentContext): IntentResult[] {
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
  const serviceEvidence = sentiment.evidence.filter((e) => e.rule.startsWith('service') && e.weight < 0);
  const mentions = tokens.some((t) => t.kind === 'mention');
  const serviceSum = serviceEvidence.reduce((sum, e) => sum + e.weight, 0);
  const ruleScore = sentiment.evidence.find((e) => e.rule === 'rule-score')?.weight ?? 0;
  if (sentiment.label === 'neutral' && serviceSum <= -2) {
    // A brand-service failure told flatly ("charged twice for one order") is a complaint even when
    // the post reads neutral overall.
    add('complaint', {
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
    add('complaint', {
      rule: 'leaning-negative+addressed-to-brand',
      match: sentiment.score.toString(),
      weight: 0.3,
    });
  }
  if (sentiment.label === 'negative') {
    const strength = Math.min(1, -sentiment.score);
    if (serviceEvidence.length > 0)
      add('complaint', {
        rule: 'negative+service-vocabulary',
        match: serviceEvidence.map((e) => e.match).join(', '),
        weight: 0.5 + 0.4 * strength,
      });
    else if (context.aspectCount > 0 || mentions)
      add('complaint', {
        rule: context.aspectCount > 0 ? 'negative+aspect' : 'negative+addressed-to-brand',
        match: sentiment.score.toString(),
        weight: 0.35 + 0.4 * strength,
      });
  }
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
    add('praise', { rule: 'positive+addressed-to-brand', match: sentiment.score.toString(), weight: 0.4 });
  }

  const results: IntentResult[] = [];
  for (const label of INTENT_LABELS) {
    const evidence = cues.get(label);
    if (evidence === undefined) continue;
    // Independent cues add up: 1 − Π(1 − w).
    const confidence = 1 - evidence.reduce((rest, e) => rest * (1 - e.weight), 1);
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
