import { sql } from 'kysely';

/**
 * The slot of a striped counter row this database connection writes. Counter tables that every job
 * of a campaign adds to (crisis signal buckets, share-of-voice and aspect buckets, the pipeline's
 * minute counts) keep one row per key and slot: a job adds only to its connection's row, so two jobs
 * counting the same minute at once never wait for each other's row lock until commit. Readers sum
 * the slots. Backend process ids are unique among live connections, so two concurrent jobs share a
 * slot only when their ids are equal modulo 1024 (then one waits, as with a single row).
 */
export const COUNTER_SLOT = sql<number>`(pg_backend_pid() % 1024)::smallint`;
