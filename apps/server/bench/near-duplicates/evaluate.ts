import { createClusterIndex, type ClusterIndexConfig } from '@ombud/core';
import type { ItemKind, LabelledPost } from './testset.ts';

export interface ClusteringQuality {
  posts: number;
  pairwise: { precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number };
  bcubed: { precision: number; recall: number; f1: number };
  /** Share of each variant kind placed in its source's cluster. */
  recallByKind: Partial<Record<ItemKind, number>>;
  /** Share of hard negatives wrongly placed in their source's cluster. */
  hardNegativeMergeRate: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Runs a cluster index over the labelled stream in order and scores the clusters against the labels. */
export function evaluateClustering(
  posts: readonly LabelledPost[],
  config: Partial<ClusterIndexConfig>,
): ClusteringQuality {
  const index = createClusterIndex(config);
  const predicted = new Map<string, string>();
  for (const post of posts) predicted.set(post.id, index.assign(post).clusterId);
  return scoreClusters(posts, predicted);
}

/** Pairwise and B-cubed precision/recall of predicted cluster ids against labelled groups. */
export function scoreClusters(
  posts: readonly LabelledPost[],
  predicted: ReadonlyMap<string, string>,
): ClusteringQuality {
  const groupSize = new Map<string, number>();
  const clusterSize = new Map<string, number>();
  const cellSize = new Map<string, number>();
  for (const post of posts) {
    const cluster = predicted.get(post.id) ?? `missing:${post.id}`;
    groupSize.set(post.group, (groupSize.get(post.group) ?? 0) + 1);
    clusterSize.set(cluster, (clusterSize.get(cluster) ?? 0) + 1);
    const cell = `${post.group}\u0000${cluster}`;
    cellSize.set(cell, (cellSize.get(cell) ?? 0) + 1);
  }
  let truePairs = 0;
  for (const n of groupSize.values()) truePairs += pairs(n);
  let predictedPairs = 0;
  for (const n of clusterSize.values()) predictedPairs += pairs(n);
  let correctPairs = 0;
  for (const n of cellSize.values()) correctPairs += pairs(n);

  let bPrecision = 0;
  let bRecall = 0;
  for (const post of posts) {
    const cluster = predicted.get(post.id) ?? `missing:${post.id}`;
    const cell = cellSize.get(`${post.group}\u0000${cluster}`) ?? 1;
    bPrecision += cell / (clusterSize.get(cluster) ?? 1);
    bRecall += cell / (groupSize.get(post.group) ?? 1);
  }
  bPrecision /= posts.length;
  bRecall /= posts.length;

  const joined = new Map<ItemKind, [number, number]>();
  let negatives = 0;
  let mergedNegatives = 0;
  for (const post of posts) {
    if (post.sourceId === undefined) continue;
    const same = predicted.get(post.id) === predicted.get(post.sourceId);
    if (post.kind === 'hard-negative') {
      negatives++;
      if (same) mergedNegatives++;
      continue;
    }
    const [hit, total] = joined.get(post.kind) ?? [0, 0];
    joined.set(post.kind, [hit + (same ? 1 : 0), total + 1]);
  }
  const recallByKind: Partial<Record<ItemKind, number>> = {};
  for (const [kind, [hit, total]] of joined) recallByKind[kind] = hit / total;

  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return {
    posts: posts.length,
    pairwise: { precision, recall, f1: f1(precision, recall), truePairs, predictedPairs },
    bcubed: { precision: bPrecision, recall: bRecall, f1: f1(bPrecision, bRecall) },
    recallByKind,
    hardNegativeMergeRate: negatives === 0 ? 0 : mergedNegatives / negatives,
  };
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}
