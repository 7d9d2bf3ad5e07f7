import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strongest, sumPerSource } from './hashed-linear-model.ts';

describe('evidence helpers', () => {
  it('strongest gives what a filter, a stable sort and a slice give', () => {
    const weight = fc.oneof(
      fc.integer({ min: -4, max: 4 }).map((n) => n / 4),
      fc.double({ noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(weight, { maxLength: 30 }), fc.integer({ min: 0, max: 6 }), (weights, limit) => {
        const items = weights.map((_, i) => i);
        const expected = items
          .filter((i) => weights[i]! >= 0.25)
          .sort((a, b) => weights[b]! - weights[a]!)
          .slice(0, limit);
        expect(strongest(items, (i) => weights[i]!, 0.25, limit)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('sumPerSource sums per token in feature order, as a Map would', () => {
    const feature = fc.record({
      source: fc.integer({ min: -1, max: 12 }),
      weight: fc.double({ noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(feature, { maxLength: 40 }), (list) => {
        const features = {
          indices: list.map(() => 0),
          values: list.map(() => 1),
          sources: list.map((f) => f.source),
        };
        const expected = new Map<number, number>();
        for (const f of list)
          if (f.source >= 0) expected.set(f.source, (expected.get(f.source) ?? 0) + f.weight);
        const { sums, order } = sumPerSource(features, (f) => list[f]!.weight);
        expect(order).toEqual([...expected.keys()]);
        expect(order.map((i) => sums[i])).toEqual([...expected.values()]);
      }),
      { numRuns: 500 },
    );
  });
});
