import { confidentIntents, type InboxRiskFlag, type IntentSignal } from './inbox-signals.ts';

export type PriorityLevel = 'low' | 'normal' | 'high' | 'urgent';

export interface PriorityInput {
  /** Author followers; null when the platform does not say. */
  followers: number | null;
  verified: boolean;
  /** Sentiment score, -1 (very negative) .. 1 (very positive). */
  sentimentScore: number;
  intents: readonly IntentSignal[];
  riskFlags: readonly InboxRiskFlag[];
  /** Age of the post in the minutes the SLA counts (business minutes when the policy uses business hours). */
  ageMinutes: number;
  /** First-response target in the same minutes; null when no SLA applies. */
  slaFirstResponseMinutes: number | null;
  /** Posts in the item's near-duplicate cluster (1 for a lone post). */
  clusterSize: number;
}

export interface PriorityEvidence {
  rule: string;
  points: number;
  /** English, for the CLI and logs. */
  detail: string;
  /** Stable code and parameters the dashboard words in the reader's language (contract `JUDGEMENT_CODES`). */
  code: string;
  params: Record<string, string | number>;
}

export interface PriorityResult {
  /** 0..100. */
  score: number;
  level: PriorityLevel;
  evidence: PriorityEvidence[];
}

export interface PriorityRules {
  /** Points per intent label (labels not listed add nothing); intents add up to `maxIntentPoints`. */
  intentPoints: Readonly<Record<string, number>>;
  maxIntentPoints: number;
  minIntentConfidence: number;
  riskPoints: Readonly<Record<InboxRiskFlag, number>>;
  /** A flag that lifts the level to at least this, whatever the score (a threat is never "low"). */
  riskFloors: Readonly<Partial<Record<InboxRiskFlag, PriorityLevel>>>;
  /** Reach: `reachPointsPerDecade` per tenfold followers above `reachBaseFollowers`, capped. */
  reachBaseFollowers: number;
  reachPointsPerDecade: number;
  maxReachPoints: number;
  verifiedPoints: number;
  /** Negativity: score × this (only below zero). */
  maxNegativityPoints: number;
  /** Age: nothing below `slaWarnShare` of the first-response target, then up to `maxSlaPoints` at the target; breach adds `breachPoints`. */
  slaWarnShare: number;
  maxSlaPoints: number;
  breachPoints: number;
  /** Cluster: points per doubling of the cluster, capped. */
  clusterPointsPerDoubling: number;
  maxClusterPoints: number;
  /** Lowest score of each level above `low`. */
  levelThresholds: Readonly<{ normal: number; high: number; urgent: number }>;
}

export const DEFAULT_PRIORITY_RULES: PriorityRules = {
  intentPoints: { churn_threat: 15, complaint: 10, request_for_help: 8, question: 6, purchase_intent: 4 },
  maxIntentPoints: 20,
  minIntentConfidence: 0.5,
  riskPoints: { toxicity_threat: 30, personal_data: 20, crisis_cluster: 20, contradicted_claim: 15 },
  riskFloors: { toxicity_threat: 'urgent', personal_data: 'high', crisis_cluster: 'high' },
  reachBaseFollowers: 100,
  reachPointsPerDecade: 5,
  maxReachPoints: 20,
  verifiedPoints: 5,
  maxNegativityPoints: 20,
  slaWarnShare: 0.5,
  maxSlaPoints: 15,
  breachPoints: 5,
  clusterPointsPerDoubling: 3,
  maxClusterPoints: 10,
  levelThresholds: { normal: 20, high: 45, urgent: 70 },
};

