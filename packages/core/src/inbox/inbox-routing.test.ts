import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseAssignee, rebalance, type AssignedItem, type RoutingAgent } from './inbox-routing.ts';

const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  languages: ['en'],
  markets: [],
  maxLoad: 5,
  currentLoad: 0,
  onShift: true,
  ...over,
});

const LANGS = ['en', 'es', 'sv', 'und'] as const;
const MARKETS = ['SE', 'ES', 'GB', 'US'] as const;
const agentArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  languages: fc.subarray([...LANGS.slice(0, 3)]),
  markets: fc.subarray([...MARKETS]),
  maxLoad: fc.nat(6),
  currentLoad: fc.nat(6),
  onShift: fc.boolean(),
});
const agentsArb = fc
  .array(agentArb, { maxLength: 8 })
  .map((agents) =>
    agents.map((a, i) => ({ ...a, id: `${a.id}${i}`, currentLoad: Math.min(a.currentLoad, a.maxLoad) })),
  );
const itemArb = fc.record({
  language: fc.constantFrom(...LANGS),
  market: fc.option(fc.constantFrom(...MARKETS)),
});

describe('chooseAssignee', () => {
  it.each<[string, RoutingAgent[], { language: string; market: string | null }, string | null]>([
    [
      'only the Spanish speaker gets Spanish',
      [agent('a'), agent('b', { languages: ['es'] })],
      { language: 'es', market: null },
      'b',
    ],
    [
      'least loaded relative to max',
      [agent('a', { currentLoad: 2, maxLoad: 4 }), agent('b', { currentLoad: 3, maxLoad: 10 })],
      { language: 'en', market: null },
      'b',
    ],
    [
      'ties go to the fewer items, then id',
      [
        agent('b', { currentLoad: 1, maxLoad: 2 }),
        agent('a', { currentLoad: 2, maxLoad: 4 }),
        agent('c', { currentLoad: 1, maxLoad: 2 }),
      ],
      { language: 'en', market: null },
      'b',
    ],
    [
      'market specialists first',
      [agent('a'), agent('b', { markets: ['SE'], currentLoad: 3 })],
      { language: 'en', market: 'SE' },
      'b',
    ],
    [
      'outside the market when no specialist has room',
      [agent('a', { markets: ['GB'] }), agent('b', { markets: ['SE'], currentLoad: 5 })],
      { language: 'en', market: 'SE' },
      'a',
    ],
    [
      'off-shift agents get nothing',
      [agent('a', { onShift: false })],
      { language: 'en', market: null },
      null,
    ],
    ['full agents get nothing', [agent('a', { currentLoad: 5 })], { language: 'en', market: null }, null],
    [
      'undetermined language goes to nobody who does not list it',
      [agent('a')],
      { language: 'und', market: null },
      null,
    ],
  ])('%s', (_, agents, item, expected) => {
    expect(chooseAssignee(item, agents).agentId).toBe(expected);
  });

  it('says why nobody was chosen', () => {
    expect(chooseAssignee({ language: 'sv', market: null }, [agent('a')])).toMatchObject({
      agentId: null,
      reason: 'no_agent_speaks_language',
    });
    expect(chooseAssignee({ language: 'en', market: null }, [agent('a', { maxLoad: 0 })])).toMatchObject({
      reason: 'all_at_capacity',
    });
    expect(chooseAssignee({ language: 'en', market: null }, [])).toMatchObject({
      reason: 'no_agent_on_shift',
    });
  });

  it('property: assigning a stream never exceeds max load, never a language the agent lacks, never off shift', () => {
    fc.assert(
      fc.property(agentsArb, fc.array(itemArb, { maxLength: 60 }), (agents, items) => {
        const loads = agents.map((a) => ({ ...a }));
        for (const item of items) {
          const choice = chooseAssignee(item, loads);
          if (choice.agentId === null) {
            if (choice.reason === 'all_at_capacity') {
              for (const a of loads)
                if (a.onShift && a.languages.includes(item.language))
                  expect(a.currentLoad).toBeGreaterThanOrEqual(a.maxLoad);
            }
            continue;
          }
          const chosen = loads.find((a) => a.id === choice.agentId);
          expect(chosen).toBeDefined();
          if (chosen === undefined) return;
          expect(chosen.onShift).toBe(true);
          expect(chosen.languages).toContain(item.language);
          chosen.currentLoad++;
          expect(chosen.currentLoad).toBeLessThanOrEqual(chosen.maxLoad);
        }
      }),
    );
  });

  it('property: equal agents end up within one item of each other', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 40 }), (count, itemCount) => {
        const loads = Array.from({ length: count }, (_, i) => agent(`a${i}`, { maxLoad: 100 }));
        for (let i = 0; i < itemCount; i++) {
          const chosen = loads.find(
            (a) => a.id === chooseAssignee({ language: 'en', market: null }, loads).agentId,
          );
          if (chosen !== undefined) chosen.currentLoad++;
        }
        const counts = loads.map((a) => a.currentLoad);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('rebalance', () => {
  it('moves an off-shift agent’s items to colleagues who speak the language, most urgent first', () => {
    const agents = [
      agent('anna', { languages: ['sv', 'en'], currentLoad: 3, onShift: false }),
      agent('bo', { languages: ['sv'], currentLoad: 4 }),
      agent('carl', { languages: ['en'], currentLoad: 0 }),
    ];
    const items: AssignedItem[] = [
      { id: 'i1', language: 'sv', market: 'SE', assigneeId: 'anna', priority: 10 },
      { id: 'i2', language: 'sv', market: 'SE', assigneeId: 'anna', priority: 90 },
      { id: 'i3', language: 'en', market: 'GB', assigneeId: 'anna', priority: 50 },
    ];
    const { moves, agents: after } = rebalance(items, agents);
    expect(moves.map((m) => [m.itemId, m.from, m.to, m.reason])).toEqual([
      ['i2', 'anna', 'bo', 'agent_off_shift'],
      ['i3', 'anna', 'carl', 'agent_off_shift'],
      ['i1', 'anna', null, 'agent_off_shift'],
    ]);
    expect(after.map((a) => [a.id, a.currentLoad])).toEqual([
      ['anna', 0],
      ['bo', 5],
      ['carl', 1],
    ]);
  });

  it('moves the lowest-priority excess of an over-loaded agent and hands out unassigned items', () => {
    const agents = [agent('a', { currentLoad: 3, maxLoad: 2 }), agent('b')];
    const items: AssignedItem[] = [
      { id: 'x', language: 'en', market: null, assigneeId: 'a', priority: 5 },
      { id: 'y', language: 'en', market: null, assigneeId: 'a', priority: 80 },
      { id: 'z', language: 'en', market: null, assigneeId: 'a', priority: 40 },
      { id: 'u', language: 'en', market: null, assigneeId: null, priority: 1 },
      { id: 'v', language: 'fi', market: null, assigneeId: null, priority: 1 },
    ];
    const { moves } = rebalance(items, agents);
    expect(moves.map((m) => [m.itemId, m.to, m.reason])).toEqual([
      ['x', 'b', 'agent_over_capacity'],
      ['u', 'b', 'unassigned'],
    ]);
  });

  it('property: after rebalancing nobody off shift holds items, nobody exceeds max, languages are honoured', () => {
    const itemsArb = fc.array(
      fc.record({
        language: fc.constantFrom('en', 'es', 'sv'),
        market: fc.option(fc.constantFrom(...MARKETS)),
        priority: fc.nat(100),
        slot: fc.nat(9),
      }),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(agentsArb, itemsArb, (agents, raw) => {
        // Build a consistent starting point: each item held by a speaker of its language (or nobody).
        const start = agents.map((a) => ({ ...a, currentLoad: 0 }));
        const items: AssignedItem[] = raw.map((r, i) => {
          const holders = start.filter((a) => a.languages.includes(r.language));
          const holder = holders.length === 0 ? undefined : holders[r.slot % holders.length];
          if (holder !== undefined) holder.currentLoad++;
          return {
            id: `i${i}`,
            language: r.language,
            market: r.market,
            priority: r.priority,
            assigneeId: holder?.id ?? null,
          };
        });
        const { moves, agents: after } = rebalance(items, start);
        const owner = new Map(items.map((i) => [i.id, i.assigneeId]));
        for (const m of moves) owner.set(m.itemId, m.to);
        const count = new Map<string, number>();
        for (const [id, who] of owner) {
          if (who === null) continue;
          const a = after.find((x) => x.id === who);
          expect(a?.onShift).toBe(true);
          expect(a?.languages).toContain(items.find((i) => i.id === id)?.language);
          count.set(who, (count.get(who) ?? 0) + 1);
        }
        for (const a of after) {
          expect(a.currentLoad).toBe(count.get(a.id) ?? 0);
          expect(a.currentLoad).toBeLessThanOrEqual(a.maxLoad);
        }
      }),
    );
  });
});
