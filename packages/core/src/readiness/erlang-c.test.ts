import { describe, expect, it } from 'vitest';
import { agentsForTarget, erlangB, erlangC } from './erlang-c.ts';

function withinRelative(actual: number, expected: number, tolerance = 0.005): void {
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(tolerance);
}

describe('erlangC against published worked examples', () => {
  // Call Centre Helper, "Erlang C Formula – Made Simple": 100 calls per 30 minutes (200/hour),
  // AHT 180 s, target 20 s. The figures for 14 and 15 agents are the published results reproduced
  // in pyworkforce's test suite (rodrigo-arenas/pyworkforce, pyworkforce/queuing/tests/test_erlang.py):
  // 14 agents → service level 0.888, occupancy 0.714, probability of waiting 0.174;
  // 15 agents → 0.941, 0.667, 0.102. The 11-agent step (Pw 68.21 %) is the article's first iteration.
  const cases = [
    { agents: 11, probabilityOfWaiting: 0.6821, occupancy: 0.9091 },
    { agents: 14, probabilityOfWaiting: 0.174, serviceLevel: 0.888, occupancy: 0.714 },
    { agents: 15, probabilityOfWaiting: 0.102, serviceLevel: 0.941, occupancy: 0.667 },
  ];
  for (const expected of cases) {
    it(`200 arrivals/hour, 180 s AHT, ${expected.agents} agents`, () => {
      const result = erlangC({
        arrivalsPerHour: 200,
        ahtSeconds: 180,
        agents: expected.agents,
        targetSeconds: 20,
      });
      expect(result.stable).toBe(true);
      expect(result.trafficErlangs).toBeCloseTo(10, 10);
      withinRelative(result.probabilityOfWaiting, expected.probabilityOfWaiting);
      withinRelative(result.occupancy, expected.occupancy);
      if (expected.serviceLevel !== undefined) withinRelative(result.serviceLevel, expected.serviceLevel);
    });
  }

  it('average speed of answer follows Pw × AHT / (N − A) (14 agents: 0.1741 × 180 / 4 ≈ 7.8 s)', () => {
    const result = erlangC({ arrivalsPerHour: 200, ahtSeconds: 180, agents: 14, targetSeconds: 20 });
    withinRelative(result.averageSpeedOfAnswer, 7.836);
  });
});

describe('erlangB against published Erlang B tables (1 % grade of service)', () => {
  // Standard Erlang B table rows at 1 % blocking (e.g. the table in Boucher, Traffic System Design
  // Handbook), and Westbay's calculator manual: 15 lines at 1 % carry 8.108 Erlangs (erlang.com).
  const rows = [
    { lines: 5, erlangs: 1.36 },
    { lines: 10, erlangs: 4.46 },
    { lines: 15, erlangs: 8.108 },
    { lines: 20, erlangs: 12.03 },
    { lines: 50, erlangs: 37.9 },
    { lines: 100, erlangs: 84.06 },
  ];
  for (const row of rows) {
    it(`${row.lines} lines offered ${row.erlangs} E block 1 %`, () => {
      withinRelative(erlangB(row.erlangs, row.lines), 0.01);
    });
  }
});

describe('erlangC numerical behaviour', () => {
  it('stays finite and monotone for thousands of agents and heavy traffic', () => {
    const arrivalsPerHour = 36_000 * 2; // 2000 Erlangs at 100 s AHT
    let previousLevel = -1;
    for (const agents of [2001, 2010, 2030, 2060, 2100, 2200]) {
      const result = erlangC({ arrivalsPerHour, ahtSeconds: 100, agents, targetSeconds: 20 });
      for (const value of [result.probabilityOfWaiting, result.serviceLevel, result.averageSpeedOfAnswer]) {
        expect(Number.isFinite(value)).toBe(true);
      }
      expect(result.serviceLevel).toBeGreaterThan(previousLevel);
      expect(result.probabilityOfWaiting).toBeGreaterThanOrEqual(0);
      expect(result.probabilityOfWaiting).toBeLessThanOrEqual(1);
      previousLevel = result.serviceLevel;
    }
  });

  it.each([
    { agents: 10, label: 'agents equal to traffic' },
    { agents: 5, label: 'agents below traffic' },
    { agents: 0, label: 'no agents' },
  ])('reports an unstable queue clearly with $label', ({ agents }) => {
    const result = erlangC({ arrivalsPerHour: 200, ahtSeconds: 180, agents, targetSeconds: 20 });
    expect(result).toMatchObject({ stable: false, probabilityOfWaiting: 1, serviceLevel: 0, occupancy: 1 });
    expect(result.averageSpeedOfAnswer).toBe(Number.POSITIVE_INFINITY);
  });

  it('treats no traffic as perfect service', () => {
    expect(erlangC({ arrivalsPerHour: 0, ahtSeconds: 180, agents: 3, targetSeconds: 20 })).toMatchObject({
      stable: true,
      probabilityOfWaiting: 0,
      serviceLevel: 1,
      averageSpeedOfAnswer: 0,
      occupancy: 0,
    });
  });

  it.each([
    {
      field: 'arrivalsPerHour',
      input: { arrivalsPerHour: -1, ahtSeconds: 180, agents: 3, targetSeconds: 20 },
    },
    { field: 'ahtSeconds', input: { arrivalsPerHour: 10, ahtSeconds: 0, agents: 3, targetSeconds: 20 } },
    { field: 'agents', input: { arrivalsPerHour: 10, ahtSeconds: 180, agents: 2.5, targetSeconds: 20 } },
    {
      field: 'targetSeconds',
      input: { arrivalsPerHour: 10, ahtSeconds: 180, agents: 3, targetSeconds: NaN },
    },
  ])('rejects a bad $field by name', ({ field, input }) => {
    expect(() => erlangC(input)).toThrow(field);
  });
});

describe('agentsForTarget', () => {
  it('finds the published 14 agents for 80 % in 20 s (Call Centre Helper example)', () => {
    const result = agentsForTarget({
      arrivalsPerHour: 200,
      ahtSeconds: 180,
      targetSeconds: 20,
      serviceLevelTarget: 0.8,
      maxOccupancy: 0.85,
    });
    expect(result.agents).toBe(14);
    expect(result.limitedBy).toBe('service-level');
  });

  it('adds agents for an occupancy cap (pyworkforce: 15 agents at max occupancy 0.7)', () => {
    const result = agentsForTarget({
      arrivalsPerHour: 200,
      ahtSeconds: 180,
      targetSeconds: 20,
      serviceLevelTarget: 0.8,
      maxOccupancy: 0.7,
    });
    expect(result.agents).toBe(15);
    expect(result.limitedBy).toBe('occupancy');
  });

  it('is the smallest count meeting the target, also for large traffic', () => {
    const input = { arrivalsPerHour: 50_000, ahtSeconds: 240, targetSeconds: 30, serviceLevelTarget: 0.9 };
    const result = agentsForTarget(input);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.9);
    const oneFewer = erlangC({ ...input, agents: result.agents - 1 });
    expect(oneFewer.serviceLevel).toBeLessThan(0.9);
  });

  it('needs no agents without traffic', () => {
    expect(
      agentsForTarget({ arrivalsPerHour: 0, ahtSeconds: 60, targetSeconds: 60, serviceLevelTarget: 0.8 })
        .agents,
    ).toBe(0);
  });

  it('rejects a percentage given as a service level share', () => {
    expect(() =>
      agentsForTarget({ arrivalsPerHour: 10, ahtSeconds: 60, targetSeconds: 60, serviceLevelTarget: 80 }),
    ).toThrow('serviceLevelTarget');
  });
});
