import { describe, expect, it } from 'vitest';
import { DemoRandom } from './demo-random.ts';
import { fillTemplate, roughen, tidySpaces } from './demo-text.ts';
import { EN_PHRASES } from './phrases/en.ts';
import { ES_PHRASES } from './phrases/es.ts';
import type { PhraseBook } from './phrases/phrase-book.ts';
import { SV_PHRASES } from './phrases/sv.ts';

const BOOKS: PhraseBook[] = [EN_PHRASES, ES_PHRASES, SV_PHRASES];
const GENERATOR_VALUES = { email: 'a@example.com', phone: '555-0100', order: 'ORD-12345678' };

function everyTemplate(book: PhraseBook): string[] {
  return [
    ...Object.values(book.conversation).flat(),
    ...Object.values(book.personalData).flat(),
    ...Object.values(book.brandReplies).flat(),
    ...book.competitorReplies,
    ...book.launchPosts,
    ...book.advocate.correct,
    ...Object.values(book.advocate.wrong).flat(),
    book.crisis.origin,
    ...book.crisis.copies,
    ...book.crisis.angry,
    ...book.crisis.questions,
    ...book.crisis.skeptic,
    ...book.crisis.brandReplies,
    book.crisis.brandStatement,
  ];
}

describe('phrase books', () => {
  it.each(BOOKS.map((b) => [b.language, b] as const))(
    '%s: every template fills from its slots',
    (_, book) => {
      const rng = new DemoRandom(1);
      for (const template of everyTemplate(book)) {
        const text = fillTemplate(template, rng, book.slots, GENERATOR_VALUES);
        expect(text).not.toMatch(/[{}]/);
      }
    },
  );

  it.each(BOOKS.map((b) => [b.language, b] as const))(
    '%s: has enough templates per category for variety',
    (_, book) => {
      for (const [category, templates] of Object.entries(book.conversation)) {
        expect(templates.length, category).toBeGreaterThanOrEqual(4);
      }
    },
  );

  it('covers the same categories and slots in every language', () => {
    const keys = (b: PhraseBook): string => Object.keys(b.conversation).sort().join(',');
    expect(keys(ES_PHRASES)).toBe(keys(EN_PHRASES));
    expect(keys(SV_PHRASES)).toBe(keys(EN_PHRASES));
    for (const slot of Object.keys(EN_PHRASES.slots)) {
      expect(ES_PHRASES.slots[slot], `es ${slot}`).toBeDefined();
      expect(SV_PHRASES.slots[slot], `sv ${slot}`).toBeDefined();
    }
  });

  it.each([
    ['en', EN_PHRASES, /60-day|100% recycled|5-year warranty|never breaks/],
    ['es', ES_PHRASES, /60 días|100 ?% reciclado|5 años de garantía|no se rompe nunca/],
    ['sv', SV_PHRASES, /60 dagars|100 ?% återvunnet|5 års garanti|går aldrig sönder/],
  ] as const)('%s: wrong advocate claims say the wrong thing and correct ones do not', (_, book, wrong) => {
    for (const t of Object.values(book.advocate.wrong).flat()) expect(t).toMatch(wrong);
    for (const t of book.advocate.correct) expect(t).not.toMatch(wrong);
  });
});

describe('fillTemplate', () => {
  it('throws on a slot nobody can fill', () => {
    expect(() => fillTemplate('hello {nobody}', new DemoRandom(1), {})).toThrow(/nobody/);
  });

  it('fills generator values and tidies the spaces an empty slot leaves', () => {
    const text = fillTemplate(
      'mail {email} {pos} !',
      new DemoRandom(1),
      { pos: [''] },
      { email: 'x@example.com' },
    );
    expect(text).toBe('mail x@example.com!');
  });
});

describe('tidySpaces', () => {
  it.each([
    ['a  b', 'a b'],
    [' a b ', 'a b'],
    ['love it ,really', 'love it,really'],
  ])('%j → %j', (input, expected) => {
    expect(tidySpaces(input)).toBe(expected);
  });
});

describe('roughen', () => {
  const sample =
    'Still waiting on my Nordvik Kettle Pro, tracking has not moved in twelve days @nordvik #MyNordvikStory';

  it('never damages the brand, product, handles or hashtags', () => {
    const rng = new DemoRandom(3);
    for (let i = 0; i < 2000; i++) {
      const out = roughen(sample, rng, 'angry').toLowerCase();
      expect(out).toContain('nordvik kettle pro');
      expect(out).toContain('@nordvik');
      expect(out).toContain('#mynordvikstory');
    }
  });

  it('adds typos, lowercase and shouting in a minority of posts', () => {
    const rng = new DemoRandom(4);
    const outs = Array.from({ length: 4000 }, () => roughen(sample, rng, 'angry'));
    const changed = outs.filter((o) => o !== sample).length / outs.length;
    expect(changed).toBeGreaterThan(0.2);
    expect(changed).toBeLessThan(0.6);
    expect(outs.some((o) => o === o.toUpperCase())).toBe(true);
    expect(outs.some((o) => /\b[A-Z]{4,}\b/.test(o) && o !== o.toUpperCase())).toBe(true);
    expect(outs.some((o) => o === o.toLowerCase())).toBe(true);
  });

  it('does not shout when calm', () => {
    const rng = new DemoRandom(5);
    for (let i = 0; i < 2000; i++)
      expect(roughen('i love my new kettle', rng, 'calm')).not.toMatch(/[A-Z]{4,}/);
  });
});
