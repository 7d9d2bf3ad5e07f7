export * from './text/fold.ts';
