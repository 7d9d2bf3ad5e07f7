import { sql, type Kysely } from 'kysely';

// Every import batch refreshes its authors (follower counts change from post to post), so an author
// row is rewritten many times per import. With full pages each new version went to another page
// and added an index entry: after 200,000 imported posts only a quarter of the updates were HOT
// and the unique index held about four entries per author, which every later upsert walked. Room on
// the page lets an update stay on it (HOT, no index entry) and lets the page prune its dead versions
// without VACUUM (the server here runs with autovacuum off). Only pages written from now on leave
// the room; existing ones follow as they are rewritten.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE author SET (fillfactor = 70)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE author RESET (fillfactor)`.execute(db);
}
