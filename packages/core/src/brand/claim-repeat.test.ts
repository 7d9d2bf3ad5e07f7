import { describe, expect, it } from 'vitest';
import type { BrandBrief } from './brief.types.ts';
import { compileBrandBrief } from './brand-check.ts';
import {
  assessClaimRepeat,
  compileWrongClaim,
  describeWrongClaim,
  findClaimRepeat,
  WrongClaimError,
} from './claim-repeat.ts';
import { renderCorrectionNotice } from './correction-notice.ts';

const brief: BrandBrief = {
  brand: 'Nordvik',
  languages: ['en', 'es', 'sv'],
  hashtags: [],
  defaultMarkets: { en: 'US', es: 'ES', sv: 'SE' },
  keyMessages: [],
  keyMessagesPerPost: 1,
  facts: [
    {
      id: 'returns',
      subject: 'returns policy',
      kind: 'returns',
      text: { en: '30-day returns.', es: 'Devolución en 30 días.', sv: '30 dagars öppet köp.' },
      keywords: { en: ['return*'], es: ['devoluci*', 'devolver*'], sv: ['öppet köp', 'retur*'] },
      quantities: [{ value: 30, unit: 'day', markets: [] }],
      contradictions: {},
    },
    {
      id: 'safety',
      subject: 'lid safety',
      kind: 'safety',
      text: { en: 'The lid does not explode.', es: 'La tapa no explota.', sv: 'Locket exploderar inte.' },
      keywords: { en: ['safe'], es: ['segura'], sv: ['säker'] },
      quantities: [],
      contradictions: { en: ['explode*'], es: ['explot*'], sv: ['exploder*'] },
    },
  ],
  bannedClaims: [],
  bannedPhrases: {},
  tone: {
    formality: 'neutral',
    profanity: 'forbid',
    aggressiveLanguage: 'forbid',
    extraProfanity: {},
    extraAggressive: {},
  },
  competitors: [],
  disclosure: { useDefaults: true, rules: [] },
};
const compiled = compileBrandBrief(brief);

function repeats(
  input: { factId?: string; claimText?: string; language?: string },
  posts: [string, string][],
) {
  const wrong = compileWrongClaim(compiled, describeWrongClaim(compiled, input));
  return posts.map(([text, language]) => findClaimRepeat(wrong, { text, language })?.kind ?? null);
}

describe('describeWrongClaim', () => {
  it('reads a circulating claim with the claim check', () => {
    const wrong = describeWrongClaim(compiled, { claimText: '60-day returns', language: 'en' });
    expect(wrong).toMatchObject({
      mode: 'claim',
      signatures: [
        { factId: 'returns', verdict: 'contradicted', quantity: { dimension: 'duration', low: 60 } },
      ],
    });
  });

  it('refuses an unknown fact and an empty correction', () => {
    expect(() => describeWrongClaim(compiled, { factId: 'nope' })).toThrow(WrongClaimError);
    expect(() => describeWrongClaim(compiled, { claimText: '  ' })).toThrow(/fact id or a claim text/);
  });
});

describe('findClaimRepeat', () => {
  it('finds the same wrong figure in every language and ignores the approved one', () => {
    expect(
      repeats({ claimText: '60-day returns', language: 'en' }, [
        ['You get 60 days to return it, amazing', 'en'],
        ['¡Tienes 60 días de devolución!', 'es'],
        ['60 dagars öppet köp, grymt', 'sv'],
        ['30-day returns, as promised', 'en'],
        ['Returns are easy', 'en'],
        ['I have had it for 60 days now, love it', 'en'],
      ]),
    ).toEqual(['claim', 'claim', 'claim', null, null, null]);
  });

  it('finds a rumour by its fact and verdict, not a denial of it', () => {
    expect(
      repeats({ claimText: 'the lid explodes', language: 'en' }, [
        ['OMG la tapa explota!!', 'es'],
        ['Locket exploderade hos min granne', 'sv'],
        ['The lid does NOT explode, stop the rumours', 'en'],
      ]),
    ).toEqual(['claim', 'claim', null]);
  });

  it('with a fact id alone, finds posts stating that fact with its figure', () => {
    expect(
      repeats({ factId: 'returns' }, [
        ['30 days to return it, nice', 'en'],
        ['Devolución en 30 días', 'es'],
        ['Returns are easy', 'en'],
        ['60-day returns!', 'en'],
      ]),
    ).toEqual(['claim', 'claim', null, null]);
  });

  it('still finds the old figure after the brief is fixed', () => {
    const wrong = describeWrongClaim(compiled, { factId: 'returns' });
    const fixed = compileBrandBrief({
      ...brief,
      facts: brief.facts.map((f) =>
        f.id === 'returns' ? { ...f, quantities: [{ value: 14, unit: 'day' as const, markets: [] }] } : f,
      ),
    });
    const scan = compileWrongClaim(fixed, JSON.parse(JSON.stringify(wrong)) as typeof wrong);
    expect(findClaimRepeat(scan, { text: '30-day returns!', language: 'en' })?.verdict).toBe('contradicted');
    expect(findClaimRepeat(scan, { text: '14-day returns.', language: 'en' })).toBeUndefined();
  });

  it('matches a claim no fact covers by its wording', () => {
    expect(
      repeats({ claimText: 'boils in 20 seconds' }, [
        ['Mine boils in 20 seconds flat', 'en'],
        ['boils in 20 SECONDS!!', 'en'],
        ['It boils quickly', 'en'],
      ]),
    ).toEqual(['wording', 'wording', null]);
  });
});

describe('assessClaimRepeat', () => {
  it('says when a post states the fact otherwise, so a near-duplicate with the right figure is not a repeat', () => {
    const wrong = compileWrongClaim(compiled, describeWrongClaim(compiled, { claimText: '60-day returns' }));
    const differs = (text: string) => assessClaimRepeat(wrong, { text, language: 'en' }).differs;
    expect(differs('Returns within 30 days, great')).toBe(true);
    expect(differs('Returns are easy, I sent it back')).toBe(false);
    expect(differs('Returns within 60 d… #story')).toBe(false);
  });
});

describe('renderCorrectionNotice', () => {
  it.each([
    ['en', /approved wording is: "30-day returns\."/],
    ['es', /texto aprobado es: «Devolución en 30 días\.»/],
    ['sv', /godkända formuleringen är: ”30 dagars öppet köp\.”/],
    ['fi', /approved wording/],
  ])('speaks %s', (language, pattern) => {
    const notice = renderCorrectionNotice(language, {
      brand: 'Nordvik',
      advocateName: 'Ana',
      posts: 2,
      correction: brief.facts[0]!.text[language] ?? brief.facts[0]!.text.en!,
      claim: '60-day returns',
    });
    expect(notice.body).toMatch(pattern);
    expect(notice.body).toContain('Ana');
    expect(notice.language).toBe(language === 'fi' ? 'en' : language);
  });
});
