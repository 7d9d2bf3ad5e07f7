import { foldText } from '../text/fold.ts';

/** Which pieces of a normalised text are compared: overlapping character n-grams or word n-grams. */
export type ShingleConfig = { kind: 'char'; size: number } | { kind: 'word'; size: number };

const RETWEET_PREFIX = /\bRT\s*@[\p{L}\p{N}_]+\s*:?/giu;
const URL = /(?:https?:\/\/|www\.)\S+|\bpic\.twitter\.com\/\S+/giu;
const MENTION = /@[\p{L}\p{N}_]+/gu;
const HTML_ENTITY = /&(?:amp|lt|gt|quot|#39|#x27);/gu;
const DIGITS = /\p{N}+/gu;
// Everything that is not a letter or digit (punctuation, emoji, variation selectors, ZWJ, skin tones)
// becomes a single space.
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Canonical text for near-duplicate comparison: drops "RT @user:", URLs, @mentions, HTML entities,
 * punctuation and emoji; folds case and accents; every number becomes "0" (templates differ by numbers).
 */
export function normaliseForNearDuplicate(text: string): string {
  const stripped = text
    .replace(RETWEET_PREFIX, ' ')
    .replace(URL, ' ')
    .replace(MENTION, ' ')
    .replace(HTML_ENTITY, ' ');
  return foldText(stripped).replace(DIGITS, '0').replace(NOT_WORD, ' ').trim();
}

/** 32-bit finaliser of MurmurHash3: a cheap bijective mix with good avalanche. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units of `text[start, end)`, mixed. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * Hashes of the shingles of a normalised text. An empty normalised text (emoji or links only) falls
 * back to one hash of the raw text, so identical emoji-only posts still match but different ones don't.
 */
export function shingleHashes(normalised: string, shingle: ShingleConfig, rawFallback = ''): number[] {
  const out: number[] = [];
  if (normalised.length === 0) {
    const raw = rawFallback.trim();
    out.push(hashRange(raw, 0, raw.length));
    return out;
  }
  if (shingle.kind === 'char') {
    const padded = ` ${normalised} `;
    const n = shingle.size;
    if (padded.length <= n) {
      out.push(hashRange(padded, 0, padded.length));
      return out;
    }
    for (let i = 0; i + n <= padded.length; i++) out.push(hashRange(padded, i, i + n));
    return out;
  }
  const words = normalised.split(' ');
  const n = Math.min(shingle.size, words.length);
  for (let i = 0; i + n <= words.length; i++) {
    let h = 0x9747b28c;
    for (let j = i; j < i + n; j++) h = mix32(h ^ hashRange(words[j] ?? '', 0, (words[j] ?? '').length));
    out.push(h);
  }
  return out;
}

/** Deterministic 32-bit seeds for the hash family (mulberry32 stream from `seed`). */
export function createMinHashSeeds(seed: number, count: number): Uint32Array {
  const seeds = new Uint32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    seeds[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return seeds;
}

/**
 * MinHash signature of a set of shingle hashes, one minimum per seeded hash function, kept as the
 * low 16 bits (b-bit MinHash: halves memory; a false agreement costs 1/65536 of similarity).
 *
 * The hashes are sorted and de-duplicated first (a minimum over a set ignores repeats), then each
 * seed's minimum is found in one tight loop over them with `mix32` written out: the same signature
 * as hashing every (hash, seed) pair through `mix32`, in well under half the time.
 */
export function minHashSignature(
  hashes: readonly number[],
  seeds: Uint32Array,
  out = new Uint16Array(seeds.length),
): Uint16Array {
  const k = seeds.length;
  const sorted = Uint32Array.from(hashes).sort();
  let n = 0;
  for (let j = 0; j < sorted.length; j++) {
    const x = sorted[j] as number;
    if (n === 0 || x !== sorted[n - 1]) sorted[n++] = x;
  }
  for (let i = 0; i < k; i++) {
    const seed = (seeds[i] as number) | 0;
    let min = 0xffffffff;
    for (let j = 0; j < n; j++) {
      let h = ((sorted[j] as number) ^ seed) | 0;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      const v = h >>> 0;
      if (v < min) min = v;
    }
    out[i] = min & 0xffff;
  }
  return out;
}

/** Estimated Jaccard similarity of two signatures stored at offsets of (possibly shared) arrays. */
export function signatureSimilarity(
  a: Uint16Array,
  aOffset: number,
  b: Uint16Array,
  bOffset: number,
  length: number,
): number {
  let same = 0;
  for (let i = 0; i < length; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return same / length;
}
