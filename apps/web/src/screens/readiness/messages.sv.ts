import type { ReadinessMessageKey } from './messages.en.ts';

export const readinessSv: Record<ReadinessMessageKey, string> = {};
