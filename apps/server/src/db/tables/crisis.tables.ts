/** Kysely table types for issue #4 (crisis); `Database` extends this. */
export type CrisisTables = Record<never, never>;
