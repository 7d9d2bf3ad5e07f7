import { describe, expect, it } from 'vitest';
import { compileTerms, matchTerms } from './term-matcher.ts';
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
