// Weight tables are constants, so their totals are computed once.
const weightTables = new WeakMap<object, { entries: [string, number][]; total: number }>();

/**
 * A small seeded PRNG (mulberry32) with the draws the demo generator needs.
 * Deterministic across platforms: only 32-bit integer arithmetic and one division.
 */
export class DemoRandom {
  private state: number;

  constructor(seed: number) {
    // Mix the seed so that nearby seeds (1, 2, 3) give unrelated streams.
    let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('DemoRandom.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    let table = weightTables.get(weights);
    if (table === undefined) {
      const entries: [string, number][] = Object.entries<number>(weights);
      table = { entries, total: entries.reduce((sum, [, w]) => sum + w, 0) };
      weightTables.set(weights, table);
    }
    const entries = table.entries as [K, number][];
    let u = this.next() * table.total;
    for (const [key, w] of entries) {
      u -= w;
      if (u < 0) return key;
    }
    return (entries[entries.length - 1] as [K, number])[0];
  }

  /** Standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential draw with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A derived, independent generator (so one part of the stream does not shift another). */
  fork(label: number): DemoRandom {
    return new DemoRandom(Math.floor(this.next() * 4294967296) ^ Math.imul(label, 0x27d4eb2d));
  }
}
