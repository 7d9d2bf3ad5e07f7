import { zonedTimeToEpoch, zoneOffsetMs, type Weekday } from '../inbox/business-calendar.ts';

/**
 * A channel's nightly quiet window, local wall-clock `HH:MM` in `timeZone`. An `end` at or before
 * `start` runs past midnight (`22:00`–`07:00`). `days` names the weekdays a window starts on
 * (all days when absent).
 */
export interface QuietHours {
  start: string;
  end: string;
  timeZone: string;
  days?: readonly Weekday[];
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Minutes since midnight of `HH:MM` (`24:00` allowed); throws on anything else. */
export function parseQuietClock(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (match === null || minutes >= 60 || hours * 60 + minutes > 1440)
    throw new Error(`invalid time of day "${text}" (expected HH:MM, 00:00–24:00)`);
  return hours * 60 + minutes;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Quiet intervals `[start, end)` of windows starting from the day before `nowMs` on, merged. */
function quietIntervals(nowMs: number, quiet: QuietHours, days: number): [number, number][] {
  const start = parseQuietClock(quiet.start);
  const end = parseQuietClock(quiet.end);
  const local = new Date(nowMs + zoneOffsetMs(nowMs, quiet.timeZone));
  const today = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
  const intervals: [number, number][] = [];
  for (let i = -1; i < days; i++) {
    const date = addDays(today, i);
    const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] as Weekday;
    if (quiet.days !== undefined && !quiet.days.includes(weekday)) continue;
    const s = zonedTimeToEpoch(date, start, quiet.timeZone);
    const e = zonedTimeToEpoch(end <= start ? addDays(date, 1) : date, end, quiet.timeZone);
    if (e > s) intervals.push([s, e]);
  }
  intervals.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of intervals) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/**
 * When the quiet window that contains `nowMs` ends (epoch ms), or null when `nowMs` is not in
 * quiet hours. Back-to-back windows count as one, so a held alert waits for the first loud minute.
 */
export function quietHoursEnd(nowMs: number, quiet: QuietHours | null): number | null {
  if (quiet === null) return null;
  for (const [s, e] of quietIntervals(nowMs, quiet, 9)) {
    if (nowMs >= s && nowMs < e) return e;
  }
  return null;
}

/** Whether an instant falls inside the quiet hours (false when there are none). */
export function isQuietTime(nowMs: number, quiet: QuietHours | null): boolean {
  return quietHoursEnd(nowMs, quiet) !== null;
}

/** Whether an alert of this severity waits for quiet hours to end: everything but critical does. */
export function heldByQuietHours(severity: 'watch' | 'warning' | 'critical'): boolean {
  return severity !== 'critical';
}

/** Whether the zone name is one the runtime knows (IANA, e.g. `Europe/Madrid`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
