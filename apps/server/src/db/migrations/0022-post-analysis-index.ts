import { sql, type Kysely } from 'kysely';

// Every analysed post paid for an entry in `post_analysis (workspace_id, language, sentiment)`
// (about 2 µs of PostgreSQL time per post, its share of the WAL besides), and no query uses it:
// every reader reaches an analysis through its post (`post_analysis.post_id`, the primary key) and
// filters on the post's own columns.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS post_analysis_language_sentiment`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX IF NOT EXISTS post_analysis_language_sentiment ON post_analysis (workspace_id, language, sentiment)
  `.execute(db);
}
