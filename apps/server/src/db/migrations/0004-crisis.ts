import type { Kysely } from 'kysely';

// Tables for issue #4 (crisis); filled in by that capability.
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
