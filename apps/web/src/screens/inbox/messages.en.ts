/** English texts of the inbox screen (keys start with `inbox.`); the reference for es and sv. */
export const inboxEn = {} as const;

export type InboxMessageKey = keyof typeof inboxEn;
