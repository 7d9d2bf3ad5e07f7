export * from './text/fold.ts';
export * from './campaign/campaign-matcher.ts';
export * from './readiness/index.ts';
