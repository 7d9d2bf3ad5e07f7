import type { InboxMessageKey } from './messages.en.ts';

export const inboxSv: Record<InboxMessageKey, string> = {};
