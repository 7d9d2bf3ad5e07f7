import { describe, expect, it } from 'vitest';
import { decideOverflow, type OverflowInput } from './overflow.ts';

const team = [
  { maxLoad: 10, itemsPerHour: 6 },
  { maxLoad: 10, itemsPerHour: 6 },
];
const base: OverflowInput = { backlog: 5, arrivals: 10, windowHours: 1, agents: team, active: false };

describe('decideOverflow', () => {
  it.each<[string, Partial<OverflowInput>, boolean]>([
    ['a quiet hour', {}, false],
    ['a flood', { arrivals: 200 }, true],
    ['nobody on shift and work waiting', { agents: [] }, true],
    ['nobody on shift, nothing waiting', { agents: [], backlog: 0, arrivals: 0 }, false],
    ['on, still near capacity (hysteresis)', { backlog: 17, arrivals: 12, active: true }, true],
    ['on, calm again', { backlog: 2, arrivals: 5, active: true }, false],
  ])('%s', (_, overrides, overflow) => {
    const decision = decideOverflow({ ...base, ...overrides });
    expect(decision.overflow).toBe(overflow);
    expect(decision.evidence.length).toBeGreaterThan(1);
  });
});
