export * from './erlang-c.ts';
export * from './seeded-random.ts';
export * from './duration-distribution.ts';
export * from './capacity-simulation.ts';
