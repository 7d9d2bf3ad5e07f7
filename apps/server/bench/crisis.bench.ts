// NAB benchmark of `ombud detect`: scores the `alert` column as it is on the shared NAB Twitter
// series, for NAB's three profiles (in-sample: the profile's knob was chosen on these files), then
// the held-out figures by leave-one-file-out (bench/nab/cross-validate.ts), and reports speed.
import { createReadStream } from 'node:fs';
import { normaliseNabScores, scoreNabFile, type NabFileInput, type NabFileScore } from '@ombud/core';
import { runDetection } from '../src/cli/commands/detect.command.ts';
import { readRecords } from '../src/ingest/record-reader.ts';
import { crossValidate, nabScores, type HeldOutResult } from './nab/cross-validate.ts';
import { loadNabCategory, loadNabProfiles, NAB_DIR, NAB_PROFILE_NAMES } from './nab/nab-corpus.ts';

const nabDir = process.argv[2] ?? NAB_DIR;
const series = await loadNabCategory('realTweets', nabDir);
const profiles = await loadNabProfiles(nabDir);

let points = 0;
let detectorMs = 0;
const started = performance.now();
const inputs: { name: string; input: NabFileInput }[] = [];
for (const s of series) {
  const alertByTime = new Map<string, boolean>();
  const summary = await runDetection(readRecords(createReadStream(s.path), { format: 'csv' }), {
    rule: 'volume-spike',
    write: (line) => {
      const fields = line.split(',');
      if (fields[0] !== 'timestamp') alertByTime.set(fields[0] ?? '', fields[3] === '1');
    },
    onProblem: (p) => console.error(`${s.path}:${p.line}: ${p.field}: ${p.reason}`),
  });
  points += summary.points;
  detectorMs += summary.detectorMs;
  // Score what the command printed: rows are matched back to the labelled timestamps.
  const detections = s.timestamps.map(
    (t) => alertByTime.get(new Date(t).toISOString().slice(0, 19).replace('T', ' ')) === true,
  );
  inputs.push({ name: s.name, input: { timestamps: s.timestamps, detections, windows: s.windows } });
}
const wallSeconds = (performance.now() - started) / 1000;

console.log(
  `NAB realTweets (${series.length} files, ${points} points), alert column as printed by \`ombud detect\``,
);
console.log('');
console.log(['file'.padEnd(34), 'windows', 'hit', 'alerts', 'false'].join('  '));
for (const { name, input } of inputs) {
  const score = scoreNabFile(input, profiles.standard);
  const hit = score.windows.filter((w) => w.firstDetection !== undefined).length;
  const alerts = input.detections.filter(Boolean).length;
  console.log(
    [
      name.padEnd(34),
      String(input.windows.length).padStart(7),
      String(hit).padStart(3),
      String(alerts).padStart(6),
      String(score.falsePositives.length).padStart(5),
    ].join('  '),
  );
}
console.log('');
for (const profile of NAB_PROFILE_NAMES) {
  const costs = profiles[profile];
  const files: { input: NabFileInput; score: NabFileScore }[] = inputs.map(({ input }) => ({
    input,
    score: scoreNabFile(input, costs),
  }));
  const result = normaliseNabScores(files, costs);
  console.log(
    `${profile.padEnd(20)} ${result.normalised.toFixed(1).padStart(6)}   (raw ${result.raw.toFixed(2)}, null ${result.nullScore.toFixed(2)}, perfect ${result.perfectScore.toFixed(2)})`,
  );
}
console.log('');
console.log(
  `detector speed: ${Math.round(points / (detectorMs / 1000)).toLocaleString('en')} points/s (detector only); ` +
    `${Math.round(points / wallSeconds).toLocaleString('en')} points/s end to end (read, detect, write); shared 2-core machine, pessimistic`,
);

// Held-out figures: leave one file out, choose on the other four, score the one left out.
const cv = crossValidate(series, profiles);
const printed = inputs.map(({ input }) => input.detections);
const mismatch = printed.findIndex((column, i) =>
  column.some((alert, j) => alert !== (cv.shipped.alerts[i]?.[j] ?? false)),
);
if (mismatch >= 0) {
  console.error(
    `cross-validation does not reproduce the alert column of ${series[mismatch]?.name}: the figures below would be wrong`,
  );
  process.exitCode = 1;
}
const all = series.map((_, i) => i);
const format = (r: Record<string, number>): string =>
  NAB_PROFILE_NAMES.map((p) => `${p} ${(r[p] ?? Number.NaN).toFixed(1)}`).join(', ');
const choices = (r: HeldOutResult): string =>
  r.choices
    .map((c) => `${c.file.replace(/^.*_volume_|\.csv$/g, '')} h=${c.threshold} k=${c.reference}`)
    .join(', ');
console.log('');
console.log('Scores of the alert column, normalised over the 5 files:');
console.log(
  `  in-sample (shipped profile, knob chosen on these files):      ${format(nabScores(series, all, printed, profiles))}`,
);
console.log(`  held-out, leave-one-file-out over the CUSUM threshold h:      ${format(cv.threshold.scores)}`);
console.log(`    chosen per fold: ${choices(cv.threshold)}`);
console.log(`  held-out, leave-one-file-out over h and the CUSUM reference k: ${format(cv.nested.scores)}`);
console.log(`    chosen per fold: ${choices(cv.nested)}`);
console.log('');
console.log('In-sample scores of every candidate (k → h:standard/low-FP):');
for (const reference of [...new Set(cv.candidates.map((c) => c.reference))]) {
  const row = cv.candidates
    .filter((c) => c.reference === reference)
    .map((c) => {
      const r = nabScores(series, all, c.alerts, profiles);
      return `${c.threshold}:${r.standard.toFixed(0)}/${r.reward_low_FP_rate.toFixed(0)}`;
    });
  console.log(`  k=${String(reference).padEnd(3)} ${row.join(' ')}`);
}
console.log('Protocol and caveats: docs/crisis-detection.md (NAB benchmark).');
