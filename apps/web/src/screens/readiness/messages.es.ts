import type { ReadinessMessageKey } from './messages.en.ts';

export const readinessEs: Record<ReadinessMessageKey, string> = {};
