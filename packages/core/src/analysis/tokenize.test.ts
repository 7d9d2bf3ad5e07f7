import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitHashtag, tokenize, tokenizeByPattern } from './tokenize.ts';

describe('tokenize', () => {
  it.each([
    [
      '@united delayed AGAIN #fail http://t.co/x :(',
      ['mention', 'word', 'word', 'hashtag', 'url', 'emoticon'],
    ],
    ['¿Por qué? 😡😡', ['punct', 'word', 'word', 'punct', 'emoji', 'emoji']],
    ["don't know, 3.5 hours", ['word', 'word', 'punct', 'number', 'word']],
  ])('%s', (text, kinds) => {
    expect(tokenize(text).tokens.map((t) => t.kind)).toEqual(kinds);
  });

  it('cuts elongation, folds accents and flags shouting', () => {
    const [sooo, pesimo, terrible] = tokenize('sooo pésimo TERRIBLE').tokens;
    expect(sooo).toMatchObject({ norm: 'soo', squeezed: 'so', elongated: true });
    expect(pesimo).toMatchObject({ norm: 'pésimo', folded: 'pesimo', elongated: false });
    expect(terrible).toMatchObject({ norm: 'terrible', shouted: true });
  });

  it('splits camel-case hashtags', () => {
    expect(splitHashtag('#EpicFail')).toEqual(['epic', 'fail']);
    expect(splitHashtag('#neveragain')).toEqual(['neveragain']);
  });
});

describe('tokenize plain-word fast path', () => {
  // Characters where the fast path hands over to the pattern, or must stop exactly where it would.
  const pieces = [
    'sooo',
    'NOOO',
    'Hej',
    'väntar',
    'ÅÄÖ',
    'Ñandú',
    'naïve',
    'a1b2',
    'abc123',
    'x',
    'xD',
    'XDD',
    't_t',
    'T_T',
    'http://t.co/x',
    'https://a.b',
    'http',
    'httpx',
    'www.x.se',
    'www',
    'wow',
    "don't",
    'don’t',
    "l'amour",
    '8)',
    '83',
    ':)',
    '(:',
    '<3',
    '^_^',
    '-_-',
    '@brand',
    '#EpicFail',
    '#123',
    '12,5',
    '€3',
    'ª',
    'º',
    'µ',
    '²',
    '×',
    '÷',
    'e\u0301',
    '😡',
    '👍🏽',
    '🇸🇪',
    '...',
    '…',
    '!',
    '¿',
    '?',
    ',',
    '.',
    ';',
    ':',
    '-',
    '_',
    '/',
    '"',
    ' ',
    '\n',
    '\t',
    '\r',
    '\u00a0',
    '\u2028',
  ];
  const text = fc.oneof(
    fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')),
    fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(' ')),
    fc.string({ maxLength: 120 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );

  it('finds exactly the tokens the pattern alone finds', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenize(t)).toEqual(tokenizeByPattern(t));
      }),
      { numRuns: 3000 },
    );
  });
});
