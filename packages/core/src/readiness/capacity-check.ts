import {
  simulateCapacity,
  type AgentPool,
  type CapacityScenario,
  type CapacitySimulationResult,
} from './capacity-simulation.ts';
import { findBreakingPoint, type BreakingPointReport, type BreakingPointTarget } from './crisis-scenario.ts';
import type { DurationDistribution, PatienceDistribution } from './duration-distribution.ts';
import type { RandomSource } from './seeded-random.ts';
import { forecastArrivals, type BandName, type VolumeForecast } from './volume-forecast.ts';

export interface CapacityCheckInput {
  readonly forecast: VolumeForecast;
  /** Forecast band to simulate; default `p50`. */
  readonly band?: BandName;
  readonly pools: readonly AgentPool[];
  readonly handleTime: DurationDistribution;
  readonly handleTimeByLanguage?: Readonly<Record<string, DurationDistribution>>;
  readonly patience?: PatienceDistribution;
  readonly targetSeconds: number;
  /** Hours after the forecast to let the backlog drain; default 24. */
  readonly drainHours?: number;
}

export interface CapacityCheck {
  readonly band: BandName;
  readonly simulation: CapacitySimulationResult;
  readonly breakingPoint: BreakingPointReport;
}

/** Turns a forecast band and a staffing into a simulation scenario. */
export function scenarioFromForecast(input: CapacityCheckInput): CapacityScenario {
  return {
    arrivalsPerHour: forecastArrivals(input.forecast, input.band ?? 'p50'),
    handleTime: input.handleTime,
    pools: input.pools,
    targetSeconds: input.targetSeconds,
    drainHours: input.drainHours ?? 24,
    ...(input.handleTimeByLanguage === undefined ? {} : { handleTimeByLanguage: input.handleTimeByLanguage }),
    ...(input.patience === undefined ? {} : { patience: input.patience }),
  };
}

/** Simulates a forecast against a staffing and reports what breaks first. */
export function checkCapacity(
  input: CapacityCheckInput,
  target: BreakingPointTarget,
  options: { readonly random: RandomSource; readonly runs?: number },
): CapacityCheck {
  const simulation = simulateCapacity(scenarioFromForecast(input), options);
  return { band: input.band ?? 'p50', simulation, breakingPoint: findBreakingPoint(simulation, target) };
}
