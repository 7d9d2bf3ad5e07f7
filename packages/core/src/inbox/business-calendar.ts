export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Opening hours on one day, local wall-clock `HH:MM`. `end` may be `24:00`; an `end` at or before
 * `start` means the window runs past midnight into the next day (`22:00`–`06:00`).
 */
export interface BusinessWindow {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Europe/Stockholm`. */
  timeZone: string;
  /** Windows per weekday (the day a window starts); a missing day is closed. */
  hours: Partial<Record<Weekday, readonly BusinessWindow[]>>;
  /** Local dates `YYYY-MM-DD` on which no window starts (public holidays). */
  closedDates?: readonly string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Searching further than this for business time means the calendar is (nearly) always closed. */
const MAX_SEARCH_DAYS = 400;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a time zone. */
function wallClock(
  epochMs: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}

/** Offset of the zone from UTC at an instant, in ms (Stockholm in summer: +7,200,000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens. A time skipped by a spring-forward change is read
 * with the offset in force before the change; a time that happens twice (autumn) gives the first.
 */
export function zonedTimeToEpoch(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const before = zoneOffsetMs(guess - DAY / 2, timeZone);
  const after = zoneOffsetMs(guess + DAY / 2, timeZone);
  const candidates = [guess - before, guess - after].filter((t) => t + zoneOffsetMs(t, timeZone) === guess);
  return candidates.length > 0 ? Math.min(...candidates) : guess - before;
}

function localDateOf(epochMs: number, timeZone: string): LocalDate {
  const w = wallClock(epochMs, timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = (d: LocalDate): string => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

function parseClock(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const minutes = m === null ? NaN : Number(m[1]) * 60 + Number(m[2]);
  if (!(minutes >= 0 && minutes <= 1440) || Number(m?.[2]) >= 60)
    throw new Error(`invalid time of day "${text}" (expected HH:MM)`);
  return minutes;
}

/** Business intervals `[start, end)` of the windows that start on one local date, in epoch ms. */
function windowsOn(date: LocalDate, calendar: BusinessCalendar): [number, number][] {
  if (calendar.closedDates?.includes(isoDate(date)) === true) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] as Weekday;
  const out: [number, number][] = [];
  for (const window of calendar.hours[weekday] ?? []) {
    const start = parseClock(window.start);
    const end = parseClock(window.end);
    const endDate = end <= start ? addDays(date, 1) : date;
    const s = zonedTimeToEpoch(date, start, calendar.timeZone);
    const e = zonedTimeToEpoch(endDate, end, calendar.timeZone);
    if (e > s) out.push([s, e]);
  }
  return out;
}

/** Merged, sorted business intervals of the windows starting on `days` local dates from `first`. */
function intervalsFrom(first: LocalDate, days: number, calendar: BusinessCalendar): [number, number][] {
  const all: [number, number][] = [];
  for (let i = 0; i < days; i++) all.push(...windowsOn(addDays(first, i), calendar));
  all.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Business minutes between two instants (0 when `end` ≤ `start`), counted in the calendar's time zone. */
export function businessMinutesBetween(startMs: number, endMs: number, calendar: BusinessCalendar): number {
  if (endMs <= startMs) return 0;
  // A window that started the day before may still be open at `startMs` (overnight hours).
  const first = addDays(localDateOf(startMs, calendar.timeZone), -1);
  const days = Math.ceil((endMs - startMs) / DAY) + 3;
  let total = 0;
  for (const [s, e] of intervalsFrom(first, days, calendar)) {
    const from = Math.max(s, startMs);
    const to = Math.min(e, endMs);
    if (to > from) total += to - from;
  }
  return total / MINUTE;
}

/** The instant at which `minutes` business minutes have passed since `startMs`; null if the calendar has no time for them within 400 days. */
export function addBusinessMinutes(
  startMs: number,
  minutes: number,
  calendar: BusinessCalendar,
): number | null {
  let remaining = minutes * MINUTE;
  if (remaining <= 0) return startMs;
  const CHUNK = 14;
  let first = addDays(localDateOf(startMs, calendar.timeZone), -1);
  // Time before the cursor is already counted (or before the start): chunks overlap by a day so an
  // overnight window crossing a chunk boundary is seen whole, and the cursor stops double counting.
  let cursor = startMs;
  for (let searched = 0; searched < MAX_SEARCH_DAYS; searched += CHUNK) {
    for (const [s, e] of intervalsFrom(first, CHUNK + 1, calendar)) {
      const from = Math.max(s, cursor);
      if (e <= from) continue;
      if (e - from >= remaining) return from + remaining;
      remaining -= e - from;
      cursor = e;
    }
    first = addDays(first, CHUNK);
  }
  return null;
}

/** Whether an instant falls inside business hours. */
export function isBusinessTime(epochMs: number, calendar: BusinessCalendar): boolean {
  return businessMinutesBetween(epochMs, epochMs + 1, calendar) > 0;
}
