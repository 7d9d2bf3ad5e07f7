import { describe, expect, it } from 'vitest';
import type { BrandBrief } from './brief.types.ts';
import { checkBrandPost, compileBrandBrief, ISSUE_MESSAGE_KEYS, localizeBrandCheck } from './brand-check.ts';
import {
  FINDING_CATALOGUES,
  FINDING_LANGUAGES,
  FINDING_MESSAGE_PARAMS,
  findingLanguage,
  renderFinding,
  type FindingMessageKey,
} from './finding-messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const KEYS = Object.keys(FINDING_MESSAGE_PARAMS) as FindingMessageKey[];

describe('finding catalogues', () => {
  it.each(FINDING_LANGUAGES)('%s says every finding message with exactly its parameters', (language) => {
    const catalogue: Record<string, string> = FINDING_CATALOGUES[language];
    expect(Object.keys(catalogue).sort()).toEqual([...KEYS].sort());
    const problems = KEYS.flatMap((key) => {
      const text = catalogue[key];
      if (text === undefined || text.trim() === '') return [`${key}: missing`];
      const wanted = [...FINDING_MESSAGE_PARAMS[key]].sort();
      return JSON.stringify(placeholders(text)) === JSON.stringify(wanted) ? [] : [`${key}: ${text}`];
    });
    expect(problems).toEqual([]);
  });

  it.each(['es', 'sv'] as const)('%s translates every message rather than copying English', (language) => {
    expect(KEYS.filter((key) => FINDING_CATALOGUES[language][key] === FINDING_CATALOGUES.en[key])).toEqual(
      [],
    );
  });

  it('gives every issue code a message in every language', () => {
    const codes = Object.keys(ISSUE_MESSAGE_KEYS) as (keyof typeof ISSUE_MESSAGE_KEYS)[];
    expect(codes.length).toBeGreaterThanOrEqual(11);
    for (const code of codes) {
      expect(ISSUE_MESSAGE_KEYS[code].length, code).toBeGreaterThan(0);
      for (const key of ISSUE_MESSAGE_KEYS[code])
        for (const language of FINDING_LANGUAGES)
          expect(FINDING_CATALOGUES[language][key], `${code} ${language}`).toBeTruthy();
    }
  });

  it('names the claim cue and fills an issue’s reason in the same language', () => {
    expect(renderFinding('es', 'claim.cueNotOnSheet', { cue: 'superlative', words: 'el mejor' })).toBe(
      'afirmación de tipo superlativo «el mejor» que no está en la ficha de datos',
    );
    expect(
      renderFinding(
        'sv',
        'issue.claimUnverified',
        { claim: 'Bäst i test' },
        { code: 'claim.cueNotOnSheet', params: { cue: 'superlative', words: 'Bäst' } },
      ),
    ).toBe(
      '”Bäst i test” finns inte i faktabladet: påstående av typen superlativ ”Bäst” finns inte i faktabladet',
    );
    expect(renderFinding('sv', 'no.such.code', {})).toBeUndefined();
    expect([
      findingLanguage('sv-SE'),
      findingLanguage('ES'),
      findingLanguage('de'),
      findingLanguage(null),
    ]).toEqual(['sv', 'es', 'en', 'en']);
  });
});

const brief: BrandBrief = {
  brand: 'Nordvik',
  languages: ['en', 'es', 'sv'],
  hashtags: [],
  defaultMarkets: { en: 'US', es: 'ES', sv: 'SE' },
  keyMessages: [
    { id: 'quiet', text: { en: 'Quiet.' }, keywords: { en: ['quiet'], es: ['silencios*'], sv: ['tyst*'] } },
  ],
  keyMessagesPerPost: 1,
  facts: [
    {
      id: 'returns',
      subject: 'returns policy',
      kind: 'returns',
      text: { en: '30-day returns.', es: 'Devolución en 30 días.', sv: '30 dagars öppet köp.' },
      keywords: { en: ['return*'], es: ['devoluci*'], sv: ['öppet köp'] },
      quantities: [{ value: 30, unit: 'day', markets: [] }],
      contradictions: {},
    },
  ],
  bannedClaims: [
    {
      id: 'never-breaks',
      phrases: { es: ['nunca se rompe'], sv: ['går aldrig sönder'] },
      reason: 'durability',
    },
  ],
  bannedPhrases: { es: ['barato'], sv: ['billig'] },
  tone: {
    formality: 'formal',
    profanity: 'forbid',
    aggressiveLanguage: 'forbid',
    extraProfanity: {},
    extraAggressive: {},
  },
  competitors: [{ name: 'Kettlo', handles: [], keywords: [] }],
  disclosure: { useDefaults: true, rules: [] },
};

describe('localizeBrandCheck', () => {
  const compiled = compileBrandBrief(brief);

  it('says every claim, disclosure and issue in Spanish and Swedish, codes unchanged', () => {
    for (const [language, text] of [
      ['es', 'Devolución en 60 días, el mejor hervidor, nunca se rompe y es barato, mejor que Kettlo.'],
      [
        'sv',
        'Öppet köp i 60 dagar, bästa vattenkokaren, går aldrig sönder och billig, bättre än Kettlo. #reklam',
      ],
    ] as const) {
      const check = checkBrandPost(compiled, { text, language, advocate: true });
      const said = localizeBrandCheck(check, language);
      expect(said.issues.map((i) => [i.code, i.messageCode])).toEqual(
        check.issues.map((i) => [i.code, i.messageCode]),
      );
      const codes = new Set(said.issues.map((i) => i.code));
      for (const code of [
        'CLAIM_CONTRADICTED',
        'CLAIM_UNVERIFIED',
        'BANNED_CLAIM',
        'BANNED_PHRASE',
        'COMPETITOR_MENTION',
      ])
        expect(codes, `${language} ${code}`).toContain(code);
      expect(codes.has('DISCLOSURE_MISPLACED') || codes.has('DISCLOSURE_MISSING'), language).toBe(true);
      said.issues.forEach((issue, i) => {
        expect(issue.message, issue.code).not.toBe(check.issues[i]!.message);
        expect(issue.message).not.toMatch(
          /\{\w+\}|contradicts|is not on the fact sheet|banned|disclosure|competitor/,
        );
      });
      for (const claim of said.claims)
        expect(claim.evidence.reason).not.toMatch(/approved|fact sheet|differs/);
      expect(said.disclosure.evidence.reason).not.toMatch(/disclosure/);
    }
  });

  it('says a contradicted claim with its approved wording and a missing disclosure in Swedish', () => {
    const check = checkBrandPost(compiled, { text: 'Öppet köp i 60 dagar!', language: 'sv', advocate: true });
    const said = localizeBrandCheck(check, 'sv');
    expect(said.issues.map((i) => i.message).slice(0, 2)).toEqual([
      '”Öppet köp i 60 dagar” motsäger faktumet returns: godkänd formulering ”30 dagars öppet köp.”',
      'reklammärkning saknas (SE): ingen av Reklam, #reklam, Annons, #annons hittades',
    ]);
    expect(check.issues.map((i) => i.message).slice(0, 2)).toEqual([
      '"Öppet köp i 60 dagar" contradicts fact returns: approved wording "30 dagars öppet köp."',
      'SE: none of Reklam, #reklam, Annons, #annons found',
    ]);
  });

  it('leaves English as the check said it', () => {
    const check = checkBrandPost(compiled, { text: '60-day returns!', language: 'en', advocate: true });
    expect(localizeBrandCheck(check, 'en')).toBe(check);
    expect(localizeBrandCheck(check, 'de')).toBe(check);
  });
});
