import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.ts';

describe('createSeededRandom', () => {
  it('repeats the same stream for the same seed and differs for another seed', () => {
    const first = createSeededRandom(42);
    const again = createSeededRandom(42);
    const other = createSeededRandom(43);
    const a = Array.from({ length: 5 }, first);
    expect(Array.from({ length: 5 }, again)).toEqual(a);
    expect(Array.from({ length: 5 }, other)).not.toEqual(a);
  });

  it('is uniform on [0, 1): mean, variance and decile counts', () => {
    const random = createSeededRandom(7);
    const n = 200_000;
    const deciles = new Array<number>(10).fill(0);
    let sum = 0;
    let sumSquares = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = random();
      if (u < 0 || u >= 1) outOfRange += 1;
      sum += u;
      sumSquares += u * u;
      deciles[Math.floor(u * 10)]! += 1;
    }
    expect(outOfRange).toBe(0);
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSquares / n - mean * mean).toBeCloseTo(1 / 12, 3);
    // Chi-square with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    const chiSquare = deciles.reduce((acc, count) => acc + (count - n / 10) ** 2 / (n / 10), 0);
    expect(chiSquare).toBeLessThan(27.9);
  });
});
