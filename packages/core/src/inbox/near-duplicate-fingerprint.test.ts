import { describe, expect, it } from 'vitest';
import {
  createMinHashSeeds,
  minHashSignature,
  normaliseForNearDuplicate,
  shingleHashes,
  signatureSimilarity,
} from './near-duplicate-fingerprint.ts';

describe('normaliseForNearDuplicate', () => {
  it.each([
    ['RT @maria_g: My order #123 never ARRIVED!!! https://t.co/abc', 'my order 0 never arrived'],
    ['@Brand   ¿Dónde está mi pedido? 😡😡', 'donde esta mi pedido'],
    ['Väntat i 45 min på kundtjänst 👍🏽 www.example.se/x', 'vantat i 0 min pa kundtjanst'],
    ['fish &amp; chips', 'fish chips'],
    ['🔥🔥', ''],
  ])('%s → %s', (input, expected) => {
    expect(normaliseForNearDuplicate(input)).toBe(expected);
  });
});

describe('MinHash signature', () => {
  const seeds = createMinHashSeeds(7, 128);
  const sig = (text: string): Uint16Array =>
    minHashSignature(shingleHashes(normaliseForNearDuplicate(text), { kind: 'char', size: 3 }, text), seeds);
  const similarity = (a: string, b: string): number => signatureSimilarity(sig(a), 0, sig(b), 0, 128);

  it('is deterministic for a seed and differs between seeds', () => {
    expect([...createMinHashSeeds(7, 4)]).toEqual([...createMinHashSeeds(7, 4)]);
    expect([...createMinHashSeeds(7, 4)]).not.toEqual([...createMinHashSeeds(8, 4)]);
  });

  it.each([
    [
      'identical after normalisation',
      'RT @x: My parcel is lost again',
      'my parcel is lost again!!! 😡',
      1,
      1,
    ],
    [
      'one word changed',
      'my parcel from last week is lost again and nobody answers',
      'my parcel from last week is missing again and nobody answers',
      0.6,
      0.95,
    ],
    [
      'different complaints',
      'my parcel from last week is lost again',
      'the app crashes every time I log in',
      0,
      0.15,
    ],
  ])('%s', (_, a, b, min, max) => {
    const s = similarity(a, b);
    expect(s).toBeGreaterThanOrEqual(min);
    expect(s).toBeLessThanOrEqual(max);
  });

  it('keeps different emoji-only posts apart and identical ones together', () => {
    expect(similarity('🔥🔥', '🔥🔥')).toBe(1);
    expect(similarity('🔥🔥', '😭')).toBeLessThan(0.1);
  });

  it('uses word shingles when asked', () => {
    expect(shingleHashes('a b c', { kind: 'word', size: 2 })).toHaveLength(2);
    expect(shingleHashes('a', { kind: 'word', size: 2 })).toHaveLength(1);
  });
});
