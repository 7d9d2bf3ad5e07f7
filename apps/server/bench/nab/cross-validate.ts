// Held-out evaluation of the standalone-series profile on the shared NAB Twitter series.
//
// Protocol (see docs/crisis-detection.md): leave one file out, choose the knob(s) on the other
// four by standard + low-FP score, score the held-out file with that choice, pool the five
// held-out alert columns and normalise them as NAB does. Two grids:
//   - `sensitivity`: the profile's one knob T (hour mean ≥ T, single bucket ≥ 2T);
//   - `nested`: T and the smoothing span (30 min, 1 h, 2 h) together, which also re-chooses the
//     one structural choice that was made by looking at all five files.
// Every candidate is computed with the detector's own scorer and gate from one pass per file; the
// shipped default is checked against the alert column `ombud detect` printed.
import {
  SERIES_PROFILE_SENSITIVITY,
  SERIES_PROFILE_SMOOTHING_POINTS,
  VOLUME_SPIKE_DEFAULTS,
  createDeviationScorer,
  initialAlertGateState,
  normaliseNabScores,
  scoreNabFile,
  seriesProfileOverrides,
  stepAlertGate,
  type NabCostMatrix,
  type NabProfileName,
} from '@ombud/core';
import { NAB_PROFILE_NAMES, type NabSeries } from './nab-corpus.ts';

export const SENSITIVITY_GRID = [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 8];
export const SMOOTHING_GRID = [6, 12, 24];

export type NabScores = Record<NabProfileName, number>;

export interface Candidate {
  sensitivity: number;
  smoothingPoints: number;
  alerts: boolean[][];
}

export interface HeldOutResult {
  scores: NabScores;
  /** What each fold chose (by held-out file). */
  choices: { file: string; sensitivity: number; smoothingPoints: number }[];
}

interface Views {
  point: Float64Array;
  smoothed: Map<number, Float64Array>;
  warm: Uint8Array;
}

/** Robust z-scores of each bucket and of the trailing means, exactly as the series detector scores them. */
function scoreViews(s: NabSeries): Views {
  const config = VOLUME_SPIKE_DEFAULTS;
  const transform = (v: number): number => Math.log(Math.max(v, 0) + config.logOffset);
  const pointScorer = createDeviationScorer(config);
  const smoothedScorers = SMOOTHING_GRID.map((points) => ({
    points,
    scorer: createDeviationScorer(config),
    z: new Float64Array(s.values.length),
  }));
  const n = s.values.length;
  const point = new Float64Array(n);
  const warm = new Uint8Array(n);
  const first = s.timestamps[0] ?? 0;
  for (let i = 0; i < n; i++) {
    const time = s.timestamps[i] as number;
    const value = s.values[i] as number;
    point[i] = pointScorer.score(time, transform(value)).z;
    warm[i] = time - first >= config.warmupMs ? 1 : 0;
    for (const view of smoothedScorers) {
      const from = Math.max(0, i - view.points + 1);
      let sum = 0;
      for (let j = from; j <= i; j++) sum += s.values[j] as number;
      view.z[i] = view.scorer.score(time, transform(sum / (i - from + 1))).z;
    }
  }
  return { point, smoothed: new Map(smoothedScorers.map((v) => [v.points, v.z])), warm };
}

function alertsFor(s: NabSeries, views: Views, sensitivity: number, smoothingPoints: number): boolean[] {
  const gate = { ...VOLUME_SPIKE_DEFAULTS, ...seriesProfileOverrides(sensitivity, smoothingPoints) };
  const smoothed = views.smoothed.get(smoothingPoints);
  if (!smoothed) throw new Error(`no smoothed view of ${smoothingPoints} points`);
  const state = initialAlertGateState();
  return s.timestamps.map((time, i) => {
    const hit =
      views.warm[i] === 1 &&
      ((views.point[i] as number) >= gate.thresholds.warning ||
        (smoothed[i] as number) >= (gate.smoothed?.thresholds.warning ?? Infinity));
    return stepAlertGate(gate, state, time, hit ? 'warning' : null).alert;
  });
}

/** NAB-normalised scores of a set of files' alert columns, for the three profiles. */
export function nabScores(
  series: readonly NabSeries[],
  files: readonly number[],
  alerts: readonly (readonly boolean[])[],
  profiles: Record<NabProfileName, NabCostMatrix>,
): NabScores {
  const result = {} as NabScores;
  for (const profile of NAB_PROFILE_NAMES) {
    const scored = files.map((i) => {
      const s = series[i];
      if (!s) throw new Error(`no file ${i}`);
      const input = { timestamps: s.timestamps, detections: alerts[i] ?? [], windows: s.windows };
      return { input, score: scoreNabFile(input, profiles[profile]) };
    });
    result[profile] = normaliseNabScores(scored, profiles[profile]).normalised;
  }
  return result;
}

/** Selection objective: the two profiles the product owner scores. */
const objective = (r: NabScores): number => r.standard + r.reward_low_FP_rate;

function leaveOneFileOut(
  series: readonly NabSeries[],
  candidates: readonly Candidate[],
  profiles: Record<NabProfileName, NabCostMatrix>,
): HeldOutResult {
  const all = series.map((_, i) => i);
  const heldOut: boolean[][] = [];
  const choices: HeldOutResult['choices'] = [];
  for (const out of all) {
    const train = all.filter((i) => i !== out);
    let best: Candidate | undefined;
    let bestScore = -Infinity;
    // Ties go to the first candidate in grid order (lowest smoothing, then lowest T).
    for (const candidate of candidates) {
      const score = objective(nabScores(series, train, candidate.alerts, profiles));
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    if (!best) throw new Error('no candidates');
    heldOut[out] = best.alerts[out] ?? [];
    choices.push({
      file: series[out]?.name ?? '',
      sensitivity: best.sensitivity,
      smoothingPoints: best.smoothingPoints,
    });
  }
  return { scores: nabScores(series, all, heldOut, profiles), choices };
}

export interface CrossValidation {
  candidates: Candidate[];
  /** The shipped default (T and smoothing of the profile) computed here, for the consistency check. */
  shipped: Candidate;
  sensitivity: HeldOutResult;
  nested: HeldOutResult;
}

export function crossValidate(
  series: readonly NabSeries[],
  profiles: Record<NabProfileName, NabCostMatrix>,
): CrossValidation {
  const views = series.map(scoreViews);
  const candidates: Candidate[] = [];
  for (const smoothingPoints of SMOOTHING_GRID) {
    for (const sensitivity of SENSITIVITY_GRID) {
      candidates.push({
        sensitivity,
        smoothingPoints,
        alerts: series.map((s, i) => alertsFor(s, views[i] as Views, sensitivity, smoothingPoints)),
      });
    }
  }
  const shipped = candidates.find(
    (c) =>
      c.sensitivity === SERIES_PROFILE_SENSITIVITY && c.smoothingPoints === SERIES_PROFILE_SMOOTHING_POINTS,
  );
  if (!shipped) throw new Error('the shipped default is not on the grid');
  return {
    candidates,
    shipped,
    sensitivity: leaveOneFileOut(
      series,
      candidates.filter((c) => c.smoothingPoints === SERIES_PROFILE_SMOOTHING_POINTS),
      profiles,
    ),
    nested: leaveOneFileOut(series, candidates, profiles),
  };
}
