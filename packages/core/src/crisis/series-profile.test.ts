import { describe, expect, it } from 'vitest';
import {
  SERIES_PROFILE_CUSUM_THRESHOLD,
  VOLUME_SPIKE_DEFAULTS,
  createCrisisDetector,
  seriesProfileOverrides,
} from './crisis-detectors.ts';
import type { Signal } from './series-detector.ts';

const STEP = 5 * 60_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2015, 2, 1);
const days = (n: number): number => Math.round((n * DAY) / STEP);

function noise(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** A daily rhythm around 60 posts per 5 minutes with ±30 % noise, as in the Twitter series. */
function rhythm(length: number, seed = 3): number[] {
  const rand = noise(seed);
  return Array.from({ length }, (_, i) => {
    const base = 60 + 40 * Math.sin((2 * Math.PI * ((i * STEP) % DAY)) / DAY);
    return Math.round(base * (1 + 0.6 * rand()));
  });
}

function run(values: number[], threshold = SERIES_PROFILE_CUSUM_THRESHOLD): Signal[] {
  const detector = createCrisisDetector('volume-spike', seriesProfileOverrides(threshold));
  return values.map((value, i) => detector.update({ time: START + i * STEP, value }));
}

describe('standalone-series profile (ombud detect, NAB)', () => {
  it('derives the CUSUM levels from the one knob and keeps the single-bucket levels', () => {
    const o = seriesProfileOverrides(30);
    expect(o.cusum).toEqual({ reference: 2, clip: 5, thresholds: { watch: 20, warning: 30, critical: 60 } });
    expect(o.thresholds).toEqual(VOLUME_SPIKE_DEFAULTS.thresholds);
    expect(o.smoothed).toBeNull();
    expect(o.cooldownMs).toBe(24 * HOUR);
    expect(() => seriesProfileOverrides(0)).toThrow(RangeError);
  });

  it('leaves the campaign monitor defaults alone', () => {
    expect(VOLUME_SPIKE_DEFAULTS.smoothed?.points).toBe(6);
    expect(VOLUME_SPIKE_DEFAULTS.cusum ?? null).toBeNull();
  });

  it('stays quiet on a noisy daily rhythm', () => {
    expect(run(rhythm(days(12))).filter((s) => s.alert)).toHaveLength(0);
  });

  it('catches a sustained rise no single bucket of which is extreme, within two hours (CUSUM)', () => {
    const values = rhythm(days(10));
    const onset = days(8) + 30;
    // Three hours at 2.2 times the usual volume: each bucket stays within the noise of a busy hour.
    for (let i = onset; i < onset + 36; i++) values[i] = Math.round((values[i] as number) * 2.2);
    const signals = run(values);
    const alerts = signals.filter((s) => s.alert);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.evidence.view).toBe('cusum');
    expect(alerts[0]?.evidence.deviations.point).toBeLessThan(9);
    expect(alerts[0]?.evidence.reason).toMatch(/CUSUM/);
    expect(alerts[0]?.time).toBeGreaterThanOrEqual(START + onset * STEP);
    expect(alerts[0]?.time).toBeLessThanOrEqual(START + onset * STEP + 2 * HOUR);
    // The same rise is missed by a much less sensitive setting: the knob matters.
    expect(run(values, 200).filter((s) => s.alert)).toHaveLength(0);
  });

  it('gives one alert for bursts less than a day apart, and a new one after a quiet day', () => {
    const values = rhythm(days(12));
    for (const at of [days(8), days(8) + 100, days(8) + 200, days(10) + 100]) {
      for (let i = at; i < at + 3; i++) values[i] = 2000;
    }
    const alerts = run(values).filter((s) => s.alert);
    expect(alerts.map((s) => (s.time - START) / STEP)).toEqual([days(8), days(10) + 100]);
  });

  it('resumes the CUSUM from a JSON snapshot exactly where it stopped', () => {
    const values = rhythm(days(9));
    for (let i = days(8); i < days(8) + 24; i++) values[i] = Math.round((values[i] as number) * 2);
    const whole = run(values);
    const first = createCrisisDetector('volume-spike', seriesProfileOverrides());
    const cut = days(8) + 6;
    values.slice(0, cut).forEach((value, i) => first.update({ time: START + i * STEP, value }));
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<typeof first.snapshot>;
    expect(snapshot.cusum).toBeGreaterThan(0);
    const resumed = createCrisisDetector('volume-spike', seriesProfileOverrides(), snapshot);
    const rest = values
      .slice(cut)
      .map((value, i) => resumed.update({ time: START + (cut + i) * STEP, value }));
    expect(rest.map((s) => [s.alert, s.evidence.deviations.cusum])).toEqual(
      whole.slice(cut).map((s) => [s.alert, s.evidence.deviations.cusum]),
    );
  });
});
