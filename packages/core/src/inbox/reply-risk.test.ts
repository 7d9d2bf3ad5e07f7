import { describe, expect, it } from 'vitest';
import { assessReplyRisk, type ReplyRiskInput } from './reply-risk.ts';

const calm: ReplyRiskInput = { riskFlags: [], level: 'normal', recipients: 1, fromApprovedTemplate: false };

describe('assessReplyRisk', () => {
  it.each<[string, Partial<ReplyRiskInput>, string[]]>([
    ['one free-text reply to a calm item', {}, []],
    ['a threat', { riskFlags: ['toxicity_threat'] }, ['risk:toxicity_threat']],
    ['urgent', { level: 'urgent' }, ['priority']],
    ['free text to a cluster', { recipients: 5 }, ['free-text-broadcast']],
    ['template to a cluster', { recipients: 5, fromApprovedTemplate: true }, []],
    ['template to a big cluster', { recipients: 80, fromApprovedTemplate: true }, ['broadcast']],
  ])('%s', (_, overrides, rules) => {
    const risk = assessReplyRisk({ ...calm, ...overrides });
    expect(risk.reasons.map((r) => r.rule)).toEqual(rules);
    expect(risk.highRisk).toBe(rules.length > 0);
  });
});
