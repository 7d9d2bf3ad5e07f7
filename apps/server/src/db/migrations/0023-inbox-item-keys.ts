import { sql, type Kysely } from 'kysely';

// Each new inbox item checked two foreign keys that no application path needs row by row: its
// campaign (a locking look-up of the one campaign row every concurrent job shares) and its cluster
// (a locking look-up of a cluster row the same transaction has just written or is about to count
// into). Measured on the pipeline bench with auto_explain: 10 and 15 ms of a 153 ms insert of 920
// items, a sixth of the statement. What they did on delete is kept by statement triggers, once per
// statement instead of once per item written:
// - deleting a campaign deletes its items (was ON DELETE CASCADE);
// - deleting a cluster clears its items' cluster (was ON DELETE SET NULL).
// Intake writes a new item's cluster before the item, in the same transaction, and nothing deletes
// a campaign or a cluster while its items are written but the campaign's own deletion.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inbox_item DROP CONSTRAINT IF EXISTS inbox_item_campaign_id_fkey;
    ALTER TABLE inbox_item DROP CONSTRAINT IF EXISTS inbox_item_cluster_id_fkey;
    CREATE FUNCTION campaign_inbox_items_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM inbox_item i USING gone g WHERE i.campaign_id = g.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER campaign_inbox_items_cascade AFTER DELETE ON campaign
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION campaign_inbox_items_cascade();
    CREATE FUNCTION inbox_cluster_items_set_null() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE inbox_item i SET cluster_id = NULL FROM gone g WHERE i.cluster_id = g.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER inbox_cluster_items_set_null AFTER DELETE ON inbox_cluster
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION inbox_cluster_items_set_null();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS inbox_cluster_items_set_null ON inbox_cluster;
    DROP FUNCTION IF EXISTS inbox_cluster_items_set_null();
    DROP TRIGGER IF EXISTS campaign_inbox_items_cascade ON campaign;
    DROP FUNCTION IF EXISTS campaign_inbox_items_cascade();
    DELETE FROM inbox_item i WHERE NOT EXISTS (SELECT 1 FROM campaign c WHERE c.id = i.campaign_id);
    UPDATE inbox_item i SET cluster_id = NULL
    WHERE i.cluster_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM inbox_cluster c WHERE c.id = i.cluster_id);
    ALTER TABLE inbox_item ADD CONSTRAINT inbox_item_campaign_id_fkey
      FOREIGN KEY (campaign_id) REFERENCES campaign(id) ON DELETE CASCADE;
    ALTER TABLE inbox_item ADD CONSTRAINT inbox_item_cluster_id_fkey
      FOREIGN KEY (cluster_id) REFERENCES inbox_cluster(id) ON DELETE SET NULL;
  `.execute(db);
}
