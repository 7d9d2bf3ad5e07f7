export * from './near-duplicate-fingerprint.ts';
export * from './cluster-index.ts';
export * from './inbox-signals.ts';
export * from './inbox-priority.ts';
export * from './needs-human.ts';
export * from './inbox-routing.ts';
export * from './business-calendar.ts';
export * from './sla-clock.ts';
