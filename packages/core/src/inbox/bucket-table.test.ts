import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBucketTable } from './bucket-table.ts';

describe('createBucketTable', () => {
  it('behaves like a Map under any sequence of set/delete (colliding keys included)', () => {
    const op = fc.record({
      kind: fc.constantFrom('set', 'delete'),
      // Few distinct low bits so probe runs collide and wrap around the table.
      key: fc.integer({ min: 0, max: 40 }).map((k) => ((k * 0x10000) | (k % 5)) >>> 0),
      value: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const table = createBucketTable(64);
        const model = new Map<number, number>();
        for (const { kind, key, value } of ops) {
          if (kind === 'set') {
            table.set(key, value);
            model.set(key, value);
          } else {
            table.delete(key);
            model.delete(key);
          }
          for (let k = 0; k <= 40; k++) {
            const probe = ((k * 0x10000) | (k % 5)) >>> 0;
            expect(table.get(probe)).toBe(model.get(probe) ?? -1);
          }
          expect(table.size).toBe(model.size);
        }
      }),
    );
  });
});
