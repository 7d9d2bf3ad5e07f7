import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateCapacity, type CapacityScenario } from './capacity-simulation.ts';
import { erlangC } from './erlang-c.ts';
import { createSeededRandom } from './seeded-random.ts';

function stationary(
  arrivalsPerHour: number,
  ahtSeconds: number,
  agents: number,
  hours: number,
): CapacityScenario {
  return {
    arrivalsPerHour: Array.from({ length: hours }, () => ({ en: arrivalsPerHour })),
    handleTime: { kind: 'exponential', meanSeconds: ahtSeconds },
    pools: [{ id: 'team', languages: ['en'], onDuty: agents }],
    targetSeconds: 20,
  };
}

describe('simulateCapacity agrees with Erlang C on stationary input', () => {
  // M/M/N without abandonment is exactly the Erlang C model, so pooled over ~800 000 simulated
  // arrivals per case the simulation must land on the formula. Seeded, so the test is deterministic.
  const cases = [
    { arrivalsPerHour: 200, ahtSeconds: 180, agents: 12, targetSeconds: 20 },
    { arrivalsPerHour: 200, ahtSeconds: 180, agents: 14, targetSeconds: 20 },
    { arrivalsPerHour: 720, ahtSeconds: 240, agents: 55, targetSeconds: 15 },
    { arrivalsPerHour: 30, ahtSeconds: 300, agents: 4, targetSeconds: 60 },
  ];
  it.each(cases)(
    '$arrivalsPerHour/h, AHT $ahtSeconds s, $agents agents, target $targetSeconds s',
    (input) => {
      const runs = 8;
      const hours = Math.ceil(100_000 / input.arrivalsPerHour);
      const scenario = {
        ...stationary(input.arrivalsPerHour, input.ahtSeconds, input.agents, hours),
        targetSeconds: input.targetSeconds,
      };
      const simulated = simulateCapacity(scenario, { random: createSeededRandom(20_240_601), runs }).totals;
      const formula = erlangC(input);

      expect(simulated.arrivals * runs).toBeGreaterThan(750_000);
      expect(Math.abs(simulated.serviceLevel! - formula.serviceLevel)).toBeLessThanOrEqual(0.02);
      expect(
        Math.abs(simulated.serviceLevel! - formula.serviceLevel) / formula.serviceLevel,
      ).toBeLessThanOrEqual(0.02);
      expect(Math.abs(simulated.probabilityOfWaiting! - formula.probabilityOfWaiting)).toBeLessThanOrEqual(
        0.02,
      );
      expect(
        Math.abs(simulated.averageWaitSeconds! - formula.averageSpeedOfAnswer) / formula.averageSpeedOfAnswer,
      ).toBeLessThanOrEqual(0.1);
    },
  );

  it('gives the same result for the same seed', () => {
    const scenario = stationary(200, 180, 12, 24);
    const first = simulateCapacity(scenario, { random: createSeededRandom(5) });
    const second = simulateCapacity(scenario, { random: createSeededRandom(5) });
    expect(second).toEqual(first);
  });
});

