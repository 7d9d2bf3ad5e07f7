import { sql, type Kysely } from 'kysely';

// Every post the pipeline handles writes an analysis, a search row, a signal row, often an inbox
// item and a few LSH band rows; each foreign key on them is a locking look-up per row, and the
// workspace and campaign rows are locked by every concurrent job at once (shared locks by several
// transactions become multixacts). These five were redundant: the row already references its post
// (or LSH entry) with ON DELETE CASCADE, and deleting a workspace or a campaign still removes it
// through that chain (workspace → source → post; campaign → inbox_cluster → entry → band).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE post_analysis DROP CONSTRAINT IF EXISTS post_analysis_workspace_id_fkey;
    ALTER TABLE listening_post DROP CONSTRAINT IF EXISTS listening_post_workspace_id_fkey;
    ALTER TABLE signal_post DROP CONSTRAINT IF EXISTS signal_post_workspace_id_fkey;
    ALTER TABLE inbox_item DROP CONSTRAINT IF EXISTS inbox_item_workspace_id_fkey;
    ALTER TABLE inbox_cluster_band DROP CONSTRAINT IF EXISTS inbox_cluster_band_campaign_id_fkey;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE post_analysis ADD CONSTRAINT post_analysis_workspace_id_fkey
      FOREIGN KEY (workspace_id) REFERENCES workspace(id) ON DELETE CASCADE;
    ALTER TABLE listening_post ADD CONSTRAINT listening_post_workspace_id_fkey
      FOREIGN KEY (workspace_id) REFERENCES workspace(id) ON DELETE CASCADE;
    ALTER TABLE signal_post ADD CONSTRAINT signal_post_workspace_id_fkey
      FOREIGN KEY (workspace_id) REFERENCES workspace(id) ON DELETE CASCADE;
    ALTER TABLE inbox_item ADD CONSTRAINT inbox_item_workspace_id_fkey
      FOREIGN KEY (workspace_id) REFERENCES workspace(id) ON DELETE CASCADE;
    ALTER TABLE inbox_cluster_band ADD CONSTRAINT inbox_cluster_band_campaign_id_fkey
      FOREIGN KEY (campaign_id) REFERENCES campaign(id) ON DELETE CASCADE;
  `.execute(db);
}
