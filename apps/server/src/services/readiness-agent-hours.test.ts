import { describe, expect, it } from 'vitest';
import { agentOnDuty } from './readiness.service.ts';

const agent = (timeZone: string, workingHours: Record<string, { start: string; end: string }[]> | null) => ({
  user_id: 'a',
  languages: ['en'],
  time_zone: timeZone,
  working_hours: workingHours,
  items_per_hour: 6,
  available: true,
});

// Monday 30 November 2026, 00:00 UTC.
const MONDAY = new Date('2026-11-30T00:00:00Z');

describe('agentOnDuty', () => {
  it('is always on duty without working hours', () => {
    expect(agentOnDuty(agent('UTC', null), MONDAY, 5)).toEqual([1, 1, 1, 1, 1]);
  });

  it('reads weekly hours in the agent’s own time zone (Stockholm is UTC+1 in winter)', () => {
    const duty = agentOnDuty(
      agent('Europe/Stockholm', { mon: [{ start: '09:00', end: '17:00' }] }),
      MONDAY,
      48,
    );
    const hours = duty.flatMap((on, hour) => (on ? [hour] : []));
    expect(hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('runs a window past midnight into the next morning', () => {
    const duty = agentOnDuty(agent('UTC', { mon: [{ start: '22:00', end: '06:00' }] }), MONDAY, 48);
    expect(duty.flatMap((on, hour) => (on ? [hour] : []))).toEqual([22, 23, 24, 25, 26, 27, 28, 29]);
  });

  it('falls back to UTC for a time zone the runtime does not know', () => {
    const duty = agentOnDuty(agent('Mars/Olympus', { mon: [{ start: '00:00', end: '02:00' }] }), MONDAY, 4);
    expect(duty).toEqual([1, 1, 0, 0]);
  });
});
