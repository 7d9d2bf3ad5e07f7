// PII detection benchmark: precision/recall/F1 per type on the labelled test set, throughput on
// one core, peak RSS. Usage: npm run bench:pii [-- --split dev|test] [--errors] (errors: dev only)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectPersonalData } from '@ombud/core';
import type { CustomPattern, PersonalDataFinding } from '@ombud/core';
import type { LabelledSentence } from './pii-testset/generate.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const split = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'test';
if (split !== 'dev' && split !== 'test') throw new Error('--split must be dev or test');
const showErrors = args.includes('--errors');
if (showErrors && split === 'test')
  throw new Error('--errors is for the dev split only: the test split is not tuned on');

const customPatterns: CustomPattern[] = [{ type: 'ORDER_NUMBER', pattern: /\bORD-\d{8}\b/ }];
const TARGET_TYPES = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'SE_PERSONNUMMER',
  'ES_DNI',
  'ES_NIE',
  'IP_ADDRESS',
];

const rows: LabelledSentence[] = readFileSync(join(here, 'pii-testset', `${split}.jsonl`), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as LabelledSentence);

type Counts = { tp: number; fp: number; fn: number; exact: number };
const perType = new Map<string, Counts>();
const counts = (t: string): Counts => {
  let c = perType.get(t);
  if (!c) perType.set(t, (c = { tp: 0, fp: 0, fn: 0, exact: 0 }));
  return c;
};
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

for (const row of rows) {
  const predicted: PersonalDataFinding[] = detectPersonalData(row.text, { customPatterns });
  const matched = new Set<number>();
  for (const gold of row.entities) {
    const c = counts(gold.type);
    const i = predicted.findIndex((p, j) => !matched.has(j) && p.type === gold.type && overlaps(p, gold));
    if (i >= 0) {
      matched.add(i);
      c.tp++;
      if (predicted[i]!.start === gold.start && predicted[i]!.end === gold.end) c.exact++;
      else if (showErrors)
        console.log(`SPAN  ${gold.type} gold="${gold.value}" got="${predicted[i]!.text}"  | ${row.text}`);
    } else {
      c.fn++;
      if (showErrors) console.log(`MISS  ${gold.type} "${gold.value}"  | ${row.text}`);
    }
  }
  predicted.forEach((p, j) => {
    if (matched.has(j)) return;
    counts(p.type).fp++;
    if (showErrors) console.log(`FALSE ${p.type} "${p.text}" (${p.evidence})  | ${row.text}`);
  });
}

const f = (n: number) => (Number.isNaN(n) ? '  -  ' : n.toFixed(3));
console.log(
  `\nPII detection on the ${split.toUpperCase()} split (${rows.length} sentences, en/es/sv; spans match when same type and overlapping)`,
);
console.log('type              gold   tp   fp   fn  precision  recall   F1     exact-span  target');
let micro = { tp: 0, fp: 0, fn: 0 };
for (const [type, c] of [...perType.entries()].sort()) {
  const p = c.tp / (c.tp + c.fp);
  const r = c.tp / (c.tp + c.fn);
  const f1 = (2 * p * r) / (p + r);
  const target = TARGET_TYPES.includes(type) ? (p >= 0.95 && r >= 0.95 ? 'met' : 'MISSED') : '';
  if (TARGET_TYPES.includes(type)) micro = { tp: micro.tp + c.tp, fp: micro.fp + c.fp, fn: micro.fn + c.fn };
  console.log(
    `${type.padEnd(16)} ${String(c.tp + c.fn).padStart(5)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}   ${f(p)}     ${f(r)}   ${f(f1)}   ${f(c.exact / Math.max(1, c.tp))}      ${target}`,
  );
}
const mp = micro.tp / (micro.tp + micro.fp);
const mr = micro.tp / (micro.tp + micro.fn);
console.log(
  `micro (target types)                       ${f(mp)}     ${f(mr)}   ${f((2 * mp * mr) / (mp + mr))}`,
);

// Throughput: the labelled sentences (almost all carry digits: a worst case) and real tweets.
function readTweets(): string[] {
  const data = '/work/shared/data/sentiment';
  const out: string[] = [];
  for (const lang of ['english', 'spanish']) {
    const p = join(data, 'umsab', lang, 'train_text.txt');
    if (existsSync(p)) out.push(...readFileSync(p, 'utf8').split('\n').filter(Boolean));
  }
  const swe = join(data, 'mozetic', 'swe.txt');
  if (existsSync(swe))
    out.push(
      ...readFileSync(swe, 'utf8')
        .split('\n')
        .map((l) => l.split('\t')[2] ?? l)
        .filter(Boolean),
    );
  return out;
}

function throughput(texts: string[], minMs = 1500): { perSecond: number; findings: number } {
  let n = 0;
  let findings = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (const t of texts) findings += detectPersonalData(t, { customPatterns }).length;
    n += texts.length;
  }
  return { perSecond: n / ((performance.now() - start) / 1000), findings };
}

const labelled = rows.map((r) => r.text);
throughput(labelled, 300); // warm-up (JIT, libphonenumber metadata)
const onLabelled = throughput(labelled);
const tweets = readTweets();
const onTweets = tweets.length > 0 ? throughput(tweets.slice(0, 20_000)) : undefined;
const avgLen = (xs: string[]) => Math.round(xs.reduce((s, x) => s + x.length, 0) / Math.max(1, xs.length));
console.log(`\nthroughput, one core (single thread; the machine is shared, so figures are pessimistic):`);
console.log(
  `  labelled sentences (avg ${avgLen(labelled)} chars, nearly all with digits): ${Math.round(onLabelled.perSecond).toLocaleString('en-US')} posts/s`,
);
if (onTweets) {
  const sample = tweets.slice(0, 20_000);
  const withFindings = sample.filter((t) => detectPersonalData(t, { customPatterns }).length > 0).length;
  console.log(
    `  real tweets en/es/sv (${sample.length}, avg ${avgLen(sample)} chars): ${Math.round(onTweets.perSecond).toLocaleString('en-US')} posts/s; ${withFindings} posts with a finding`,
  );
}
console.log(`  target: >= 20,000 posts/s`);
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
