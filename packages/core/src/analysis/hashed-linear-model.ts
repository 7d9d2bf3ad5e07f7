/**
 * A multinomial logistic-regression model over hashed sparse features. Weights are trained offline
 * (`scripts/train-analysis-models.ts`) and shipped as int8-quantised base64 text, decoded once.
 */
export interface HashedLinearModel<C extends string = string> {
  classes: readonly C[];
  bits: number;
  mask: number;
  bias: Float32Array;
  /** Bucket-major: weight of bucket b for class c at `b * classes.length + c`. */
  weights: Float32Array;
}

/** The shipped form of a model. */
export interface SerializedHashedModel {
  classes: readonly string[];
  bits: number;
  bias: readonly number[];
  /** Per-class dequantisation scale: weight = int8 × scale. */
  scales: readonly number[];
  weights: string;
}

/** Sparse feature vector: hashed bucket indices with their values (and, for evidence, what each one was). */
export interface FeatureVector {
  indices: number[];
  values: number[];
  /** Token index (or -1 for a whole-text feature) that produced each feature. */
  sources: number[];
}

export function emptyFeatures(): FeatureVector {
  return { indices: [], values: [], sources: [] };
}

/** 32-bit FNV-1a over `text`, continuing from `seed`; chain calls to hash "prefix|word|word" without building strings. */
export function hashString(seed: number, text: string): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** FNV-1a over the first `length` characters of `text` (as `hashString` on the slice, without slicing). */
export function hashPrefix(seed: number, text: string, length: number): number {
  let hash = seed;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export const HASH_SEED = 0x811c9dc5;

/** Seed for one feature family (e.g. "w" for words), so families do not collide systematically. */
export function familySeed(family: string): number {
  return hashString(HASH_SEED, family + '\u0001');
}

/** Decodes a shipped model. */
export function decodeModel<C extends string>(serialized: SerializedHashedModel): HashedLinearModel<C> {
  const classes = serialized.classes as readonly C[];
  const bytes = decodeBase64(serialized.weights);
  const weights = new Float32Array(bytes.length);
  const classCount = classes.length;
  for (let i = 0; i < bytes.length; i++) {
    const signed = bytes[i]! > 127 ? bytes[i]! - 256 : bytes[i]!;
    weights[i] = signed * (serialized.scales[i % classCount] ?? 0);
  }
  return {
    classes,
    bits: serialized.bits,
    mask: (1 << serialized.bits) - 1,
    bias: Float32Array.from(serialized.bias),
    weights,
  };
}

/** Raw class scores (logits) for a feature vector. */
export function modelLogits(model: HashedLinearModel, features: FeatureVector): Float64Array {
  const classCount = model.classes.length;
  const logits = new Float64Array(classCount);
  for (let c = 0; c < classCount; c++) logits[c] = model.bias[c]!;
  const { indices, values } = features;
  for (let f = 0; f < indices.length; f++) {
    const base = (indices[f]! & model.mask) * classCount;
    const value = values[f]!;
    for (let c = 0; c < classCount; c++) logits[c]! += model.weights[base + c]! * value;
  }
  return logits;
}

/** Softmax of logits, in place. */
export function softmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    logits[i] = Math.exp(logits[i]! - max);
    sum += logits[i]!;
  }
  for (let i = 0; i < logits.length; i++) logits[i]! /= sum;
  return logits;
}

/** Contribution of feature f to class c minus its contribution to class `against`: the evidence weight. */
export function featureContribution(
  model: HashedLinearModel,
  features: FeatureVector,
  f: number,
  c: number,
  against: number,
): number {
  const classCount = model.classes.length;
  const base = (features.indices[f]! & model.mask) * classCount;
  return (model.weights[base + c]! - model.weights[base + against]!) * features.values[f]!;
}

/**
 * Sums `weight(f)` over the features of each source token (whole-text features, source −1, are
 * skipped), in feature order; `order` lists the tokens in the order they were first seen. A sparse
 * array instead of a Map per post: the same sums, less work.
 */
export function sumPerSource(
  features: FeatureVector,
  weight: (f: number) => number,
): { sums: readonly number[]; order: number[] } {
  const sums: number[] = [];
  const order: number[] = [];
  const { sources } = features;
  for (let f = 0; f < sources.length; f++) {
    const source = sources[f]!;
    if (source < 0) continue;
    const sum = sums[source];
    if (sum === undefined) order.push(source);
    sums[source] = (sum ?? 0) + weight(f);
  }
  return { sums, order };
}

/**
 * The `limit` items with the largest `key` at or above `min`, largest first, ties in their order in
 * `items` (what a stable sort and a slice give, without sorting everything).
 */
export function strongest(
  items: readonly number[],
  key: (item: number) => number,
  min: number,
  limit: number,
): number[] {
  const top: number[] = [];
  const keys: number[] = [];
  for (const item of items) {
    const k = key(item);
    if (!(k >= min)) continue;
    let at = top.length;
    while (at > 0 && keys[at - 1]! < k) at--;
    if (at >= limit) continue;
    top.splice(at, 0, item);
    keys.splice(at, 0, k);
    if (top.length > limit) {
      top.pop();
      keys.pop();
    }
  }
  return top;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_LOOKUP[BASE64.charCodeAt(i)] = i;

/** Plain base64 → bytes (no `atob`/`Buffer`: the core runs anywhere). */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    buffer = (buffer << 6) | BASE64_LOOKUP[clean.charCodeAt(i)]!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** Bytes → base64 (used by the trainer to write the shipped model). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63]! + BASE64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : BASE64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : BASE64[n & 63]!;
  }
  return out;
}
