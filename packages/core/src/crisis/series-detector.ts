import {
  initialAlertGateState,
  stepAlertGate,
  type AlertGateConfig,
  type AlertGateState,
} from './alert-gate.ts';
import {
  createDeviationScorer,
  type BaselineKind,
  type DeviationReading,
  type DeviationScorer,
  type DeviationScorerState,
  type SeasonalBaselineConfig,
} from './deviation-scorer.ts';
import { severityFor, severityRank, type Severity, type SignalLevel } from './severity.ts';

export type { Severity, SignalLevel } from './severity.ts';
export type SpikeDirection = 'up' | 'down' | 'both';
export type SeriesTransform = 'log' | 'identity';
export type { BaselineKind, SeasonalBaselineConfig } from './deviation-scorer.ts';

/** One observation of a regularly bucketed series (time in epoch ms, passed in, never read). */
export interface SeriesPoint {
  time: number;
  value: number;
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
  /** Robust z-score (deviation) needed for each severity, point by point. */
  thresholds: Record<Severity, number>;
  /**
   * A second look at the mean of the last `points` values, with its own thresholds: catches a
   * rise that is sustained but never extreme in any single bucket. Null to watch points only.
   */
  smoothed: { points: number; thresholds: Record<Severity, number> } | null;
  /**
   * A third look, Page's CUSUM over the single-bucket z-scores: S = max(0, S + min(z, clip) −
   * reference). It adds up a sustained rise of any length (no fixed smoothing span) and forgets
   * ordinary noise; `reference` is half the shift (in robust deviations) it is meant to catch, and
   * `clip` keeps one extreme bucket from carrying the sum (the single-bucket view handles those).
   * The level comes from S against `thresholds`. Absent or null to leave it out.
   */
  cusum?: { reference: number; clip: number; thresholds: Record<Severity, number> } | null;
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
  /** Which view raised the level: the single bucket or the mean of the last few. */
  view: 'point' | 'smoothed' | 'cusum';
  /** Robust z-score of that view against its baseline (signed, transformed units). */
  deviation: number;
  /** The z-scores of both views (smoothed is NaN when not configured), and the CUSUM sum (NaN without). */
  deviations: { point: number; smoothed: number; cusum: number };
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
  /** Strongest deviation relative to its alert threshold, mapped into [0, 1): 0.5 at the threshold. */
  score: number;
  /** True only for the point that opens a new episode: one event, one alert. */
  alert: boolean;
  /** Whether an episode (incident) is open after this point, and its peak severity. */
  episode: { openedAt: number; peak: Severity } | null;
  evidence: SignalEvidence;
}

