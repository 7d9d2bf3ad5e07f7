import { sql, type Kysely } from 'kysely';

// The stored analysis (`post_analysis.result`, about 0.8 kB of evidence per post) becomes `json`:
// building `jsonb` from it was the largest part of storing a batch's analyses (about 25 µs of
// PostgreSQL CPU per post, more than the rest of the insert), and nothing queries inside it with
// jsonb operators — readers take the whole document or one key of it with `->`. Erasure treats
// both types alike (services/data-subject.service.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE post_analysis ALTER COLUMN result TYPE json USING result::json`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE post_analysis ALTER COLUMN result TYPE jsonb USING result::jsonb`.execute(db);
}
