export * from './key-phrases.ts';
export * from './narratives.ts';
export * from './trending.ts';
export * from './competitors.ts';
