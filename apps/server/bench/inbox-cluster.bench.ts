// Inbox clustering benchmark: throughput on 1,000,000 generated posts, peak RSS, and quality on the
// HELD-OUT half of the labelled near-duplicate set (defaults were tuned on the other half, see
// docs/near-duplicate-testset.md). Run: npm run bench:inbox [-- --posts 1000000]
import { performance } from 'node:perf_hooks';
import { createClusterIndex, DEFAULT_CLUSTER_INDEX_CONFIG, type ClusterPost } from '@ombud/core';
import { evaluateClustering, type ClusteringQuality } from './near-duplicates/evaluate.ts';
import { loadSourceTexts, type SourceText, type TestLanguage } from './near-duplicates/source-texts.ts';
import { buildTestset } from './near-duplicates/testset.ts';
import {
  createRandom,
  paraphraseOf,
  retweetOf,
  sharedOpeningNegative,
  templateOf,
  type Random,
} from './near-duplicates/variants.ts';

const argPosts = process.argv.indexOf('--posts');
const TOTAL_POSTS = argPosts > 0 ? Number(process.argv[argPosts + 1]) : 1_000_000;
const BATCH = 10_000;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * A flood: 35% brand-new posts (two real tweets spliced, so every one is distinct), 65% retweets,
 * template copies and rewordings of one of the last 2,000 new posts (hot threads and campaigns).
 */
function createFlood(sources: SourceText[], rng: Random): () => ClusterPost {
  const recent: SourceText[] = [];
  const byLanguage = new Map<TestLanguage, SourceText[]>();
  for (const s of sources) {
    const list = byLanguage.get(s.language) ?? [];
    list.push(s);
    byLanguage.set(s.language, list);
  }
  let n = 0;
  return () => {
    const id = `p${n++}`;
    if (recent.length === 0 || rng.chance(0.35)) {
      const a = rng.pick(sources);
      const b = rng.pick(byLanguage.get(a.language) ?? [a]);
      const text = `${sharedOpeningNegative(a.text, b.text)} ${rng.int(100_000)}`;
      const fresh: SourceText = { id, language: a.language, text };
      if (recent.length < 2000) recent.push(fresh);
      else recent[rng.int(recent.length)] = fresh;
      return { id, text, language: a.language };
    }
    const base = rng.pick(recent);
    const roll = rng.int(3);
    const text =
      roll === 0
        ? retweetOf(base.text, rng)
        : roll === 1
          ? templateOf(base.text, base.language, rng)
          : paraphraseOf(base.text, base.language, rng, 1 + rng.int(2)).text;
    return { id, text, language: base.language };
  };
}

function clusteringThroughput(): void {
  const languages: TestLanguage[] = ['en', 'es', 'sv'];
  const sources = languages.flatMap((l) => loadSourceTexts(l));
  const rng = createRandom(42);
  const next = createFlood(sources, rng);
  const index = createClusterIndex();
  let assignMs = 0;
  let newClusters = 0;
  const batch: ClusterPost[] = new Array<ClusterPost>(BATCH);
  for (let done = 0; done < TOTAL_POSTS; done += BATCH) {
    const size = Math.min(BATCH, TOTAL_POSTS - done);
    for (let i = 0; i < size; i++) batch[i] = next();
    // Only assign() is timed; generating the posts is not the clusterer's work.
    const t0 = performance.now();
    for (let i = 0; i < size; i++) if (index.assign(batch[i] as ClusterPost).isNew) newClusters++;
    assignMs += performance.now() - t0;
    if (process.stderr.isTTY) process.stderr.write(`\r${done + size} posts`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const stats = index.stats();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const state = JSON.stringify(index.exportState());
  const exportMs = performance.now() - t0;
  console.log(
    `clustering: ${TOTAL_POSTS.toLocaleString('en')} posts in ${(assignMs / 1000).toFixed(1)} s = ${Math.round(TOTAL_POSTS / (assignMs / 1000)).toLocaleString('en')} posts/s (one core, assign() only)`,
  );
  console.log(
    `  new clusters ${newClusters.toLocaleString('en')}, window ${stats.indexedPosts.toLocaleString('en')} signatures, ${stats.liveClusters.toLocaleString('en')} clusters in window, ${stats.evicted.toLocaleString('en')} evicted`,
  );
  console.log(`  exported state ${mb(state.length)} of JSON in ${exportMs.toFixed(0)} ms`);
  console.log(
    `  peak RSS while clustering ${mb(peakRss)} (whole process: Node, source texts, generator, index); after exporting ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
}

function printQuality(label: string, q: ClusteringQuality): void {
  const kinds = Object.entries(q.recallByKind)
    .map(([k, v]) => `${k} ${pct(v)}`)
    .join(', ');
  console.log(
    `  ${label.padEnd(4)} ${String(q.posts).padStart(6)} posts  pairwise P ${pct(q.pairwise.precision)} R ${pct(q.pairwise.recall)} F1 ${pct(q.pairwise.f1)}  B-cubed P ${pct(q.bcubed.precision)} R ${pct(q.bcubed.recall)}  joined: ${kinds}; hard negatives merged ${pct(q.hardNegativeMergeRate)}`,
  );
}

function heldOutQuality(): void {
  const posts = buildTestset('heldout');
  const c = DEFAULT_CLUSTER_INDEX_CONFIG;
  console.log(
    `near-duplicate quality on the HELD-OUT part (config ${c.shingle.kind}${c.shingle.size}, ${c.numHashes} hashes, ${c.bands} bands, threshold ${c.threshold}):`,
  );
  printQuality('all', evaluateClustering(posts, {}));
  for (const language of ['en', 'es', 'sv'] as const) {
    printQuality(
      language,
      evaluateClustering(
        posts.filter((p) => p.language === language),
        {},
      ),
    );
  }
}

clusteringThroughput();
heldOutQuality();
console.log(
  'note: measured on a shared 2-core machine while other engineers run things; speed figures are pessimistic.',
);
