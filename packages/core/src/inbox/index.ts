export * from './near-duplicate-fingerprint.ts';
export * from './cluster-index.ts';
