/** Kysely table types for issue #7 (privacy); `Database` extends this. */
export type PrivacyTables = Record<never, never>;
