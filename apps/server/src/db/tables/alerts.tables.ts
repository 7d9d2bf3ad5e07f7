/** Kysely table types for issue #4 (alerts); `Database` extends this. */
export type AlertTables = Record<never, never>;
