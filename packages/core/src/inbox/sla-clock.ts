import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './business-calendar.ts';

/** What happened to an inbox item, as epoch ms; the SLA is computed from these alone. */
export type SlaEventType = 'opened' | 'first_response' | 'resolved' | 'reopened';
export interface SlaEvent {
  type: SlaEventType;
  at: number;
}

export interface SlaPolicy {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  /** State turns to `warning` when this many (business) minutes or fewer are left. */
  warnBeforeMinutes: number;
  /** Business hours the clock runs in; null: around the clock. */
  calendar: BusinessCalendar | null;
}

/**
 * `running`: counting, not close to the target; `warning`: close; `breached`: past the target;
 * `met`: done within the target; `paused`: not counting (resolved before a first response) and not breached.
 */
export type SlaTargetState = 'running' | 'warning' | 'breached' | 'met' | 'paused';

export interface SlaTargetStatus {
  state: SlaTargetState;
  targetMinutes: number;
  /** Minutes the clock has counted (business minutes with a calendar). */
  elapsedMinutes: number;
  /** Minutes left before the target; negative once breached. */
  remainingMinutes: number;
  /** While counting and not yet breached: when the target will be breached (null if the calendar never opens). */
  dueAt: number | null;
  /** While counting and not yet warning: when the warning starts. */
  warnAt: number | null;
  /** When the clock crossed the target, if it did. */
  breachedAt: number | null;
}

export interface SlaStatus {
  open: boolean;
  firstResponse: SlaTargetStatus;
  resolution: SlaTargetStatus;
  /** Events that made no sense in order (resolved twice, reopened while open…) and were ignored. */
  ignored: SlaEvent[];
}

type Interval = [number, number];

interface Clock {
  minutesBetween(start: number, end: number): number;
  addMinutes(start: number, minutes: number): number | null;
}

// One clock for the round-the-clock case, not two new closures per call (intake computes an SLA for
// every new item).
const WALL_CLOCK: Clock = {
  minutesBetween: (s, e) => Math.max(0, e - s) / 60_000,
  addMinutes: (s, m) => s + m * 60_000,
};

function clockOf(calendar: BusinessCalendar | null): Clock {
  if (calendar === null) return WALL_CLOCK;
  return {
    minutesBetween: (s, e) => businessMinutesBetween(s, e, calendar),
    addMinutes: (s, m) => addBusinessMinutes(s, m, calendar),
  };
}

/** Intervals during which the item was open, from the events in time order; the last may run to `now`. */
function openIntervals(
  events: readonly SlaEvent[],
  now: number,
): { intervals: Interval[]; open: boolean; ignored: SlaEvent[] } {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const intervals: Interval[] = [];
  const ignored: SlaEvent[] = [];
  let openSince: number | null = null;
  let everOpened = false;
  for (const event of sorted) {
    if (event.at > now) continue;
    switch (event.type) {
      case 'opened':
      case 'reopened':
        if (openSince !== null || (event.type === 'opened' && everOpened)) ignored.push(event);
        else {
          openSince = event.at;
          everOpened = true;
        }
        break;
      case 'resolved':
        if (openSince === null) ignored.push(event);
        else {
          intervals.push([openSince, event.at]);
          openSince = null;
        }
        break;
      case 'first_response':
        if (!everOpened) ignored.push(event);
        break;
    }
  }
  if (openSince !== null) intervals.push([openSince, now]);
  return { intervals, open: openSince !== null, ignored };
}

/** Clips intervals to end at `until`. */
function clip(intervals: readonly Interval[], until: number): Interval[] {
  return intervals.filter(([s]) => s < until).map(([s, e]) => [s, Math.min(e, until)]);
}

/**
 * One target's status, built whole in one shape: spreading a shared base into each result (as this
 * did) made computing a new item's SLA five times slower.
 */
function targetResult(
  targetMinutes: number,
  elapsedMinutes: number,
  remainingMinutes: number,
  breachedAt: number | null,
  state: SlaTargetState,
  dueAt: number | null,
  warnAt: number | null,
): SlaTargetStatus {
  return { targetMinutes, elapsedMinutes, remainingMinutes, breachedAt, state, dueAt, warnAt };
}

function targetStatus(
  intervals: readonly Interval[],
  counting: boolean,
  done: boolean,
  target: number,
  warnBefore: number,
  now: number,
  clock: Clock,
): SlaTargetStatus {
  let elapsed = 0;
  let breachedAt: number | null = null;
  for (const [s, e] of intervals) {
    const minutes = clock.minutesBetween(s, e);
    if (breachedAt === null && elapsed + minutes > target) breachedAt = clock.addMinutes(s, target - elapsed);
    elapsed += minutes;
  }
  const remaining = target - elapsed;
  if (remaining < 0) return targetResult(target, elapsed, remaining, breachedAt, 'breached', null, null);
  if (done) return targetResult(target, elapsed, remaining, breachedAt, 'met', null, null);
  if (!counting) return targetResult(target, elapsed, remaining, breachedAt, 'paused', null, null);
  const dueAt = clock.addMinutes(now, remaining);
  if (remaining <= warnBefore)
    return targetResult(target, elapsed, remaining, breachedAt, 'warning', dueAt, null);
  const warnAt = clock.addMinutes(now, remaining - warnBefore);
  return targetResult(target, elapsed, remaining, breachedAt, 'running', dueAt, warnAt);
}

/**
 * First-response and resolution SLA of an item at `now` from its events: the clocks count only
 * while the item is open (and within business hours), stop when it is resolved and carry on from
 * where they stopped when it is reopened.
 */
export function computeSlaStatus(events: readonly SlaEvent[], policy: SlaPolicy, now: number): SlaStatus {
  const clock = clockOf(policy.calendar);
  const { intervals, open, ignored } = openIntervals(events, now);
  const firstResponseAt = events
    .filter(
      (e) =>
        e.type === 'first_response' &&
        e.at <= now &&
        intervals.length > 0 &&
        e.at >= (intervals[0] as Interval)[0],
    )
    .reduce<number | null>((min, e) => (min === null || e.at < min ? e.at : min), null);

  const firstResponse = targetStatus(
    firstResponseAt === null ? intervals : clip(intervals, firstResponseAt),
    open && firstResponseAt === null,
    firstResponseAt !== null,
    policy.firstResponseMinutes,
    policy.warnBeforeMinutes,
    now,
    clock,
  );
  const resolution = targetStatus(
    intervals,
    open,
    !open && intervals.length > 0,
    policy.resolutionMinutes,
    policy.warnBeforeMinutes,
    now,
    clock,
  );
  return { open, firstResponse, resolution, ignored };
}
