import { describe, expect, it } from 'vitest';
import { formatterFor } from '../src/i18n/format.ts';

describe('durations in the reader’s language', () => {
  it.each([
    ['en', 45, '45 minutes'],
    ['en', 60, '1 hour'],
    ['en', 200, '3 hours, 20 minutes'],
    ['en', 14_652, '10 days, 4 hours'],
    ['en', 2 * 24 * 60, '2 days'],
    ['es', 14_652, '10 días y 4 horas'],
    ['es', 1, '1 minuto'],
    ['sv', 14_652, '10 dygn, 4 timmar'],
    ['sv', 90, '1 timme, 30 minuter'],
  ] as const)('%s: %i minutes read "%s"', (locale, minutes, expected) => {
    expect(formatterFor(locale).duration(minutes)).toBe(expected);
  });

  it('rounds to whole minutes, an hour to whole hours past a day, and never reads below zero', () => {
    const format = formatterFor('en');
    expect(format.duration(59.6)).toBe('1 hour');
    // 1 day, 23 h 59 min rounds to 2 days: past a day, minutes are not shown.
    expect(format.duration(2 * 24 * 60 - 1)).toBe('2 days');
    expect(format.duration(-5)).toBe('0 minutes');
  });
});