const LEVEL_ORDER: readonly PriorityLevel[] = ['low', 'normal', 'high', 'urgent'];
const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Inbox priority 0..100 from reach, negativity, intent, risk flags, SLA age and cluster size, with the points each rule gave. */
export function scoreInboxPriority(
  input: PriorityInput,
  rules: PriorityRules = DEFAULT_PRIORITY_RULES,
): PriorityResult {
  const evidence: PriorityEvidence[] = [];
  const add = (
    rule: string,
    points: number,
    detail: string,
    code: string,
    params: Record<string, string | number> = {},
  ): void => {
    if (points > 0) evidence.push({ rule, points: round1(points), detail, code, params });
  };

  const followers = input.followers ?? 0;
  const decades = Math.log10((followers + 1) / rules.reachBaseFollowers);
  add(
    'reach',
    Math.min(rules.maxReachPoints, Math.max(0, decades * rules.reachPointsPerDecade)),
    `${followers} followers`,
    'priority.reach',
    { followers },
  );
  if (input.verified) add('verified', rules.verifiedPoints, 'verified author', 'priority.verified');

  if (input.sentimentScore < 0) {
    const score = Math.max(-1, input.sentimentScore);
    add(
      'negativity',
      -score * rules.maxNegativityPoints,
      `sentiment ${score.toFixed(2)}`,
      'priority.negativity',
      {
        score: round2(score),
      },
    );
  }

  let intentTotal = 0;
  for (const [label, confidence] of confidentIntents(input.intents, rules.minIntentConfidence)) {
    const points = Math.min(rules.intentPoints[label] ?? 0, rules.maxIntentPoints - intentTotal);
    intentTotal += points;
    add(
      `intent:${label}`,
      points,
      confidence < 1 ? `${label} (confidence ${confidence.toFixed(2)})` : label,
      'priority.intent',
      { intent: label, confidence: round2(confidence) },
    );
  }

  let floor: PriorityLevel = 'low';
  for (const flag of new Set(input.riskFlags)) {
    add(`risk:${flag}`, rules.riskPoints[flag], flag.replaceAll('_', ' '), 'priority.risk', { flag });
    const flagFloor = rules.riskFloors[flag];
    if (flagFloor !== undefined && LEVEL_ORDER.indexOf(flagFloor) > LEVEL_ORDER.indexOf(floor))
      floor = flagFloor;
  }

  const target = input.slaFirstResponseMinutes;
  if (target !== null && target > 0) {
    const share = input.ageMinutes / target;
    const detail = `${Math.round(input.ageMinutes)} of ${target} min first-response target (${Math.round(share * 100)}%)`;
    const params = { age: Math.round(input.ageMinutes), target, share: Math.round(share * 100) / 100 };
    if (share >= rules.slaWarnShare) {
      const ramp = Math.min(1, (share - rules.slaWarnShare) / (1 - rules.slaWarnShare));
      add('sla:age', ramp * rules.maxSlaPoints, detail, 'priority.slaAge', params);
    }
    if (share > 1) add('sla:breached', rules.breachPoints, detail, 'priority.slaBreached', params);
  }

  if (input.clusterSize >= 2) {
    const points = Math.min(
      rules.maxClusterPoints,
      Math.log2(input.clusterSize) * rules.clusterPointsPerDoubling,
    );
    add('cluster', points, `${input.clusterSize} similar posts`, 'priority.cluster', {
      size: input.clusterSize,
    });
  }

  const score = Math.max(0, Math.min(100, Math.round(evidence.reduce((sum, e) => sum + e.points, 0))));
  const t = rules.levelThresholds;
  const byScore: PriorityLevel =
    score >= t.urgent ? 'urgent' : score >= t.high ? 'high' : score >= t.normal ? 'normal' : 'low';
  let level = byScore;
  if (LEVEL_ORDER.indexOf(floor) > LEVEL_ORDER.indexOf(byScore)) {
    level = floor;
    evidence.push({
      rule: 'level-floor',
      points: 0,
      detail: `risk flag lifts level from ${byScore} to ${floor}`,
      code: 'priority.levelFloor',
      params: { from: byScore, to: floor },
    });
  }
  return { score, level, evidence };
}
