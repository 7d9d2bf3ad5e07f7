/** Kysely table types for issue #8 (listening); `Database` extends this. */
export type ListeningTables = Record<never, never>;
