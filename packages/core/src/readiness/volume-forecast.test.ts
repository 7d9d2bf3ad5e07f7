import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAILY_PROFILE,
  forecastArrivals,
  forecastFromCampaign,
  forecastFromHistory,
  type CampaignForecastInput,
} from './volume-forecast.ts';

const base: CampaignForecastInput = {
  markets: [
    { market: 'SE', language: 'sv', reach: 200_000, utcOffsetHours: 1 },
    { market: 'ES', language: 'es', reach: 300_000, utcOffsetHours: 1 },
    { market: 'MX', language: 'es', reach: 500_000, utcOffsetHours: -6 },
    { market: 'UK', language: 'en', reach: 400_000, utcOffsetHours: 0 },
  ],
  participationRate: 0.02,
  replyRate: 0.25,
  durationHours: 7 * 24,
  launchUtcHourOfDay: 8,
};

const argmax = (values: readonly number[]): number => values.indexOf(Math.max(...values));

describe('forecastFromCampaign', () => {
  it('spreads reach × participation × reply over the campaign, per language', () => {
    const forecast = forecastFromCampaign(base);
    expect(forecast.languages).toEqual(['sv', 'es', 'en']);
    expect(forecast.hours).toHaveLength(168);
    expect(forecast.totals.sv!.p50).toBeCloseTo(200_000 * 0.02 * 0.25, 6);
    // Spain and Mexico both arrive in Spanish.
    expect(forecast.totals.es!.p50).toBeCloseTo(800_000 * 0.02 * 0.25, 6);
    expect(forecast.hours[0]!.utcHourOfDay).toBe(8);
    expect(forecast.hours[20]!.utcHourOfDay).toBe(4);
  });

  it.each([
    { market: 'SE', offset: 1 },
    { market: 'MX', offset: -6 },
    { market: 'JP', offset: 9 },
  ])('follows local time in $market (UTC$offset): busiest at 20:00 local', ({ market, offset }) => {
    const forecast = forecastFromCampaign({
      ...base,
      markets: [{ market, language: 'xx', reach: 100_000, utcOffsetHours: offset }],
      launchPeak: { multiplier: 1, decayHours: 1 },
    });
    const firstDay = forecast.hours.slice(0, 24);
    const busiest = firstDay[argmax(firstDay.map((h) => h.arrivals.xx!.p50))]!;
    expect(busiest.utcHourOfDay).toBe((((20 - offset) % 24) + 24) % 24);
    expect(argmax(DEFAULT_DAILY_PROFILE)).toBe(20);
  });

  it('puts a fading launch peak on top of the daily rhythm', () => {
    const forecast = forecastFromCampaign({ ...base, launchPeak: { multiplier: 4, decayHours: 6 } });
    const launch = forecast.hours[0]!.arrivals.en!.p50;
    const sameHourNextDay = forecast.hours[24]!.arrivals.en!.p50;
    expect(launch / sameHourNextDay).toBeCloseTo(4 / (1 + 3 * Math.exp(-24 / 6)), 6);
  });

  it('halves interest every half-life', () => {
    const forecast = forecastFromCampaign({
      ...base,
      interestHalfLifeHours: 24,
      launchPeak: { multiplier: 1, decayHours: 1 },
    });
    expect(forecast.hours[48]!.arrivals.sv!.p50 / forecast.hours[24]!.arrivals.sv!.p50).toBeCloseTo(0.5, 6);
  });

  it('turns stated low/high ranges into the p10/p90 band', () => {
    const oneRange = forecastFromCampaign({
      ...base,
      participationRate: { low: 0.01, expected: 0.02, high: 0.05 },
    });
    const hour = oneRange.hours[30]!.arrivals.sv!;
    expect(hour.p10 / hour.p50).toBeCloseTo(0.5, 6);
    expect(hour.p90 / hour.p50).toBeCloseTo(2.5, 6);

    // Two independent uncertain factors: log-spreads add in quadrature, so the band is narrower than their product.
    const twoRanges = forecastFromCampaign({
      ...base,
      participationRate: { low: 0.01, expected: 0.02, high: 0.04 },
      replyRate: { low: 0.125, expected: 0.25, high: 0.5 },
    });
    const both = twoRanges.hours[30]!.arrivals.sv!;
    expect(both.p90 / both.p50).toBeCloseTo(Math.exp(Math.sqrt(2) * Math.log(2)), 6);
    expect(both.p90 / both.p50).toBeLessThan(4);
    expect(twoRanges.evidence.join('\n')).toContain('participation 0.02 (p10 0.01, p90 0.04)');
  });

  it('names every problem in the input', () => {
    expect(() =>
      forecastFromCampaign({
        ...base,
        markets: [{ market: 'SE', language: 'sv', reach: -1, utcOffsetHours: 30 }],
        participationRate: { low: 0.03, expected: 0.02, high: 0.04 },
        durationHours: 0,
        launchUtcHourOfDay: 24,
      }),
    ).toThrow(/markets\[0\]\.reach.*utcOffsetHours.*participationRate.*durationHours.*launchUtcHourOfDay/);
  });

  it('exposes one band as simulation arrivals', () => {
    const forecast = forecastFromCampaign(base);
    const arrivals = forecastArrivals(forecast, 'p50');
    expect(arrivals).toHaveLength(168);
    expect(arrivals[5]).toEqual({
      sv: forecast.hours[5]!.arrivals.sv!.p50,
      es: forecast.hours[5]!.arrivals.es!.p50,
      en: forecast.hours[5]!.arrivals.en!.p50,
    });
  });
});

describe('forecastFromHistory', () => {
  const history = [{ sv: 10, en: 30 }, { sv: 20, en: 60 }, { sv: 30 }, { sv: 20, en: 30 }];

  it('scales a past campaign per language with a multiplicative band', () => {
    const forecast = forecastFromHistory({ history, scale: { sv: 2, en: 0.5 }, launchUtcHourOfDay: 22 });
    expect(forecast.languages).toEqual(['sv', 'en']);
    expect(forecast.hours[1]!.arrivals).toEqual({
      sv: { p10: 40 * 0.67, p50: 40, p90: 60 },
      en: { p10: 30 * 0.67, p50: 30, p90: 45 },
    });
    expect(forecast.hours[2]!.arrivals.en!.p50).toBe(0);
    expect(forecast.hours[3]!.utcHourOfDay).toBe(1);
    expect(forecast.totals.sv!.p50).toBe(160);
  });

  it('smooths with a centred moving average that keeps the edges', () => {
    const forecast = forecastFromHistory({ history, scale: 1, launchUtcHourOfDay: 0, smoothingHours: 3 });
    expect(forecast.hours.map((h) => h.arrivals.sv!.p50)).toEqual([15, 20, 70 / 3, 25]);
  });

  it('rejects an even smoothing window and a negative count', () => {
    expect(() =>
      forecastFromHistory({ history: [{ sv: -1 }], scale: 1, launchUtcHourOfDay: 0, smoothingHours: 2 }),
    ).toThrow(/history\[0\]\.sv.*smoothingHours/);
  });
});
