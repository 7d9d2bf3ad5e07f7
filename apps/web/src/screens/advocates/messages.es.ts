import type { AdvocatesMessageKey } from './messages.en.ts';

export const advocatesEs: Record<AdvocatesMessageKey, string> = {};
