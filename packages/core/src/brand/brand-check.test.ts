import { describe, expect, it } from 'vitest';
import type { BrandBrief } from './brief.types.ts';
import { checkBrandPost, compileBrandBrief } from './brand-check.ts';
import { extractQuantities } from './quantity-extractor.ts';
import { foldKeepingOffsets } from './phrase-matcher.ts';

const brief: BrandBrief = {
  brand: 'Nordvik',
  languages: ['en', 'es', 'sv'],
  hashtags: ['#MyNordvikStory'],
  defaultMarkets: { en: 'US', es: 'ES', sv: 'SE' },
  keyMessages: [
    {
      id: 'recycled',
      text: { en: 'Made with recycled steel.' },
      keywords: { en: ['recycl*'], es: ['reciclad*'], sv: ['återvun*'] },
    },
  ],
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
      id: 'warranty',
      subject: 'warranty',
      kind: 'warranty',
      text: { en: '2-year warranty.' },
      keywords: { en: ['warrant*'], es: ['garantía'], sv: ['*garanti'] },
      quantities: [{ value: 2, unit: 'year', markets: [] }],
      contradictions: {},
    },
    {
      id: 'recycled',
      subject: 'recycled steel',
      kind: 'environmental',
      text: { en: '80 % recycled steel.' },
      keywords: { en: ['recycl*'], es: ['reciclad*'], sv: ['återvun*'] },
      quantities: [{ value: 80, unit: 'percent', markets: [] }],
      contradictions: {},
    },
    {
      id: 'price',
      subject: 'price',
      kind: 'price',
      text: { en: '79 EUR.' },
      keywords: { en: ['price*', 'cost*'], es: ['precio', 'cuesta'], sv: ['pris*', 'kostar'] },
      quantities: [
        { value: 79, unit: 'EUR', markets: [] },
        { value: 899, unit: 'SEK', markets: ['SE'] },
      ],
      contradictions: {},
    },
    {
      id: 'safety',
      subject: 'lid safety',
      kind: 'safety',
      text: { en: 'The lid does not explode.', es: 'La tapa no explota.' },
      keywords: { en: ['safe'], es: ['segura'], sv: ['säker'] },
      quantities: [],
      contradictions: {
        en: ['explode*', 'overheat*'],
        es: ['explot*', 'recalent*'],
        sv: ['exploder*', 'överhett*'],
      },
    },
    {
      id: 'bpa',
      subject: 'BPA-free',
      kind: 'health',
      text: { en: 'BPA-free.' },
      keywords: { en: ['bpa-free'], es: ['sin bpa'], sv: ['bpa-fri*'] },
      quantities: [],
      contradictions: { en: ['contains bpa'], es: ['contiene bpa'], sv: ['innehåller bpa'] },
    },
  ],
  bannedClaims: [
    {
      id: 'fully-recycled',
      factId: 'recycled',
      phrases: { en: ['100% recycled'], es: ['totalmente reciclad*'], sv: ['helt återvun*'] },
    },
    {
      id: 'never-breaks',
      phrases: { en: ['never breaks'], es: ['nunca se rompe'], sv: ['går aldrig sönder'] },
    },
  ],
  bannedPhrases: { en: ['cheap'], es: ['barato'], sv: ['billig'] },
  tone: {
    formality: 'neutral',
    profanity: 'forbid',
    aggressiveLanguage: 'forbid',
    extraProfanity: {},
    extraAggressive: {},
  },
  competitors: [{ name: 'Kettlo', handles: ['@kettlo'], keywords: [] }],
  disclosure: { useDefaults: true, rules: [] },
};
const compiled = compileBrandBrief(brief);
const check = (text: string, language: string, extra: { market?: string; advocate?: boolean } = {}) =>
  checkBrandPost(compiled, { text, language, ...extra });

