import {
  initialAlertGateState,
  stepAlertGate,
  type AlertGateConfig,
  type AlertGateState,
} from './alert-gate.ts';
import { crisisDetectorConfig } from './crisis-detectors.ts';
import {
  createSeriesDetector,
  type SeriesDetector,
  type SeriesDetectorConfig,
  type SeriesDetectorState,
  type Signal,
} from './series-detector.ts';
import { severityRank, type Severity, type SignalLevel } from './severity.ts';

/** The four series a campaign's posts in one language are watched on. */
export const MONITOR_RULES = [
  'volume-spike',
  'negative-volume-spike',
  'negative-share-shift',
  'risk-volume-spike',
] as const;
export type MonitorRule = (typeof MONITOR_RULES)[number];

/** One closed time bucket of a campaign in one language. */
export interface CrisisPoint {
  /** Start of the bucket, epoch ms. */
  time: number;
  posts: number;
  negative: number;
  /** Posts using crisis vocabulary (see `detectRiskTerms`). */
  risk: number;
}

export interface LanguageMonitorConfig {
  /** Width of one point; the detectors' windows are counted in points of this width. */
  pointMs: number;
  /** The negative share is taken over this many trailing points… */
  shareWindowPoints: number;
  /** …and only scored when they hold at least this many posts: below 20, one post moves the share by more than 5 points. */
  minShareSample: number;
  /**
   * …and only count as a crisis driver when so many negatives among those posts would be this
   * unlikely at the baseline share (binomial tail). 1e-5 is about one chance warning per language
   * per year of 5-minute points: at night 11 negatives of 22 posts is a robust outlier of the
   * share, yet happens by chance every few weeks.
   */
  maxShareTailProbability: number;
  detectors: Record<MonitorRule, SeriesDetectorConfig>;
  /** A language episode (and so an incident) opens when the combined level reaches this. */
  openAt: Severity;
  gate: AlertGateConfig;
}

/**
 * Per-language series are sparse (a few posts per 5 minutes), unlike the NAB series the volume
 * defaults were chosen on: a log offset of 1 keeps 0 → 1 post a small step, and the scale floor is
 * set so that one post above a quiet baseline never reaches watch, while three in one bucket or
 * seven in 30 minutes over a silent baseline do reach warning. Everything else is the shared default.
 */
const SPARSE_COUNTS: Partial<SeriesDetectorConfig> = { logOffset: 1, minScale: 0.15 };

/** Default monitor for 5-minute points of one campaign language. */
export function defaultLanguageMonitorConfig(
  overrides: Partial<LanguageMonitorConfig> = {},
): LanguageMonitorConfig {
  return {
    pointMs: 5 * 60_000,
    shareWindowPoints: 6,
    minShareSample: 20,
    maxShareTailProbability: 1e-5,
    detectors: {
      'volume-spike': crisisDetectorConfig('volume-spike', SPARSE_COUNTS),
      'negative-volume-spike': crisisDetectorConfig('negative-volume-spike', SPARSE_COUNTS),
      'negative-share-shift': crisisDetectorConfig('negative-share-shift'),
      'risk-volume-spike': crisisDetectorConfig('negative-volume-spike', {
        ...SPARSE_COUNTS,
        rule: 'risk-volume-spike',
      }),
    },
    openAt: 'warning',
    // One event, one incident: the episode stays open until six quiet hours have passed.
    gate: { persistence: { k: 1, n: 1 }, cooldownMs: 6 * 3_600_000, cooldownFrom: 'last-hit' },
    ...overrides,
  };
}

export interface LanguageMonitorState {
  version: 1;
  detectors: Record<MonitorRule, SeriesDetectorState | null>;
  /** Posts and negatives of the last `shareWindowPoints` points, oldest first. */
  recent: { posts: number; negative: number }[];
  gate: AlertGateState;
  lastTime: number | null;
}

/** What one point says about a campaign language. */
export interface MonitorReading {
  time: number;
  /**
   * Combined level. Crisis vocabulary counts in full; more negative posts count in full only when
   * their share rose too (else it is just more conversation, like a launch); volume alone is at
   * most `watch`.
   */
  level: SignalLevel;
  /** True on the point that opens a new episode at `openAt` or above. */
  alert: boolean;
  episode: { openedAt: number; peak: Severity } | null;
  /** Rules whose signal set `level`. */
  drivers: MonitorRule[];
  signals: Partial<Record<MonitorRule, Signal>>;
}

export interface LanguageCrisisMonitor {
  update(point: CrisisPoint): MonitorReading;
  snapshot(): LanguageMonitorState;
}

const RANKED: readonly SignalLevel[] = ['normal', 'watch', 'warning', 'critical'];

function cap(level: SignalLevel, ceiling: SignalLevel): SignalLevel {
  return severityRank(level) > severityRank(ceiling) ? ceiling : level;
}

