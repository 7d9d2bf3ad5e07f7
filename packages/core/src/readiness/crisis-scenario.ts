import type { CapacitySimulationResult } from './capacity-simulation.ts';
import type { ArrivalBand, VolumeForecast } from './volume-forecast.ts';

/** A what-if surge of negative posts layered on a forecast. */
export interface CrisisScenario {
  /** First hour of the surge (hours since launch). */
  readonly startHour: number;
  /** Length of the surge; default 6. */
  readonly durationHours?: number;
  /** How many times the usual negative volume arrives; default 10. */
  readonly negativeMultiplier?: number;
  /** Share of the usual volume that is negative (0..1), e.g. 0.15. */
  readonly negativeShare: number;
  /** Languages hit; default all. */
  readonly languages?: readonly string[];
}

/** Returns the forecast with the crisis surge applied: arrivals × ((1 − s) + s × m) inside the window. */
export function applyCrisisScenario(forecast: VolumeForecast, scenario: CrisisScenario): VolumeForecast {
  const duration = scenario.durationHours ?? 6;
  const multiplier = scenario.negativeMultiplier ?? 10;
  const share = scenario.negativeShare;
  const problems: string[] = [];
  if (!Number.isInteger(scenario.startHour) || scenario.startHour < 0)
    problems.push('startHour must be a whole number ≥ 0');
  if (!Number.isInteger(duration) || duration < 1) problems.push('durationHours must be a whole number ≥ 1');
  if (!(multiplier >= 0) || !Number.isFinite(multiplier))
    problems.push('negativeMultiplier must be a number ≥ 0');
  if (!(share >= 0 && share <= 1)) problems.push('negativeShare must be between 0 and 1');
  if (problems.length > 0) throw new RangeError(`invalid crisis scenario: ${problems.join('; ')}`);

  const hit = new Set(scenario.languages ?? forecast.languages);
  const factor = 1 - share + share * multiplier;
  const end = scenario.startHour + duration;
  const scale = (band: ArrivalBand): ArrivalBand => ({
    p10: band.p10 * factor,
    p50: band.p50 * factor,
    p90: band.p90 * factor,
  });
  const totals: Record<string, ArrivalBand> = {};
  const hours = forecast.hours.map((hour) => {
    const inWindow = hour.hour >= scenario.startHour && hour.hour < end;
    const arrivals: Record<string, ArrivalBand> = {};
    for (const language of forecast.languages) {
      const base = hour.arrivals[language] ?? { p10: 0, p50: 0, p90: 0 };
      const value = inWindow && hit.has(language) ? scale(base) : base;
      arrivals[language] = value;
      const sum = totals[language];
      totals[language] =
        sum === undefined
          ? value
          : { p10: sum.p10 + value.p10, p50: sum.p50 + value.p50, p90: sum.p90 + value.p90 };
    }
    return { ...hour, arrivals };
  });
  return {
    languages: forecast.languages,
    hours,
    totals,
    evidence: [
      ...forecast.evidence,
      `crisis scenario: negative volume ×${multiplier} (negative share ${Math.round(share * 100)} %) for ${duration} h ` +
        `from hour ${scenario.startHour} in ${[...hit].join(', ')}: total volume ×${factor.toFixed(2)} in the window`,
    ],
  };
}

export interface BreakingPointTarget {
  readonly serviceLevelTarget: number;
  /** Abandonment share above which the hour counts as broken; default: not checked. */
  readonly maxAbandonmentRate?: number;
  /** Ignore a language's hour with fewer arrivals (per run) than this, to avoid judging on noise; default 5. */
  readonly minArrivals?: number;
}

export interface HourBreach {
  readonly hour: number;
  readonly language: string;
  readonly value: number;
  readonly arrivals: number;
}

export type BreakKind = 'service-level' | 'abandonment' | 'backlog-never-clears';

/** What fails first under a forecast and a staffing, and how badly. */
export interface BreakingPointReport {
  readonly firstServiceLevelMiss: HourBreach | null;
  readonly firstAbandonmentBreach: HourBreach | null;
  readonly peakBacklog: {
    readonly hour: number;
    readonly items: number;
    readonly byLanguage: Readonly<Record<string, number>>;
  } | null;
  readonly longestTimeToClear: { readonly hour: number; readonly seconds: number } | null;
  /** Items still waiting when the simulation ended (mean per run). */
  readonly backlogAtEnd: number;
  readonly firstBreak: { readonly kind: BreakKind; readonly hour: number; readonly language?: string } | null;
  readonly hoursBelowTarget: number;
  readonly evidence: readonly string[];
}

const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;

