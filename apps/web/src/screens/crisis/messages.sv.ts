import type { CrisisMessageKey } from './messages.en.ts';

export const crisisSv: Record<CrisisMessageKey, string> = {};