describe('simulateCapacity with language skills', () => {
  const mixedArrivals = Array.from({ length: 6 }, () => ({ en: 60, sv: 20 }));

  it('never lets an agent without Swedish answer a Swedish item', () => {
    const result = simulateCapacity(
      {
        arrivalsPerHour: mixedArrivals,
        handleTime: { kind: 'exponential', meanSeconds: 120 },
        pools: [
          { id: 'english', languages: ['en'], onDuty: 20 },
          { id: 'swedish', languages: ['sv'], onDuty: 0 },
        ],
        targetSeconds: 60,
      },
      { random: createSeededRandom(11) },
    );
    const swedish = result.totals.byLanguage.sv!;
    expect(swedish.arrivals).toBeGreaterThan(50);
    expect(swedish.answered).toBe(0);
    expect(swedish.unresolved).toBe(swedish.arrivals);
    expect(result.totals.byLanguage.en!.serviceLevel).toBeGreaterThan(0.95);
    expect(result.hours.at(-1)!.byLanguage.sv!.backlogAtEnd).toBe(swedish.arrivals);
    expect(result.warnings.join(' ')).toContain("'sv'");
  });

  it('serves Swedish only once a Swedish-speaking agent is on shift', () => {
    const result = simulateCapacity(
      {
        arrivalsPerHour: mixedArrivals,
        handleTime: { kind: 'exponential', meanSeconds: 120 },
        pools: [
          { id: 'english', languages: ['en'], onDuty: 20 },
          { id: 'bilingual', languages: ['sv', 'en'], onDuty: [0, 0, 0, 4, 4, 4] },
        ],
        targetSeconds: 60,
      },
      { random: createSeededRandom(12) },
    );
    const firstHour = result.hours[0]!.byLanguage.sv!;
    expect(firstHour.answered).toBeGreaterThan(0);
    // Every Swedish item from hour 0 waited until the shift began at 3 h, i.e. more than two hours.
    expect(firstHour.averageWaitSeconds!).toBeGreaterThan(2 * 3600);
    expect(firstHour.serviceLevel).toBe(0);
    expect(result.hours[2]!.byLanguage.sv!.backlogAtEnd).toBeGreaterThan(30);
    expect(result.hours[5]!.byLanguage.sv!.serviceLevel!).toBeGreaterThan(0.5);
    expect(result.totals.byLanguage.en!.serviceLevel!).toBeGreaterThan(0.95);
  });

  it('keeps specialists busy before generalists so the shared pool stays free for Swedish', () => {
    const scenario: CapacityScenario = {
      arrivalsPerHour: Array.from({ length: 48 }, () => ({ en: 90, sv: 15 })),
      handleTime: { kind: 'exponential', meanSeconds: 120 },
      pools: [
        { id: 'english', languages: ['en'], onDuty: 4 },
        { id: 'bilingual', languages: ['sv', 'en'], onDuty: 2 },
      ],
      targetSeconds: 60,
    };
    const result = simulateCapacity(scenario, { random: createSeededRandom(13), runs: 4 });
    // 3.5 Erlangs of work on 6 agents: feasible only because the routing pools them sensibly.
    expect(result.totals.serviceLevel!).toBeGreaterThan(0.75);
    expect(result.totals.byLanguage.sv!.answered).toBeGreaterThan(0);
  });
});

