import { sql, type Kysely } from 'kysely';

// The crisis engine's reason for switching the circuit breaker as a judgement code + parameters, so
// the crisis room says it in the reader's language; a person's switch keeps only its own words.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE circuit_breaker_switch ADD COLUMN reason_code text, ADD COLUMN reason_params jsonb`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE circuit_breaker_switch DROP COLUMN reason_code, DROP COLUMN reason_params`.execute(
    db,
  );
}
