import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzePost } from './analyze-post.ts';

describe('analyzePost', () => {
  it('runs the whole chain with evidence on a Swedish complaint', () => {
    const result = analyzePost({
      text: '@SAS väskan kom aldrig fram och ingen svarar. Byter till Norwegian!',
      languageHints: ['sv', 'en'],
    });
    expect(result.language.language).toBe('sv');
    expect(result.sentiment.label).toBe('negative');
    expect(result.sentiment.evidence.length).toBeGreaterThan(0);
    expect(result.intents.map((i) => i.label)).toEqual(expect.arrayContaining(['complaint', 'churn_threat']));
    expect(result.aspects.map((a) => a.aspect)).toContain('delivery');
    expect(result.toxicity.toxic).toBe(false);
  });

  it('is deterministic and total on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const a = analyzePost({ text });
        expect(analyzePost({ text })).toEqual(a);
        expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
        expect(a.sentiment.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });
});
