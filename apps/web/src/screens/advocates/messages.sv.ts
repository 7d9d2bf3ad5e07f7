import type { AdvocatesMessageKey } from './messages.en.ts';

export const advocatesSv: Record<AdvocatesMessageKey, string> = {};
