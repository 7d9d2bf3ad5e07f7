import type { AgentPool } from './capacity-simulation.ts';
import type { BandName, VolumeForecast } from './volume-forecast.ts';

/** A daily shift in local time, e.g. 09–17 in Stockholm. `toLocalHour` may be past midnight (22 → 6). */
export interface Shift {
  readonly fromLocalHour: number;
  readonly toLocalHour: number;
  readonly utcOffsetHours: number;
  readonly agents: number;
}

/** Agents on duty for each forecast hour from daily shifts, ready for an {@link AgentPool}'s `onDuty`. */
export function onDutyFromShifts(
  shifts: readonly Shift[],
  hours: number,
  launchUtcHourOfDay: number,
): number[] {
  for (const [index, shift] of shifts.entries()) {
    const valid =
      Number.isInteger(shift.fromLocalHour) &&
      Number.isInteger(shift.toLocalHour) &&
      shift.fromLocalHour >= 0 &&
      shift.fromLocalHour <= 23 &&
      shift.toLocalHour >= 0 &&
      shift.toLocalHour <= 24 &&
      Number.isInteger(shift.agents) &&
      shift.agents >= 0 &&
      Number.isFinite(shift.utcOffsetHours);
    if (!valid)
      throw new RangeError(`shifts[${index}] needs whole hours 0..24 and a whole number of agents ≥ 0`);
  }
  return Array.from({ length: hours }, (_, hour) => {
    let onDuty = 0;
    for (const shift of shifts) {
      const local = (((launchUtcHourOfDay + hour + shift.utcOffsetHours) % 24) + 24) % 24;
      const from = shift.fromLocalHour;
      const to = shift.toLocalHour % 24;
      const working =
        from === to ? true : from < to ? local >= from && local < to : local >= from || local < to;
      if (working) onDuty += shift.agents;
    }
    return onDuty;
  });
}

export interface CoverageGap {
  readonly language: string;
  /** Forecast hours with expected arrivals in this language and no agent speaking it on duty. */
  readonly hours: readonly number[];
  /** Items expected in those hours (of the chosen band). */
  readonly expectedItems: number;
}

export interface CoverageReport {
  readonly covered: boolean;
  readonly gaps: readonly CoverageGap[];
  readonly evidence: readonly string[];
}

function onDutyAt(pool: AgentPool, hour: number): number {
  if (typeof pool.onDuty === 'number') return pool.onDuty;
  return pool.onDuty[Math.min(hour, pool.onDuty.length - 1)] ?? 0;
}

/** Do agents cover every forecast language in every hour it has traffic? Lists each uncovered language with its hours. */
export function findCoverageGaps(
  forecast: VolumeForecast,
  pools: readonly AgentPool[],
  options: { readonly band?: BandName; readonly minArrivals?: number } = {},
): CoverageReport {
  const band = options.band ?? 'p50';
  const minArrivals = options.minArrivals ?? 0.5;
  const gaps: CoverageGap[] = [];
  for (const language of forecast.languages) {
    const speakers = pools.filter((pool) => pool.languages.includes(language));
    const hours: number[] = [];
    let expectedItems = 0;
    for (const hour of forecast.hours) {
      const expected = hour.arrivals[language]?.[band] ?? 0;
      if (expected < minArrivals) continue;
      if (speakers.every((pool) => onDutyAt(pool, hour.hour) === 0)) {
        hours.push(hour.hour);
        expectedItems += expected;
      }
    }
    if (hours.length > 0) gaps.push({ language, hours, expectedItems });
  }
  const evidence =
    gaps.length === 0
      ? [`every language (${forecast.languages.join(', ')}) has an agent on duty in every hour with traffic`]
      : gaps.map(
          (gap) =>
            `${gap.language}: no agent on duty in ${gap.hours.length} hour(s) with traffic (first: hour ${gap.hours[0]}), ` +
            `~${gap.expectedItems.toFixed(0)} items would wait`,
        );
  return { covered: gaps.length === 0, gaps, evidence };
}
