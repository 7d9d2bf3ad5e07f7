// A faithful port of the Numenta Anomaly Benchmark scorer (NAB v1.1 `nab/sweeper.py` and the
// normalisation in `nab/runner.py`), as a pure function so tests and benchmarks share it.

/** Weights of one NAB application profile (`config/profiles.json` → `CostMatrix`). */
export interface NabCostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export type NabProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

/** A labelled anomaly window, both ends inclusive, in epoch milliseconds. */
export interface NabWindow {
  start: number;
  end: number;
}

export interface NabFileInput {
  /** Row timestamps in epoch ms, ascending. */
  timestamps: readonly number[];
  /** True where the detector raised a detection (NAB: anomaly score >= threshold). */
  detections: readonly boolean[];
  windows: readonly NabWindow[];
}

export interface NabWindowOutcome {
  window: NabWindow;
  /** Index of the earliest detection inside the window, if any. */
  firstDetection?: number;
  /** Contribution of this window: the best weighted reward, or -fnWeight when missed. */
  reward: number;
}

export interface NabFileScore {
  score: number;
  /** Row counts as NAB reports them (probationary rows excluded). */
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** Windows that count (at least one row after probation). */
  windows: NabWindowOutcome[];
  /** Detections outside every window (after probation), with their weighted cost. */
  falsePositives: { index: number; cost: number }[];
  probationLength: number;
}

export const NAB_PROBATION_PERCENT = 0.15;

/** NAB's probationary period: the first 15 % of a file, at most 750 rows (`0.15 * 5000`). */
export function nabProbationLength(rows: number, probationPercent = NAB_PROBATION_PERCENT): number {
  return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
}

/** NAB's scaled sigmoid: ~0.987 at the left edge of a window (-1), 0 at its right edge, -1 far after it. */
export function nabScaledSigmoid(relativePosition: number): number {
  if (relativePosition > 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** Scores one file's detections against its windows with a cost matrix, exactly as NAB's sweeper does. */
export function scoreNabFile(
  input: NabFileInput,
  costs: NabCostMatrix,
  probationPercent = NAB_PROBATION_PERCENT,
): NabFileScore {
  const { timestamps, detections } = input;
  if (timestamps.length !== detections.length) throw new Error('timestamps and detections differ in length');
  const n = timestamps.length;
  const probationLength = nabProbationLength(n, probationPercent);
  const maxTp = nabScaledSigmoid(-1);
  const spans = windowSpans(timestamps, input.windows);

  const outcomes: NabWindowOutcome[] = [];
  const falsePositives: { index: number; cost: number }[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let spanIndex = 0;
  let prevRight: number | undefined;
  let prevWidth = 0;

  for (let i = 0; i < n; i++) {
    let span = spans[spanIndex];
    while (span && i > span.right) {
      prevRight = span.right;
      prevWidth = span.right - span.left + 1;
      spanIndex++;
      span = spans[spanIndex];
    }
    const inWindow = span !== undefined && i >= span.left;
    const detected = detections[i] === true;
    if (inWindow && span) {
      // A window counts once any of its rows is past probation; it starts as a miss.
      if (i >= probationLength && span.outcome === undefined) {
        span.outcome = { window: span.window, reward: -costs.fnWeight };
        outcomes.push(span.outcome);
      }
      if (i < probationLength) continue;
      if (detected) {
        tp++;
        const width = span.right - span.left + 1;
        const position = -(span.right - i + 1) / width;
        const reward = (nabScaledSigmoid(position) * costs.tpWeight) / maxTp;
        const outcome = span.outcome as NabWindowOutcome;
        if (reward > outcome.reward) {
          outcome.reward = reward;
          outcome.firstDetection ??= i;
        }
      } else fn++;
      continue;
    }
    if (i < probationLength) continue;
    if (!detected) {
      tn++;
      continue;
    }
    fp++;
    const unweighted =
      prevRight === undefined ? -1 : nabScaledSigmoid(Math.abs(prevRight - i) / Math.max(prevWidth - 1, 1));
    falsePositives.push({ index: i, cost: unweighted * costs.fpWeight });
  }

  const score =
    outcomes.reduce((sum, o) => sum + o.reward, 0) + falsePositives.reduce((sum, f) => sum + f.cost, 0);
  return { score, tp, fp, fn, tn, windows: outcomes, falsePositives, probationLength };
}

export interface NabNormalisedScore {
  /** 100 · (raw − null) / (perfect − null): 0 for a detector that never fires, 100 for a perfect one. */
  normalised: number;
  raw: number;
  nullScore: number;
  perfectScore: number;
}

/** Normalises summed raw scores the way NAB's runner does: perfect = window count · tpWeight. */
export function normaliseNabScores(
  files: readonly { input: NabFileInput; score: NabFileScore }[],
  costs: NabCostMatrix,
  probationPercent = NAB_PROBATION_PERCENT,
): NabNormalisedScore {
  let raw = 0;
  let nullScore = 0;
  let windowCount = 0;
  for (const { input, score } of files) {
    raw += score.score;
    windowCount += input.windows.length;
    const never = new Array<boolean>(input.timestamps.length).fill(false);
    nullScore += scoreNabFile({ ...input, detections: never }, costs, probationPercent).score;
  }
  const perfectScore = windowCount * costs.tpWeight;
  const normalised = (100 * (raw - nullScore)) / (perfectScore - nullScore);
  return { normalised, raw, nullScore, perfectScore };
}

interface Span {
  window: NabWindow;
  left: number;
  right: number;
  outcome?: NabWindowOutcome;
}

// NAB's windows start and end on row timestamps; we map each to the rows it covers so a window
// whose ends fall between rows still works.
function windowSpans(timestamps: readonly number[], windows: readonly NabWindow[]): Span[] {
  const spans: Span[] = [];
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  for (const window of sorted) {
    const left = lowerBound(timestamps, window.start);
    const right = lowerBound(timestamps, window.end + 1) - 1;
    if (left <= right) spans.push({ window, left, right });
  }
  return spans;
}

function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
