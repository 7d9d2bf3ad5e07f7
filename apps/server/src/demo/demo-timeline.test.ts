import { describe, expect, it } from 'vitest';
import { DemoRandom } from './demo-random.ts';
import { DemoTimeline, localHourOnDay, MARKET_TIME_ZONES, zoneOffsetMinutes } from './demo-timeline.ts';

describe('zoneOffsetMinutes', () => {
  it.each([
    ['Europe/Madrid', '2025-01-15T12:00:00Z', 60],
    ['Europe/Madrid', '2025-07-15T12:00:00Z', 120],
    ['Europe/Stockholm', '2025-03-30T00:59:00Z', 60],
    ['Europe/Stockholm', '2025-03-30T01:00:00Z', 120],
    ['Europe/London', '2025-01-15T12:00:00Z', 0],
    ['Europe/London', '2025-07-15T12:00:00Z', 60],
    ['America/New_York', '2025-01-15T12:00:00Z', -300],
    ['America/New_York', '2025-03-10T12:00:00Z', -240],
  ])('%s at %s is %i minutes', (zone, at, expected) => {
    expect(zoneOffsetMinutes(zone, Date.parse(at))).toBe(expected);
  });
});

describe('localHourOnDay', () => {
  it.each([
    ['Europe/Madrid', '2025-03-25T00:00:00Z', 10, '2025-03-25T09:00:00.000Z'],
    ['Europe/Madrid', '2025-04-02T00:00:00Z', 10, '2025-04-02T08:00:00.000Z'],
    ['Europe/Stockholm', '2025-03-19T00:00:00Z', 15, '2025-03-19T14:00:00.000Z'],
    ['America/New_York', '2025-03-19T03:00:00Z', 9, '2025-03-18T13:00:00.000Z'],
    // The night the clocks go forward: 10:00 local is already summer time.
    ['Europe/Madrid', '2025-03-30T00:30:00Z', 10, '2025-03-30T08:00:00.000Z'],
  ])('%s, day of %s, %i:00 → %s', (zone, day, hour, expected) => {
    expect(new Date(localHourOnDay(zone, Date.parse(day), hour)).toISOString()).toBe(expected);
  });
});

describe('DemoTimeline', () => {
  const start = Date.UTC(2025, 2, 17);
  const timeline = new DemoTimeline(start, 14);

  it('samples only inside the window', () => {
    const rng = new DemoRandom(1);
    for (let i = 0; i < 5000; i++) {
      const t = timeline.sampleBaseline(rng, 'ES');
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThan(start + 14 * 86_400_000);
    }
  });

  it('weights the local evening above the local night in every market', () => {
    for (const market of Object.keys(MARKET_TIME_ZONES) as (keyof typeof MARKET_TIME_ZONES)[]) {
      const zone = MARKET_TIME_ZONES[market];
      const day = start + 3 * 86_400_000;
      const evening = timeline.seasonalWeight(market, localHourOnDay(zone, day, 21));
      const night = timeline.seasonalWeight(market, localHourOnDay(zone, day, 4));
      expect(evening).toBeGreaterThan(night * 5);
    }
  });

  it('starts an event no earlier than its start and returns null when it lies outside the window', () => {
    const rng = new DemoRandom(2);
    const from = start + 5 * 86_400_000 + 123_456;
    const sample = timeline.eventSampler('SE', from, (m) => Math.exp(-m / 60), 0);
    expect(sample).not.toBeNull();
    for (let i = 0; i < 2000; i++) expect(sample?.(rng)).toBeGreaterThanOrEqual(from);
    expect(timeline.eventSampler('SE', start + 20 * 86_400_000, () => 1, 0)).toBeNull();
  });
});
