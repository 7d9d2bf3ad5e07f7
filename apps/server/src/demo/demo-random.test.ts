import { describe, expect, it } from 'vitest';
import { DemoRandom } from './demo-random.ts';

describe('DemoRandom', () => {
  it('repeats for a seed and differs between nearby seeds', () => {
    const draw = (seed: number): number[] => {
      const r = new DemoRandom(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = new DemoRandom(9);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]! += 1;
    }
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('draws integers inclusive of both ends, and weighted keys by weight', () => {
    const r = new DemoRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(r.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted({ a: 3, b: 1 }) === 'a') a++;
    expect(a / 10_000).toBeCloseTo(0.75, 1);
  });

  it('forks independent streams deterministically', () => {
    expect(new DemoRandom(5).fork(1).next()).toBe(new DemoRandom(5).fork(1).next());
    expect(new DemoRandom(5).fork(1).next()).not.toBe(new DemoRandom(5).fork(2).next());
  });
});