/** Plain-JSON state of a detector, safe to persist between buckets and to resume from. */
export interface SeriesDetectorState {
  version: 2;
  point: DeviationScorerState;
  smoothed: DeviationScorerState | null;
  /** Last raw values (for the smoothed view). */
  recentValues: number[];
  /** CUSUM sum (absent in snapshots taken before it existed: starts at 0). */
  cusum?: number;
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

/** Creates a streaming robust-seasonal detector; pass a snapshot to resume where it stopped. */
export function createSeriesDetector(
  config: SeriesDetectorConfig,
  state?: SeriesDetectorState,
): SeriesDetector {
  validateConfig(config);
  const pointScorer = createDeviationScorer(config, state?.point);
  const smoothedScorer: DeviationScorer | null = config.smoothed
    ? createDeviationScorer(config, state?.smoothed ?? undefined)
    : null;
  const recentValues = state ? [...state.recentValues] : [];
  let cusum = state?.cusum ?? 0;
  let firstTime = state?.firstTime ?? null;
  let lastTime = state?.lastTime ?? null;
  const gate: AlertGateState = state
    ? {
        recentHits: [...state.gate.recentHits],
        episode: state.gate.episode ? { ...state.gate.episode } : null,
      }
    : initialAlertGateState();
  const alertThreshold = config.thresholds[config.alertSeverity];
  const smoothedAlertThreshold = config.smoothed
    ? config.smoothed.thresholds[config.alertSeverity]
    : Infinity;
  const cusumConfig = config.cusum ?? null;
  const cusumAlertThreshold = cusumConfig ? cusumConfig.thresholds[config.alertSeverity] : Infinity;

  const transform = (value: number): number =>
    config.transform === 'log' ? Math.log(Math.max(value, 0) + config.logOffset) : value;
  const untransform = (y: number): number =>
    config.transform === 'log' ? Math.exp(y) - config.logOffset : y;
  const directed = (z: number): number =>
    config.direction === 'up' ? z : config.direction === 'down' ? -z : Math.abs(z);

  function update(point: SeriesPoint): Signal {
    const { time, value } = point;
    if (!Number.isFinite(time) || !Number.isFinite(value))
      throw new RangeError('time and value must be finite numbers');
    if (lastTime !== null && time <= lastTime) {
      throw new RangeError(`points must arrive in time order (${time} after ${lastTime})`);
    }
    firstTime ??= time;
    lastTime = time;

    const pointReading = pointScorer.score(time, transform(value));
    let smoothedReading: DeviationReading | undefined;
    let smoothedValue = value;
    if (smoothedScorer && config.smoothed) {
      recentValues.push(value);
      if (recentValues.length > config.smoothed.points) recentValues.shift();
      smoothedValue = recentValues.reduce((sum, v) => sum + v, 0) / recentValues.length;
      smoothedReading = smoothedScorer.score(time, transform(smoothedValue));
    }

    const pointLevel = severityFor(directed(pointReading.z), config.thresholds);
    const smoothedLevel =
      smoothedReading && config.smoothed
        ? severityFor(directed(smoothedReading.z), config.smoothed.thresholds)
        : 'normal';
    const warmedUp = time - firstTime >= config.warmupMs;
    let cusumLevel: SignalLevel = 'normal';
    if (cusumConfig) {
      // The sum starts after the warm-up: early scores rest on a baseline of a few hours.
      cusum = warmedUp
        ? Math.max(0, cusum + Math.min(directed(pointReading.z), cusumConfig.clip) - cusumConfig.reference)
        : 0;
      cusumLevel = severityFor(cusum, cusumConfig.thresholds);
    }
    const useSmoothed =
      smoothedReading !== undefined && severityRank(smoothedLevel) > severityRank(pointLevel);
    const useCusum =
      cusumConfig !== null &&
      severityRank(cusumLevel) > severityRank(useSmoothed ? smoothedLevel : pointLevel);
    const view: SignalEvidence['view'] = useCusum ? 'cusum' : useSmoothed ? 'smoothed' : 'point';
    const level = useCusum ? cusumLevel : useSmoothed ? smoothedLevel : pointLevel;
    const reading = view === 'smoothed' && smoothedReading ? smoothedReading : pointReading;
    const relative = Math.max(
      directed(pointReading.z) / alertThreshold,
      smoothedReading ? directed(smoothedReading.z) / smoothedAlertThreshold : -Infinity,
      cusumConfig ? cusum / cusumAlertThreshold : -Infinity,
    );

    const hit =
      warmedUp && severityRank(level) >= severityRank(config.alertSeverity) && level !== 'normal'
        ? level
        : null;
    const { alert, hits, episode } = stepAlertGate(config, gate, time, hit);

    const observed = view === 'smoothed' ? smoothedValue : value;
    const baseline = untransform(reading.expected);
    const thresholds =
      view === 'cusum' && cusumConfig
        ? cusumConfig.thresholds
        : view === 'smoothed' && config.smoothed
          ? config.smoothed.thresholds
          : config.thresholds;
    const evidence: SignalEvidence = {
      rule: config.rule,
      baseline,
      baselineKind: reading.baselineKind,
      observed,
      view,
      deviation: view === 'cusum' ? cusum : reading.z,
      deviations: {
        point: pointReading.z,
        smoothed: smoothedReading ? smoothedReading.z : Number.NaN,
        cusum: cusumConfig ? cusum : Number.NaN,
      },
      scale: reading.scale,
      ratio: baseline > 0 ? observed / baseline : Number.NaN,
      persistence: { hits, k: config.persistence.k, n: config.persistence.n },
      reason: describe(config, view, observed, baseline, reading.z, cusum, level, thresholds, hits),
    };
    return {
      time,
      value,
      level,
      score: relative > 0 ? relative / (relative + 1) : 0,
      alert,
      episode,
      evidence,
    };
  }

  function snapshot(): SeriesDetectorState {
    return {
      version: 2,
      point: pointScorer.snapshot(),
      smoothed: smoothedScorer ? smoothedScorer.snapshot() : null,
      recentValues: [...recentValues],
      ...(cusumConfig ? { cusum } : {}),
      firstTime,
      lastTime,
      gate: { recentHits: [...gate.recentHits], episode: gate.episode ? { ...gate.episode } : null },
    };
  }

  return { update, snapshot };
}

function describe(
  config: SeriesDetectorConfig,
  view: SignalEvidence['view'],
  value: number,
  baseline: number,
  z: number,
  cusum: number,
  level: SignalLevel,
  thresholds: Record<Severity, number>,
  hits: number,
): string {
  const expected = Number.isFinite(baseline) ? formatNumber(baseline) : 'no baseline yet';
  const threshold = level === 'normal' ? `< ${thresholds.watch} watch` : `≥ ${thresholds[level]} ${level}`;
  const subject = view === 'smoothed' && config.smoothed ? `mean of last ${config.smoothed.points} ` : '';
  const measure =
    view === 'cusum'
      ? `z ${z.toFixed(1)}; sustained excess (CUSUM) ${cusum.toFixed(1)} ${threshold}`
      : `z ${z.toFixed(1)} ${threshold}`;
  return (
    `${config.rule}: ${subject}${formatNumber(value)} vs ${expected} expected ` +
    `(${measure}), ${hits} of ${config.persistence.n} points ≥ ${config.alertSeverity} (needs ${config.persistence.k})`
  );
}

function formatNumber(x: number): string {
  if (Math.abs(x) >= 1000) return `${(x / 1000).toFixed(1)}k`;
  if (Math.abs(x) >= 10) return x.toFixed(0);
  return x.toFixed(2);
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
  const st = config.smoothed;
  if (st && !(Number.isInteger(st.points) && st.points >= 2))
    throw new RangeError('smoothed.points must be an integer >= 2');
  if (
    st &&
    !(st.thresholds.watch <= st.thresholds.warning && st.thresholds.warning <= st.thresholds.critical)
  )
    throw new RangeError('smoothed thresholds must rise: watch <= warning <= critical');
  const cu = config.cusum;
  if (cu && !(cu.reference > 0 && cu.clip > cu.reference))
    throw new RangeError('cusum needs reference > 0 and clip > reference');
  if (
    cu &&
    !(cu.thresholds.watch <= cu.thresholds.warning && cu.thresholds.warning <= cu.thresholds.critical)
  )
    throw new RangeError('cusum thresholds must rise: watch <= warning <= critical');
}

export { DAY_MS };
