/** Kysely table types for issue #11 (stream); `Database` extends this. */
export type StreamTables = Record<never, never>;
