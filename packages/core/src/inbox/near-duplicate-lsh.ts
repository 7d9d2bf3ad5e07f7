import { DEFAULT_CLUSTER_INDEX_CONFIG } from './cluster-index.ts';
import {
  createMinHashSeeds,
  minHashSignature,
  mix32,
  normaliseForNearDuplicate,
  shingleHashes,
  type ShingleConfig,
} from './near-duplicate-fingerprint.ts';

/** The parts of the cluster configuration a stored (database) LSH index needs. */
export interface NearDuplicateLshConfig {
  seed: number;
  numHashes: number;
  bands: number;
  shingle: ShingleConfig;
  threshold: number;
  /** At most this many members of a cluster are indexed (the rest only point at it). */
  maxEntriesPerCluster: number;
  /** A joining post this similar or more to its match adds nothing new and is not indexed. */
  indexBelowSimilarity: number;
}

export const DEFAULT_NEAR_DUPLICATE_LSH_CONFIG: NearDuplicateLshConfig = {
  seed: DEFAULT_CLUSTER_INDEX_CONFIG.seed,
  numHashes: DEFAULT_CLUSTER_INDEX_CONFIG.numHashes,
  bands: DEFAULT_CLUSTER_INDEX_CONFIG.bands,
  shingle: DEFAULT_CLUSTER_INDEX_CONFIG.shingle,
  threshold: DEFAULT_CLUSTER_INDEX_CONFIG.threshold,
  maxEntriesPerCluster: DEFAULT_CLUSTER_INDEX_CONFIG.maxEntriesPerCluster,
  indexBelowSimilarity: DEFAULT_CLUSTER_INDEX_CONFIG.indexBelowSimilarity,
};

export interface NearDuplicateFingerprint {
  /** b-bit MinHash signature (`numHashes` 16-bit values). */
  signature: Uint16Array;
  /** One signed 32-bit key per LSH band, salted with the language so languages never meet. */
  bandKeys: number[];
}

const seedCache = new Map<string, Uint32Array>();

function seedsFor(config: NearDuplicateLshConfig): Uint32Array {
  const key = `${config.seed}:${config.numHashes}`;
  let seeds = seedCache.get(key);
  if (seeds === undefined) {
    seeds = createMinHashSeeds(config.seed, config.numHashes);
    seedCache.set(key, seeds);
  }
  return seeds;
}

function languageSalt(language: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < language.length; i++) h = Math.imul(h ^ language.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/**
 * MinHash signature and LSH band keys of a post, for an index kept in a database table: two posts
 * of one language that share a band key are candidates, then compared on the full signature.
 */
export function nearDuplicateFingerprint(
  text: string,
  language: string,
  config: NearDuplicateLshConfig = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG,
): NearDuplicateFingerprint {
  return nearDuplicateFingerprintOfNormalised(normaliseForNearDuplicate(text), text, language, config);
}

/**
 * `nearDuplicateFingerprint` of a text already normalised (`normaliseForNearDuplicate`): the
 * fingerprint depends on the normalised text and the language only, and on the raw text only when
 * nothing is left after normalising (emoji or links only), so a caller can share one among texts
 * that normalise alike.
 */
export function nearDuplicateFingerprintOfNormalised(
  normalised: string,
  text: string,
  language: string,
  config: NearDuplicateLshConfig = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG,
): NearDuplicateFingerprint {
  if (config.numHashes % config.bands !== 0) throw new Error('bands must divide numHashes');
  const signature = minHashSignature(shingleHashes(normalised, config.shingle, text), seedsFor(config));
  const rows = config.numHashes / config.bands;
  const salt = languageSalt(language);
  const bandKeys: number[] = [];
  for (let b = 0; b < config.bands; b++) {
    let h = mix32(salt + b);
    for (let r = 0; r < rows; r++) h = mix32(h ^ (signature[b * rows + r] as number));
    bandKeys.push(h | 0);
  }
  return { signature, bandKeys };
}
