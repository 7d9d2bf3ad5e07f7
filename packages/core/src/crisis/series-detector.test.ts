import { describe, expect, it } from 'vitest';
import {
  VOLUME_SPIKE_DEFAULTS,
  createAccelerationDetector,
  createCrisisDetector,
} from './crisis-detectors.ts';
import { createSeriesDetector, type SeriesDetectorConfig, type Signal } from './series-detector.ts';

const STEP = 5 * 60_000;
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** A deterministic pseudo-random generator so tests are repeatable. */
function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function run(values: number[], config: SeriesDetectorConfig = VOLUME_SPIKE_DEFAULTS): Signal[] {
  const detector = createSeriesDetector(config);
  return values.map((value, i) => detector.update({ time: START + i * STEP, value }));
}

const days = (n: number): number => Math.round((n * DAY) / STEP);
const dailyRhythm = (i: number): number => 60 + 50 * Math.sin((2 * Math.PI * ((i * STEP) % DAY)) / DAY);

describe('volume spike detector', () => {
  const rand = noise(7);
  const cases: { name: string; values: number[]; alerts: number }[] = [
    { name: 'a flat series never alerts', values: Array.from({ length: days(10) }, () => 40), alerts: 0 },
    { name: 'an all-zero series never alerts', values: Array.from({ length: days(10) }, () => 0), alerts: 0 },
    {
      name: 'a noisy series with a strong daily rhythm does not alert',
      values: Array.from({ length: days(14) }, (_, i) => Math.round(dailyRhythm(i) * (1 + 0.3 * rand()))),
      alerts: 0,
    },
    {
      name: 'a step change to ten times the volume alerts once, not on every high point',
      values: Array.from({ length: days(6) }, (_, i) => (i < days(4) ? 40 : 400)),
      alerts: 1,
    },
    {
      name: 'a single burst inside the daily rhythm alerts once',
      values: Array.from({ length: days(10) }, (_, i) =>
        i >= days(8) && i < days(8) + 6 ? 900 : Math.round(dailyRhythm(i)),
      ),
      alerts: 1,
    },
  ];
  it.each(cases)('$name', ({ values, alerts }) => {
    expect(run(values).filter((s) => s.alert)).toHaveLength(alerts);
  });

  it('the alert carries its evidence: baseline, observed value, deviation and rule', () => {
    const values = Array.from({ length: days(6) }, (_, i) => (i === days(5) ? 800 : 40));
    const alert = run(values).find((s) => s.alert);
    expect(alert?.time).toBe(START + days(5) * STEP);
    expect(alert?.evidence).toMatchObject({ rule: 'volume-spike', observed: 800, baselineKind: 'seasonal' });
    expect(alert?.evidence.baseline).toBeCloseTo(40, 0);
    expect(alert?.evidence.deviation).toBeGreaterThan(VOLUME_SPIKE_DEFAULTS.thresholds.warning);
    expect(alert?.evidence.reason).toContain('volume-spike: 800 vs 40 expected');
    expect(alert?.score).toBeGreaterThan(0.5);
  });

  it('stays silent during warm-up however large the first points', () => {
    const values = Array.from({ length: days(0.5) }, (_, i) => (i === 50 ? 5000 : 10));
    expect(run(values).some((s) => s.alert)).toBe(false);
  });
});

describe('cool-down and persistence', () => {
  const spikesAt = (offsets: number[]): number[] =>
    Array.from({ length: days(8) }, (_, i) => (offsets.some((o) => i === days(3) + o) ? 1000 : 30));
  const hours = (h: number): number => Math.round((h * 3_600_000) / STEP);
  const cases: { name: string; offsets: number[]; config: Partial<SeriesDetectorConfig>; alerts: number }[] =
    [
      { name: 'two spikes an hour apart are one event', offsets: [0, hours(1)], config: {}, alerts: 1 },
      { name: 'two spikes two days apart are two events', offsets: [0, hours(48)], config: {}, alerts: 2 },
      {
        name: 'with a 2-hour cool-down, spikes 6 hours apart are two events',
        offsets: [0, hours(6)],
        config: { cooldownMs: 2 * 3_600_000 },
        alerts: 2,
      },
      {
        name: 'cool-down from the last hit keeps a recurring crisis one incident',
        offsets: [0, hours(20), hours(40)],
        config: { cooldownFrom: 'last-hit' },
        alerts: 1,
      },
      {
        name: 'cool-down from the alert lets a long crisis alert again a day later',
        offsets: [0, hours(20), hours(40)],
        config: { cooldownFrom: 'alert' },
        alerts: 2,
      },
      {
        name: 'a lone spike does not meet 2-of-3 persistence',
        offsets: [0],
        config: { persistence: { k: 2, n: 3 }, smoothed: null },
        alerts: 0,
      },
      {
        name: 'two spikes within three points meet 2-of-3 persistence',
        offsets: [0, 2],
        config: { persistence: { k: 2, n: 3 }, smoothed: null },
        alerts: 1,
      },
    ];
  it.each(cases)('$name', ({ offsets, config, alerts }) => {
    const signals = run(spikesAt(offsets), { ...VOLUME_SPIKE_DEFAULTS, ...config });
    expect(signals.filter((s) => s.alert)).toHaveLength(alerts);
  });
});

