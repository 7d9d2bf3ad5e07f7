// Grid search on the TUNING part of the near-duplicate test set only; the held-out part is scored
// by inbox-cluster.bench.ts with the chosen defaults. Run: npx tsx apps/server/bench/near-duplicates/tune.ts
import type { ClusterIndexConfig, ShingleConfig } from '@ombud/core';
import { evaluateClustering } from './evaluate.ts';
import { buildTestset } from './testset.ts';

const posts = buildTestset('tune');
console.log(`tuning set: ${posts.length} posts`);

const shingles: ShingleConfig[] = [
  { kind: 'char', size: 3 },
  { kind: 'char', size: 4 },
  { kind: 'char', size: 5 },
  { kind: 'word', size: 1 },
];
const shapes: [number, number][] = [
  [64, 16],
  [64, 32],
  [96, 32],
  [128, 32],
  [128, 64],
];
const thresholds = (process.argv[2] ?? '0.4,0.45,0.5,0.55,0.6,0.65,0.7').split(',').map(Number);

const rows: { name: string; f1: number; line: string }[] = [];
for (const shingle of shingles) {
  for (const [numHashes, bands] of shapes) {
    for (const threshold of thresholds) {
      const config: Partial<ClusterIndexConfig> = { shingle, numHashes, bands, threshold };
      const q = evaluateClustering(posts, config);
      const name = `${shingle.kind}${shingle.size} k=${numHashes} b=${bands} t=${threshold}`;
      const kinds = Object.entries(q.recallByKind)
        .map(([k, v]) => `${k}=${v.toFixed(3)}`)
        .join(' ');
      const line = `${name.padEnd(28)} pairP=${q.pairwise.precision.toFixed(3)} pairR=${q.pairwise.recall.toFixed(3)} pairF1=${q.pairwise.f1.toFixed(3)} b3F1=${q.bcubed.f1.toFixed(3)} negMerge=${q.hardNegativeMergeRate.toFixed(3)} ${kinds}`;
      rows.push({ name, f1: q.pairwise.f1, line });
      console.log(line);
    }
  }
}
rows.sort((a, b) => b.f1 - a.f1);
console.log('\nbest by pairwise F1:');
for (const r of rows.slice(0, 10)) console.log(r.line);