describe('simulateCapacity with shifts, abandonment and backlog', () => {
  it('builds a backlog while nobody works and reports when it clears', () => {
    const onDuty = [0, 0, 0, 6, 6, 6, 6, 6];
    const result = simulateCapacity(
      {
        arrivalsPerHour: Array.from({ length: 8 }, () => ({ es: 40 })),
        handleTime: { kind: 'exponential', meanSeconds: 180 },
        pools: [{ id: 'madrid', languages: ['es'], onDuty }],
        targetSeconds: 300,
        drainHours: 4,
      },
      { random: createSeededRandom(21) },
    );
    expect(result.hours).toHaveLength(12);
    expect(result.hours[2]!.backlogAtEnd).toBe(result.hours.slice(0, 3).reduce((n, h) => n + h.arrivals, 0));
    expect(result.hours[2]!.agentsOnDuty).toBe(0);
    expect(result.hours[0]!.timeToClearSeconds!).toBeGreaterThan(0);
    // With 6 agents for 2 Erlangs the night backlog of ~120 items clears within a few hours.
    expect(result.hours[0]!.timeToClearSeconds!).toBeLessThan(4 * 3600);
    expect(result.hours.at(-1)!.backlogAtEnd).toBe(0);
    expect(result.hours.at(-1)!.timeToClearSeconds).toBe(0);
  });

  it('reports a backlog that never clears as null time-to-clear', () => {
    const result = simulateCapacity(stationary(200, 180, 6, 6), { random: createSeededRandom(22) });
    expect(result.hours.at(-1)!.timeToClearSeconds).toBeNull();
    expect(result.totals.unresolved).toBeGreaterThan(0);
    expect(result.totals.peakBacklogHour).toBe(5);
  });

  it('loses impatient authors: shorter patience, more abandonment, shorter waits', () => {
    const base = stationary(200, 180, 10, 24);
    const run = (meanSeconds: number) =>
      simulateCapacity(
        { ...base, patience: { kind: 'exponential', meanSeconds } },
        { random: createSeededRandom(23) },
      ).totals;
    const impatient = run(60);
    const patient = run(600);
    expect(impatient.abandonmentRate!).toBeGreaterThan(patient.abandonmentRate!);
    expect(impatient.averageWaitSeconds!).toBeLessThan(patient.averageWaitSeconds!);
    // Abandonment keeps a queue at 100 % load from growing without bound.
    expect(impatient.unresolved).toBeLessThan(20);
  });

  it('lets agents finish the item in hand when their shift ends', () => {
    const result = simulateCapacity(
      {
        arrivalsPerHour: [{ en: 100 }, { en: 0 }],
        handleTime: { kind: 'fixed', seconds: 1800 },
        pools: [{ id: 'team', languages: ['en'], onDuty: [3, 0] }],
        targetSeconds: 60,
      },
      { random: createSeededRandom(24) },
    );
    // Three agents, 30-minute items, one hour: six items answered in hour 0, the rest wait forever.
    expect(result.hours[0]!.answered).toBe(6);
    expect(result.hours[1]!.occupancy).toBeGreaterThan(0.99);
    expect(result.hours[0]!.unresolved).toBe(result.hours[0]!.arrivals - 6);
  });

  it('accounts for every arrival exactly once in any scenario', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ en: fc.integer({ min: 0, max: 60 }), sv: fc.integer({ min: 0, max: 20 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.integer(),
        (arrivalsPerHour, onDuty, bilingual, impatient, seed) => {
          const result = simulateCapacity(
            {
              arrivalsPerHour,
              handleTime: { kind: 'lognormal', meanSeconds: 200, coefficientOfVariation: 1.2 },
              patience: impatient ? { kind: 'exponential', meanSeconds: 300 } : { kind: 'infinite' },
              pools: [
                { id: 'en', languages: ['en'], onDuty },
                { id: 'both', languages: ['en', 'sv'], onDuty: bilingual },
              ],
              targetSeconds: 60,
              drainHours: 1,
            },
            { random: createSeededRandom(seed) },
          );
          for (const hour of result.hours) {
            expect(hour.answered + hour.abandoned + hour.unresolved).toBe(hour.arrivals);
            expect(hour.answeredWithinTarget).toBeLessThanOrEqual(hour.answered);
            expect(hour.backlogAtEnd).toBeGreaterThanOrEqual(0);
            if (hour.occupancy !== null) expect(hour.occupancy).toBeLessThanOrEqual(1 + 1e-9);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

/**
 * M/M/N+M (Erlang A) as a birth–death chain: birth λ, death min(n, N)·μ + max(0, n − N)·θ.
 * Solved numerically on a truncated state space; by PASTA an arrival waits with P(n ≥ N), and the
 * abandoning share is θ·E[(n − N)⁺] / λ.
 */
function erlangA(lambdaPerHour: number, ahtSeconds: number, agents: number, patienceSeconds: number) {
  const lambda = lambdaPerHour / 3600;
  const mu = 1 / ahtSeconds;
  const theta = 1 / patienceSeconds;
  const weights = [1];
  for (let n = 1; n < 5000; n++) {
    const death = Math.min(n, agents) * mu + Math.max(0, n - agents) * theta;
    weights.push((weights[n - 1]! * lambda) / death);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  let waiting = 0;
  let queued = 0;
  weights.forEach((w, n) => {
    if (n >= agents) waiting += w / total;
    queued += (Math.max(0, n - agents) * w) / total;
  });
  return { probabilityOfWaiting: waiting, abandonmentRate: (theta * queued) / lambda };
}

describe('simulateCapacity agrees with Erlang A when authors give up', () => {
  it.each([
    { arrivalsPerHour: 200, ahtSeconds: 180, agents: 10, patienceSeconds: 120 },
    { arrivalsPerHour: 200, ahtSeconds: 180, agents: 9, patienceSeconds: 600 },
    { arrivalsPerHour: 60, ahtSeconds: 300, agents: 5, patienceSeconds: 300 },
  ])('$arrivalsPerHour/h, AHT $ahtSeconds s, $agents agents, mean patience $patienceSeconds s', (input) => {
    const hours = Math.ceil(100_000 / input.arrivalsPerHour);
    const simulated = simulateCapacity(
      {
        ...stationary(input.arrivalsPerHour, input.ahtSeconds, input.agents, hours),
        patience: { kind: 'exponential', meanSeconds: input.patienceSeconds },
      },
      { random: createSeededRandom(77), runs: 4 },
    ).totals;
    const exact = erlangA(input.arrivalsPerHour, input.ahtSeconds, input.agents, input.patienceSeconds);
    expect(Math.abs(simulated.probabilityOfWaiting! - exact.probabilityOfWaiting)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(simulated.abandonmentRate! - exact.abandonmentRate)).toBeLessThanOrEqual(0.01);
    expect(
      Math.abs(simulated.abandonmentRate! - exact.abandonmentRate) / exact.abandonmentRate,
    ).toBeLessThanOrEqual(0.05);
  });
});

describe('simulateCapacity input checks', () => {
  it('names every bad field at once', () => {
    expect(() =>
      simulateCapacity(
        {
          arrivalsPerHour: [{ en: -1 }],
          handleTime: { kind: 'exponential', meanSeconds: 0 },
          pools: [{ id: 'x', languages: [], onDuty: [1.5] }],
          targetSeconds: 20,
        },
        { random: createSeededRandom(1) },
      ),
    ).toThrow(
      /arrivalsPerHour\[0\]\.en.*handleTime\.meanSeconds.*pools\[0\]\.onDuty\[0\].*pools\[0\]\.languages/,
    );
  });
});
