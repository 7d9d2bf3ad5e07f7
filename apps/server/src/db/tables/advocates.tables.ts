/** Kysely table types for issue #6 (advocates); `Database` extends this. */
export type AdvocateTables = Record<never, never>;
