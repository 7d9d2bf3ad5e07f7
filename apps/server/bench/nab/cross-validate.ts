// Held-out evaluation of the standalone-series profile on the shared NAB Twitter series.
//
// Protocol (see docs/crisis-detection.md): leave one file out, choose the knob(s) on the other
// four by standard + low-FP score, score the held-out file with that choice, pool the five
// held-out alert columns and normalise them as NAB does. Two grids:
//   - `threshold`: the profile's one knob, the CUSUM decision threshold h;
//   - `nested`: h and the CUSUM reference k together, which also re-chooses the structural choice
//     (k = 2) that was made after looking at all five files.
// Every candidate is computed with the detector's own scorer and gate from one pass per file; the
// shipped default is checked against the alert column `ombud detect` printed.
import {
  SERIES_PROFILE_CUSUM_CLIP,
  SERIES_PROFILE_CUSUM_REFERENCE,
  SERIES_PROFILE_CUSUM_THRESHOLD,
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

export const THRESHOLD_GRID = [10, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70];
export const REFERENCE_GRID = [1, 1.5, 2, 3];

export type NabScores = Record<NabProfileName, number>;

export interface Candidate {
  threshold: number;
  reference: number;
  alerts: boolean[][];
}

export interface HeldOutResult {
  scores: NabScores;
  /** What each fold chose (by held-out file). */
  choices: { file: string; threshold: number; reference: number }[];
}

interface Views {
  point: Float64Array;
  warm: Uint8Array;
}

/** Robust z-score of each bucket, exactly as the series detector scores it. */
function scoreViews(s: NabSeries): Views {
  const config = VOLUME_SPIKE_DEFAULTS;
  const scorer = createDeviationScorer(config);
  const n = s.values.length;
  const point = new Float64Array(n);
  const warm = new Uint8Array(n);
  const first = s.timestamps[0] ?? 0;
  for (let i = 0; i < n; i++) {
    const time = s.timestamps[i] as number;
    point[i] = scorer.score(time, Math.log(Math.max(s.values[i] as number, 0) + config.logOffset)).z;
    warm[i] = time - first >= config.warmupMs ? 1 : 0;
  }
  return { point, warm };
}

function alertsFor(s: NabSeries, views: Views, threshold: number, reference: number): boolean[] {
  const profile = { ...VOLUME_SPIKE_DEFAULTS, ...seriesProfileOverrides(threshold, reference) };
  const state = initialAlertGateState();
  let cusum = 0;
  return s.timestamps.map((time, i) => {
    const z = views.point[i] as number;
    cusum = views.warm[i] === 1 ? Math.max(0, cusum + Math.min(z, SERIES_PROFILE_CUSUM_CLIP) - reference) : 0;
    const hit = views.warm[i] === 1 && (z >= profile.thresholds.warning || cusum >= threshold);
    return stepAlertGate(profile, state, time, hit ? 'warning' : null).alert;
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
    // Ties go to the first candidate in grid order (lowest reference, then lowest threshold).
    for (const candidate of candidates) {
      const score = objective(nabScores(series, train, candidate.alerts, profiles));
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    if (!best) throw new Error('no candidates');
    heldOut[out] = best.alerts[out] ?? [];
    choices.push({ file: series[out]?.name ?? '', threshold: best.threshold, reference: best.reference });
  }
  return { scores: nabScores(series, all, heldOut, profiles), choices };
}

export interface CrossValidation {
  candidates: Candidate[];
  /** The shipped default computed here, for the consistency check against `ombud detect`. */
  shipped: Candidate;
  threshold: HeldOutResult;
  nested: HeldOutResult;
}

export function crossValidate(
  series: readonly NabSeries[],
  profiles: Record<NabProfileName, NabCostMatrix>,
): CrossValidation {
  const views = series.map(scoreViews);
  const candidates: Candidate[] = [];
  for (const reference of REFERENCE_GRID) {
    for (const threshold of THRESHOLD_GRID) {
      candidates.push({
        threshold,
        reference,
        alerts: series.map((s, i) => alertsFor(s, views[i] as Views, threshold, reference)),
      });
    }
  }
  const shipped = candidates.find(
    (c) => c.threshold === SERIES_PROFILE_CUSUM_THRESHOLD && c.reference === SERIES_PROFILE_CUSUM_REFERENCE,
  );
  if (!shipped) throw new Error('the shipped default is not on the grid');
  return {
    candidates,
    shipped,
    threshold: leaveOneFileOut(
      series,
      candidates.filter((c) => c.reference === SERIES_PROFILE_CUSUM_REFERENCE),
      profiles,
    ),
    nested: leaveOneFileOut(series, candidates, profiles),
  };
}