function lower(a: SignalLevel, b: SignalLevel): SignalLevel {
  return severityRank(a) <= severityRank(b) ? a : b;
}

/**
 * Watches one campaign language with the shared series detectors (volume, negative volume,
 * negative share, crisis-vocabulary volume), combines their levels and gates the result with
 * persistence and cool-down. Pure and resumable from `snapshot()`.
 */
export function createLanguageCrisisMonitor(
  config: LanguageMonitorConfig,
  state?: LanguageMonitorState,
): LanguageCrisisMonitor {
  const detectors = {} as Record<MonitorRule, SeriesDetector>;
  for (const rule of MONITOR_RULES) {
    detectors[rule] = createSeriesDetector(config.detectors[rule], state?.detectors[rule] ?? undefined);
  }
  const recent = state ? state.recent.map((r) => ({ ...r })) : [];
  const gate: AlertGateState = state
    ? {
        recentHits: [...state.gate.recentHits],
        episode: state.gate.episode ? { ...state.gate.episode } : null,
      }
    : initialAlertGateState();
  let lastTime = state?.lastTime ?? null;
  const touched = new Set<MonitorRule>(
    state ? MONITOR_RULES.filter((rule) => state.detectors[rule] !== null) : [],
  );

  return {
    update(point) {
      if (lastTime !== null && point.time <= lastTime)
        throw new RangeError(`points must arrive in time order (${point.time} after ${lastTime})`);
      lastTime = point.time;
      const signals: Partial<Record<MonitorRule, Signal>> = {};
      const feed = (rule: MonitorRule, value: number) => {
        touched.add(rule);
        signals[rule] = detectors[rule].update({ time: point.time, value });
      };
      feed('volume-spike', point.posts);
      feed('negative-volume-spike', point.negative);
      feed('risk-volume-spike', point.risk);
      const levelOf = (rule: MonitorRule): SignalLevel => signals[rule]?.level ?? 'normal';
      recent.push({ posts: point.posts, negative: point.negative });
      if (recent.length > config.shareWindowPoints) recent.shift();
      let posts = 0;
      let negative = 0;
      for (const r of recent) {
        posts += r.posts;
        negative += r.negative;
      }
      if (posts >= config.minShareSample) feed('negative-share-shift', negative / posts);
      const baselineShare = signals['negative-share-shift']?.evidence.baseline;
      const shareLevel =
        baselineShare !== undefined &&
        binomialTail(posts, negative, baselineShare) <= config.maxShareTailProbability
          ? levelOf('negative-share-shift')
          : 'normal';

      const candidates: [MonitorRule, SignalLevel][] = [
        ['risk-volume-spike', levelOf('risk-volume-spike')],
        ['negative-share-shift', lower(shareLevel, levelOf('negative-volume-spike'))],
        ['negative-volume-spike', cap(levelOf('negative-volume-spike'), 'watch')],
        ['volume-spike', cap(levelOf('volume-spike'), 'watch')],
      ];
      let level: SignalLevel = 'normal';
      for (const [, l] of candidates) if (severityRank(l) > severityRank(level)) level = l;
      const drivers = level === 'normal' ? [] : candidates.filter(([, l]) => l === level).map(([r]) => r);
      const hit = severityRank(level) >= severityRank(config.openAt) ? (level as Severity) : null;
      const decision = stepAlertGate(config.gate, gate, point.time, hit);
      return { time: point.time, level, alert: decision.alert, episode: decision.episode, drivers, signals };
    },
    snapshot() {
      const out = {} as Record<MonitorRule, SeriesDetectorState | null>;
      for (const rule of MONITOR_RULES) out[rule] = touched.has(rule) ? detectors[rule].snapshot() : null;
      return {
        version: 1,
        detectors: out,
        recent: recent.map((r) => ({ ...r })),
        gate: { recentHits: [...gate.recentHits], episode: gate.episode ? { ...gate.episode } : null },
        lastTime,
      };
    },
  };
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed from the k term up with the ratio of neighbours. */
export function binomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  const share = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  let logTerm = k * Math.log(share) + (n - k) * Math.log(1 - share);
  for (let i = 0; i < k; i++) logTerm += Math.log(n - i) - Math.log(i + 1);
  let term = Math.exp(logTerm);
  let sum = 0;
  const odds = share / (1 - share);
  for (let i = k; i <= n && term > 0; i++) {
    sum += term;
    term *= ((n - i) / (i + 1)) * odds;
  }
  return Math.min(1, sum);
}

/** Orders levels for display: normal < watch < warning < critical. */
export function compareLevels(a: SignalLevel, b: SignalLevel): number {
  return RANKED.indexOf(a) - RANKED.indexOf(b);
}
