import { describe, expect, it } from 'vitest';
import { normaliseForNearDuplicate, signatureSimilarity } from './near-duplicate-fingerprint.ts';
import { nearDuplicateFingerprint, nearDuplicateFingerprintOfNormalised } from './near-duplicate-lsh.ts';

const shared = (a: number[], b: number[]): number => a.filter((k, i) => b[i] === k).length;

describe('nearDuplicateFingerprint', () => {
  it('gives a retweet the same band keys and a different post almost none', () => {
    const base = nearDuplicateFingerprint('My Nordvik kettle leaks after two days, what do I do?', 'en');
    const rt = nearDuplicateFingerprint(
      'RT @ana: My Nordvik kettle leaks after two days, what do I do? https://t.co/x',
      'en',
    );
    const other = nearDuplicateFingerprint('Loving the new colours of the Nordvik range this spring', 'en');
    expect(base.bandKeys).toHaveLength(32);
    expect(rt.bandKeys).toEqual(base.bandKeys);
    expect(shared(base.bandKeys, other.bandKeys)).toBeLessThan(2);
    expect(signatureSimilarity(base.signature, 0, other.signature, 0, 128)).toBeLessThan(0.3);
  });

  it('keeps languages apart even for the same text', () => {
    const en = nearDuplicateFingerprint('Nordvik Kettle Pro', 'en');
    const sv = nearDuplicateFingerprint('Nordvik Kettle Pro', 'sv');
    expect(shared(en.bandKeys, sv.bandKeys)).toBe(0);
    expect(signatureSimilarity(en.signature, 0, sv.signature, 0, 128)).toBe(1);
  });

  it.each([
    ['RT @ana: My kettle leaks after 2 days https://t.co/x', 'en'],
    ['¿Dónde está mi pedido? 😡', 'es'],
    ['🔥🔥', 'sv'],
    ['  😭 ', 'en'],
    ['', 'en'],
  ])('is the same from the normalised text: %s', (text, language) => {
    const fromNormalised = nearDuplicateFingerprintOfNormalised(
      normaliseForNearDuplicate(text),
      text,
      language,
    );
    const direct = nearDuplicateFingerprint(text, language);
    expect([...fromNormalised.signature]).toEqual([...direct.signature]);
    expect(fromNormalised.bandKeys).toEqual(direct.bandKeys);
  });
});
