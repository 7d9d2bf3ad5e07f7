// Leave-one-file-out cross-validation of the volume-spike detector on the shared NAB Twitter
// series: for each file, choose parameters on the other four, then score the held-out file with
// them. The pooled held-out scores are the honest estimate; the in-sample best is printed apart.
// Run: npx tsx apps/server/bench/nab/cross-validate.ts
import {
  VOLUME_SPIKE_DEFAULTS,
  createSeriesDetector,
  initialAlertGateState,
  normaliseNabScores,
  scoreNabFile,
  stepAlertGate,
  type NabProfileName,
} from '@ombud/core';
import { loadNabCategory, loadNabProfiles, NAB_PROFILE_NAMES } from './nab-corpus.ts';

const series = await loadNabCategory();
const profiles = await loadNabProfiles();
const NEVER = { watch: Infinity, warning: Infinity, critical: Infinity };

// The grid: three knobs only (log offset, point threshold, smoothed threshold).
const LOG_OFFSETS = [5, 10, 20];
const POINT_THRESHOLDS = [5, 6, 7, 8, 9, 10];
const SMOOTHED_BELOW_POINT = [0, 1, 2, 3, 4];

interface Candidate {
  key: string;
  alerts: boolean[][];
}

/** Runs the real detector once per offset with alerts disabled, keeping both views' z-scores. */
function deviations(logOffset: number): { point: Float64Array; smoothed: Float64Array }[] {
  return series.map((s) => {
    const detector = createSeriesDetector({
      ...VOLUME_SPIKE_DEFAULTS,
      logOffset,
      thresholds: NEVER,
      smoothed: { points: VOLUME_SPIKE_DEFAULTS.smoothed?.points ?? 6, thresholds: NEVER },
    });
    const point = new Float64Array(s.values.length);
    const smoothed = new Float64Array(s.values.length);
    s.timestamps.forEach((time, i) => {
      const signal = detector.update({ time, value: s.values[i] ?? 0 });
      const warm = time - (s.timestamps[0] ?? 0) >= VOLUME_SPIKE_DEFAULTS.warmupMs;
      point[i] = warm ? signal.evidence.deviations.point : 0;
      smoothed[i] = warm ? signal.evidence.deviations.smoothed : 0;
    });
    return { point, smoothed };
  });
}

/** The detector's own gate (persistence, cool-down) over precomputed z-scores. */
function alertsFor(
  z: { point: Float64Array; smoothed: Float64Array },
  times: number[],
  pointThreshold: number,
  smoothedThreshold: number,
): boolean[] {
  const state = initialAlertGateState();
  return times.map((time, i) => {
    const hit = (z.point[i] ?? 0) >= pointThreshold || (z.smoothed[i] ?? 0) >= smoothedThreshold;
    return stepAlertGate(VOLUME_SPIKE_DEFAULTS, state, time, hit ? 'warning' : null).alert;
  });
}

function evaluate(files: number[], alerts: boolean[][]): Record<NabProfileName, number> {
  const result = {} as Record<NabProfileName, number>;
  for (const profile of NAB_PROFILE_NAMES) {
    const scored = files.map((i) => {
      const s = series[i];
      if (!s) throw new Error('no such file');
      const input = { timestamps: s.timestamps, detections: alerts[i] ?? [], windows: s.windows };
      return { input, score: scoreNabFile(input, profiles[profile]) };
    });
    result[profile] = normaliseNabScores(scored, profiles[profile]).normalised;
  }
  return result;
}

// Tuning objective: the two profiles the product owner scores.
const objective = (r: Record<NabProfileName, number>): number => r.standard + r.reward_low_FP_rate;
const format = (r: Record<NabProfileName, number>): string =>
  NAB_PROFILE_NAMES.map((p) => `${p} ${r[p].toFixed(1)}`).join(', ');

const candidates: Candidate[] = [];
for (const logOffset of LOG_OFFSETS) {
  const z = deviations(logOffset);
  for (const pointThreshold of POINT_THRESHOLDS) {
    for (const below of SMOOTHED_BELOW_POINT) {
      const smoothedThreshold = pointThreshold - below;
      candidates.push({
        key: `logOffset=${logOffset} point>=${pointThreshold} smoothed>=${smoothedThreshold}`,
        alerts: series.map((s, i) =>
          alertsFor(
            z[i] ?? { point: new Float64Array(), smoothed: new Float64Array() },
            s.timestamps,
            pointThreshold,
            smoothedThreshold,
          ),
        ),
      });
    }
  }
}

const all = series.map((_, i) => i);
const heldOut: boolean[][] = [];
console.log(`leave-one-file-out over ${candidates.length} candidates`);
for (const out of all) {
  const train = all.filter((i) => i !== out);
  let best = candidates[0];
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const score = objective(evaluate(train, candidate.alerts));
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  if (!best) throw new Error('no candidates');
  heldOut[out] = best.alerts[out] ?? [];
  console.log(`  held out ${series[out]?.name}: chose ${best.key}`);
}
console.log(`HELD-OUT (pooled over the 5 folds): ${format(evaluate(all, heldOut))}`);

const ranked = candidates
  .map((c) => ({ c, r: evaluate(all, c.alerts) }))
  .sort((a, b) => objective(b.r) - objective(a.r));
console.log('in-sample best (optimistic, tuned on all 5 files):');
for (const { c, r } of ranked.slice(0, 3)) console.log(`  ${c.key}: ${format(r)}`);
