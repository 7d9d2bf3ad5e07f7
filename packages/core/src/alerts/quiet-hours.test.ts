import { describe, expect, it } from 'vitest';
import {
  heldByQuietHours,
  isKnownTimeZone,
  parseQuietClock,
  quietHoursEnd,
  type QuietHours,
} from './quiet-hours.ts';

const at = (iso: string): number => Date.parse(iso);
const nights: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/Stockholm' };

describe('quietHoursEnd', () => {
  it.each([
    // Stockholm is UTC+1 in January: 22:00 local = 21:00Z, 07:00 local = 06:00Z.
    ['before the window', '2026-01-14T20:59:00Z', null],
    ['at its start', '2026-01-14T21:00:00Z', '2026-01-15T06:00:00.000Z'],
    ['after midnight', '2026-01-15T03:30:00Z', '2026-01-15T06:00:00.000Z'],
    ['at its end', '2026-01-15T06:00:00Z', null],
    ['at noon', '2026-01-15T12:00:00Z', null],
    // UTC+2 in summer.
    ['on a summer night', '2026-07-01T23:00:00Z', '2026-07-02T05:00:00.000Z'],
  ])('%s', (_name, now, expected) => {
    const end = quietHoursEnd(at(now), nights);
    expect(end === null ? null : new Date(end).toISOString()).toBe(expected);
  });

  it('keeps to the wall clock across the autumn change (25-hour night)', () => {
    // 2026-10-25 03:00 CEST → 02:00 CET; 07:00 local that morning is 06:00Z.
    expect(new Date(quietHoursEnd(at('2026-10-25T00:30:00Z'), nights) ?? 0).toISOString()).toBe(
      '2026-10-25T06:00:00.000Z',
    );
  });

  it('joins back-to-back windows and honours the weekdays', () => {
    const weekend: QuietHours = { start: '00:00', end: '24:00', timeZone: 'UTC', days: ['sat', 'sun'] };
    // Saturday 2026-01-17 10:00 → quiet until Monday 00:00.
    expect(new Date(quietHoursEnd(at('2026-01-17T10:00:00Z'), weekend) ?? 0).toISOString()).toBe(
      '2026-01-19T00:00:00.000Z',
    );
    expect(quietHoursEnd(at('2026-01-19T10:00:00Z'), weekend)).toBeNull();
  });

  it('has no quiet hours when none are set', () => {
    expect(quietHoursEnd(at('2026-01-15T03:00:00Z'), null)).toBeNull();
  });

  it('rejects malformed clocks and knows time zones', () => {
    expect(() => parseQuietClock('7:00')).toThrow(/HH:MM/);
    expect(() => parseQuietClock('24:30')).toThrow(/HH:MM/);
    expect(parseQuietClock('24:00')).toBe(1440);
    expect(isKnownTimeZone('Europe/Madrid')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });

  it('holds everything but critical alerts', () => {
    expect([heldByQuietHours('watch'), heldByQuietHours('warning'), heldByQuietHours('critical')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
