import {
  DAY_MS,
  createSeriesDetector,
  type SeriesDetector,
  type SeriesDetectorConfig,
  type SeriesDetectorState,
  type SeriesPoint,
  type Signal,
} from './series-detector.ts';

export type CrisisRule = 'volume-spike' | 'negative-volume-spike' | 'negative-share-shift' | 'acceleration';

const HOUR_MS = 3_600_000;

/**
 * Defaults for a post-count series, used by the campaign monitors (language-crisis-monitor.ts).
 * First chosen on the five shared NAB Twitter series; `ombud detect` and the NAB benchmark now use
 * the standalone-series profile below (`seriesProfileOverrides`) on top of these.
 */
export const VOLUME_SPIKE_DEFAULTS: SeriesDetectorConfig = {
  rule: 'volume-spike',
  direction: 'up',
  transform: 'log',
  logOffset: 10,
  seasonal: { periodMs: DAY_MS, periods: 7, toleranceMs: HOUR_MS, minPeriods: 2 },
  levelWindowMs: DAY_MS,
  scaleWindowMs: 7 * DAY_MS,
  minScale: 0.1,
  warmupMs: DAY_MS,
  thresholds: { watch: 6, warning: 9, critical: 14 },
  // Mean of the last 6 buckets (30 minutes of 5-minute buckets): a sustained rise.
  smoothed: { points: 6, thresholds: { watch: 3.5, warning: 5, critical: 8 } },
  alertSeverity: 'warning',
  persistence: { k: 1, n: 1 },
  cooldownMs: 24 * HOUR_MS,
  cooldownFrom: 'last-hit',
};

/**
 * Profile for one standalone count series of 5-minute buckets (`ombud detect`, the NAB benchmark),
 * kept apart from the campaign monitor's defaults above. A bucket is a hit when it alone is 9
 * robust deviations above its seasonal baseline (the default single-bucket level), or when the
 * CUSUM of the buckets' deviations, S = max(0, S + min(z, 5) − 2), reaches the decision threshold
 * h: a sustained rise of about 4 deviations or more, of any duration, adds up; noise drains away.
 * The alert episode stays open until a day (one daily cycle) passes without a hit. One knob, h,
 * chosen by leave-one-file-out on the five shared NAB Twitter series (see
 * apps/server/bench/nab/cross-validate.ts and docs/crisis-detection.md).
 */
export const SERIES_PROFILE_CUSUM_THRESHOLD = 35;
/** Half the shift, in robust deviations, the CUSUM is built to catch. */
export const SERIES_PROFILE_CUSUM_REFERENCE = 2;
/** One bucket adds at most this much to the CUSUM (single extreme buckets have their own rule). */
export const SERIES_PROFILE_CUSUM_CLIP = 5;

/** Overrides that turn the volume defaults into the standalone-series profile. */
export function seriesProfileOverrides(
  cusumThreshold = SERIES_PROFILE_CUSUM_THRESHOLD,
  cusumReference = SERIES_PROFILE_CUSUM_REFERENCE,
): Partial<SeriesDetectorConfig> {
  if (!(cusumThreshold > 0)) throw new RangeError('cusumThreshold must be > 0');
  const h = cusumThreshold;
  return {
    thresholds: { watch: 6, warning: 9, critical: 14 },
    smoothed: null,
    // watch at 2/3 of the alert level, critical at twice it.
    cusum: {
      reference: cusumReference,
      clip: SERIES_PROFILE_CUSUM_CLIP,
      thresholds: { watch: (2 / 3) * h, warning: h, critical: 2 * h },
    },
    alertSeverity: 'warning',
    persistence: { k: 1, n: 1 },
    cooldownMs: 24 * HOUR_MS,
    cooldownFrom: 'last-hit',
  };
}

/** Detector config for a rule, with overrides (a campaign's own sensitivity, say). */
export function crisisDetectorConfig(
  rule: CrisisRule,
  overrides: Partial<SeriesDetectorConfig> = {},
): SeriesDetectorConfig {
  switch (rule) {
    case 'volume-spike':
      return { ...VOLUME_SPIKE_DEFAULTS, ...overrides };
    case 'negative-volume-spike':
      return { ...VOLUME_SPIKE_DEFAULTS, rule, ...overrides };
    case 'negative-share-shift':
      // A share in [0, 1]: compare differences, not ratios; a 5-point rise is the smallest that matters.
      return {
        ...VOLUME_SPIKE_DEFAULTS,
        rule,
        transform: 'identity',
        logOffset: 1,
        minScale: 0.05,
        ...overrides,
      };
    case 'acceleration':
      // Fed with the growth of log volume between consecutive windows (see createAccelerationDetector).
      return {
        ...VOLUME_SPIKE_DEFAULTS,
        rule,
        transform: 'identity',
        logOffset: 1,
        seasonal: null,
        minScale: 0.1,
        ...overrides,
      };
  }
}

/** Creates the detector for one crisis rule (volume, negative volume, negative share). */
export function createCrisisDetector(
  rule: Exclude<CrisisRule, 'acceleration'>,
  overrides: Partial<SeriesDetectorConfig> = {},
  state?: SeriesDetectorState,
): SeriesDetector {
  return createSeriesDetector(crisisDetectorConfig(rule, overrides), state);
}

export interface AccelerationDetectorState {
  version: 1;
  /** ln(value + offset) of the last `lagPoints` inputs, oldest first. */
  recentLogs: number[];
  inner: SeriesDetectorState;
}

export interface AccelerationDetector {
  update(point: SeriesPoint): Signal;
  snapshot(): AccelerationDetectorState;
}

/**
 * Watches how fast volume grows: the input volume becomes ln(v_t + c) − ln(v_{t−lag} + c), a
 * growth rate that is scored by the same robust detector. Evidence values are growth rates.
 */
export function createAccelerationDetector(
  options: { lagPoints: number; logOffset?: number; overrides?: Partial<SeriesDetectorConfig> },
  state?: AccelerationDetectorState,
): AccelerationDetector {
  const offset = options.logOffset ?? VOLUME_SPIKE_DEFAULTS.logOffset;
  const inner = createSeriesDetector(crisisDetectorConfig('acceleration', options.overrides), state?.inner);
  const recentLogs = state ? [...state.recentLogs] : [];
  return {
    update(point) {
      const current = Math.log(Math.max(point.value, 0) + offset);
      const lagged = recentLogs.length >= options.lagPoints ? (recentLogs[0] as number) : current;
      recentLogs.push(current);
      if (recentLogs.length > options.lagPoints) recentLogs.shift();
      return inner.update({ time: point.time, value: current - lagged });
    },
    snapshot() {
      return { version: 1, recentLogs: [...recentLogs], inner: inner.snapshot() };
    },
  };
}
