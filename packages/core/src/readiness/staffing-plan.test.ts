import { describe, expect, it } from 'vitest';
import { simulateCapacity } from './capacity-simulation.ts';
import { createSeededRandom } from './seeded-random.ts';
import { poolsFromStaffingPlan, staffingPlan } from './staffing-plan.ts';
import { forecastArrivals, forecastFromCampaign, forecastFromHistory } from './volume-forecast.ts';

describe('staffingPlan', () => {
  it('staffs a steady hour like the published Erlang C example (200/h, 180 s, 80 % in 20 s → 14)', () => {
    const forecast = forecastFromHistory({
      history: [
        { en: 200, sv: 0 },
        { en: 100, sv: 0 },
      ],
      scale: 1,
      launchUtcHourOfDay: 9,
    });
    const plan = staffingPlan(forecast, { targetSeconds: 20, serviceLevelTarget: 0.8, ahtSeconds: 180 });
    expect(plan.hours[0]!.agents).toEqual({ en: 14, sv: 0 });
    expect(plan.hours[0]!.predictedServiceLevel.en).toBeCloseTo(0.888, 3);
    expect(plan.hours[1]!.agents.en).toBeLessThan(14);
    expect(plan.peakAgents).toEqual({ en: 14, sv: 0 });
    expect(plan.totalAgentHours).toBe(14 + plan.hours[1]!.agents.en!);
  });

  it('keeps a minimum cover and uses per-language handle times', () => {
    const forecast = forecastFromHistory({ history: [{ en: 60, sv: 60 }], scale: 1, launchUtcHourOfDay: 0 });
    const plan = staffingPlan(forecast, {
      targetSeconds: 300,
      serviceLevelTarget: 0.8,
      ahtSeconds: 120,
      ahtSecondsByLanguage: { sv: 600 },
      minimumAgents: 3,
    });
    expect(plan.hours[0]!.agents.en).toBe(3);
    expect(plan.hours[0]!.agents.sv!).toBeGreaterThan(10);
  });

  it('staffs the p90 band at least as heavily as the median', () => {
    const forecast = forecastFromCampaign({
      markets: [{ market: 'SE', language: 'sv', reach: 300_000, utcOffsetHours: 1 }],
      participationRate: { low: 0.01, expected: 0.02, high: 0.04 },
      replyRate: 0.2,
      durationHours: 48,
      launchUtcHourOfDay: 7,
    });
    const target = { targetSeconds: 600, serviceLevelTarget: 0.8, ahtSeconds: 240 };
    const median = staffingPlan(forecast, target);
    const cautious = staffingPlan(forecast, { ...target, band: 'p90' });
    median.hours.forEach((hour, index) => {
      expect(cautious.hours[index]!.agents.sv!).toBeGreaterThanOrEqual(hour.agents.sv!);
    });
    expect(cautious.totalAgentHours).toBeGreaterThan(median.totalAgentHours);
  });

  it('meets the target in simulation when staffed for p90 and the median arrives', () => {
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
    const plan = staffingPlan(forecast, {
      targetSeconds: 900,
      serviceLevelTarget: 0.8,
      maxOccupancy: 0.85,
      ahtSeconds: 240,
      band: 'p90',
    });
    const result = simulateCapacity(
      {
        arrivalsPerHour: forecastArrivals(forecast, 'p50'),
        handleTime: { kind: 'exponential', meanSeconds: 240 },
        pools: poolsFromStaffingPlan(plan),
        targetSeconds: 900,
      },
      { random: createSeededRandom(31), runs: 5 },
    );
    for (const language of ['sv', 'es', 'en']) {
      expect(result.totals.byLanguage[language]!.serviceLevel!).toBeGreaterThan(0.9);
    }
    expect(poolsFromStaffingPlan(plan).map((pool) => pool.languages)).toEqual([['sv'], ['es'], ['en']]);
  });
});
