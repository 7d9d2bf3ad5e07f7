import { sql, type Kysely } from 'kysely';

// What each new inbox item costs PostgreSQL, measured on the pipeline bench (EXPLAIN ANALYZE of the
// intake's insert, 932 items): the key on cluster_matched_post_id took 18 of the statement's 113 ms,
// four times the key on the item's own post, because it locked an old post row (FOR KEY SHARE) per
// item, dirtying pages long written. The post an item matched is always an entry of the stored LSH
// index (an earlier member, or the item's own post for a new cluster), and erasing a post deletes its
// entry (ON DELETE CASCADE), so the key now names the entry: a look-up among a few hot rows, and the
// reference is still cleared when the post goes. Intake writes the entries before the items.
//
// An item is assigned only after it is created: the agents' index (load counts, "my next item") no
// longer takes every new, unassigned item, only assigned ones. Its queries all name an assignee, so
// the planner still proves the predicate.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE inbox_item i SET cluster_matched_post_id = NULL
    WHERE i.cluster_matched_post_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM inbox_cluster_entry e WHERE e.post_id = i.cluster_matched_post_id);
    ALTER TABLE inbox_item DROP CONSTRAINT IF EXISTS inbox_item_cluster_matched_post_id_fkey;
    ALTER TABLE inbox_item ADD CONSTRAINT inbox_item_cluster_matched_post_id_fkey
      FOREIGN KEY (cluster_matched_post_id) REFERENCES inbox_cluster_entry(post_id) ON DELETE SET NULL;

    DROP INDEX IF EXISTS inbox_item_assignee;
    CREATE INDEX inbox_item_assignee ON inbox_item (assignee_id, priority_rank DESC, priority_score DESC, id)
      WHERE status = 'open' AND assignee_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inbox_item DROP CONSTRAINT IF EXISTS inbox_item_cluster_matched_post_id_fkey;
    ALTER TABLE inbox_item ADD CONSTRAINT inbox_item_cluster_matched_post_id_fkey
      FOREIGN KEY (cluster_matched_post_id) REFERENCES post(id) ON DELETE SET NULL;

    DROP INDEX IF EXISTS inbox_item_assignee;
    CREATE INDEX inbox_item_assignee ON inbox_item (assignee_id, priority_rank DESC, priority_score DESC, id)
      WHERE status = 'open';
  `.execute(db);
}