/** Reads a simulation result against a target and reports what breaks first: SLA, abandonment or a backlog that never clears. */
export function findBreakingPoint(
  result: CapacitySimulationResult,
  target: BreakingPointTarget,
): BreakingPointReport {
  const minArrivals = target.minArrivals ?? 5;
  let firstServiceLevelMiss: HourBreach | null = null;
  let firstAbandonmentBreach: HourBreach | null = null;
  let hoursBelowTarget = 0;
  for (const hour of result.hours) {
    let hourMissed = false;
    for (const language of result.languages) {
      const figures = hour.byLanguage[language];
      if (figures === undefined || figures.arrivals < minArrivals) continue;
      if (figures.serviceLevel !== null && figures.serviceLevel < target.serviceLevelTarget) {
        hourMissed = true;
        firstServiceLevelMiss ??= {
          hour: hour.hour,
          language,
          value: figures.serviceLevel,
          arrivals: figures.arrivals,
        };
      }
      if (
        target.maxAbandonmentRate !== undefined &&
        figures.abandonmentRate !== null &&
        figures.abandonmentRate > target.maxAbandonmentRate
      ) {
        firstAbandonmentBreach ??= {
          hour: hour.hour,
          language,
          value: figures.abandonmentRate,
          arrivals: figures.arrivals,
        };
      }
    }
    if (hourMissed) hoursBelowTarget += 1;
  }

  let peakBacklog: BreakingPointReport['peakBacklog'] = null;
  let longestTimeToClear: BreakingPointReport['longestTimeToClear'] = null;
  let firstNeverCleared: number | null = null;
  for (const hour of result.hours) {
    if (hour.backlogAtEnd > 0 && (peakBacklog === null || hour.backlogAtEnd > peakBacklog.items)) {
      const byLanguage: Record<string, number> = {};
      for (const language of result.languages)
        byLanguage[language] = hour.byLanguage[language]?.backlogAtEnd ?? 0;
      peakBacklog = { hour: hour.hour, items: hour.backlogAtEnd, byLanguage };
    }
    if (hour.timeToClearSeconds === null) firstNeverCleared ??= hour.hour;
    else if (longestTimeToClear === null || hour.timeToClearSeconds > longestTimeToClear.seconds) {
      longestTimeToClear = { hour: hour.hour, seconds: hour.timeToClearSeconds };
    }
  }
  const backlogAtEnd = result.hours.at(-1)?.backlogAtEnd ?? 0;

  const candidates: { kind: BreakKind; hour: number; language?: string }[] = [];
  if (firstServiceLevelMiss !== null) {
    candidates.push({
      kind: 'service-level',
      hour: firstServiceLevelMiss.hour,
      language: firstServiceLevelMiss.language,
    });
  }
  if (firstAbandonmentBreach !== null) {
    candidates.push({
      kind: 'abandonment',
      hour: firstAbandonmentBreach.hour,
      language: firstAbandonmentBreach.language,
    });
  }
  if (firstNeverCleared !== null) candidates.push({ kind: 'backlog-never-clears', hour: firstNeverCleared });
  const firstBreak = candidates.sort((a, b) => a.hour - b.hour)[0] ?? null;

  const evidence: string[] = [];
  if (firstServiceLevelMiss !== null) {
    evidence.push(
      `hour ${firstServiceLevelMiss.hour}: ${firstServiceLevelMiss.language} service level ${percent(firstServiceLevelMiss.value)} ` +
        `< target ${percent(target.serviceLevelTarget)} (${firstServiceLevelMiss.arrivals.toFixed(0)} arrivals); ` +
        `${hoursBelowTarget} of ${result.hours.length} hours miss the target`,
    );
  } else {
    evidence.push(`every hour meets the ${percent(target.serviceLevelTarget)} service-level target`);
  }
  if (firstAbandonmentBreach !== null && target.maxAbandonmentRate !== undefined) {
    evidence.push(
      `hour ${firstAbandonmentBreach.hour}: ${firstAbandonmentBreach.language} abandonment ${percent(firstAbandonmentBreach.value)} ` +
        `> ${percent(target.maxAbandonmentRate)}`,
    );
  }
  if (peakBacklog !== null) {
    evidence.push(
      `peak backlog ${peakBacklog.items.toFixed(0)} items at the end of hour ${peakBacklog.hour}`,
    );
  }
  if (firstNeverCleared !== null) {
    evidence.push(
      `items waiting at the end of hour ${firstNeverCleared} were still waiting when the simulation ended ` +
        `(${backlogAtEnd.toFixed(0)} left)`,
    );
  } else if (longestTimeToClear !== null && longestTimeToClear.seconds > 0) {
    evidence.push(
      `longest time to clear: ${(longestTimeToClear.seconds / 60).toFixed(0)} min after hour ${longestTimeToClear.hour}`,
    );
  }
  for (const warning of result.warnings) evidence.push(warning);

  return {
    firstServiceLevelMiss,
    firstAbandonmentBreach,
    peakBacklog,
    longestTimeToClear,
    backlogAtEnd,
    firstBreak,
    hoursBelowTarget,
    evidence,
  };
}
