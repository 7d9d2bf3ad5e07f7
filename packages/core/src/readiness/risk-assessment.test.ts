import { describe, expect, it } from 'vitest';
import {
  FINDING_CODES,
  FINDING_TEXTS,
  QUESTION_IDS,
  QUESTION_TEXTS,
  READINESS_LOCALES,
  READINESS_QUESTIONS,
  RISK_IDS,
  RISK_TEXTS,
  assessReadiness,
  describeFinding,
  type CheckAnswer,
} from './risk-assessment.ts';

const allPass: CheckAnswer[] = QUESTION_IDS.map((questionId) => ({
  questionId,
  status: 'pass',
  evidence: [],
}));

function withStatus(id: (typeof QUESTION_IDS)[number], status: CheckAnswer['status']): CheckAnswer[] {
  return allPass.map((answer) => (answer.questionId === id ? { ...answer, status } : answer));
}

describe('assessReadiness', () => {
  it('covers each of the eight risks with weighted questions', () => {
    expect(RISK_IDS).toHaveLength(8);
    for (const risk of RISK_IDS) expect(READINESS_QUESTIONS.some((q) => q.risk === risk)).toBe(true);
    expect(READINESS_QUESTIONS.map((q) => q.id).sort()).toEqual([...QUESTION_IDS].sort());
  });

  it('opens the gate only when every critical question passes', () => {
    const ready = assessReadiness(allPass);
    expect(ready.gate).toEqual({ blocked: false, failingCritical: [] });
    expect(ready.score).toBe(1);
    expect(ready.openActions).toEqual([]);
    expect(ready.risks.every((risk) => risk.level === 'low')).toBe(true);
  });

  it.each([
    ['fail', true],
    ['partial', true],
    ['not_configured', true],
  ] as const)('blocks the gate when a critical question is %s', (status, blocked) => {
    const result = assessReadiness(withStatus('holding_statements_translated', status));
    expect(result.gate.blocked).toBe(blocked);
    expect(result.gate.failingCritical).toEqual(['holding_statements_translated']);
    const crisis = result.risks.find((risk) => risk.risk === 'crisis_management')!;
    expect(crisis.level).toBe('high');
    expect(crisis.criticalFailing).toBe(1);
  });

  it('does not block on a non-critical failure, but lists it as an open action and lowers the score', () => {
    const result = assessReadiness(withStatus('banned_claims_listed', 'fail'));
    expect(result.gate.blocked).toBe(false);
    expect(result.openActions.map((a) => a.questionId)).toEqual(['banned_claims_listed']);
    const message = result.risks.find((risk) => risk.risk === 'message_control')!;
    // weights 3 + 2 + 1 with the weight-1 question failing → 5/6
    expect(message.score).toBeCloseTo(5 / 6, 10);
    expect(message.level).toBe('medium');
  });

  it('lets the workspace change which questions gate the launch', () => {
    const answers = withStatus('banned_claims_listed', 'fail');
    expect(assessReadiness(answers, { critical: { banned_claims_listed: true } }).gate.blocked).toBe(true);
    const relaxed = assessReadiness(withStatus('redaction_policy_set', 'fail'), {
      critical: { redaction_policy_set: false },
    });
    expect(relaxed.gate.blocked).toBe(false);
  });

  it('counts a missing answer as a failure, never as a pass', () => {
    const result = assessReadiness(allPass.filter((a) => a.questionId !== 'alert_channel_tested'));
    expect(result.gate.failingCritical).toEqual(['alert_channel_tested']);
  });

  it('orders open actions critical first, then by weight', () => {
    const answers = allPass.map((answer) =>
      ['banned_claims_listed', 'sla_policy_set', 'consent_text_translated'].includes(answer.questionId)
        ? { ...answer, status: 'fail' as const }
        : answer,
    );
    expect(assessReadiness(answers).openActions.map((a) => a.questionId)).toEqual([
      'consent_text_translated',
      'sla_policy_set',
      'banned_claims_listed',
    ]);
  });
});

describe('readiness texts', () => {
  it('exist in English, Spanish and Swedish for every risk, question and finding', () => {
    for (const locale of READINESS_LOCALES) {
      for (const risk of RISK_IDS) {
        expect(RISK_TEXTS[risk].title[locale].length).toBeGreaterThan(2);
        expect(RISK_TEXTS[risk].explanation[locale].length).toBeGreaterThan(10);
      }
      for (const id of QUESTION_IDS) {
        const texts = QUESTION_TEXTS[id];
        for (const text of [texts.question, texts.explanation, texts.fix])
          expect(text[locale].length).toBeGreaterThan(10);
      }
      for (const code of FINDING_CODES) expect(FINDING_TEXTS[code][locale].length).toBeGreaterThan(5);
    }
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of FINDING_CODES) {
      const english = placeholders(FINDING_TEXTS[code].en);
      expect(placeholders(FINDING_TEXTS[code].es), code).toEqual(english);
      expect(placeholders(FINDING_TEXTS[code].sv), code).toEqual(english);
    }
  });

  it('fills findings in the reader’s language', () => {
    const finding = {
      code: 'holding_missing_languages',
      values: { languages: 'es', present: 'en, sv' },
    } as const;
    expect(describeFinding(finding, 'en')).toBe('Holding statements are missing in: es (present: en, sv).');
    expect(describeFinding(finding, 'es')).toBe('Faltan declaraciones de espera en: es (presentes: en, sv).');
    expect(describeFinding(finding, 'sv')).toBe('Avvaktande uttalanden saknas på: es (finns: en, sv).');
  });
});
