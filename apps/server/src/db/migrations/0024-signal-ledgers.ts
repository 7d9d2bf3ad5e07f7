import { sql, type Kysely } from 'kysely';

// The two ledgers every analysed post writes (`signal_post`: what a post added to a campaign's
// crisis buckets; `listening_mention`: what it added to share of voice) lose their foreign key to
// the campaign: each one was a locking look-up of the campaign row per ledger row, and every
// concurrent job locked that same row (measured: about 3–4 µs of PostgreSQL CPU per row). The rows
// still reference their post ON DELETE CASCADE. Deleting a campaign still removes its ledger rows:
// a statement trigger on campaign does what the cascade did, once per statement instead of once
// per row written.
//
// The bucket tables are rewritten in place by every job that counts into them (posts + n); room on
// their pages lets each new version stay on its page (a HOT update: no new entry in either index).
// Only pages written from now on leave the room.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE signal_post DROP CONSTRAINT IF EXISTS signal_post_campaign_id_fkey;
    ALTER TABLE listening_mention DROP CONSTRAINT IF EXISTS listening_mention_campaign_id_fkey;
    CREATE FUNCTION campaign_ledgers_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM signal_post s USING gone g WHERE s.campaign_id = g.id;
      DELETE FROM listening_mention m USING gone g WHERE m.campaign_id = g.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER campaign_ledgers_cascade AFTER DELETE ON campaign
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION campaign_ledgers_cascade();
    ALTER TABLE signal_bucket SET (fillfactor = 70);
    ALTER TABLE listening_sov_bucket SET (fillfactor = 70);
    ALTER TABLE listening_aspect_bucket SET (fillfactor = 70);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE listening_aspect_bucket RESET (fillfactor);
    ALTER TABLE listening_sov_bucket RESET (fillfactor);
    ALTER TABLE signal_bucket RESET (fillfactor);
    DROP TRIGGER IF EXISTS campaign_ledgers_cascade ON campaign;
    DROP FUNCTION IF EXISTS campaign_ledgers_cascade();
    DELETE FROM signal_post s WHERE NOT EXISTS (SELECT 1 FROM campaign c WHERE c.id = s.campaign_id);
    DELETE FROM listening_mention m WHERE NOT EXISTS (SELECT 1 FROM campaign c WHERE c.id = m.campaign_id);
    ALTER TABLE signal_post ADD CONSTRAINT signal_post_campaign_id_fkey
      FOREIGN KEY (campaign_id) REFERENCES campaign(id) ON DELETE CASCADE;
    ALTER TABLE listening_mention ADD CONSTRAINT listening_mention_campaign_id_fkey
      FOREIGN KEY (campaign_id) REFERENCES campaign(id) ON DELETE CASCADE;
  `.execute(db);
}
