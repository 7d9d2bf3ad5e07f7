import { describe, expect, it } from 'vitest';
import { checkCapacity } from './capacity-check.ts';
import { simulateCapacity } from './capacity-simulation.ts';
import { applyCrisisScenario, findBreakingPoint } from './crisis-scenario.ts';
import { createSeededRandom } from './seeded-random.ts';
import { poolsFromStaffingPlan, staffingPlan } from './staffing-plan.ts';
import { forecastFromCampaign, forecastFromHistory } from './volume-forecast.ts';

const forecast = forecastFromCampaign({
  markets: [
    { market: 'SE', language: 'sv', reach: 200_000, utcOffsetHours: 1 },
    { market: 'ES', language: 'es', reach: 300_000, utcOffsetHours: 1 },
    { market: 'UK', language: 'en', reach: 400_000, utcOffsetHours: 0 },
  ],
  participationRate: { low: 0.01, expected: 0.02, high: 0.03 },
  replyRate: 0.25,
  durationHours: 72,
  launchUtcHourOfDay: 8,
});

describe('applyCrisisScenario', () => {
  it('multiplies the negative share inside the window only, in the languages hit', () => {
    const crisis = applyCrisisScenario(forecast, { startHour: 30, negativeShare: 0.2, languages: ['sv'] });
    const factor = 0.8 + 0.2 * 10;
    for (const hour of [30, 35]) {
      expect(crisis.hours[hour]!.arrivals.sv!.p50).toBeCloseTo(
        forecast.hours[hour]!.arrivals.sv!.p50 * factor,
        9,
      );
      expect(crisis.hours[hour]!.arrivals.sv!.p90).toBeCloseTo(
        forecast.hours[hour]!.arrivals.sv!.p90 * factor,
        9,
      );
      expect(crisis.hours[hour]!.arrivals.en).toEqual(forecast.hours[hour]!.arrivals.en);
    }
    for (const hour of [29, 36]) expect(crisis.hours[hour]!.arrivals).toEqual(forecast.hours[hour]!.arrivals);
    expect(crisis.totals.sv!.p50).toBeGreaterThan(forecast.totals.sv!.p50);
    expect(crisis.totals.en).toEqual(forecast.totals.en);
    expect(crisis.evidence.at(-1)).toContain('×10');
  });

  it('rejects a share given as a percentage', () => {
    expect(() => applyCrisisScenario(forecast, { startHour: 0, negativeShare: 15 })).toThrow('negativeShare');
  });
});

describe('findBreakingPoint', () => {
  const plan = staffingPlan(forecast, {
    targetSeconds: 900,
    serviceLevelTarget: 0.8,
    maxOccupancy: 0.85,
    ahtSeconds: 240,
    band: 'p90',
  });
  const check = (volume: typeof forecast, serviceLevelTarget = 0.8) =>
    checkCapacity(
      {
        forecast: volume,
        pools: poolsFromStaffingPlan(plan),
        handleTime: { kind: 'exponential', meanSeconds: 240 },
        patience: { kind: 'exponential', meanSeconds: 4 * 3600 },
        targetSeconds: 900,
      },
      { serviceLevelTarget, maxAbandonmentRate: 0.1 },
      { random: createSeededRandom(41), runs: 10 },
    );

  it('finds nothing broken when the staffing covers the forecast', () => {
    // Judged at 70 %: hours with a handful of arrivals scatter around the 80 % they were staffed for.
    const { breakingPoint } = check(forecast, 0.7);
    expect(breakingPoint.firstBreak).toBeNull();
    expect(breakingPoint.hoursBelowTarget).toBe(0);
    expect(breakingPoint.evidence[0]).toContain('every hour meets');
  });

  it('shows the Swedish service level breaking first under ten times the negative volume for six hours', () => {
    const crisis = applyCrisisScenario(forecast, { startHour: 30, negativeShare: 0.2, languages: ['sv'] });
    const { breakingPoint, simulation } = check(crisis);
    expect(breakingPoint.firstBreak).toMatchObject({ kind: 'service-level', language: 'sv' });
    expect(breakingPoint.firstBreak!.hour).toBeGreaterThanOrEqual(30);
    expect(breakingPoint.firstBreak!.hour).toBeLessThan(36);
    expect(breakingPoint.peakBacklog!.hour).toBeGreaterThanOrEqual(30);
    expect(breakingPoint.peakBacklog!.byLanguage.sv!).toBeGreaterThan(
      breakingPoint.peakBacklog!.byLanguage.en!,
    );
    // Drained within the 24 extra hours: the time to clear is known.
    expect(breakingPoint.longestTimeToClear!.seconds).toBeGreaterThan(0);
    expect(breakingPoint.backlogAtEnd).toBe(0);
    expect(simulation.hours).toHaveLength(72 + 24);
    expect(breakingPoint.evidence[0]).toMatch(/^hour 3\d: sv service level/);
  });

  it('reports a backlog that never clears when nobody answers a language', () => {
    const steady = forecastFromHistory({
      history: Array.from({ length: 6 }, () => ({ sv: 20 })),
      scale: 1,
      launchUtcHourOfDay: 0,
    });
    const result = simulateCapacity(
      {
        arrivalsPerHour: steady.hours.map((h) => ({ sv: h.arrivals.sv!.p50 })),
        handleTime: { kind: 'exponential', meanSeconds: 240 },
        pools: [{ id: 'english', languages: ['en'], onDuty: 5 }],
        targetSeconds: 900,
      },
      { random: createSeededRandom(42) },
    );
    const report = findBreakingPoint(result, { serviceLevelTarget: 0.8 });
    expect(report.firstBreak).toMatchObject({ kind: 'service-level', hour: 0, language: 'sv' });
    expect(report.backlogAtEnd).toBe(result.totals.arrivals);
    expect(report.longestTimeToClear).toBeNull();
    expect(report.evidence.join('\n')).toContain("no agent pool speaks 'sv'");
  });
});
