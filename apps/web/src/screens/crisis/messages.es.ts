import type { CrisisMessageKey } from './messages.en.ts';

export const crisisEs: Record<CrisisMessageKey, string> = {};
