/** Inputs of the Erlang C (M/M/N) model for one stationary period. */
export interface ErlangCInput {
  /** Poisson arrival rate, items per hour. */
  readonly arrivalsPerHour: number;
  /** Average handle time of one item, seconds (talk/typing plus wrap-up). */
  readonly ahtSeconds: number;
  /** Agents working the queue. */
  readonly agents: number;
  /** Answer-time threshold of the service level, seconds. */
  readonly targetSeconds: number;
}

/** Steady-state figures of an M/M/N queue. */
export interface ErlangCResult {
  /** Share of items that wait at all (0..1). */
  readonly probabilityOfWaiting: number;
  /** Share of items answered within `targetSeconds` (0..1). */
  readonly serviceLevel: number;
  /** Mean wait before an agent picks the item up, seconds; `Infinity` when the queue is unstable. */
  readonly averageSpeedOfAnswer: number;
  /** Share of agent time spent handling items (0..1). */
  readonly occupancy: number;
  /** Offered load in Erlangs (arrivals × AHT). */
  readonly trafficErlangs: number;
  /** False when agents ≤ traffic: the queue grows without bound and no steady state exists. */
  readonly stable: boolean;
}

export interface AgentsForTargetInput {
  readonly arrivalsPerHour: number;
  readonly ahtSeconds: number;
  readonly targetSeconds: number;
  /** Required share answered within `targetSeconds`, 0 ≤ x < 1. */
  readonly serviceLevelTarget: number;
  /** Upper bound on occupancy (0 < x ≤ 1); agents are added until it holds too. */
  readonly maxOccupancy?: number;
}

export interface AgentsForTargetResult extends ErlangCResult {
  readonly agents: number;
  /** Which constraint set the number: the service level or the occupancy cap. */
  readonly limitedBy: 'service-level' | 'occupancy' | 'no-traffic';
}

function requireFinite(name: string, value: number, min: number, allowEqual: boolean): void {
  if (!Number.isFinite(value) || value < min || (!allowEqual && value === min)) {
    throw new RangeError(`${name} must be a finite number ${allowEqual ? '≥' : '>'} ${min}, got ${value}`);
  }
}

function trafficOf(arrivalsPerHour: number, ahtSeconds: number): number {
  return (arrivalsPerHour * ahtSeconds) / 3600;
}

/**
 * Erlang C figures from the blocking probability B(N, A) of Erlang B: stable for thousands of agents
 * because the recursion B(k) = A·B(k−1) / (k + A·B(k−1)) only ever holds numbers in [0, 1].
 */
function figuresFromErlangB(
  erlangB: number,
  traffic: number,
  agents: number,
  ahtSeconds: number,
  targetSeconds: number,
): ErlangCResult {
  if (traffic === 0) {
    return {
      probabilityOfWaiting: 0,
      serviceLevel: 1,
      averageSpeedOfAnswer: 0,
      occupancy: 0,
      trafficErlangs: 0,
      stable: true,
    };
  }
  if (agents <= traffic) {
    return {
      probabilityOfWaiting: 1,
      serviceLevel: 0,
      averageSpeedOfAnswer: Number.POSITIVE_INFINITY,
      occupancy: 1,
      trafficErlangs: traffic,
      stable: false,
    };
  }
  const probabilityOfWaiting = (agents * erlangB) / (agents - traffic * (1 - erlangB));
  const spare = agents - traffic;
  return {
    probabilityOfWaiting,
    serviceLevel: Math.max(0, 1 - probabilityOfWaiting * Math.exp((-spare * targetSeconds) / ahtSeconds)),
    averageSpeedOfAnswer: (probabilityOfWaiting * ahtSeconds) / spare,
    occupancy: traffic / agents,
    trafficErlangs: traffic,
    stable: true,
  };
}

/** Erlang B blocking probability for `agents` servers offered `traffic` Erlangs. */
export function erlangB(traffic: number, agents: number): number {
  requireFinite('traffic', traffic, 0, true);
  if (!Number.isInteger(agents) || agents < 0)
    throw new RangeError(`agents must be an integer ≥ 0, got ${agents}`);
  let blocking = 1;
  for (let k = 1; k <= agents; k++) blocking = (traffic * blocking) / (k + traffic * blocking);
  return blocking;
}

/** Erlang C probability of waiting, service level, average speed of answer and occupancy for one stationary period. */
export function erlangC(input: ErlangCInput): ErlangCResult {
  requireFinite('arrivalsPerHour', input.arrivalsPerHour, 0, true);
  requireFinite('ahtSeconds', input.ahtSeconds, 0, false);
  requireFinite('targetSeconds', input.targetSeconds, 0, true);
  if (!Number.isInteger(input.agents) || input.agents < 0) {
    throw new RangeError(`agents must be an integer ≥ 0, got ${input.agents}`);
  }
  const traffic = trafficOf(input.arrivalsPerHour, input.ahtSeconds);
  return figuresFromErlangB(
    erlangB(traffic, input.agents),
    traffic,
    input.agents,
    input.ahtSeconds,
    input.targetSeconds,
  );
}

/** Smallest number of agents whose Erlang C service level meets the target (and whose occupancy stays under the cap). */
export function agentsForTarget(input: AgentsForTargetInput): AgentsForTargetResult {
  requireFinite('arrivalsPerHour', input.arrivalsPerHour, 0, true);
  requireFinite('ahtSeconds', input.ahtSeconds, 0, false);
  requireFinite('targetSeconds', input.targetSeconds, 0, true);
  const target = input.serviceLevelTarget;
  if (!Number.isFinite(target) || target < 0 || target >= 1) {
    throw new RangeError(`serviceLevelTarget must be ≥ 0 and < 1 (a share, not a percentage), got ${target}`);
  }
  const maxOccupancy = input.maxOccupancy ?? 1;
  if (!Number.isFinite(maxOccupancy) || maxOccupancy <= 0 || maxOccupancy > 1) {
    throw new RangeError(`maxOccupancy must be > 0 and ≤ 1, got ${maxOccupancy}`);
  }
  const traffic = trafficOf(input.arrivalsPerHour, input.ahtSeconds);
  if (traffic === 0) {
    return {
      ...figuresFromErlangB(0, 0, 0, input.ahtSeconds, input.targetSeconds),
      agents: 0,
      limitedBy: 'no-traffic',
    };
  }
  // Walk N upwards carrying B(N) along, so the whole search costs one pass of the recursion.
  let blocking = 1;
  for (let agents = 1; ; agents++) {
    const previousBlocking = blocking;
    blocking = (traffic * blocking) / (agents + traffic * blocking);
    if (agents <= traffic) continue;
    const figures = figuresFromErlangB(blocking, traffic, agents, input.ahtSeconds, input.targetSeconds);
    const meetsLevel = figures.serviceLevel >= target;
    const meetsOccupancy = figures.occupancy <= maxOccupancy;
    if (meetsLevel && meetsOccupancy) {
      const previous = agents - 1;
      // Report the binding constraint: had the service level alone been enough one agent earlier?
      const levelAloneEnough =
        previous > traffic &&
        figuresFromErlangB(previousBlocking, traffic, previous, input.ahtSeconds, input.targetSeconds)
          .serviceLevel >= target;
      return { ...figures, agents, limitedBy: levelAloneEnough ? 'occupancy' : 'service-level' };
    }
  }
}
