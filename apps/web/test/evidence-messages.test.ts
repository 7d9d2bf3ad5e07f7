import {
  ANALYSIS_RULE_PARTS,
  JUDGEMENT_CODE_LIST,
  JUDGEMENT_CODES,
  type BrandFindings,
} from '@ombud/contract';
import { describe, expect, it } from 'vitest';
import { createTranslator, UI_LOCALES } from '../src/i18n/i18n.tsx';
import { EVIDENCE_CATALOGUES, evidenceText } from '../src/components/evidence/evidence-text.ts';
import { spansOf, wordOccurrences } from '../src/components/evidence/evidence-spans.ts';
import { findingsOf } from '../src/screens/advocates/brand-findings.tsx';
import { evidenceEn } from '../src/components/evidence/messages.en.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('judgement and evidence catalogues', () => {
  it.each(UI_LOCALES)('%s words every judgement code with exactly its parameters', (locale) => {
    const catalogue: Record<string, string> = EVIDENCE_CATALOGUES[locale];
    const problems = JUDGEMENT_CODE_LIST.flatMap((code) => {
      const text = catalogue[`judgement.${code}`];
      if (text === undefined) return [`${code}: missing`];
      const expected = Object.keys(JUDGEMENT_CODES[code]).sort();
      return JSON.stringify(placeholders(text)) === JSON.stringify(expected)
        ? []
        : [`${code}: {${placeholders(text).join(',')}} instead of {${expected.join(',')}}`];
    });
    expect(problems).toEqual([]);
  });

  it.each(UI_LOCALES)('%s names every analysis rule kind', (locale) => {
    const catalogue: Record<string, string> = EVIDENCE_CATALOGUES[locale];
    expect(ANALYSIS_RULE_PARTS.filter((part) => !catalogue[`rule.${part}`])).toEqual([]);
  });

  it.each(UI_LOCALES)('%s has the English keys and placeholders, none empty', (locale) => {
    const catalogue: Record<string, string> = EVIDENCE_CATALOGUES[locale];
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(evidenceEn).sort());
    for (const [key, english] of Object.entries(evidenceEn)) {
      expect(catalogue[key]?.trim(), key).not.toBe('');
      expect(placeholders(catalogue[key] ?? ''), key).toEqual(placeholders(english));
    }
  });

  it.each(['es', 'sv'] as const)('%s translates the judgements rather than copying English', (locale) => {
    const copied = JUDGEMENT_CODE_LIST.filter(
      (code) =>
        EVIDENCE_CATALOGUES[locale][`judgement.${code}`] === evidenceEn[`judgement.${code}`] &&
        !/^Risk: \{flag\}$/.test(evidenceEn[`judgement.${code}`]),
    );
    expect(copied).toEqual([]);
  });
});

describe('judgement wording', () => {
  it('formats numbers, shares and names in the reader’s language', () => {
    const sv = evidenceText(createTranslator('sv'));
    expect(nbsp(sv.judgement({ code: 'priority.reach', params: { followers: 12_345 }, detail: 'x' }))).toBe(
      '12 345 följare',
    );
    expect(
      nbsp(
        sv.judgement({
          code: 'priority.slaAge',
          params: { age: 45, target: 60, share: 0.75 },
          detail: 'x',
        }),
      ),
    ).toBe('45 av 60 minuter av målet för första svar har gått (75 %)');
    const es = evidenceText(createTranslator('es'));
    expect(es.judgement({ code: 'routing.speaks', params: { language: 'sv' }, detail: 'x' })).toBe(
      'Habla sueco',
    );
    expect(es.judgement({ code: 'priority.risk', params: { flag: 'personal_data' }, detail: 'x' })).toBe(
      'Riesgo: datos personales',
    );
    expect(es.judgement({ code: 'priority.negativity', params: { score: -0.5 }, detail: 'x' })).toBe(
      'Sentimiento negativo (-0,50)',
    );
  });

  it('falls back to the server’s English for rows stored before codes, or with parameters that do not fit', () => {
    const sv = evidenceText(createTranslator('sv'));
    expect(sv.judgement({ rule: 'reach', detail: '10 followers' } as { detail: string })).toBe(
      '10 followers',
    );
    expect(
      sv.judgement({ code: 'priority.reach', params: { followers: 'many' }, detail: '10 followers' }),
    ).toBe('10 followers');
    expect(sv.judgement({ code: 'no.such.code', params: {}, detail: 'as sent' })).toBe('as sent');
  });

  it('reads combined rules part by part and names incident drivers', () => {
    expect(evidenceText(createTranslator('es')).ruleLabel('lexicon+intensifier+negation')).toBe(
      'palabra con carga · intensificador · negación',
    );
    expect(evidenceText(createTranslator('sv')).ruleLabel('new-rule+emoji')).toBe('new-rule · emoji');
    expect(evidenceText(createTranslator('sv')).driverReason('risk:fire')).toBe('risk: brand');
    expect(evidenceText(createTranslator('es')).driverReason('negative')).toBe('negativo');
  });
});

