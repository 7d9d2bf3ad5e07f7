export * from './brief.types.ts';
export * from './phrase-matcher.ts';
export * from './quantity-extractor.ts';
export * from './claim-check.ts';
export * from './disclosure-defaults.ts';
export * from './disclosure-check.ts';
export * from './on-message.ts';
export * from './brand-check.ts';
