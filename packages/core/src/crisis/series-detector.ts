import {
  initialAlertGateState,
  stepAlertGate,
  type AlertGateConfig,
  type AlertGateState,
} from './alert-gate.ts';
import { medianInPlace } from './robust-stats.ts';
import { severityFor, type Severity, type SignalLevel } from './severity.ts';

export type { Severity, SignalLevel } from './severity.ts';
export type SpikeDirection = 'up' | 'down' | 'both';
export type SeriesTransform = 'log' | 'identity';
export type BaselineKind = 'seasonal' | 'level' | 'none';

/** One observation of a regularly bucketed series (time in epoch ms, passed in, never read). */
export interface SeriesPoint {
  time: number;
  value: number;
}

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

export interface SeriesDetectorConfig {
  /** Name of the rule, carried in every signal's evidence (`volume-spike`, `negative-share`…). */
  rule: string;
  direction: SpikeDirection;
  /** `log` compares ratios (ln(value + logOffset)); `identity` compares differences. */
  transform: SeriesTransform;
  /** Damps noise on small counts: 0 → 3 posts is not a 300 % rise when the offset is large. */
  logOffset: number;
  seasonal: SeasonalBaselineConfig | null;
  /** Trailing span whose median is the baseline when no seasonal one is available yet. */
  levelWindowMs: number;
  /** Trailing span of residuals whose median/MAD centre and scale the deviation score. */
  scaleWindowMs: number;
  /** Floor of the residual scale, in transformed units, so a flat series does not make noise infinite. */
  minScale: number;
  /** No alert before this much history has been seen. */
  warmupMs: number;
  /** Robust z-score (deviation) needed for each severity. */
  thresholds: Record<Severity, number>;
  /** Severity a point must reach to count towards an alert. */
  alertSeverity: Severity;
  /** An alert needs `k` of the last `n` points at `alertSeverity` or above. */
  persistence: AlertGateConfig['persistence'];
  /** Quiet time before another alert may fire (see `cooldownFrom`). */
  cooldownMs: number;
  cooldownFrom: AlertGateConfig['cooldownFrom'];
}

export interface SignalEvidence {
  rule: string;
  /** The expected value for this time, in the series' own units. */
  baseline: number;
  baselineKind: BaselineKind;
  observed: number;
  /** Robust z-score of the observation against the baseline (signed, transformed units). */
  deviation: number;
  /** Residual scale used (1.4826 · MAD, floored), transformed units. */
  scale: number;
  /** observed / baseline (NaN when the baseline is 0). */
  ratio: number;
  /** Points at alert severity among the last `n`, and the `k` needed. */
  persistence: { hits: number; k: number; n: number };
  /** Human-readable reason, e.g. `volume-spike: 1.2k vs 45 expected (z 9.1 ≥ 6 warning), 1 of 1 points`. */
  reason: string;
}

export interface Signal {
  time: number;
  value: number;
  level: SignalLevel;
  /** Deviation mapped into [0, 1): 0.5 at the alert threshold. */
  score: number;
  /** True only for the point that opens a new episode: one event, one alert. */
  alert: boolean;
  /** Whether an episode (incident) is open after this point, and its peak severity. */
  episode: { openedAt: number; peak: Severity } | null;
  evidence: SignalEvidence;
}

/** Plain-JSON state of a detector, safe to persist between buckets and to resume from. */
export interface SeriesDetectorState {
  version: 1;
  times: number[];
  values: number[];
  residuals: number[];
  firstTime: number | null;
  lastTime: number | null;
  gate: AlertGateState;
}

export interface SeriesDetector {
  /** Feeds one point (times must increase); returns the signal for it. */
  update(point: SeriesPoint): Signal;
  /** A deep copy of the state, for persistence. */
  snapshot(): SeriesDetectorState;
}

const DAY_MS = 86_400_000;

/** Empty detector state. */
export function initialSeriesDetectorState(): SeriesDetectorState {
  return {
    version: 1,
    times: [],
    values: [],
    residuals: [],
    firstTime: null,
    lastTime: null,
    gate: initialAlertGateState(),
  };
}

