import { sql, type Kysely } from 'kysely';

// The wording a team uses to ask a person for consent, per purpose and language. A consent record
// names the version it was given against; readiness checks a text exists in every campaign language.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE privacy_consent_text (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('marketing_reuse','contact','advocate_programme')),
      language text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
      version integer NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, purpose, language)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE privacy_consent_text`.execute(db);
}
