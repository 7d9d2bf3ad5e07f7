import {
  durationProblems,
  durationSampler,
  type DurationDistribution,
  type PatienceDistribution,
} from './duration-distribution.ts';
import { EventQueue } from './event-queue.ts';
import type { RandomSource } from './seeded-random.ts';

const SECONDS_PER_HOUR = 3600;

/** A group of interchangeable agents who share the same language skills and schedule. */
export interface AgentPool {
  readonly id: string;
  /** Languages every agent of the pool can answer in (e.g. `['sv', 'en']`). */
  readonly languages: readonly string[];
  /**
   * Agents on duty: one number for every hour, or one per hour (hours past the end of the list keep
   * the last value). Working hours are expressed as zeros outside the shift.
   */
  readonly onDuty: number | readonly number[];
}

/** A capacity question: hourly arrivals per language against agent pools. */
export interface CapacityScenario {
  /** Expected (Poisson) arrivals in each hour, per language; index 0 is the first simulated hour. */
  readonly arrivalsPerHour: readonly Readonly<Record<string, number>>[];
  readonly handleTime: DurationDistribution;
  /** Per-language handle time where it differs (e.g. a language whose items need translation). */
  readonly handleTimeByLanguage?: Readonly<Record<string, DurationDistribution>>;
  /** How long a waiting author stays before giving up; default: never gives up. */
  readonly patience?: PatienceDistribution;
  readonly pools: readonly AgentPool[];
  /** Answer-time threshold of the service level, seconds. */
  readonly targetSeconds: number;
  /** Extra hours with no new arrivals, staffed like the last hour, to watch the backlog clear. */
  readonly drainHours?: number;
}

export interface SimulationOptions {
  /** Uniform [0, 1) source; pass a seeded one for reproducible results. */
  readonly random: RandomSource;
  /** Independent replications pooled into one result (default 1). */
  readonly runs?: number;
}

/** Counts for one queue over one period (means per run when several runs are pooled). */
export interface QueueFigures {
  readonly arrivals: number;
  readonly answered: number;
  readonly answeredWithinTarget: number;
  /** Items that found no free agent on arrival. */
  readonly waited: number;
  readonly abandoned: number;
  /** Items still waiting when the simulation ended. */
  readonly unresolved: number;
  /** Share of arrivals answered within the target (abandoned and unresolved items count as misses). */
  readonly serviceLevel: number | null;
  readonly probabilityOfWaiting: number | null;
  /** Mean wait of answered items, seconds. */
  readonly averageWaitSeconds: number | null;
  readonly abandonmentRate: number | null;
}

export interface LanguageHourOutcome extends QueueFigures {
  /** Items of this language waiting at the end of the hour. */
  readonly backlogAtEnd: number;
}

/** What happened to the items that arrived in one hour, and the state of the queue at its end. */
export interface HourOutcome extends QueueFigures {
  readonly hour: number;
  /** Agents scheduled in this hour across all pools. */
  readonly agentsOnDuty: number;
  /** Busy share of the agent time present in this hour. */
  readonly occupancy: number | null;
  /** Items waiting (not yet picked up) at the end of the hour. */
  readonly backlogAtEnd: number;
  /**
   * Seconds after the end of this hour until every item that had arrived by then has been picked up
   * or abandoned (mean over runs); null when, in any run, that did not happen before the simulation ended.
   */
  readonly timeToClearSeconds: number | null;
  readonly byLanguage: Readonly<Record<string, LanguageHourOutcome>>;
}

export interface CapacitySimulationResult {
  readonly runs: number;
  readonly languages: readonly string[];
  readonly hours: readonly HourOutcome[];
  readonly totals: QueueFigures & {
    readonly byLanguage: Readonly<Record<string, QueueFigures>>;
    readonly peakBacklog: number;
    readonly peakBacklogHour: number | null;
  };
  /** Structural problems spotted in the scenario (a language nobody speaks, hours with no one on duty). */
  readonly warnings: readonly string[];
}

const EVENT_ARRIVAL = 0;
const EVENT_COMPLETION = 1;
const EVENT_ABANDON = 2;
const EVENT_HOUR = 3;

const STATE_WAITING = 0;
const STATE_SERVED = 1;
const STATE_ABANDONED = 2;

/** Counters indexed [hour * languageCount + language]. */
interface Counters {
  arrivals: Float64Array;
  answered: Float64Array;
  withinTarget: Float64Array;
  waited: Float64Array;
  abandoned: Float64Array;
  unresolved: Float64Array;
  waitSeconds: Float64Array;
  backlog: Float64Array;
  busySeconds: Float64Array; // per hour
  staffedSeconds: Float64Array; // per hour
  clearSeconds: Float64Array; // per hour, summed over runs
  clearMissing: Uint8Array; // per hour: some run never cleared
}