describe('extractQuantities', () => {
  it.each([
    ['30-day returns', [30, 30, 'day', 'eq', false]],
    ['thirty days', [30, 30, 'day', 'eq', false]],
    ['treinta y cinco días', [35, 35, 'day', 'eq', false]],
    ['trettiofem dagar', [35, 35, 'day', 'eq', false]],
    ['en hel månad', [1, 1, 'month', 'eq', false]],
    ['5-årsgaranti', [5, 5, 'year', 'eq', false]],
    ['between 14 and 30 days', [14, 30, 'day', 'eq', false]],
    ['entre 70 y 80 euros', [70, 80, 'EUR', 'eq', false]],
    ['about 80 €', [80, 80, 'EUR', 'eq', true]],
    ['at least 3 years', [3, 3, 'year', 'ge', false]],
    ['under ett halvt kilo', [0.5, 0.5, 'kilogram', 'lt', false]],
    ['1 299 kr', [1299, 1299, 'SEK', 'eq', false]],
    ['699:-', [699, 699, 'SEK', 'eq', false]],
    ['$69', [69, 69, 'USD', 'eq', false]],
    ['20.000 mm', [20000, 20000, 'millimetre', 'eq', false]],
    ['1,7 litros', [1.7, 1.7, 'litre', 'eq', false]],
    ['80 procent', [80, 80, 'percent', 'eq', false]],
  ])('reads "%s"', (text, [low, high, unit, comparator, approximate]) => {
    const [q] = extractQuantities(text, foldKeepingOffsets(text), 'SE');
    expect(q && [q.low, q.high, q.unit, q.comparator, q.approximate]).toEqual([
      low,
      high,
      unit,
      comparator,
      approximate,
    ]);
  });

  it('ignores numbers without a unit and lone articles', () => {
    expect(extractQuantities('10/10 a great kettle', foldKeepingOffsets('10/10 a great kettle'))).toEqual([]);
  });
});

describe('claim check', () => {
  it.each([
    ['en', '30-day returns, no questions asked', 'supported', 'returns'],
    ['en', 'You get 60 days to return it', 'contradicted', 'returns'],
    ['es', 'Tienes sesenta días para devolverla', 'contradicted', 'returns'],
    ['sv', '60 dagars öppet köp', 'contradicted', 'returns'],
    ['sv', 'Trettio dagars öppet köp', 'supported', 'returns'],
    ['en', 'A 24-month warranty', 'supported', 'warranty'],
    ['es', 'Garantía de tres años', 'contradicted', 'warranty'],
    ['en', 'Lifetime warranty!', 'contradicted', 'warranty'],
    ['en', 'Made from 100% recycled steel', 'contradicted', 'recycled'],
    ['en', "It's not 100% recycled", 'supported', 'recycled'],
    ['es', 'Totalmente reciclada', 'contradicted', 'recycled'],
    ['sv', 'Ungefär 80 % återvunnet stål', 'supported', 'recycled'],
    ['es', 'La tapa explota', 'contradicted', 'safety'],
    ['en', 'The lid does NOT explode', 'supported', 'safety'],
    ['sv', 'Locket exploderar inte', 'supported', 'safety'],
    ['es', 'Los rumores de que explota son falsos', 'supported', 'safety'],
    ['en', 'It contains BPA-free plastic only', 'supported', 'bpa'],
    ['sv', 'Den innehåller BPA', 'contradicted', 'bpa'],
    ['en', 'It is not BPA-free', 'contradicted', 'bpa'],
    ['es', 'No admite devoluciones', 'contradicted', 'returns'],
    ['en', 'Got it for 59 €', 'contradicted', 'price'],
    ['sv', 'Kostar 899 kr', 'supported', 'price'],
  ])('%s: "%s" is %s (%s)', (language, text, verdict, factId) => {
    const { claims } = check(text, language);
    expect(claims.map((c) => [c.verdict, c.factId])).toEqual([[verdict, factId]]);
    expect(claims[0]!.evidence.matched.length).toBeGreaterThan(0);
  });

  it.each([
    ['en', 'The best kettle ever'],
    ['es', 'Hierve en menos de dos minutos'],
    ['sv', 'Den går aldrig sönder'],
  ])('%s: "%s" is an unverified claim', (language, text) => {
    expect(check(text, language).claims.map((c) => [c.verdict, c.factId])).toEqual([['unverified', null]]);
  });

  it.each([
    ['en', 'Is it really BPA-free?'],
    ['es', '¿Es verdad que la tapa explota?'],
    ['sv', 'Har haft den i tre veckor, inga problem.'],
    ['en', 'Love it so much'],
  ])('%s: "%s" makes no claim', (language, text) => {
    expect(check(text, language).claims).toEqual([]);
  });

  it('splits two claims in one sentence and checks each', () => {
    const { claims } = check('2-year warranty and 60-day returns', 'en');
    expect(claims.map((c) => [c.text, c.verdict, c.factId])).toEqual([
      ['2-year warranty', 'supported', 'warranty'],
      ['60-day returns', 'contradicted', 'returns'],
    ]);
  });

  it('reports banned claims as issues unless negated', () => {
    expect(check('It never breaks', 'en').issues.map((i) => i.code)).toContain('BANNED_CLAIM');
    expect(check('Not 100% recycled, but close', 'en').issues.map((i) => i.code)).not.toContain(
      'BANNED_CLAIM',
    );
  });
});

