// SimHash baseline on the TUNING part, to choose between SimHash and MinHash by measurement.
// Same shingles and the same greedy incremental rule as the MinHash index (join the most similar
// earlier member at or above a threshold), compared by brute force so LSH recall is not a factor.
// Run: npx tsx apps/server/bench/near-duplicates/compare-simhash.ts
import { mix32, normaliseForNearDuplicate, shingleHashes, type ShingleConfig } from '@ombud/core';
import { scoreClusters } from './evaluate.ts';
import { buildTestset, type LabelledPost } from './testset.ts';

function simhash64(hashes: readonly number[]): [number, number] {
  const votes = new Int32Array(64);
  for (const x of hashes) {
    const lo = mix32(x ^ 0x9e3779b9);
    const hi = mix32(x ^ 0x85ebca6b);
    for (let b = 0; b < 32; b++) {
      votes[b] = (votes[b] as number) + ((lo >>> b) & 1 ? 1 : -1);
      votes[32 + b] = (votes[32 + b] as number) + ((hi >>> b) & 1 ? 1 : -1);
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if ((votes[b] as number) > 0) lo |= 1 << b;
    if ((votes[32 + b] as number) > 0) hi |= 1 << b;
  }
  return [lo >>> 0, hi >>> 0];
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function clusterBySimhash(
  posts: readonly LabelledPost[],
  shingle: ShingleConfig,
  maxDistance: number,
): Map<string, string> {
  const members: { lo: number; hi: number; language: string; cluster: string }[] = [];
  const predicted = new Map<string, string>();
  for (const post of posts) {
    const [lo, hi] = simhash64(shingleHashes(normaliseForNearDuplicate(post.text), shingle, post.text));
    let best: (typeof members)[number] | undefined;
    let bestDistance = 65;
    for (const m of members) {
      if (m.language !== post.language) continue;
      const d = popcount((m.lo ^ lo) >>> 0) + popcount((m.hi ^ hi) >>> 0);
      if (d < bestDistance) {
        bestDistance = d;
        best = m;
      }
    }
    const cluster = best !== undefined && bestDistance <= maxDistance ? best.cluster : post.id;
    predicted.set(post.id, cluster);
    members.push({ lo, hi, language: post.language, cluster });
  }
  return predicted;
}

const posts = buildTestset('tune');
for (const shingle of [
  { kind: 'char', size: 3 },
  { kind: 'char', size: 4 },
  { kind: 'word', size: 1 },
] as const) {
  for (const maxDistance of [4, 6, 8, 10, 12, 14]) {
    const q = scoreClusters(posts, clusterBySimhash(posts, shingle, maxDistance));
    console.log(
      `simhash64 ${shingle.kind}${shingle.size} d<=${maxDistance}`.padEnd(28),
      `pairP=${q.pairwise.precision.toFixed(3)} pairR=${q.pairwise.recall.toFixed(3)} pairF1=${q.pairwise.f1.toFixed(3)} b3F1=${q.bcubed.f1.toFixed(3)} negMerge=${q.hardNegativeMergeRate.toFixed(3)}`,
      Object.entries(q.recallByKind)
        .map(([k, v]) => `${k}=${v.toFixed(3)}`)
        .join(' '),
    );
  }
}
