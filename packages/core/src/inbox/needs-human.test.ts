import { describe, expect, it } from 'vitest';
import { DEFAULT_NEEDS_HUMAN_RULES, needsHuman, type NeedsHumanInput } from './needs-human.ts';

const calm: NeedsHumanInput = { intents: [], sentimentScore: 0, followers: 10, riskFlags: [] };

describe('needsHuman', () => {
  it.each<[string, Partial<NeedsHumanInput>, string[]]>([
    ['neutral chatter stays out', {}, []],
    ['praise stays out', { intents: ['praise'], sentimentScore: 0.8 }, []],
    ['a question', { intents: [{ label: 'question', confidence: 0.9 }] }, ['intent:question']],
    ['a weak complaint guess stays out', { intents: [{ label: 'complaint', confidence: 0.2 }] }, []],
    ['a churn threat', { intents: ['churn_threat'] }, ['intent:churn_threat']],
    ['negative without reach stays out', { sentimentScore: -0.9, followers: 200 }, []],
    ['negative with reach', { sentimentScore: -0.5, followers: 5000 }, ['negative-with-reach']],
    ['unknown followers count as none', { sentimentScore: -0.9, followers: null }, []],
    [
      'personal data and a threat',
      { riskFlags: ['personal_data', 'toxicity_threat'] },
      ['risk:personal_data', 'risk:toxicity_threat'],
    ],
  ])('%s', (_, overrides, rules) => {
    const result = needsHuman({ ...calm, ...overrides });
    expect(result.reasons.map((r) => r.rule)).toEqual(rules);
    expect(result.needsHuman).toBe(rules.length > 0);
  });

  it('follows the campaign rules', () => {
    const rules = {
      ...DEFAULT_NEEDS_HUMAN_RULES,
      intents: ['question', 'purchase_intent'],
      negativeWithReach: null,
      riskFlags: [],
    };
    expect(needsHuman({ ...calm, intents: ['purchase_intent'] }, rules).needsHuman).toBe(true);
    expect(
      needsHuman(
        {
          ...calm,
          intents: ['complaint'],
          sentimentScore: -1,
          followers: 1e6,
          riskFlags: ['crisis_cluster'],
        },
        rules,
      ),
    ).toEqual({
      needsHuman: false,
      reasons: [],
    });
  });

  it('explains why', () => {
    expect(needsHuman({ ...calm, sentimentScore: -0.5, followers: 5000 }).reasons[0]?.detail).toBe(
      'sentiment -0.50 ≤ -0.4 and 5000 followers ≥ 1000',
    );
  });
});
