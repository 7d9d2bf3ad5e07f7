import { sql, type Kysely } from 'kysely';

// An inbox item's reasons and priority evidence (about 0.6 kB a item) become `json`: building `jsonb`
// from the intake's batch cost PostgreSQL more than the rest of reading it (measured: 1,130 items'
// reasons and evidence took 55–76 ms as jsonb, 18–29 ms as json). Nothing queries inside them: the
// item view reads both whole, and erasure and export treat json and jsonb alike.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inbox_item
      ALTER COLUMN reasons TYPE json USING reasons::json,
      ALTER COLUMN priority_evidence TYPE json USING priority_evidence::json
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inbox_item
      ALTER COLUMN reasons TYPE jsonb USING reasons::jsonb,
      ALTER COLUMN priority_evidence TYPE jsonb USING priority_evidence::jsonb
  `.execute(db);
}
