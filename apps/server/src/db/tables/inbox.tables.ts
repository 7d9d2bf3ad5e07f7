/** Kysely table types for issue #5 (inbox); `Database` extends this. */
export type InboxTables = Record<never, never>;
