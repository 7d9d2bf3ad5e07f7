export * from './personal-data.types.ts';
export * from './checksums.ts';
export * from './detect-personal-data.ts';
export * from './redact.ts';
export { parseCustomPattern } from './custom-pattern.detector.ts';
export type { CustomPatternParse } from './custom-pattern.detector.ts';
