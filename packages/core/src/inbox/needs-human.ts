import {
  confidentIntents,
  INBOX_RISK_FLAGS,
  type InboxRiskFlag,
  type IntentSignal,
} from './inbox-signals.ts';

export interface NeedsHumanInput {
  intents: readonly IntentSignal[];
  /** Sentiment score, -1 .. 1. */
  sentimentScore: number;
  followers: number | null;
  riskFlags: readonly InboxRiskFlag[];
}

/** Per-campaign rules for which posts become inbox items. */
export interface NeedsHumanRules {
  /** Intent labels that always need a person (question, complaint, help request, churn threat). */
  intents: readonly string[];
  minIntentConfidence: number;
  /** Negative posts from authors with reach; null switches the rule off. */
  negativeWithReach: { maxSentimentScore: number; minFollowers: number } | null;
  /** Risk flags that always need a person. */
  riskFlags: readonly InboxRiskFlag[];
}

export const DEFAULT_NEEDS_HUMAN_RULES: NeedsHumanRules = {
  intents: ['question', 'complaint', 'request_for_help', 'churn_threat'],
  minIntentConfidence: 0.5,
  negativeWithReach: { maxSentimentScore: -0.4, minFollowers: 1000 },
  riskFlags: INBOX_RISK_FLAGS,
};

export interface NeedsHumanReason {
  rule: string;
  /** English, for the CLI and logs. */
  detail: string;
  /** Stable code and parameters the dashboard words in the reader's language. */
  code: string;
  params: Record<string, string | number>;
}

export interface NeedsHumanResult {
  needsHuman: boolean;
  /** Every rule that fired; empty when the post can stay out of the inbox. */
  reasons: NeedsHumanReason[];
}

/** Decides whether a post becomes an inbox item, listing every rule that fired. */
export function needsHuman(
  analysis: NeedsHumanInput,
  rules: NeedsHumanRules = DEFAULT_NEEDS_HUMAN_RULES,
): NeedsHumanResult {
  const reasons: NeedsHumanReason[] = [];
  const wanted = new Set(rules.intents);
  for (const [label, confidence] of confidentIntents(analysis.intents, rules.minIntentConfidence)) {
    if (wanted.has(label))
      reasons.push({
        rule: `intent:${label}`,
        detail: `${label} (confidence ${confidence.toFixed(2)})`,
        code: 'needsHuman.intent',
        params: { intent: label, confidence: Math.round(confidence * 100) / 100 },
      });
  }
  const reach = rules.negativeWithReach;
  const followers = analysis.followers ?? 0;
  if (
    reach !== null &&
    analysis.sentimentScore <= reach.maxSentimentScore &&
    followers >= reach.minFollowers
  ) {
    reasons.push({
      rule: 'negative-with-reach',
      detail: `sentiment ${analysis.sentimentScore.toFixed(2)} ≤ ${reach.maxSentimentScore} and ${followers} followers ≥ ${reach.minFollowers}`,
      code: 'needsHuman.negativeWithReach',
      params: {
        score: Math.round(analysis.sentimentScore * 100) / 100,
        maxScore: reach.maxSentimentScore,
        followers,
        minFollowers: reach.minFollowers,
      },
    });
  }
  const flagged = new Set(rules.riskFlags);
  for (const flag of new Set(analysis.riskFlags)) {
    if (flagged.has(flag))
      reasons.push({
        rule: `risk:${flag}`,
        detail: flag.replaceAll('_', ' '),
        code: 'needsHuman.risk',
        params: { flag },
      });
  }
  return { needsHuman: reasons.length > 0, reasons };
}