describe('brand findings and breaker reasons', () => {
  // As the server sends them (packages/core brand-check): English `message` beside code + parameters.
  const text = 'It never breaks, damn, and beats Kettlo';
  const findings: BrandFindings = {
    language: 'en',
    market: 'US',
    claims: [],
    disclosure: { market: 'US', required: false, present: false, ok: true, evidence: {} },
    onMessage: {
      score: 0.2,
      coverage: { covered: [], missing: ['quiet'], ratio: 0 },
      issues: [
        {
          code: 'KEY_MESSAGE_MISSING',
          severity: 'info',
          message: 'covers 0 of the 1 key message(s) a post should carry',
          messageCode: 'onMessage.keyMessageMissing',
          messageParams: { covered: 0, wanted: 1 },
          evidence: [],
          penalty: 0,
        },
        {
          code: 'PROFANITY',
          severity: 'error',
          message: 'profanity: damn',
          messageCode: 'onMessage.profanity',
          messageParams: { words: 'damn' },
          evidence: ['damn'],
          penalty: 0.35,
        },
        {
          code: 'COMPETITOR_MENTION',
          severity: 'warning',
          message: 'mentions competitor(s): Kettlo',
          evidence: [],
          penalty: 0.15,
        },
      ],
    },
    issues: [
      {
        code: 'BANNED_CLAIM',
        severity: 'error',
        message: 'banned claim "never breaks" (never-breaks): nothing is unbreakable',
        messageCode: 'brand.bannedClaimBecause',
        messageParams: { words: 'never breaks', id: 'never-breaks', reason: 'nothing is unbreakable' },
      },
    ],
  };

  it('says a banned claim and an on-message issue without words in the reader’s language', () => {
    const sv = findingsOf(text, findings, createTranslator('sv'));
    const banned = sv.find((f) => f.kind === 'banned');
    expect(banned?.detail).toBe('Förbjudet påstående ”never breaks” (never-breaks): nothing is unbreakable');
    expect(banned?.spans).toEqual([[3, 15]]);
    const issues = sv.filter((f) => f.kind === 'issue').map((f) => f.detail);
    expect(issues[0]).toBe('Täcker 0 av de 1 nyckelbudskap ett inlägg ska bära');
    // With evidence words the words are listed; a row stored before codes keeps its English.
    expect(issues[1]).toContain('damn');
    expect(issues[2]).toBe('mentions competitor(s): Kettlo');
    const es = findingsOf(text, findings, createTranslator('es'));
    expect(es.find((f) => f.kind === 'banned')?.detail).toBe(
      'Afirmación prohibida «never breaks» (never-breaks): nothing is unbreakable',
    );
  });

  it('says the engine’s breaker reason with a translated language name', () => {
    const entry = { code: 'breaker.persisted', params: { minutes: 15, language: 'sv' }, detail: 'x' };
    expect(evidenceText(createTranslator('es')).judgement(entry)).toBe(
      'Un incidente crítico duró 15 minutos (sueco)',
    );
    expect(evidenceText(createTranslator('sv')).judgement(entry)).toBe(
      'En kritisk incident varade i 15 minuter (svenska)',
    );
  });
});

describe('evidence spans', () => {
  it('finds whole words only, ignoring case', () => {
    expect(wordOccurrences('Tent en EN', 'en')).toEqual([
      [5, 7],
      [8, 10],
    ]);
    expect(wordOccurrences('so bad!!!', '!')).toEqual([
      [6, 7],
      [7, 8],
      [8, 9],
    ]);
  });

  it('places a negated phrase rebuilt from tokens word by word, and skips summary rules', () => {
    const text = 'The kettle is not, honestly, good';
    const spans = spansOf(text, [
      { rule: 'lexicon+negation', match: 'not honestly good', tone: 'negative', label: 'a' },
      { rule: 'rule-score', match: 'en', tone: 'negative', label: 'b' },
    ]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['not', 'honestly', 'good']);
  });
});