function createCounters(hours: number, languages: number): Counters {
  const cells = hours * languages;
  return {
    arrivals: new Float64Array(cells),
    answered: new Float64Array(cells),
    withinTarget: new Float64Array(cells),
    waited: new Float64Array(cells),
    abandoned: new Float64Array(cells),
    unresolved: new Float64Array(cells),
    waitSeconds: new Float64Array(cells),
    backlog: new Float64Array(cells),
    busySeconds: new Float64Array(hours),
    staffedSeconds: new Float64Array(hours),
    clearSeconds: new Float64Array(hours),
    clearMissing: new Uint8Array(hours),
  };
}

function onDutyAt(pool: AgentPool, hour: number): number {
  if (typeof pool.onDuty === 'number') return pool.onDuty;
  if (pool.onDuty.length === 0) return 0;
  return pool.onDuty[Math.min(hour, pool.onDuty.length - 1)]!;
}

function scenarioLanguages(scenario: CapacityScenario): string[] {
  const seen = new Set<string>();
  for (const hour of scenario.arrivalsPerHour) for (const language of Object.keys(hour)) seen.add(language);
  for (const pool of scenario.pools) for (const language of pool.languages) seen.add(language);
  return [...seen];
}

/** Lists every problem in a scenario at once, each naming its field; empty when the scenario is usable. */
export function capacityScenarioProblems(scenario: CapacityScenario): string[] {
  const problems: string[] = [];
  scenario.arrivalsPerHour.forEach((hour, index) => {
    for (const [language, rate] of Object.entries(hour)) {
      if (!Number.isFinite(rate) || rate < 0) {
        problems.push(`arrivalsPerHour[${index}].${language} must be a number ≥ 0, got ${rate}`);
      }
    }
  });
  problems.push(...durationProblems('handleTime', scenario.handleTime));
  for (const [language, distribution] of Object.entries(scenario.handleTimeByLanguage ?? {})) {
    problems.push(...durationProblems(`handleTimeByLanguage.${language}`, distribution));
  }
  if (scenario.patience !== undefined) problems.push(...durationProblems('patience', scenario.patience));
  if (!Number.isFinite(scenario.targetSeconds) || scenario.targetSeconds < 0) {
    problems.push(`targetSeconds must be a number ≥ 0, got ${scenario.targetSeconds}`);
  }
  const drain = scenario.drainHours ?? 0;
  if (!Number.isInteger(drain) || drain < 0) problems.push(`drainHours must be an integer ≥ 0, got ${drain}`);
  scenario.pools.forEach((pool, index) => {
    const counts = typeof pool.onDuty === 'number' ? [pool.onDuty] : pool.onDuty;
    counts.forEach((count, hour) => {
      if (!Number.isInteger(count) || count < 0) {
        const where = typeof pool.onDuty === 'number' ? '' : `[${hour}]`;
        problems.push(`pools[${index}].onDuty${where} must be an integer ≥ 0, got ${count}`);
      }
    });
    if (pool.languages.length === 0)
      problems.push(`pools[${index}].languages must name at least one language`);
  });
  return problems;
}

function structuralWarnings(
  scenario: CapacityScenario,
  languages: readonly string[],
  hours: number,
): string[] {
  const warnings: string[] = [];
  for (const language of languages) {
    const pools = scenario.pools.filter((pool) => pool.languages.includes(language));
    const busyHours: number[] = [];
    for (let hour = 0; hour < scenario.arrivalsPerHour.length; hour++) {
      if ((scenario.arrivalsPerHour[hour]?.[language] ?? 0) <= 0) continue;
      if (pools.every((pool) => onDutyAt(pool, hour) === 0)) busyHours.push(hour);
    }
    if (pools.length === 0 && busyHours.length > 0) {
      warnings.push(
        `no agent pool speaks '${language}': its ${busyHours.length} hours of arrivals are never answered`,
      );
    } else if (busyHours.length > 0) {
      warnings.push(
        `'${language}' has arrivals but no agent on duty in ${busyHours.length} of ${hours} hours (first: hour ${busyHours[0]})`,
      );
    }
  }
  return warnings;
}

