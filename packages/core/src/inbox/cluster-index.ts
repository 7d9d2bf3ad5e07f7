import {
  createMinHashSeeds,
  minHashSignature,
  mix32,
  normaliseForNearDuplicate,
  shingleHashes,
  signatureSimilarity,
  type ShingleConfig,
} from './near-duplicate-fingerprint.ts';
import { createBucketTable } from './bucket-table.ts';
import { decodeUint16Base64, encodeUint16Base64 } from './uint16-base64.ts';

export interface ClusterIndexConfig {
  /** Seed of the hash family; the same seed and config give the same clusters. */
  seed: number;
  /** MinHash functions per signature; must be a multiple of `bands`. */
  numHashes: number;
  /** LSH bands; more bands find lower similarities but cost more candidates. */
  bands: number;
  shingle: ShingleConfig;
  /** Estimated Jaccard similarity at or above which a post joins a cluster. */
  threshold: number;
  /** Window: at most this many signatures are kept; the oldest are evicted first (bounded memory). */
  maxIndexedPosts: number;
  /** A joining post is indexed as an extra member (so drifting rewordings still match) at most this many times per cluster. */
  maxEntriesPerCluster: number;
  /** A joining post this similar or more to its match adds nothing new and is not indexed. */
  indexBelowSimilarity: number;
  /** Bucket chains are walked newest first, at most this far (bounds the cost of hot buckets). */
  maxCandidatesPerBucket: number;
}

/** Tuned on the tuning half of the near-duplicate test set (docs/near-duplicate-testset.md). */
export const DEFAULT_CLUSTER_INDEX_CONFIG: ClusterIndexConfig = {
  seed: 0x0b0d,
  numHashes: 128,
  bands: 32,
  shingle: { kind: 'char', size: 3 },
  threshold: 0.6,
  maxIndexedPosts: 100_000,
  maxEntriesPerCluster: 8,
  indexBelowSimilarity: 0.8,
  maxCandidatesPerBucket: 12,
};

export interface ClusterPost {
  id: string;
  text: string;
  language: string;
}

export interface ClusterAssignment {
  clusterId: string;
  isNew: boolean;
  /** Estimated Jaccard similarity to the member it matched (1 for a new cluster's first post). */
  similarity: number;
  /** First post of the cluster: the text a cluster view shows. */
  representativeId: string;
  /** The indexed member this post matched: the evidence for the join. */
  matchedId: string;
  /** Posts assigned to the cluster while it stayed in the window. */
  clusterSize: number;
}

export interface ClusterIndexStats {
  indexedPosts: number;
  liveClusters: number;
  assigned: number;
  evicted: number;
}

/** JSON-serialisable snapshot of a cluster index; signatures are base64 of little-endian 16-bit values. */
export interface ClusterIndexState {
  version: 1;
  config: ClusterIndexConfig;
  nextClusterNumber: number;
  assigned: number;
  evicted: number;
  languages: string[];
  /** Indexed members, oldest first. */
  entries: {
    postIds: string[];
    clusterNumbers: number[];
    languageIndexes: number[];
    signatures: string;
  };
  /** [clusterNumber, representativeId, size, languageIndex] for every cluster still in the window. */
  clusters: [number, string, number, number][];
}

export interface ClusterIndex {
  /** Puts a post into an existing near-duplicate cluster of its language or opens a new one. */
  assign(post: ClusterPost): ClusterAssignment;
  exportState(): ClusterIndexState;
  stats(): ClusterIndexStats;
}

interface ClusterRecord {
  representativeId: string;
  size: number;
  liveEntries: number;
  languageIndex: number;
}

