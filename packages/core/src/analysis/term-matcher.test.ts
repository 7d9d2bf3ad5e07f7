import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { INTENT_CUES } from './lexicons/intent.lexicon.ts';
import { SENTIMENT_LEXICONS } from './lexicons/sentiment.lexicon.ts';
import { compileTerms, matchTerms, type TermMatcher } from './term-matcher.ts';
import { tokenize } from './tokenize.ts';

const matcher = compileTerms<string>([
  ['still waiting', 'phrase'],
  ['delay*', 'stem'],
  ['pésimo', 'accent'],
  ['on hold', 'phrase2'],
  ['on', 'word'],
]);

describe('matchTerms', () => {
  it.each([
    ['Still waiting on hold', ['still waiting:phrase', 'on hold:phrase2']],
    ['flight DELAYED twice', ['delayed:stem']],
    ['servicio pesimo', ['pesimo:accent']],
    ['turn it on', ['on:word']],
    ['nothing here', []],
  ])('%s', (text, expected) => {
    expect(
      matchTerms(matcher, tokenize(text).tokens).map((m) => `${m.text.toLowerCase()}:${m.payload}`),
    ).toEqual(expected);
  });
});

describe('matchTerms key filters', () => {
  // Real lexicons: words, stems, accents and phrases of all three languages.
  const terms = [
    ...Object.keys(SENTIMENT_LEXICONS.en.valence),
    ...Object.keys(SENTIMENT_LEXICONS.es.service),
    ...Object.keys(SENTIMENT_LEXICONS.sv.valence),
    ...Object.values(INTENT_CUES).flat(),
  ];
  const lexicon = compileTerms(terms.map((term, i) => [term, i] as const));
  // The same maps with filters that let every word through: matching as before the filters existed.
  const unfiltered: TermMatcher<number> = {
    ...lexicon,
    firstFilter: new Uint32Array(lexicon.firstFilter.length).fill(0xffffffff),
    stemFilter: new Uint32Array(lexicon.stemFilter.length).fill(0xffffffff),
  };
  const words = terms.flatMap((term) => term.replace(/\*/g, 'ing').split(' '));
  const word = fc.oneof(
    fc.constantFrom(...words),
    fc.constantFrom(...words).map((w) => w.toUpperCase()),
    fc.constantFrom(...words).map((w) => w.normalize('NFD').replace(/\p{M}/gu, '')),
    fc.string({ maxLength: 8 }),
  );

  it('find exactly what an unfiltered lookup finds', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (list) => {
        const { tokens } = tokenize(list.join(' '));
        expect(matchTerms(lexicon, tokens)).toEqual(matchTerms(unfiltered, tokens));
      }),
      { numRuns: 500 },
    );
  });
});
