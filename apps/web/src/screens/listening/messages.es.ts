import type { ListeningMessageKey } from './messages.en.ts';

export const listeningEs: Record<ListeningMessageKey, string> = {};
