import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  zonedTimeToEpoch,
  type BusinessCalendar,
  type BusinessWindow,
} from './business-calendar.ts';

const utc = (iso: string): number => Date.parse(`${iso}Z`);
const office: BusinessWindow[] = [{ start: '09:00', end: '17:00' }];
const weekdays = (
  timeZone: string,
  windows: BusinessWindow[] = office,
  closedDates: string[] = [],
): BusinessCalendar => ({
  timeZone,
  hours: { mon: windows, tue: windows, wed: windows, thu: windows, fri: windows },
  closedDates,
});
const everyDay = (timeZone: string, windows: BusinessWindow[]): BusinessCalendar => ({
  timeZone,
  hours: { mon: windows, tue: windows, wed: windows, thu: windows, fri: windows, sat: windows, sun: windows },
});
const stockholm = weekdays('Europe/Stockholm');
const madrid = weekdays('Europe/Madrid');

describe('zonedTimeToEpoch', () => {
  it.each([
    ['winter', '2025-01-15', 9 * 60, '2025-01-15T08:00:00'],
    ['summer', '2025-07-15', 9 * 60, '2025-07-15T07:00:00'],
    ['skipped 02:30 read with the winter offset', '2025-03-30', 150, '2025-03-30T01:30:00'],
    ['repeated 02:30 gives the first one', '2025-10-26', 150, '2025-10-26T00:30:00'],
    ['24:00 is the next midnight', '2025-01-15', 1440, '2025-01-15T23:00:00'],
  ])('Stockholm %s', (_, date, minute, expected) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    expect(zonedTimeToEpoch({ year, month, day }, minute, 'Europe/Stockholm')).toBe(utc(expected));
  });
});

describe('businessMinutesBetween', () => {
  it.each<[string, BusinessCalendar, string, string, number]>([
    ['inside one day', stockholm, '2025-01-15T08:00:00', '2025-01-15T09:30:00', 90],
    ['before opening counts nothing', stockholm, '2025-01-15T05:00:00', '2025-01-15T08:00:00', 0],
    [
      'overnight in an office calendar (Mon 16:00 → Tue 10:00)',
      stockholm,
      '2025-01-13T15:00:00',
      '2025-01-14T09:00:00',
      120,
    ],
    ['across a weekend (Fri 16:30 → Mon 10:00)', stockholm, '2025-01-17T15:30:00', '2025-01-20T09:00:00', 90],
    ['a whole week', stockholm, '2025-01-13T00:00:00', '2025-01-20T00:00:00', 5 * 480],
    ['weekend only', stockholm, '2025-01-18T00:00:00', '2025-01-19T23:00:00', 0],
    [
      'public holiday closed',
      weekdays('Europe/Stockholm', office, ['2025-01-20']),
      '2025-01-17T15:30:00',
      '2025-01-21T09:00:00',
      90,
    ],
    [
      'Stockholm spring-forward weekend (Fri 16:00 CET → Mon 10:00 CEST)',
      stockholm,
      '2025-03-28T15:00:00',
      '2025-03-31T08:00:00',
      120,
    ],
    [
      'Madrid spring-forward: Monday opens at 07:00 UTC',
      madrid,
      '2025-03-30T12:00:00',
      '2025-03-31T08:00:00',
      60,
    ],
    ['Madrid autumn: Monday opens at 08:00 UTC', madrid, '2025-10-26T12:00:00', '2025-10-27T09:00:00', 60],
    [
      'overnight shift through spring-forward is 7 real hours',
      everyDay('Europe/Stockholm', [{ start: '22:00', end: '06:00' }]),
      '2025-03-29T12:00:00',
      '2025-03-30T12:00:00',
      420,
    ],
    [
      'overnight shift through fall-back is 9 real hours',
      everyDay('Europe/Stockholm', [{ start: '22:00', end: '06:00' }]),
      '2025-10-25T12:00:00',
      '2025-10-26T12:00:00',
      540,
    ],
    [
      'Madrid overnight 20:00–08:00 through fall-back is 13 real hours',
      everyDay('Europe/Madrid', [{ start: '20:00', end: '08:00' }]),
      '2025-10-25T12:00:00',
      '2025-10-26T12:00:00',
      780,
    ],
    [
      'overnight shift counted from inside the night',
      everyDay('Europe/Stockholm', [{ start: '22:00', end: '06:00' }]),
      '2025-01-15T00:00:00',
      '2025-01-15T03:00:00',
      180,
    ],
    [
      'around the clock equals real time across DST',
      everyDay('Europe/Madrid', [{ start: '00:00', end: '24:00' }]),
      '2025-03-29T12:00:00',
      '2025-03-31T12:00:00',
      2880,
    ],
    [
      'split shift with lunch closed',
      weekdays('Europe/Madrid', [
        { start: '09:00', end: '14:00' },
        { start: '16:00', end: '19:00' },
      ]),
      '2025-01-15T08:00:00',
      '2025-01-15T18:00:00',
      300 + 180,
    ],
    ['end before start', stockholm, '2025-01-15T10:00:00', '2025-01-15T09:00:00', 0],
  ])('%s', (_, calendar, start, end, minutes) => {
    expect(businessMinutesBetween(utc(start), utc(end), calendar)).toBeCloseTo(minutes, 6);
  });
});

