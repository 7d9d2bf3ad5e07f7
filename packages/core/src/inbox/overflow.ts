export interface OverflowInput {
  /** Items waiting now (open, not yet answered). */
  backlog: number;
  /** Items that arrived in the last `windowHours`. */
  arrivals: number;
  windowHours: number;
  /** Agents on shift: items each can hold at once and items each closes per hour. */
  agents: readonly { maxLoad: number; itemsPerHour: number }[];
  /** Whether overflow mode is on now (leaving needs the forecast to fall below `exitShare`). */
  active: boolean;
}

export interface OverflowRules {
  /** How far ahead the backlog is forecast. */
  horizonHours: number;
  /** Leave overflow mode when the forecast falls below this share of capacity (hysteresis). */
  exitShare: number;
}

export const DEFAULT_OVERFLOW_RULES: OverflowRules = { horizonHours: 1, exitShare: 0.8 };

export interface OverflowDecision {
  overflow: boolean;
  forecastBacklog: number;
  capacity: number;
  evidence: string[];
}

/**
 * Forecasts the backlog `horizonHours` ahead (now + arrival rate − what the team on shift closes)
 * and compares it with what the team can hold; overflow when the forecast exceeds that capacity.
 */
export function decideOverflow(
  input: OverflowInput,
  rules: OverflowRules = DEFAULT_OVERFLOW_RULES,
): OverflowDecision {
  const ratePerHour = input.windowHours > 0 ? input.arrivals / input.windowHours : 0;
  const throughput = input.agents.reduce((sum, a) => sum + Math.max(0, a.itemsPerHour), 0);
  const forecastBacklog = Math.max(0, input.backlog + (ratePerHour - throughput) * rules.horizonHours);
  const capacity = input.agents.reduce((sum, a) => sum + Math.max(0, a.maxLoad), 0);
  const overflow = input.active ? forecastBacklog >= capacity * rules.exitShare : forecastBacklog > capacity;
  const evidence = [
    `backlog ${input.backlog}, ${ratePerHour.toFixed(1)} new items/h, team closes ${throughput}/h`,
    `forecast in ${rules.horizonHours} h: ${Math.round(forecastBacklog)} against capacity ${capacity} (${input.agents.length} agents on shift)`,
  ];
  if (input.active && overflow && forecastBacklog <= capacity)
    evidence.push(`stays on until the forecast falls below ${Math.round(capacity * rules.exitShare)}`);
  return { overflow, forecastBacklog, capacity, evidence };
}