/** An incremental MinHash/LSH near-duplicate index, per language, with a bounded window of signatures. */
export function createClusterIndex(
  config: Partial<ClusterIndexConfig> = {},
  state?: ClusterIndexState,
): ClusterIndex {
  const cfg: ClusterIndexConfig = { ...DEFAULT_CLUSTER_INDEX_CONFIG, ...(state?.config ?? {}), ...config };
  validateConfig(cfg);
  const k = cfg.numHashes;
  const bands = cfg.bands;
  const rows = k / bands;
  const capacity = cfg.maxIndexedPosts;
  const seeds = createMinHashSeeds(cfg.seed, k);

  // Ring buffer of indexed members. A slot is live while its seq is among the newest `capacity`.
  const signatures = new Uint16Array(capacity * k);
  const slotSeq = new Float64Array(capacity).fill(-1);
  const slotCluster = new Float64Array(capacity);
  const slotLanguage = new Uint16Array(capacity);
  const slotPostId: string[] = new Array<string>(capacity).fill('');
  const slotBandKey = new Uint32Array(capacity * bands);
  // For each (slot, band): the next older slot whose band key was the same (a chain per bucket).
  const slotNext = new Int32Array(capacity * bands).fill(-1);
  const visited = new Float64Array(capacity).fill(-1);
  const bucketHead = createBucketTable(capacity * bands);
  const clusters = new Map<number, ClusterRecord>();
  const languages: string[] = [];
  const languageIndex = new Map<string, number>();

  let nextSeq = 0;
  let nextClusterNumber = 1;
  let assigned = 0;
  let evicted = 0;
  const scratch = new Uint16Array(k);
  const bandKeys = new Uint32Array(bands);

  function languageId(language: string): number {
    let id = languageIndex.get(language);
    if (id === undefined) {
      id = languages.length;
      languages.push(language);
      languageIndex.set(language, id);
    }
    return id;
  }

  function computeBandKeys(sig: Uint16Array, offset: number, lang: number): void {
    for (let b = 0; b < bands; b++) {
      let h = mix32(lang * 0x9e3779b1 + b);
      for (let r = 0; r < rows; r++) h = mix32(h ^ (sig[offset + b * rows + r] as number));
      bandKeys[b] = h;
    }
  }

  function evictSlot(slot: number): void {
    if ((slotSeq[slot] as number) < 0) return;
    for (let b = 0; b < bands; b++) {
      const key = slotBandKey[slot * bands + b] as number;
      if (bucketHead.get(key) === slot) bucketHead.delete(key);
    }
    const clusterNumber = slotCluster[slot] as number;
    const record = clusters.get(clusterNumber);
    if (record !== undefined) {
      record.liveEntries--;
      if (record.liveEntries <= 0) clusters.delete(clusterNumber);
    }
    slotSeq[slot] = -1;
    evicted++;
  }

  /** Indexes a signature (its band keys already in `bandKeys`) as a member of a cluster. */
  function insert(sig: Uint16Array, postId: string, clusterNumber: number, lang: number): void {
    const seq = nextSeq++;
    const slot = seq % capacity;
    // Count the new entry first so evicting this cluster's own oldest entry cannot drop the cluster.
    const record = clusters.get(clusterNumber);
    if (record !== undefined) record.liveEntries++;
    evictSlot(slot);
    signatures.set(sig, slot * k);
    slotSeq[slot] = seq;
    slotCluster[slot] = clusterNumber;
    slotLanguage[slot] = lang;
    slotPostId[slot] = postId;
    for (let b = 0; b < bands; b++) {
      const key = bandKeys[b] as number;
      const i = slot * bands + b;
      slotBandKey[i] = key;
      slotNext[i] = bucketHead.get(key);
      bucketHead.set(key, slot);
    }
  }

  function assign(post: ClusterPost): ClusterAssignment {
    const lang = languageId(post.language);
    const normalised = normaliseForNearDuplicate(post.text);
    const sig = minHashSignature(shingleHashes(normalised, cfg.shingle, post.text), seeds, scratch);
    computeBandKeys(sig, 0, lang);
    const query = assigned++;

    let bestSlot = -1;
    let bestSimilarity = -1;
    for (let b = 0; b < bands && bestSimilarity < 1; b++) {
      const key = bandKeys[b] as number;
      let slot = bucketHead.get(key);
      let walked = 0;
      while (slot !== -1 && walked < cfg.maxCandidatesPerBucket) {
        const i = slot * bands + b;
        if (slotBandKey[i] !== key) break;
        if (visited[slot] !== query) {
          visited[slot] = query;
          walked++;
          if (slotLanguage[slot] === lang) {
            const similarity = signatureSimilarity(sig, 0, signatures, slot * k, k);
            if (similarity > bestSimilarity) {
              bestSimilarity = similarity;
              bestSlot = slot;
            }
          }
        }
        const next = slotNext[i] as number;
        // Chains run newest → oldest; a newer seq means the slot was reused and the chain is cut.
        if (next !== -1 && (slotSeq[next] as number) >= (slotSeq[slot] as number)) break;
        slot = next;
      }
    }

    if (bestSlot !== -1 && bestSimilarity >= cfg.threshold) {
      const clusterNumber = slotCluster[bestSlot] as number;
      const record = clusters.get(clusterNumber);
      if (record !== undefined) {
        record.size++;
        const matchedId = slotPostId[bestSlot] as string;
        // Keep active clusters in the window: re-index a member when the match is in the older half.
        const ageing = nextSeq - (slotSeq[bestSlot] as number) > capacity / 2;
        const novel =
          bestSimilarity < cfg.indexBelowSimilarity && record.liveEntries < cfg.maxEntriesPerCluster;
        if (ageing || novel) insert(sig, post.id, clusterNumber, lang);
        return {
          clusterId: clusterIdOf(post.language, clusterNumber),
          isNew: false,
          similarity: bestSimilarity,
          representativeId: record.representativeId,
          matchedId,
          clusterSize: record.size,
        };
      }
    }

    const clusterNumber = nextClusterNumber++;
    clusters.set(clusterNumber, { representativeId: post.id, size: 1, liveEntries: 0, languageIndex: lang });
    insert(sig, post.id, clusterNumber, lang);
    return {
      clusterId: clusterIdOf(post.language, clusterNumber),
      isNew: true,
      similarity: 1,
      representativeId: post.id,
      matchedId: post.id,
      clusterSize: 1,
    };
  }

  function liveSlotsOldestFirst(): number[] {
    const slots: number[] = [];
    const first = Math.max(0, nextSeq - capacity);
    for (let seq = first; seq < nextSeq; seq++) {
      const slot = seq % capacity;
      if (slotSeq[slot] === seq) slots.push(slot);
    }
    return slots;
  }

  function exportState(): ClusterIndexState {
    const slots = liveSlotsOldestFirst();
    const packed = new Uint16Array(slots.length * k);
    slots.forEach((slot, i) => packed.set(signatures.subarray(slot * k, slot * k + k), i * k));
    return {
      version: 1,
      config: { ...cfg, shingle: { ...cfg.shingle } },
      nextClusterNumber,
      assigned,
      evicted,
      languages: [...languages],
      entries: {
        postIds: slots.map((s) => slotPostId[s] as string),
        clusterNumbers: slots.map((s) => slotCluster[s] as number),
        languageIndexes: slots.map((s) => slotLanguage[s] as number),
        signatures: encodeUint16Base64(packed),
      },
      clusters: [...clusters].map(([n, c]) => [n, c.representativeId, c.size, c.languageIndex]),
    };
  }

  if (state !== undefined) {
    if (
      state.config.numHashes !== k ||
      state.config.seed !== cfg.seed ||
      !sameShingle(state.config.shingle, cfg.shingle)
    ) {
      throw new Error('cluster index state was built with a different seed, signature length or shingling');
    }
    for (const language of state.languages) languageId(language);
    for (const [n, representativeId, size, lang] of state.clusters) {
      clusters.set(n, { representativeId, size, liveEntries: 0, languageIndex: lang });
    }
    const packed = decodeUint16Base64(state.entries.signatures);
    // Keep the newest entries when the new window is smaller than the saved one.
    const count = state.entries.postIds.length;
    for (let i = Math.max(0, count - capacity); i < count; i++) {
      const sig = packed.subarray(i * k, i * k + k);
      const lang = state.entries.languageIndexes[i] ?? 0;
      computeBandKeys(sig, 0, lang);
      insert(sig, state.entries.postIds[i] ?? '', state.entries.clusterNumbers[i] ?? 0, lang);
    }
    for (const [n, c] of clusters) if (c.liveEntries === 0) clusters.delete(n);
    nextClusterNumber = state.nextClusterNumber;
    assigned = state.assigned;
    evicted = state.evicted;
  }

  return {
    assign,
    exportState,
    stats: () => ({
      indexedPosts: Math.min(nextSeq, capacity),
      liveClusters: clusters.size,
      assigned,
      evicted,
    }),
  };
}

function clusterIdOf(language: string, clusterNumber: number): string {
  return `${language}:${clusterNumber}`;
}

function sameShingle(a: ShingleConfig, b: ShingleConfig): boolean {
  return a.kind === b.kind && a.size === b.size;
}

function validateConfig(cfg: ClusterIndexConfig): void {
  const problems: string[] = [];
  if (!Number.isInteger(cfg.numHashes) || cfg.numHashes < 1)
    problems.push('numHashes must be a positive integer');
  if (!Number.isInteger(cfg.bands) || cfg.bands < 1 || cfg.numHashes % cfg.bands !== 0) {
    problems.push('bands must divide numHashes');
  }
  if (!(cfg.threshold > 0 && cfg.threshold <= 1)) problems.push('threshold must be in (0, 1]');
  if (!Number.isInteger(cfg.maxIndexedPosts) || cfg.maxIndexedPosts < 1)
    problems.push('maxIndexedPosts must be a positive integer');
  if (!Number.isInteger(cfg.shingle.size) || cfg.shingle.size < 1)
    problems.push('shingle.size must be a positive integer');
  if (problems.length > 0) throw new Error(`invalid cluster index config: ${problems.join('; ')}`);
}
