/** Kysely table types for issue #10 (readiness); `Database` extends this. */
export type ReadinessTables = Record<never, never>;
