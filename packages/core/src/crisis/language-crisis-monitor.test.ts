import { describe, expect, it } from 'vitest';
import {
  binomialTail,
  createLanguageCrisisMonitor,
  defaultLanguageMonitorConfig,
  type CrisisPoint,
  type MonitorReading,
} from './language-crisis-monitor.ts';

const POINT = 5 * 60_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5);

/** Deterministic small counts with a daily rhythm: quiet nights, busy evenings. */
function rhythm(days: number, perPoint: (t: number) => Partial<CrisisPoint>): CrisisPoint[] {
  const points: CrisisPoint[] = [];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const poisson = (mean: number) => {
    let k = 0;
    for (let p = Math.exp(-mean), s = p, u = random(); u > s; k++) {
      p *= mean / (k + 1);
      s += p;
    }
    return k;
  };
  for (let t = START; t < START + days * DAY; t += POINT) {
    const hour = ((t - START) % DAY) / 3_600_000;
    const mean = 0.4 + 1.6 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
    const posts = poisson(mean);
    let negative = 0;
    for (let i = 0; i < posts; i++) if (random() < 0.25) negative++;
    const extra = perPoint(t);
    points.push({
      time: t,
      posts: posts + (extra.posts ?? 0),
      negative: negative + (extra.negative ?? 0),
      risk: extra.risk ?? 0,
    });
  }
  return points;
}

function run(points: CrisisPoint[]): MonitorReading[] {
  const monitor = createLanguageCrisisMonitor(defaultLanguageMonitorConfig());
  return points.map((p) => monitor.update(p));
}

describe('language crisis monitor', () => {
  const onset = START + 4 * DAY + 10 * 3_600_000;

  it('raises one warning within 30 minutes when crisis vocabulary surges, and stays one episode', () => {
    const readings = run(
      rhythm(6, (t) => {
        const m = (t - onset) / 60_000;
        if (m < 0 || m > 600) return {};
        // 1 → 3 rumour posts per 5 minutes using crisis words: 9 in the first 30 minutes
        const n = Math.min(3, 1 + Math.floor(m / 15));
        return { posts: n, risk: n };
      }),
    );
    const alerts = readings.filter((r) => r.alert);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.time - onset).toBeLessThanOrEqual(30 * 60_000 - POINT);
    expect(alerts[0]!.drivers).toEqual(['risk-volume-spike']);
    expect(alerts[0]!.signals['risk-volume-spike']?.evidence.reason).toMatch(/risk-volume-spike/);
  });

  it('keeps a launch-like surge with the usual share of negatives at watch at most', () => {
    const launch = START + 3 * DAY + 14 * 3_600_000;
    const readings = run(
      rhythm(5, (t) => {
        const m = (t - launch) / 60_000;
        if (m < 0 || m > 720) return {};
        const n = Math.round(8 * Math.exp(-m / 240));
        return { posts: n, negative: Math.round(n * 0.25) };
      }),
    );
    expect(readings.filter((r) => r.alert)).toEqual([]);
    expect(readings.some((r) => r.level === 'watch')).toBe(true);
  });

  it('rises to warning on more negatives only when their share rose too', () => {
    const readings = run(
      rhythm(6, (t) => {
        const m = (t - onset) / 60_000;
        if (m < 0 || m > 240) return {};
        return { posts: 4, negative: 4 };
      }),
    );
    const alert = readings.find((r) => r.alert);
    expect(alert?.drivers).toEqual(['negative-share-shift']);
  });

  it('resumes from a snapshot exactly where it stopped', () => {
    const points = rhythm(5, (t) => (t >= onset && t < onset + DAY / 4 ? { posts: 3, risk: 3 } : {}));
    const whole = run(points);
    const config = defaultLanguageMonitorConfig();
    const first = createLanguageCrisisMonitor(config);
    const cut = 1000;
    const a = points.slice(0, cut).map((p) => first.update(p));
    const resumed = createLanguageCrisisMonitor(config, JSON.parse(JSON.stringify(first.snapshot())));
    const b = points.slice(cut).map((p) => resumed.update(p));
    expect([...a, ...b].map((r) => [r.level, r.alert])).toEqual(whole.map((r) => [r.level, r.alert]));
  });
});

describe('binomialTail', () => {
  it('matches exact binomial tails, including the edges', () => {
    // P(X ≥ 2), n = 3, p = 0.5: (3 + 1) / 8.
    expect(binomialTail(3, 2, 0.5)).toBeCloseTo(0.5, 12);
    expect(binomialTail(10, 0, 0.3)).toBe(1);
    expect(binomialTail(10, 11, 0.3)).toBe(0);
    // 11 negatives of 22 posts at a 13.85 % baseline share: an outlier, but a chance one every few weeks.
    expect(binomialTail(22, 11, 0.1385)).toBeCloseTo(5.748e-5, 7);
    // Large windows stay finite and monotone.
    expect(binomialTail(5000, 900, 0.15)).toBeLessThan(binomialTail(5000, 800, 0.15));
  });
});