describe('state', () => {
  it('a detector resumed from a JSON snapshot gives the same signals as one that never stopped', () => {
    const rand = noise(3);
    const values = Array.from(
      { length: days(9) },
      (_, i) => Math.round(dailyRhythm(i) * (1 + 0.4 * rand())) + (i % 997 === 0 ? 600 : 0),
    );
    const whole = run(values);
    const first = createSeriesDetector(VOLUME_SPIKE_DEFAULTS);
    const cut = days(6);
    values.slice(0, cut).forEach((value, i) => first.update({ time: START + i * STEP, value }));
    const restored = createSeriesDetector(
      VOLUME_SPIKE_DEFAULTS,
      JSON.parse(JSON.stringify(first.snapshot())),
    );
    const rest = values
      .slice(cut)
      .map((value, i) => restored.update({ time: START + (cut + i) * STEP, value }));
    expect(rest).toEqual(whole.slice(cut));
  });

  it('refuses points out of time order', () => {
    const detector = createSeriesDetector(VOLUME_SPIKE_DEFAULTS);
    detector.update({ time: START, value: 1 });
    expect(() => detector.update({ time: START, value: 1 })).toThrow(RangeError);
  });
});

describe('other crisis rules', () => {
  it('negative-share shift alerts when the negative share jumps from 10 % to 60 %', () => {
    const detector = createCrisisDetector('negative-share-shift');
    const rand = noise(11);
    const signals = Array.from({ length: days(5) }, (_, i) => {
      const share = (i < days(4) ? 0.1 : 0.6) + 0.04 * rand();
      return detector.update({ time: START + i * STEP, value: share });
    });
    const alerts = signals.filter((s) => s.alert);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.time).toBeGreaterThanOrEqual(START + days(4) * STEP);
    expect(alerts[0]?.evidence.rule).toBe('negative-share-shift');
  });

  it('acceleration alerts on a surge in growth, once, and resumes from a snapshot', () => {
    const values = Array.from({ length: days(5) }, (_, i) =>
      i < days(4) ? 50 : 50 * 2 ** Math.min(8, (i - days(4)) / 3),
    );
    const detector = createAccelerationDetector({ lagPoints: 3 });
    const signals = values.map((value, i) => detector.update({ time: START + i * STEP, value }));
    expect(signals.filter((s) => s.alert)).toHaveLength(1);
    const copy = createAccelerationDetector(
      { lagPoints: 3 },
      JSON.parse(JSON.stringify(detector.snapshot())),
    );
    expect(copy.update({ time: START + values.length * STEP, value: 50 }).evidence.rule).toBe('acceleration');
  });
});

describe('smoothed view', () => {
  it('a sustained rise no single bucket makes extreme is caught by the mean of recent buckets', () => {
    const rand = noise(5);
    const values = Array.from({ length: days(9) }, (_, i) =>
      Math.max(0, Math.round((i >= days(8) ? 150 : 40) * (1 + 0.5 * rand()))),
    );
    const alerts = run(values).filter((s) => s.alert);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.evidence.view).toBe('smoothed');
    expect(alerts[0]?.evidence.reason).toContain('mean of last 6');
    const pointOnly = run(values, { ...VOLUME_SPIKE_DEFAULTS, smoothed: null }).filter((s) => s.alert);
    expect(pointOnly.length).toBeLessThanOrEqual(1);
  });
});
