export * from './erlang-c.ts';
export * from './seeded-random.ts';
export * from './duration-distribution.ts';
export * from './capacity-simulation.ts';
export * from './volume-forecast.ts';
export * from './staffing-plan.ts';
export * from './crisis-scenario.ts';
export * from './capacity-check.ts';
