import type { AgentPool } from './capacity-simulation.ts';
import { agentsForTarget } from './erlang-c.ts';
import type { BandName, VolumeForecast } from './volume-forecast.ts';

export interface StaffingTarget {
  /** Answer-time threshold, seconds. */
  readonly targetSeconds: number;
  /** Share to answer within the threshold, 0 ≤ x < 1 (e.g. 0.8). */
  readonly serviceLevelTarget: number;
  /** Occupancy cap so agents are not run at 100 % (e.g. 0.85). */
  readonly maxOccupancy?: number;
  readonly ahtSeconds: number;
  readonly ahtSecondsByLanguage?: Readonly<Record<string, number>>;
  /** Which forecast band to staff for; default `p50`. Staffing for `p90` is the cautious choice. */
  readonly band?: BandName;
  /** Agents per language in every hour even without forecast traffic (cover); default 0. */
  readonly minimumAgents?: number;
}

export interface StaffingHour {
  readonly hour: number;
  readonly utcHourOfDay: number;
  readonly agents: Readonly<Record<string, number>>;
  readonly totalAgents: number;
  /** Erlang C service level each language's team reaches in this hour. */
  readonly predictedServiceLevel: Readonly<Record<string, number>>;
}

/** Agents needed per hour per language to meet a service target on a forecast. */
export interface StaffingPlan {
  readonly band: BandName;
  readonly languages: readonly string[];
  readonly hours: readonly StaffingHour[];
  readonly peakAgents: Readonly<Record<string, number>>;
  readonly agentHours: Readonly<Record<string, number>>;
  readonly totalAgentHours: number;
  readonly evidence: readonly string[];
}

/**
 * Agents needed per hour and language: Erlang C on each hour's forecast rate, treating each hour
 * as stationary and each language as its own team. Multilingual agents can only do better than
 * this (pooling), so it is an upper bound for the same forecast; check the result with
 * {@link simulateCapacity}, which also carries backlog across hours.
 */
export function staffingPlan(forecast: VolumeForecast, target: StaffingTarget): StaffingPlan {
  const bandName = target.band ?? 'p50';
  const minimum = target.minimumAgents ?? 0;
  if (!Number.isInteger(minimum) || minimum < 0)
    throw new RangeError('minimumAgents must be a whole number ≥ 0');
  const peakAgents: Record<string, number> = {};
  const agentHours: Record<string, number> = {};
  for (const language of forecast.languages) {
    peakAgents[language] = 0;
    agentHours[language] = 0;
  }
  const hours = forecast.hours.map((hour) => {
    const agents: Record<string, number> = {};
    const predictedServiceLevel: Record<string, number> = {};
    for (const language of forecast.languages) {
      const arrivalsPerHour = hour.arrivals[language]?.[bandName] ?? 0;
      const needed = agentsForTarget({
        arrivalsPerHour,
        ahtSeconds: target.ahtSecondsByLanguage?.[language] ?? target.ahtSeconds,
        targetSeconds: target.targetSeconds,
        serviceLevelTarget: target.serviceLevelTarget,
        ...(target.maxOccupancy === undefined ? {} : { maxOccupancy: target.maxOccupancy }),
      });
      const count = Math.max(minimum, needed.agents);
      agents[language] = count;
      predictedServiceLevel[language] = needed.serviceLevel;
      peakAgents[language] = Math.max(peakAgents[language]!, count);
      agentHours[language] = agentHours[language]! + count;
    }
    const totalAgents = Object.values(agents).reduce((sum, n) => sum + n, 0);
    return { hour: hour.hour, utcHourOfDay: hour.utcHourOfDay, agents, totalAgents, predictedServiceLevel };
  });
  const totalAgentHours = Object.values(agentHours).reduce((sum, n) => sum + n, 0);
  return {
    band: bandName,
    languages: forecast.languages,
    hours,
    peakAgents,
    agentHours,
    totalAgentHours,
    evidence: [
      `Erlang C per hour on the ${bandName} forecast: ${Math.round(target.serviceLevelTarget * 100)} % answered within ${target.targetSeconds} s` +
        (target.maxOccupancy === undefined ? '' : `, occupancy ≤ ${Math.round(target.maxOccupancy * 100)} %`),
      'each language staffed as its own team; agents on the queue, before breaks and absence (shrinkage)',
    ],
  };
}

/** One single-language pool per language with the plan's hourly head-count, for {@link simulateCapacity}. */
export function poolsFromStaffingPlan(plan: StaffingPlan): AgentPool[] {
  return plan.languages.map((language) => ({
    id: `${language}-team`,
    languages: [language],
    onDuty: plan.hours.map((hour) => hour.agents[language] ?? 0),
  }));
}
