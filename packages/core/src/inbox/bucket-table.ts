/**
 * Open-addressing hash table from a 32-bit key to a non-negative int (linear probing, backward-shift
 * deletion). A JS Map of millions of numbers costs several times the memory; this is two typed arrays.
 */
export interface BucketTable {
  get(key: number): number;
  set(key: number, value: number): void;
  delete(key: number): void;
  readonly size: number;
}

const EMPTY = -1;

/** A table sized for at most `maxEntries` live keys at a load factor of 0.5 or less. */
export function createBucketTable(maxEntries: number): BucketTable {
  let capacity = 16;
  while (capacity < maxEntries * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Uint32Array(capacity);
  const values = new Int32Array(capacity).fill(EMPTY);
  let size = 0;

  // Keys are already well-mixed hashes, so the low bits are a fine home index.
  const home = (key: number): number => key & mask;

  function find(key: number): number {
    let i = home(key);
    for (;;) {
      if (values[i] === EMPTY) return -1;
      if (keys[i] === key) return i;
      i = (i + 1) & mask;
    }
  }

  return {
    get(key) {
      const i = find(key >>> 0);
      return i < 0 ? -1 : (values[i] as number);
    },
    set(key, value) {
      const k = key >>> 0;
      let i = home(k);
      while (values[i] !== EMPTY && keys[i] !== k) i = (i + 1) & mask;
      if (values[i] === EMPTY) {
        if (size + 1 > capacity - 1) throw new Error('bucket table is full');
        size++;
      }
      keys[i] = k;
      values[i] = value;
    },
    delete(key) {
      let i = find(key >>> 0);
      if (i < 0) return;
      size--;
      // Backward-shift: move later members of the probe run into the hole so lookups never stop early.
      let j = i;
      for (;;) {
        values[i] = EMPTY;
        for (;;) {
          j = (j + 1) & mask;
          if (values[j] === EMPTY) return;
          const h = home(keys[j] as number);
          // Leave j alone if its home lies cyclically in (i, j].
          const stays = i <= j ? i < h && h <= j : i < h || h <= j;
          if (!stays) break;
        }
        keys[i] = keys[j] as number;
        values[i] = values[j] as number;
        i = j;
      }
    },
    get size() {
      return size;
    },
  };
}
