import { describe, expect, it } from 'vitest';
import { scoreInboxPriority, type PriorityInput } from './inbox-priority.ts';

const quiet: PriorityInput = {
  followers: 50,
  verified: false,
  sentimentScore: 0.2,
  intents: [],
  riskFlags: [],
  ageMinutes: 5,
  slaFirstResponseMinutes: 60,
  clusterSize: 1,
};

describe('scoreInboxPriority', () => {
  it.each<[string, Partial<PriorityInput>, string, [number, number]]>([
    ['a quiet neutral post', {}, 'low', [0, 5]],
    ['a question', { intents: ['question'] }, 'low', [6, 6]],
    ['a complaint, negative', { intents: ['complaint'], sentimentScore: -0.6 }, 'normal', [22, 22]],
    [
      'an angry churn threat from a big verified account, near breach',
      {
        intents: ['churn_threat', 'complaint'],
        sentimentScore: -0.9,
        followers: 250_000,
        verified: true,
        ageMinutes: 55,
      },
      'urgent',
      [70, 100],
    ],
    ['a threat is urgent whatever the score', { riskFlags: ['toxicity_threat'] }, 'urgent', [30, 30]],
    ['personal data is at least high', { riskFlags: ['personal_data'] }, 'high', [20, 20]],
  ])('%s', (_, overrides, level, [min, max]) => {
    const result = scoreInboxPriority({ ...quiet, ...overrides });
    expect(result.level).toBe(level);
    expect(result.score).toBeGreaterThanOrEqual(min);
    expect(result.score).toBeLessThanOrEqual(max);
    const sum = result.evidence.reduce((s, e) => s + e.points, 0);
    expect(Math.abs(Math.round(sum) - result.score)).toBeLessThanOrEqual(1);
  });

  it('explains every point', () => {
    const result = scoreInboxPriority({
      ...quiet,
      followers: 10_099,
      intents: [
        { label: 'complaint', confidence: 0.8 },
        { label: 'praise', confidence: 0.9 },
      ],
      sentimentScore: -0.5,
      riskFlags: ['contradicted_claim'],
      ageMinutes: 90,
      clusterSize: 8,
    });
    expect(result.evidence).toEqual([
      {
        rule: 'reach',
        points: 10,
        detail: '10099 followers',
        code: 'priority.reach',
        params: { followers: 10_099 },
      },
      {
        rule: 'negativity',
        points: 10,
        detail: 'sentiment -0.50',
        code: 'priority.negativity',
        params: { score: -0.5 },
      },
      {
        rule: 'intent:complaint',
        points: 10,
        detail: 'complaint (confidence 0.80)',
        code: 'priority.intent',
        params: { intent: 'complaint', confidence: 0.8 },
      },
      {
        rule: 'risk:contradicted_claim',
        points: 15,
        detail: 'contradicted claim',
        code: 'priority.risk',
        params: { flag: 'contradicted_claim' },
      },
      {
        rule: 'sla:age',
        points: 15,
        detail: '90 of 60 min first-response target (150%)',
        code: 'priority.slaAge',
        params: { age: 90, target: 60, share: 1.5 },
      },
      {
        rule: 'sla:breached',
        points: 5,
        detail: '90 of 60 min first-response target (150%)',
        code: 'priority.slaBreached',
        params: { age: 90, target: 60, share: 1.5 },
      },
      {
        rule: 'cluster',
        points: 9,
        detail: '8 similar posts',
        code: 'priority.cluster',
        params: { size: 8 },
      },
    ]);
    expect(result).toMatchObject({ score: 74, level: 'urgent' });
  });

  it('ignores unconfident intents and caps intent points', () => {
    const weak = scoreInboxPriority({ ...quiet, intents: [{ label: 'complaint', confidence: 0.3 }] });
    expect(weak.evidence.some((e) => e.rule.startsWith('intent'))).toBe(false);
    const many = scoreInboxPriority({
      ...quiet,
      intents: ['churn_threat', 'complaint', 'question', 'request_for_help'],
    });
    expect(many.evidence.filter((e) => e.rule.startsWith('intent')).reduce((s, e) => s + e.points, 0)).toBe(
      20,
    );
  });

  it('stays within 0..100 at the extremes', () => {
    const result = scoreInboxPriority({
      followers: 1e9,
      verified: true,
      sentimentScore: -5,
      intents: ['churn_threat', 'complaint'],
      riskFlags: ['toxicity_threat', 'personal_data', 'crisis_cluster', 'contradicted_claim'],
      ageMinutes: 1e6,
      slaFirstResponseMinutes: 1,
      clusterSize: 1e6,
    });
    expect(result.score).toBe(100);
    expect(scoreInboxPriority({ ...quiet, followers: null, slaFirstResponseMinutes: null }).score).toBe(0);
  });
});