/** One replication; adds its counts into `counters`. */
function runOnce(
  scenario: CapacityScenario,
  languages: readonly string[],
  totalHours: number,
  random: RandomSource,
  counters: Counters,
): void {
  const languageCount = languages.length;
  const arrivalHours = scenario.arrivalsPerHour.length;
  const languageIndex = new Map(languages.map((language, index) => [language, index]));
  const rates: Float64Array[] = languages.map((language) =>
    Float64Array.from(scenario.arrivalsPerHour, (hour) => (hour[language] ?? 0) / SECONDS_PER_HOUR),
  );
  const serviceSamplers = languages.map((language) =>
    durationSampler(scenario.handleTimeByLanguage?.[language] ?? scenario.handleTime, random),
  );
  const patience = scenario.patience ?? { kind: 'infinite' };
  const samplePatience = durationSampler(patience, random);
  const patienceFinite = patience.kind !== 'infinite';
  const target = scenario.targetSeconds;

  const pools = scenario.pools;
  const poolLanguages = pools.map((pool) =>
    [...new Set(pool.languages)].map((language) => languageIndex.get(language)!),
  );
  // Most specialised pools first, so generalists stay free for the languages only they can answer.
  const poolsByLanguage: number[][] = languages.map((_, language) =>
    pools
      .map((_, index) => index)
      .filter((index) => poolLanguages[index]!.includes(language))
      .sort((a, b) => poolLanguages[a]!.length - poolLanguages[b]!.length || a - b),
  );
  const staffed = new Int32Array(pools.length);
  const busy = new Int32Array(pools.length);
  const pendingLeave = new Int32Array(pools.length);
  let staffedTotal = 0;
  let busyTotal = 0;

  const itemLanguage: number[] = [];
  const itemArrival: number[] = [];
  const itemState: number[] = [];
  const itemExit: number[] = [];
  const queues: number[][] = languages.map(() => []);
  const queueHeads = new Int32Array(languageCount);
  const waiting = new Int32Array(languageCount);
  const itemsBeforeHourEnd = new Int32Array(totalHours);

  const events = new EventQueue<number>();
  const encode = (kind: number, ref: number): number => ref * 4 + kind;

  const nextArrival = (language: number, from: number): number => {
    let time = from;
    let hour = Math.floor(time / SECONDS_PER_HOUR);
    let exposure = -Math.log(1 - random());
    const languageRates = rates[language]!;
    while (hour < arrivalHours) {
      const rate = languageRates[hour]!;
      const end = (hour + 1) * SECONDS_PER_HOUR;
      if (rate > 0) {
        const step = exposure / rate;
        if (time + step < end) return time + step;
        exposure -= rate * (end - time);
      }
      time = end;
      hour += 1;
    }
    return Number.POSITIVE_INFINITY;
  };

  const cell = (item: number): number =>
    Math.min(Math.floor(itemArrival[item]! / SECONDS_PER_HOUR), totalHours - 1) * languageCount +
    itemLanguage[item]!;

  const startService = (item: number, pool: number, now: number): void => {
    const wait = now - itemArrival[item]!;
    const at = cell(item);
    itemState[item] = STATE_SERVED;
    itemExit[item] = now;
    counters.answered[at]! += 1;
    counters.waitSeconds[at]! += wait;
    if (wait <= target) counters.withinTarget[at]! += 1;
    busy[pool]! += 1;
    busyTotal += 1;
    events.push(now + serviceSamplers[itemLanguage[item]!]!(), encode(EVENT_COMPLETION, pool));
  };

  /** Oldest waiting item among the pool's languages (first come, first served across its queues). */
  const takeOldest = (pool: number): number => {
    let bestLanguage = -1;
    let bestItem = -1;
    for (const language of poolLanguages[pool]!) {
      if (waiting[language] === 0) continue;
      const queue = queues[language]!;
      let head = queueHeads[language]!;
      while (itemState[queue[head]!] !== STATE_WAITING) head += 1;
      queueHeads[language] = head;
      const item = queue[head]!;
      if (bestItem < 0 || itemArrival[item]! < itemArrival[bestItem]!) {
        bestItem = item;
        bestLanguage = language;
      }
    }
    if (bestItem >= 0) {
      queueHeads[bestLanguage]! += 1;
      waiting[bestLanguage]! -= 1;
    }
    return bestItem;
  };

  const fillIdle = (pool: number, now: number): void => {
    while (staffed[pool]! - busy[pool]! > 0) {
      const item = takeOldest(pool);
      if (item < 0) return;
      startService(item, pool, now);
    }
  };

  const setStaffing = (hour: number, now: number): void => {
    pools.forEach((pool, index) => {
      const wanted = onDutyAt(pool, hour);
      const present = staffed[index]! - pendingLeave[index]!;
      if (wanted > present) {
        const cancelled = Math.min(pendingLeave[index]!, wanted - present);
        pendingLeave[index]! -= cancelled;
        const joining = wanted - present - cancelled;
        staffed[index]! += joining;
        staffedTotal += joining;
        fillIdle(index, now);
      } else if (wanted < present) {
        // Idle agents leave at once; busy ones finish the item in hand first.
        const idleLeaving = Math.min(staffed[index]! - busy[index]!, present - wanted);
        staffed[index]! -= idleLeaving;
        staffedTotal -= idleLeaving;
        pendingLeave[index]! += present - wanted - idleLeaving;
      }
    });
  };

  for (let language = 0; language < languageCount; language++) {
    const first = nextArrival(language, 0);
    if (first < Number.POSITIVE_INFINITY) events.push(first, encode(EVENT_ARRIVAL, language));
  }
  for (let hour = 1; hour <= totalHours; hour++)
    events.push(hour * SECONDS_PER_HOUR, encode(EVENT_HOUR, hour));
  setStaffing(0, 0);

  let currentHour = 0;
  let lastTime = 0;
  for (;;) {
    const event = events.pop();
    if (event === undefined) break;
    const now = event.time;
    const elapsed = now - lastTime;
    counters.busySeconds[currentHour]! += elapsed * busyTotal;
    counters.staffedSeconds[currentHour]! += elapsed * staffedTotal;
    lastTime = now;
    const kind = event.payload % 4;
    const ref = (event.payload - kind) / 4;

    if (kind === EVENT_ARRIVAL) {
      const language = ref;
      const item = itemLanguage.length;
      itemLanguage.push(language);
      itemArrival.push(now);
      itemState.push(STATE_WAITING);
      itemExit.push(Number.NaN);
      const at = cell(item);
      counters.arrivals[at]! += 1;
      let chosen = -1;
      for (const pool of poolsByLanguage[language]!) {
        const idle = staffed[pool]! - busy[pool]!;
        if (idle <= 0) continue;
        if (chosen < 0 || poolLanguages[pool]!.length < poolLanguages[chosen]!.length) chosen = pool;
        else if (
          poolLanguages[pool]!.length === poolLanguages[chosen]!.length &&
          idle > staffed[chosen]! - busy[chosen]!
        ) {
          chosen = pool;
        }
      }
      if (chosen >= 0) {
        startService(item, chosen, now);
      } else {
        counters.waited[at]! += 1;
        queues[language]!.push(item);
        waiting[language]! += 1;
        if (patienceFinite) events.push(now + samplePatience(), encode(EVENT_ABANDON, item));
      }
      const next = nextArrival(language, now);
      if (next < Number.POSITIVE_INFINITY) events.push(next, encode(EVENT_ARRIVAL, language));
    } else if (kind === EVENT_COMPLETION) {
      const pool = ref;
      busy[pool]! -= 1;
      busyTotal -= 1;
      if (pendingLeave[pool]! > 0) {
        pendingLeave[pool]! -= 1;
        staffed[pool]! -= 1;
        staffedTotal -= 1;
      } else {
        fillIdle(pool, now);
      }
    } else if (kind === EVENT_ABANDON) {
      const item = ref;
      if (itemState[item] === STATE_WAITING) {
        itemState[item] = STATE_ABANDONED;
        itemExit[item] = now;
        waiting[itemLanguage[item]!]! -= 1;
        counters.abandoned[cell(item)]! += 1;
      }
    } else {
      const hourEnded = ref - 1;
      for (let language = 0; language < languageCount; language++) {
        counters.backlog[hourEnded * languageCount + language]! += waiting[language]!;
      }
      itemsBeforeHourEnd[hourEnded] = itemLanguage.length;
      if (ref >= totalHours) break;
      currentHour = ref;
      setStaffing(ref, now);
    }
  }

  let exitMax = Number.NEGATIVE_INFINITY;
  let scanned = 0;
  for (let hour = 0; hour < totalHours; hour++) {
    const upTo = itemsBeforeHourEnd[hour]!;
    for (; scanned < upTo; scanned++) {
      const exit = itemState[scanned] === STATE_WAITING ? Number.POSITIVE_INFINITY : itemExit[scanned]!;
      if (exit > exitMax) exitMax = exit;
    }
    const hourEnd = (hour + 1) * SECONDS_PER_HOUR;
    if (exitMax === Number.POSITIVE_INFINITY) counters.clearMissing[hour] = 1;
    else counters.clearSeconds[hour]! += Math.max(0, exitMax - hourEnd);
  }
  for (let item = 0; item < itemLanguage.length; item++) {
    if (itemState[item] === STATE_WAITING) counters.unresolved[cell(item)]! += 1;
  }
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function figures(
  arrivals: number,
  answered: number,
  withinTarget: number,
  waited: number,
  abandoned: number,
  unresolved: number,
  waitSeconds: number,
  runs: number,
): QueueFigures {
  return {
    arrivals: arrivals / runs,
    answered: answered / runs,
    answeredWithinTarget: withinTarget / runs,
    waited: waited / runs,
    abandoned: abandoned / runs,
    unresolved: unresolved / runs,
    serviceLevel: ratio(withinTarget, arrivals),
    probabilityOfWaiting: ratio(waited, arrivals),
    averageWaitSeconds: ratio(waitSeconds, answered),
    abandonmentRate: ratio(abandoned, arrivals),
  };
}

function sumCells(values: Float64Array, cells: Iterable<number>): number {
  let total = 0;
  for (const index of cells) total += values[index]!;
  return total;
}

function figuresOver(counters: Counters, cells: readonly number[], runs: number): QueueFigures {
  return figures(
    sumCells(counters.arrivals, cells),
    sumCells(counters.answered, cells),
    sumCells(counters.withinTarget, cells),
    sumCells(counters.waited, cells),
    sumCells(counters.abandoned, cells),
    sumCells(counters.unresolved, cells),
    sumCells(counters.waitSeconds, cells),
    runs,
  );
}

/**
 * Discrete-event simulation of non-stationary hourly arrivals (a Poisson process whose rate changes
 * each hour) over per-language queues and multi-language agent pools with shifts and abandonment.
 * Figures are attributed to the hour an item arrived; backlog and time-to-clear are read at hour ends.
 */
export function simulateCapacity(
  scenario: CapacityScenario,
  options: SimulationOptions,
): CapacitySimulationResult {
  const problems = capacityScenarioProblems(scenario);
  const runs = options.runs ?? 1;
  if (!Number.isInteger(runs) || runs < 1) problems.push(`runs must be an integer ≥ 1, got ${runs}`);
  if (problems.length > 0) throw new RangeError(`invalid capacity scenario: ${problems.join('; ')}`);

  const languages = scenarioLanguages(scenario);
  const totalHours = scenario.arrivalsPerHour.length + (scenario.drainHours ?? 0);
  const languageCount = languages.length;
  const counters = createCounters(totalHours, languageCount);
  if (totalHours > 0 && languageCount > 0) {
    for (let run = 0; run < runs; run++) runOnce(scenario, languages, totalHours, options.random, counters);
  }

  const hours: HourOutcome[] = [];
  let peakBacklog = 0;
  let peakBacklogHour: number | null = null;
  for (let hour = 0; hour < totalHours; hour++) {
    const cells = languages.map((_, language) => hour * languageCount + language);
    const byLanguage: Record<string, LanguageHourOutcome> = {};
    languages.forEach((language, index) => {
      const at = hour * languageCount + index;
      byLanguage[language] = {
        ...figuresOver(counters, [at], runs),
        backlogAtEnd: counters.backlog[at]! / runs,
      };
    });
    const backlogAtEnd = sumCells(counters.backlog, cells) / runs;
    if (backlogAtEnd > peakBacklog) {
      peakBacklog = backlogAtEnd;
      peakBacklogHour = hour;
    }
    hours.push({
      hour,
      ...figuresOver(counters, cells, runs),
      agentsOnDuty: scenario.pools.reduce((total, pool) => total + onDutyAt(pool, hour), 0),
      occupancy: ratio(counters.busySeconds[hour]!, counters.staffedSeconds[hour]!),
      backlogAtEnd,
      timeToClearSeconds: counters.clearMissing[hour] === 1 ? null : counters.clearSeconds[hour]! / runs,
      byLanguage,
    });
  }

  const allCells = Array.from({ length: totalHours * languageCount }, (_, index) => index);
  const totalsByLanguage: Record<string, QueueFigures> = {};
  languages.forEach((language, index) => {
    const cells = Array.from({ length: totalHours }, (_, hour) => hour * languageCount + index);
    totalsByLanguage[language] = figuresOver(counters, cells, runs);
  });
  return {
    runs,
    languages,
    hours,
    totals: {
      ...figuresOver(counters, allCells, runs),
      byLanguage: totalsByLanguage,
      peakBacklog,
      peakBacklogHour,
    },
    warnings: structuralWarnings(scenario, languages, scenario.arrivalsPerHour.length),
  };
}
