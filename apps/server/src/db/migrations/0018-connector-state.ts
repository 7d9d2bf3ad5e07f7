import { sql, type Kysely } from 'kysely';

// Issue #11, connector gaps: figures for `/metrics` that outlive a process (errors, rate-limit
// waits, edits and deletions applied), and the version of each post a connector last applied an
// edit from, so an edit seen twice (stream and REST, or a replay) is applied once and an older
// version never overwrites a newer one. Deleting a post removes its version row with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE connector
      ADD COLUMN errors bigint NOT NULL DEFAULT 0,
      ADD COLUMN rate_limit_waits bigint NOT NULL DEFAULT 0,
      ADD COLUMN rate_limit_wait_seconds double precision NOT NULL DEFAULT 0,
      ADD COLUMN edited bigint NOT NULL DEFAULT 0,
      ADD COLUMN deleted bigint NOT NULL DEFAULT 0;

    CREATE TABLE connector_post_version (
      post_id bigint PRIMARY KEY REFERENCES post(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      edited_at timestamptz NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE connector_post_version;
    ALTER TABLE connector DROP COLUMN errors, DROP COLUMN rate_limit_waits,
      DROP COLUMN rate_limit_wait_seconds, DROP COLUMN edited, DROP COLUMN deleted;
  `.execute(db);
}
