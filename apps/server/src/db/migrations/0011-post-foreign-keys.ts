import { sql, type Kysely } from 'kysely';

// Every post insert ran four foreign-key checks, each a locking lookup; two were redundant and cost
// about a sixth of the server's time during an import. The workspace is implied by the source (and
// deleting a workspace still cascades through source → post); the import batch id is provenance
// only, and a deleted batch should not rewrite its posts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE post DROP CONSTRAINT IF EXISTS post_workspace_id_fkey;
    ALTER TABLE post DROP CONSTRAINT IF EXISTS post_batch_id_fkey;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE post ADD CONSTRAINT post_workspace_id_fkey
      FOREIGN KEY (workspace_id) REFERENCES workspace(id) ON DELETE CASCADE;
    ALTER TABLE post ADD CONSTRAINT post_batch_id_fkey
      FOREIGN KEY (batch_id) REFERENCES import_batch(id) ON DELETE SET NULL;
  `.execute(db);
}
