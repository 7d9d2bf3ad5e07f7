import type { InboxMessageKey } from './messages.en.ts';

export const inboxEs: Record<InboxMessageKey, string> = {};
