export * from './domain.ts';
export * from './api.ts';
export * from './overview.ts';
export * from './brief.ts';
