import type { ListeningMessageKey } from './messages.en.ts';

export const listeningSv: Record<ListeningMessageKey, string> = {};
