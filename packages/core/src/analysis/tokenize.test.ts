import { describe, expect, it } from 'vitest';
import { splitHashtag, tokenize } from './tokenize.ts';

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
