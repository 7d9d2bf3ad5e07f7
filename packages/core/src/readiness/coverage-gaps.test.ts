import { describe, expect, it } from 'vitest';
import { findCoverageGaps, onDutyFromShifts } from './coverage-gaps.ts';
import { forecastFromHistory } from './volume-forecast.ts';

describe('onDutyFromShifts', () => {
  it('maps local shifts onto forecast hours across time zones and midnight', () => {
    // Launch 06:00 UTC; Stockholm (UTC+1) 09–17 with 3 agents, Mexico City (UTC−6) 22–06 with 1.
    const onDuty = onDutyFromShifts(
      [
        { fromLocalHour: 9, toLocalHour: 17, utcOffsetHours: 1, agents: 3 },
        { fromLocalHour: 22, toLocalHour: 6, utcOffsetHours: -6, agents: 1 },
      ],
      24,
      6,
    );
    // Hour h is UTC 06+h: Stockholm works UTC 08–16 → h 2..9; Mexico works UTC 04–12 → h 22,23 and 0..5.
    expect(onDuty).toEqual([1, 1, 4, 4, 4, 4, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('treats 0–24 as round the clock', () => {
    expect(
      onDutyFromShifts([{ fromLocalHour: 0, toLocalHour: 24, utcOffsetHours: 0, agents: 2 }], 3, 0),
    ).toEqual([2, 2, 2]);
  });

  it('rejects a half agent', () => {
    expect(() =>
      onDutyFromShifts([{ fromLocalHour: 9, toLocalHour: 17, utcOffsetHours: 0, agents: 0.5 }], 3, 0),
    ).toThrow('shifts[0]');
  });
});

describe('findCoverageGaps', () => {
  const forecast = forecastFromHistory({
    history: [
      { sv: 5, es: 10 },
      { sv: 5, es: 10 },
      { sv: 0, es: 10 },
      { sv: 5, es: 10 },
    ],
    scale: 1,
    launchUtcHourOfDay: 0,
  });

  it('lists each language and hour with traffic but nobody who speaks it', () => {
    const report = findCoverageGaps(forecast, [
      { id: 'madrid', languages: ['es', 'en'], onDuty: 2 },
      { id: 'stockholm', languages: ['sv'], onDuty: [1, 0, 0, 0] },
    ]);
    expect(report.covered).toBe(false);
    expect(report.gaps).toEqual([{ language: 'sv', hours: [1, 3], expectedItems: 10 }]);
    expect(report.evidence[0]).toContain('sv: no agent on duty in 2 hour(s)');
  });

  it('reports full cover with its evidence', () => {
    const report = findCoverageGaps(forecast, [{ id: 'all', languages: ['es', 'sv'], onDuty: 1 }]);
    expect(report).toMatchObject({ covered: true, gaps: [] });
    expect(report.evidence[0]).toContain('every language (sv, es)');
  });
});