describe('addBusinessMinutes', () => {
  it.each<[string, BusinessCalendar, string, number, string | null]>([
    ['same day', stockholm, '2025-01-15T08:00:00', 60, '2025-01-15T09:00:00'],
    ['Friday 16:30 + 60 → Monday 09:30', stockholm, '2025-01-17T15:30:00', 60, '2025-01-20T08:30:00'],
    ['Saturday + 30 → Monday 09:30', stockholm, '2025-01-18T10:00:00', 30, '2025-01-20T08:30:00'],
    [
      'over a holiday',
      weekdays('Europe/Stockholm', office, ['2025-01-20']),
      '2025-01-17T15:30:00',
      60,
      '2025-01-21T08:30:00',
    ],
    [
      'into summer time: Fri 16:00 CET + 120 → Mon 10:00 CEST',
      stockholm,
      '2025-03-28T15:00:00',
      120,
      '2025-03-31T08:00:00',
    ],
    [
      'into winter time in Madrid: Fri 16:00 CEST + 120 → Mon 10:00 CET',
      madrid,
      '2025-10-24T14:00:00',
      120,
      '2025-10-27T09:00:00',
    ],
    [
      'overnight shift through spring-forward',
      everyDay('Europe/Stockholm', [{ start: '22:00', end: '06:00' }]),
      '2025-03-29T21:00:00',
      420,
      '2025-03-30T04:00:00',
    ],
    ['two weeks of work', stockholm, '2025-01-13T08:00:00', 10 * 480, '2025-01-24T16:00:00'],
    ['never open', { timeZone: 'Europe/Stockholm', hours: {} }, '2025-01-13T08:00:00', 1, null],
  ])('%s', (_, calendar, start, minutes, expected) => {
    expect(addBusinessMinutes(utc(start), minutes, calendar)).toBe(expected === null ? null : utc(expected));
  });

  it('is the inverse of businessMinutesBetween', () => {
    const calendar = weekdays('Europe/Stockholm', [
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:30' },
    ]);
    const start = utc('2025-03-27T10:17:00');
    for (const minutes of [1, 59, 200, 510, 1000, 4321]) {
      const due = addBusinessMinutes(start, minutes, calendar);
      expect(due).not.toBeNull();
      expect(businessMinutesBetween(start, due ?? 0, calendar)).toBeCloseTo(minutes, 6);
    }
  });
});

describe('isBusinessTime', () => {
  it.each([
    ['2025-01-15T08:30:00', true],
    ['2025-01-15T16:30:00', false],
    ['2025-01-18T10:00:00', false],
  ])('%s → %s', (at, expected) => {
    expect(isBusinessTime(utc(at), stockholm)).toBe(expected);
  });

  it('rejects malformed hours', () => {
    expect(() => isBusinessTime(0, weekdays('Europe/Stockholm', [{ start: '9am', end: '17:00' }]))).toThrow(
      /invalid time of day/,
    );
  });
});
