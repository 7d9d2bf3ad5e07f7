import { sql, type Kysely } from 'kysely';

// Workers learn of new jobs when they are committed instead of at their next poll: every statement
// that inserts into the job table (the ingest's hand-off of `post.ingested`, connectors, schedules)
// sends one notification on channel `ombud_job`, delivered at commit. The embedded work stream and
// the JetStream relay LISTEN on a PostgreSQL server and keep polling as a fallback (retries whose time
// came, claims that ran out, PGlite). Before, an idle worker noticed a job up to 200 ms late (relay:
// 100 ms), on every job of a quiet stream.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION ombud_job_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('ombud_job', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER job_notify AFTER INSERT ON job FOR EACH STATEMENT EXECUTE FUNCTION ombud_job_notify();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS job_notify ON job;
    DROP FUNCTION IF EXISTS ombud_job_notify();
  `.execute(db);
}
