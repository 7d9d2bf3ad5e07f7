import { describe, expect, it } from 'vitest';
import {
  DRAFT_MATCH_THRESHOLD,
  draftTokens,
  matchPublishedPost,
  publicationDrift,
  textSimilarity,
  tokenChanges,
} from './draft-match.ts';

const approved = {
  id: 'd1',
  text: 'Reklam för Nordvik. Min nya vattenkokare kokar snabbt och har 30 dagars öppet köp! #MinNordvikBerättelse',
};
const other = {
  id: 'd2',
  text: '#ad My Nordvik Kettle Pro boils fast and switches itself off. 2-year warranty too. #MyNordvikStory',
};

describe('draftTokens', () => {
  it('folds case and accents, keeps figures, hashtags and mentions, drops links and emoji', () => {
    expect(draftTokens('Öppet KÖP 30 dagar 🎉 #Reklam @nordvik https://x.se/a?b=1 1,7 l')).toEqual([
      'oppet',
      'kop',
      '30',
      'dagar',
      '#reklam',
      '@nordvik',
      '1,7',
      'l',
    ]);
  });
});

describe('matchPublishedPost', () => {
  it.each([
    ['published exactly as approved', approved.text, 'd1', false],
    [
      'only emoji, a link and capitals added',
      `${approved.text.toUpperCase()} 🎉🎉 https://nordvik.se/k`,
      'd1',
      false,
    ],
    ['figure changed after approval', approved.text.replace('30 dagars', '60 dagars'), 'd1', true],
    ['disclosure removed after approval', approved.text.replace('Reklam för Nordvik. ', ''), 'd1', true],
    ['the other draft, a sentence added', `${other.text} Best kettle ever!`, 'd2', true],
  ])('%s', (_name, text, draftId, edited) => {
    const match = matchPublishedPost(text, [approved, other]);
    expect(match?.draftId).toBe(draftId);
    expect(match?.edited).toBe(edited);
    expect(match!.similarity).toBeGreaterThanOrEqual(DRAFT_MATCH_THRESHOLD);
  });

  it('names the changed words as evidence', () => {
    const match = matchPublishedPost(approved.text.replace('30 dagars', '60 dagars'), [approved]);
    expect(match?.changes).toEqual({ added: ['60'], removed: ['30'] });
  });

  it('finds no draft for a post that was never approved', () => {
    expect(
      matchPublishedPost('Tried the competitor kettle today, it leaks everywhere. Not impressed.', [
        approved,
        other,
      ]),
    ).toBeUndefined();
  });

  it('finds no draft when there is none, or the post is empty', () => {
    expect(matchPublishedPost(approved.text, [])).toBeUndefined();
    expect(matchPublishedPost('🎉', [approved])).toBeUndefined();
  });
});

describe('textSimilarity and tokenChanges', () => {
  it('is 1 for the same words and falls with the share of changed text', () => {
    expect(textSimilarity('Hello World!', 'hello, world')).toBe(1);
    const small = textSimilarity(approved.text, approved.text.replace('snabbt', 'fort'));
    const large = textSimilarity(approved.text, 'Kokar snabbt. #MinNordvikBerättelse');
    expect(small).toBeGreaterThan(large);
    expect(small).toBeLessThan(1);
  });

  it('lists added and removed words in order', () => {
    expect(tokenChanges(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual({
      added: ['x', 'e'],
      removed: ['b'],
    });
  });
});

describe('publicationDrift', () => {
  const ok = { required: true, present: true, ok: true };
  it.each([
    ['disclosure removed', ok, { required: true, present: false, ok: false }, true, false],
    ['disclosure moved to the end', ok, { required: true, present: true, ok: false }, false, true],
    ['unchanged', ok, ok, false, false],
  ])('%s', (_name, before, after, removed, moved) => {
    const drift = publicationDrift({ disclosure: before, claims: [] }, { disclosure: after, claims: [] });
    expect([drift.disclosureRemoved, drift.disclosureMoved]).toEqual([removed, moved]);
  });

  it('reports contradicted claims the approved draft did not make', () => {
    const drift = publicationDrift(
      { disclosure: ok, claims: [{ verdict: 'supported', factId: 'returns', text: '30-day returns' }] },
      {
        disclosure: ok,
        claims: [
          { verdict: 'contradicted', factId: 'returns', text: '60-day returns' },
          { verdict: 'supported', factId: 'warranty', text: '2-year warranty' },
        ],
      },
    );
    expect(drift.contradictedClaimsAdded).toEqual(['60-day returns']);
  });
});
