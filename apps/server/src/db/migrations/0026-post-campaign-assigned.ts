import { sql, type Kysely } from 'kysely';

// Where a post's campaign link came from. `assigned` links were put there by a person or a feature
// (an import's `--campaign`, a drill's sandbox); the others were made by matching the post's text
// and author against the campaign's hashtags, keywords and handles. A network edit re-matches the
// new text and removes only matched links it no longer makes. Existing links are taken as matched:
// the only post an edit touches is a connector's, and connectors never assign campaigns.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE post_campaign ADD COLUMN assigned boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE post_campaign DROP COLUMN assigned`.execute(db);
}
