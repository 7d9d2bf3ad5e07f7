// Claim-check and disclosure benchmark on the labelled set in bench/claims-testset (docs/claims-testset.md).
// `npm run bench:claims` reports on the held-out TEST part; `-- --split dev --errors` is for development.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { briefSchema } from '@ombud/contract';
import { checkBrandPost, compileBrandBrief, type CheckedClaim, type CompiledBrandBrief } from '@ombud/core';

type Verdict = 'supported' | 'contradicted' | 'unverified';
const VERDICTS: readonly Verdict[] = ['supported', 'contradicted', 'unverified'];

interface LabelledPost {
  id: string;
  brief: string;
  language: string;
  market?: string;
  advocate: boolean;
  text: string;
  claims: [anchor: string, verdict: Verdict, factId: string | null][];
  disclosure: 'present' | 'absent' | 'misplaced' | null;
}

const here = dirname(fileURLToPath(import.meta.url));
const setDir = join(here, 'claims-testset');
const args = process.argv.slice(2);
const split = args.includes('--split') ? (args[args.indexOf('--split') + 1] ?? 'test') : 'test';
const showErrors = args.includes('--errors');

const briefs = new Map<string, CompiledBrandBrief>();
for (const name of ['nordvik', 'vagen']) {
  const raw: unknown = JSON.parse(readFileSync(join(setDir, 'briefs', `${name}.json`), 'utf8'));
  briefs.set(name, compileBrandBrief(briefSchema.parse(raw)));
}
const posts = readFileSync(join(setDir, `${split}.jsonl`), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledPost);

const counts = Object.fromEntries(VERDICTS.map((v) => [v, { tp: 0, predicted: 0, expected: 0 }])) as Record<
  Verdict,
  { tp: number; predicted: number; expected: number }
>;
let disclosureTotal = 0;
let disclosureCorrect = 0;
const errors: string[] = [];
let checkMs = 0;

for (const post of posts) {
  const compiled = briefs.get(post.brief);
  if (compiled === undefined) throw new Error(`${post.id}: unknown brief ${post.brief}`);
  const started = performance.now();
  const result = checkBrandPost(compiled, {
    text: post.text,
    language: post.language,
    market: post.market,
    advocate: post.advocate,
  });
  checkMs += performance.now() - started;

  const unused = new Set<CheckedClaim>(result.claims);
  for (const [anchor, verdict, factId] of post.claims) {
    counts[verdict].expected++;
    const from = post.text.indexOf(anchor);
    const to = from + anchor.length;
    const overlapping = [...unused].filter((c) => c.evidence.span[0] < to && from < c.evidence.span[1]);
    const pick =
      overlapping.find((c) => c.verdict === verdict && c.factId === factId) ??
      overlapping.find((c) => c.factId === factId) ??
      overlapping[0];
    if (pick === undefined) {
      errors.push(`${post.id} MISSED  ${verdict}/${factId ?? '-'} "${anchor}"`);
      continue;
    }
    unused.delete(pick);
    counts[pick.verdict].predicted++;
    const correct = pick.verdict === verdict && (verdict === 'unverified' || pick.factId === factId);
    if (correct) counts[verdict].tp++;
    else
      errors.push(
        `${post.id} WRONG   "${anchor}": expected ${verdict}/${factId ?? '-'}, got ${pick.verdict}/${pick.factId ?? '-'} (${pick.evidence.reason})`,
      );
  }
  for (const extra of unused) {
    counts[extra.verdict].predicted++;
    errors.push(
      `${post.id} EXTRA   ${extra.verdict}/${extra.factId ?? '-'} "${extra.text}" (${extra.evidence.reason})`,
    );
  }

  if (post.advocate && post.disclosure !== null) {
    disclosureTotal++;
    const expected = { present: post.disclosure !== 'absent', ok: post.disclosure === 'present' };
    const got = result.disclosure;
    if (got.present === expected.present && got.ok === expected.ok) disclosureCorrect++;
    else
      errors.push(
        `${post.id} DISCLOSURE expected ${post.disclosure}, got present=${got.present} ok=${got.ok} (${got.evidence.reason})`,
      );
  }
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));
const languages = [...new Set(posts.map((p) => p.language))].join('/');
console.log(
  `claims benchmark on ${split.toUpperCase()}: ${posts.length} posts (${languages}), ${briefs.size} briefs`,
);
console.log('verdict        expected  predicted  correct  precision  recall');
for (const verdict of VERDICTS) {
  const c = counts[verdict];
  console.log(
    `${verdict.padEnd(14)} ${String(c.expected).padStart(8)}  ${String(c.predicted).padStart(9)}  ${String(c.tp).padStart(7)}  ${ratio(c.tp, c.predicted).padStart(9)}  ${ratio(c.tp, c.expected).padStart(6)}`,
  );
}
console.log(
  `disclosure accuracy (advocate posts): ${ratio(disclosureCorrect, disclosureTotal)} (${disclosureCorrect}/${disclosureTotal})`,
);
console.log(
  `speed: ${(posts.length / (checkMs / 1000)).toFixed(0)} posts/s in checkBrandPost (${checkMs.toFixed(0)} ms; machine shared with other engineers)`,
);
if (showErrors) for (const line of errors) console.log(line);