describe('disclosure', () => {
  it.each([
    ['US #ad first', '#ad 30-day returns', 'US', true, true],
    ['US #ad after 125 characters', `${'Love this kettle so much. '.repeat(6)}#ad`, 'US', true, false],
    ['US missing', 'Love this kettle', 'US', false, false],
    ['SE Reklam at the start', 'Reklam för Nordvik: snygg', 'SE', true, true],
    ['SE #reklam at the end', 'Snygg vattenkokare! #reklam', 'SE', true, false],
    ['SE #ad is not enough', '#ad Snygg vattenkokare', 'SE', false, false],
    ['ES Publicidad early', 'Publicidad | Me encanta', 'ES', true, true],
    ['GB Ad at the start', 'Ad | Great kettle', 'GB', true, true],
    ['DE Werbung', 'Werbung: toller Wasserkocher', 'DE', true, true],
    ['NO Reklame at the end', 'Fin vannkoker. Reklame', 'NO', true, false],
  ])('%s', (_name, text, market, present, ok) => {
    const { disclosure } = check(text, 'en', { market, advocate: true });
    expect([disclosure.market, disclosure.required, disclosure.present, disclosure.ok]).toEqual([
      market,
      true,
      present,
      ok,
    ]);
  });

  it('requires nothing of a customer post', () => {
    expect(check('Love it', 'en', { market: 'US' }).disclosure).toMatchObject({
      required: false,
      present: false,
      ok: true,
    });
  });

  it('lets the brief replace a market default', () => {
    const strict = compileBrandBrief({
      ...brief,
      disclosure: { useDefaults: true, rules: [{ market: 'US', tags: ['#ad'], placement: 'start' }] },
    });
    const result = checkBrandPost(strict, {
      text: 'Loving my new kettle from Nordvik today #ad',
      market: 'US',
      advocate: true,
    });
    expect([result.disclosure.present, result.disclosure.ok]).toEqual([true, false]);
  });
});

describe('on-message score', () => {
  it('gives full marks to a clean post that carries a key message', () => {
    expect(check('Made with recycled steel and I love it', 'en').onMessage).toMatchObject({
      score: 1,
      issues: [],
    });
  });

  it.each([
    [
      'en',
      'This shit is cheap, Kettlo is garbage',
      ['BANNED_PHRASE', 'PROFANITY', 'AGGRESSIVE_LANGUAGE', 'COMPETITOR_MENTION'],
    ],
    ['es', 'Es barato, joder', ['BANNED_PHRASE', 'PROFANITY']],
    ['sv', 'Håll käften @kettlo', ['AGGRESSIVE_LANGUAGE', 'COMPETITOR_MENTION']],
  ])('%s: "%s" loses points with evidence', (language, text, codes) => {
    const { onMessage } = check(text, language);
    const found = onMessage.issues.map((i) => i.code).filter((c) => c !== 'KEY_MESSAGE_MISSING');
    expect(found).toEqual(codes);
    expect(onMessage.score).toBeLessThan(0.5);
    for (const issue of onMessage.issues) expect(issue.evidence.length).toBeGreaterThan(0);
  });

  it('does not read the English "fan" as Swedish profanity', () => {
    expect(check("I'm a huge fan of this kettle", 'en').onMessage.issues.map((i) => i.code)).not.toContain(
      'PROFANITY',
    );
  });
});

describe('regressions', () => {
  it('keeps the ":-" of a Swedish price when a clause ends on it', () => {
    const { claims } = check('Fick den för 699:- och är nöjd', 'sv', { market: 'SE' });
    expect(claims.map((c) => [c.verdict, c.factId])).toEqual([['contradicted', 'price']]);
  });
});
