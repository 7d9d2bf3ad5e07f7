import { describe, expect, it } from 'vitest';
import {
  SERIES_PROFILE_SENSITIVITY,
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

function run(values: number[], sensitivity = SERIES_PROFILE_SENSITIVITY): Signal[] {
  const detector = createCrisisDetector('volume-spike', seriesProfileOverrides(sensitivity));
  return values.map((value, i) => detector.update({ time: START + i * STEP, value }));
}

describe('standalone-series profile (ombud detect, NAB)', () => {
  it('derives every threshold from the one sensitivity knob', () => {
    const o = seriesProfileOverrides(4);
    expect(o.smoothed).toEqual({ points: 12, thresholds: { watch: 8 / 3, warning: 4, critical: 6 } });
    expect(o.thresholds).toEqual({ watch: 16 / 3, warning: 8, critical: 12 });
    expect(o.cooldownMs).toBe(24 * HOUR);
    expect(() => seriesProfileOverrides(0)).toThrow(RangeError);
  });

  it('leaves the campaign monitor defaults alone', () => {
    expect(VOLUME_SPIKE_DEFAULTS.smoothed?.points).toBe(6);
    expect(VOLUME_SPIKE_DEFAULTS.cooldownMs).toBe(24 * HOUR);
  });

  it('stays quiet on a noisy daily rhythm', () => {
    expect(run(rhythm(days(12))).filter((s) => s.alert)).toHaveLength(0);
  });

  it('catches a sustained rise no single bucket of which is extreme, within its first hour', () => {
    const values = rhythm(days(10));
    const onset = days(8) + 30;
    // Two hours at 2.2 times the usual volume: each bucket stays within the noise of a busy hour.
    for (let i = onset; i < onset + 24; i++) values[i] = Math.round((values[i] as number) * 2.2);
    const signals = run(values);
    const alerts = signals.filter((s) => s.alert);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.evidence.view).toBe('smoothed');
    expect(alerts[0]?.time).toBeGreaterThanOrEqual(START + onset * STEP);
    expect(alerts[0]?.time).toBeLessThanOrEqual(START + onset * STEP + HOUR);
    // The same rise is missed by a much less sensitive setting: the knob matters.
    expect(run(values, 12).filter((s) => s.alert)).toHaveLength(0);
  });

  it('gives one alert for bursts less than a day apart, and a new one after a quiet day', () => {
    const values = rhythm(days(12));
    for (const at of [days(8), days(8) + 100, days(8) + 200, days(10) + 100]) {
      for (let i = at; i < at + 3; i++) values[i] = 2000;
    }
    const alerts = run(values).filter((s) => s.alert);
    expect(alerts.map((s) => (s.time - START) / STEP)).toEqual([days(8), days(10) + 100]);
  });
});
