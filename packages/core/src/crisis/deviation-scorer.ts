import { medianInPlace } from './robust-stats.ts';

export type BaselineKind = 'seasonal' | 'level' | 'none';

export interface SeasonalBaselineConfig {
  /** Length of the rhythm: one day or one week. */
  periodMs: number;
  /** How many past periods the baseline looks at (median across all of them). */
  periods: number;
  /** Half-width of the same-time-of-period neighbourhood taken from each past period. */
  toleranceMs: number;
  /** Fewer past periods than this with data → fall back to the level baseline. */
  minPeriods: number;
}

export interface DeviationScorerConfig {
  seasonal: SeasonalBaselineConfig | null;
  /** Trailing span whose median is the baseline when no seasonal one is available yet. */
  levelWindowMs: number;
  /** Trailing span of residuals whose median/MAD centre and scale the deviation score. */
  scaleWindowMs: number;
  /** Floor of the residual scale, so a flat series does not make noise infinitely small. */
  minScale: number;
}

/** How far one (already transformed) observation is from what its history predicts. */
export interface DeviationReading {
  /** Baseline plus the recent median residual: the expected transformed value. */
  expected: number;
  baselineKind: BaselineKind;
  /** Robust z-score: (residual − median residual) / (1.4826 · MAD), signed. */
  z: number;
  scale: number;
}

/** Plain-JSON history of a scorer (transformed values and their residuals). */
export interface DeviationScorerState {
  times: number[];
  values: number[];
  residuals: number[];
}

export interface DeviationScorer {
  /** Scores `y` at `time` against the history, then adds it to the history. */
  score(time: number, y: number): DeviationReading;
  snapshot(): DeviationScorerState;
}

/**
 * Robust seasonal scorer: baseline = median of the same time of day over the last periods
 * (falling back to a trailing median), scale = MAD of recent residuals. Medians keep one past
 * spike from moving the baseline; the residual median absorbs slow changes of level.
 */
export function createDeviationScorer(
  config: DeviationScorerConfig,
  state?: DeviationScorerState,
): DeviationScorer {
  const times = state ? [...state.times] : [];
  const values = state ? [...state.values] : [];
  const residuals = state ? [...state.residuals] : [];
  // History is appended at the end and dropped from `start`; compacted now and then.
  let start = 0;
  let scratch = new Float64Array(1024);
  const horizonMs = Math.max(
    config.levelWindowMs,
    config.scaleWindowMs,
    config.seasonal ? config.seasonal.periodMs * config.seasonal.periods + config.seasonal.toleranceMs : 0,
  );

  function ensureScratch(n: number): Float64Array {
    if (scratch.length < n) {
      const grown = new Float64Array(Math.max(n, scratch.length * 2));
      grown.set(scratch);
      scratch = grown;
    }
    return scratch;
  }

  function lowerBound(target: number): number {
    let lo = start;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function medianOfRange(series: number[], from: number, to: number): number {
    const n = to - from;
    const work = ensureScratch(n);
    for (let i = 0; i < n; i++) work[i] = series[from + i] as number;
    return medianInPlace(work, n);
  }

  function seasonalBaseline(time: number): number | undefined {
    const seasonal = config.seasonal;
    if (!seasonal) return undefined;
    let count = 0;
    let periodsWithData = 0;
    for (let k = 1; k <= seasonal.periods; k++) {
      const centre = time - k * seasonal.periodMs;
      const to = centre + seasonal.toleranceMs;
      let i = lowerBound(centre - seasonal.toleranceMs);
      const before = count;
      for (; i < times.length && (times[i] as number) <= to; i++) {
        ensureScratch(count + 1)[count++] = values[i] as number;
      }
      if (count > before) periodsWithData++;
    }
    if (periodsWithData < seasonal.minPeriods) return undefined;
    return medianInPlace(scratch, count);
  }

  function residualScale(time: number): { centre: number; scale: number } {
    const from = lowerBound(time - config.scaleWindowMs);
    const n = residuals.length - from;
    if (n < 2) return { centre: 0, scale: config.minScale };
    const centre = medianOfRange(residuals, from, residuals.length);
    const work = ensureScratch(n);
    for (let i = 0; i < n; i++) work[i] = Math.abs((residuals[from + i] as number) - centre);
    return { centre, scale: Math.max(config.minScale, 1.4826 * medianInPlace(work, n)) };
  }

  function trim(time: number): void {
    while (start < times.length && (times[start] as number) < time - horizonMs) start++;
    if (start > 4096 && start * 2 > times.length) {
      times.splice(0, start);
      values.splice(0, start);
      residuals.splice(0, start);
      start = 0;
    }
  }

  return {
    score(time, y) {
      trim(time);
      let baselineKind: BaselineKind = 'none';
      let base = seasonalBaseline(time);
      if (base !== undefined) baselineKind = 'seasonal';
      else {
        const from = lowerBound(time - config.levelWindowMs);
        if (from < times.length) {
          base = medianOfRange(values, from, times.length);
          baselineKind = 'level';
        }
      }
      const residual = base === undefined ? 0 : y - base;
      const { centre, scale } = residualScale(time);
      const z = base === undefined ? 0 : (residual - centre) / scale;
      times.push(time);
      values.push(y);
      residuals.push(residual);
      return { expected: base === undefined ? Number.NaN : base + centre, baselineKind, z, scale };
    },
    snapshot() {
      return { times: times.slice(start), values: values.slice(start), residuals: residuals.slice(start) };
    },
  };
}