/** Creates a streaming robust-seasonal detector; pass a snapshot to resume where it stopped. */
export function createSeriesDetector(
  config: SeriesDetectorConfig,
  state?: SeriesDetectorState,
): SeriesDetector {
  validateConfig(config);
  const s: SeriesDetectorState = state ? cloneState(state) : initialSeriesDetectorState();
  // History is appended at the end and dropped from `start`; compacted now and then.
  let start = 0;
  let scratch = new Float64Array(1024);
  const horizonMs = Math.max(
    config.levelWindowMs,
    config.scaleWindowMs,
    config.seasonal ? config.seasonal.periodMs * config.seasonal.periods + config.seasonal.toleranceMs : 0,
  );
  const alertThreshold = config.thresholds[config.alertSeverity];

  const transform = (value: number): number =>
    config.transform === 'log' ? Math.log(Math.max(value, 0) + config.logOffset) : value;
  const untransform = (y: number): number =>
    config.transform === 'log' ? Math.exp(y) - config.logOffset : y;

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
    let hi = s.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s.times[mid] as number) < target) lo = mid + 1;
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
      for (; i < s.times.length && (s.times[i] as number) <= to; i++) {
        ensureScratch(count + 1)[count++] = s.values[i] as number;
      }
      if (count > before) periodsWithData++;
    }
    if (periodsWithData < seasonal.minPeriods) return undefined;
    return medianInPlace(scratch, count);
  }

  function residualScale(time: number): { centre: number; scale: number } {
    const from = lowerBound(time - config.scaleWindowMs);
    const to = s.residuals.length;
    const n = to - from;
    if (n < 2) return { centre: 0, scale: config.minScale };
    const centre = medianOfRange(s.residuals, from, to);
    const work = ensureScratch(n);
    for (let i = 0; i < n; i++) work[i] = Math.abs((s.residuals[from + i] as number) - centre);
    const scale = Math.max(config.minScale, 1.4826 * medianInPlace(work, n));
    return { centre, scale };
  }

  function trim(time: number): void {
    while (start < s.times.length && (s.times[start] as number) < time - horizonMs) start++;
    if (start > 4096 && start * 2 > s.times.length) {
      s.times.splice(0, start);
      s.values.splice(0, start);
      s.residuals.splice(0, start);
      start = 0;
    }
  }

  function update(point: SeriesPoint): Signal {
    const { time, value } = point;
    if (!Number.isFinite(time) || !Number.isFinite(value))
      throw new RangeError('time and value must be finite numbers');
    if (s.lastTime !== null && time <= s.lastTime) {
      throw new RangeError(`points must arrive in time order (${time} after ${s.lastTime})`);
    }
    s.firstTime ??= time;
    s.lastTime = time;
    trim(time);

    const y = transform(value);
    let baselineKind: BaselineKind = 'none';
    let base = seasonalBaseline(time);
    if (base !== undefined) baselineKind = 'seasonal';
    else {
      const from = lowerBound(time - config.levelWindowMs);
      if (from < s.times.length) {
        base = medianOfRange(s.values, from, s.times.length);
        baselineKind = 'level';
      }
    }
    const residual = base === undefined ? 0 : y - base;
    const { centre, scale } = residualScale(time);
    const z = baselineKind === 'none' ? 0 : (residual - centre) / scale;
    const deviation = config.direction === 'up' ? z : config.direction === 'down' ? -z : Math.abs(z);

    const level = severityFor(deviation, config.thresholds);
    const warmedUp = time - s.firstTime >= config.warmupMs;
    const hit = warmedUp && deviation >= alertThreshold && level !== 'normal' ? level : null;
    const { alert, hits, episode } = stepAlertGate(config, s.gate, time, hit);

    s.times.push(time);
    s.values.push(y);
    s.residuals.push(residual);

    const baseline = base === undefined ? Number.NaN : untransform(base + centre);
    const ratio = baseline > 0 ? value / baseline : Number.NaN;
    const evidence: SignalEvidence = {
      rule: config.rule,
      baseline,
      baselineKind,
      observed: value,
      deviation: z,
      scale,
      ratio,
      persistence: { hits, k: config.persistence.k, n: config.persistence.n },
      reason: describe(config, value, baseline, z, level, hits),
    };
    return {
      time,
      value,
      level,
      score: deviation > 0 ? deviation / (deviation + alertThreshold) : 0,
      alert,
      episode,
      evidence,
    };
  }

  function snapshot(): SeriesDetectorState {
    return {
      ...cloneState(s),
      times: s.times.slice(start),
      values: s.values.slice(start),
      residuals: s.residuals.slice(start),
    };
  }

  return { update, snapshot };
}

function describe(
  config: SeriesDetectorConfig,
  value: number,
  baseline: number,
  z: number,
  level: SignalLevel,
  hits: number,
): string {
  const expected = Number.isFinite(baseline) ? formatNumber(baseline) : 'no baseline yet';
  const threshold =
    level === 'normal' ? `< ${config.thresholds.watch} watch` : `≥ ${config.thresholds[level]} ${level}`;
  return (
    `${config.rule}: ${formatNumber(value)} vs ${expected} expected ` +
    `(z ${z.toFixed(1)} ${threshold}), ${hits} of ${config.persistence.n} points ≥ ${config.alertSeverity} (needs ${config.persistence.k})`
  );
}

function formatNumber(x: number): string {
  if (Math.abs(x) >= 1000) return `${(x / 1000).toFixed(1)}k`;
  if (Math.abs(x) >= 10) return x.toFixed(0);
  return x.toFixed(2);
}

function cloneState(state: SeriesDetectorState): SeriesDetectorState {
  return {
    version: 1,
    times: [...state.times],
    values: [...state.values],
    residuals: [...state.residuals],
    firstTime: state.firstTime,
    lastTime: state.lastTime,
    gate: {
      recentHits: [...state.gate.recentHits],
      episode: state.gate.episode ? { ...state.gate.episode } : null,
    },
  };
}

function validateConfig(config: SeriesDetectorConfig): void {
  const { k, n } = config.persistence;
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 1 && n >= k)) {
    throw new RangeError('persistence needs integers 1 <= k <= n');
  }
  const t = config.thresholds;
  if (!(t.watch <= t.warning && t.warning <= t.critical))
    throw new RangeError('thresholds must rise: watch <= warning <= critical');
  if (config.transform === 'log' && !(config.logOffset > 0))
    throw new RangeError('logOffset must be > 0 for the log transform');
  if (!(config.minScale > 0)) throw new RangeError('minScale must be > 0');
}

export { DAY_MS };
