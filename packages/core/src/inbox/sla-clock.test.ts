import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-calendar.ts';
import { computeSlaStatus, type SlaEvent, type SlaPolicy } from './sla-clock.ts';

// Stockholm in January is UTC+1: local 09:00 = 08:00Z. 2025-01-17 is a Friday.
const utc = (iso: string): number => Date.parse(`${iso}Z`);
const office: BusinessCalendar = {
  timeZone: 'Europe/Stockholm',
  hours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
  ),
};
const policy: SlaPolicy = {
  firstResponseMinutes: 60,
  resolutionMinutes: 240,
  warnBeforeMinutes: 15,
  calendar: office,
};
const opened: SlaEvent = { type: 'opened', at: utc('2025-01-17T15:30:00') }; // Fri 16:30 local

describe('computeSlaStatus', () => {
  it.each<[string, SlaEvent[], string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'running on Friday, due Monday 09:30',
      [opened],
      '2025-01-17T15:50:00',
      {
        state: 'running',
        elapsedMinutes: 20,
        dueAt: utc('2025-01-20T08:30:00'),
        warnAt: utc('2025-01-20T08:15:00'),
      },
      { state: 'running', elapsedMinutes: 20 },
    ],
    [
      'no time passes over the weekend',
      [opened],
      '2025-01-19T12:00:00',
      { state: 'running', elapsedMinutes: 30 },
      { state: 'running' },
    ],
    [
      'warning ten minutes before breach',
      [opened],
      '2025-01-20T08:20:00',
      { state: 'warning', remainingMinutes: 10, warnAt: null },
      { state: 'running' },
    ],
    [
      'breached at Monday 09:30',
      [opened],
      '2025-01-20T08:45:00',
      { state: 'breached', elapsedMinutes: 75, breachedAt: utc('2025-01-20T08:30:00'), dueAt: null },
      { state: 'running', elapsedMinutes: 75 },
    ],
    [
      'first response in time is met and stays met',
      [opened, { type: 'first_response', at: utc('2025-01-17T15:45:00') }],
      '2025-01-21T12:00:00',
      { state: 'met', elapsedMinutes: 15 },
      { state: 'breached', breachedAt: utc('2025-01-20T11:30:00') },
    ],
    [
      'late first response stays breached',
      [opened, { type: 'first_response', at: utc('2025-01-20T09:00:00') }],
      '2025-01-20T10:00:00',
      { state: 'breached', elapsedMinutes: 90, breachedAt: utc('2025-01-20T08:30:00') },
      { state: 'running' },
    ],
    [
      'resolving stops both clocks',
      [opened, { type: 'resolved', at: utc('2025-01-17T15:50:00') }],
      '2025-01-24T12:00:00',
      { state: 'paused', elapsedMinutes: 20, dueAt: null },
      { state: 'met', elapsedMinutes: 20 },
    ],
    [
      'reopening restarts from where they stopped',
      [
        opened,
        { type: 'resolved', at: utc('2025-01-17T15:50:00') },
        { type: 'reopened', at: utc('2025-01-21T09:00:00') },
      ],
      '2025-01-21T09:30:00',
      { state: 'warning', elapsedMinutes: 50, dueAt: utc('2025-01-21T09:40:00') },
      { state: 'running', elapsedMinutes: 50, dueAt: utc('2025-01-21T12:40:00') },
    ],
    [
      'a reopened item that breaches breaches at the right instant',
      [
        opened,
        { type: 'resolved', at: utc('2025-01-17T15:50:00') },
        { type: 'reopened', at: utc('2025-01-21T09:00:00') },
      ],
      '2025-01-22T09:00:00',
      { state: 'breached', breachedAt: utc('2025-01-21T09:40:00') },
      { state: 'breached', breachedAt: utc('2025-01-21T12:40:00'), elapsedMinutes: 20 + 420 + 60 },
    ],
  ])('%s', (_, events, now, first, resolution) => {
    const status = computeSlaStatus(events, policy, utc(now));
    expect(status.firstResponse).toMatchObject(first);
    expect(status.resolution).toMatchObject(resolution);
    expect(status.ignored).toEqual([]);
  });

  it('counts real minutes around the clock without a calendar', () => {
    const status = computeSlaStatus([opened], { ...policy, calendar: null }, utc('2025-01-17T16:00:00'));
    expect(status.firstResponse).toMatchObject({
      state: 'running',
      elapsedMinutes: 30,
      dueAt: utc('2025-01-17T16:30:00'),
    });
  });

  it('ignores events out of order and events in the future', () => {
    const events: SlaEvent[] = [
      opened,
      { type: 'reopened', at: utc('2025-01-17T15:40:00') },
      { type: 'resolved', at: utc('2025-01-17T15:50:00') },
      { type: 'resolved', at: utc('2025-01-17T15:55:00') },
      { type: 'first_response', at: utc('2025-01-30T10:00:00') },
    ];
    const status = computeSlaStatus(events, policy, utc('2025-01-20T12:00:00'));
    expect(status.ignored.map((e) => e.type)).toEqual(['reopened', 'resolved']);
    expect(status.open).toBe(false);
    expect(status.firstResponse.state).toBe('paused');
  });

  it('counts business time across the spring DST change', () => {
    // Fri 28 Mar 16:30 CET; the weekend switches to CEST; Monday 09:30 CEST is 07:30Z.
    const status = computeSlaStatus(
      [{ type: 'opened', at: utc('2025-03-28T15:30:00') }],
      policy,
      utc('2025-03-31T07:00:00'),
    );
    expect(status.firstResponse).toMatchObject({
      state: 'running',
      elapsedMinutes: 30,
      dueAt: utc('2025-03-31T07:30:00'),
    });
  });
});
