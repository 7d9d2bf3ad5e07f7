import { sql, type Kysely } from 'kysely';

/**
 * Privacy (issue #7): redaction policy, originals kept apart, consent ledger, data-subject
 * requests and tombstones, retention schedule, and the append-only hash-chained audit log.
 * Every table that holds data about a person references author/post with ON DELETE CASCADE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE privacy_policy (
      workspace_id uuid PRIMARY KEY REFERENCES workspace(id) ON DELETE CASCADE,
      redaction text NOT NULL DEFAULT 'keep' CHECK (redaction IN ('keep','redact','pseudonymise')),
      keep_original boolean NOT NULL DEFAULT false,
      pseudonym_key text NOT NULL,
      retention_days integer CHECK (retention_days IS NULL OR retention_days > 0),
      retention_action text NOT NULL DEFAULT 'delete' CHECK (retention_action IN ('delete','anonymise')),
      custom_patterns jsonb NOT NULL DEFAULT '[]'::jsonb,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE post_original (
      post_id bigint PRIMARY KEY REFERENCES post(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      text text NOT NULL,
      raw jsonb,
      stored_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE privacy_permission (
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      permission text NOT NULL CHECK (permission IN ('view_original')),
      granted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, permission)
    );
    CREATE TABLE consent_record (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      author_id bigint NOT NULL REFERENCES author(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('marketing_reuse','contact','advocate_programme')),
      lawful_basis text NOT NULL CHECK (lawful_basis IN
        ('consent','contract','legal_obligation','vital_interests','public_task','legitimate_interests')),
      source text NOT NULL,
      evidence text,
      given_at timestamptz NOT NULL,
      expires_at timestamptz,
      withdrawn_at timestamptz,
      withdrawal_source text,
      recorded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at),
      CHECK (expires_at IS NULL OR expires_at > given_at)
    );
    CREATE INDEX consent_record_author ON consent_record (author_id, purpose);
    CREATE INDEX consent_record_workspace ON consent_record (workspace_id, recorded_at);
    CREATE TABLE content_reuse (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('marketing_reuse','contact','advocate_programme')),
      consent_id uuid NOT NULL REFERENCES consent_record(id) ON DELETE CASCADE,
      approved_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      approved_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (post_id, purpose)
    );
    CREATE TABLE privacy_request (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('access','erasure')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','rejected')),
      subjects jsonb,
      subject_hashes text[] NOT NULL,
      requested_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      completed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      completed_at timestamptz,
      outcome jsonb
    );
    CREATE INDEX privacy_request_workspace ON privacy_request (workspace_id, requested_at);
    CREATE TABLE privacy_tombstone (
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      subject_hash text NOT NULL,
      request_id uuid REFERENCES privacy_request(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, subject_hash)
    );
    CREATE TABLE privacy_schedule (
      task text PRIMARY KEY,
      next_run_at timestamptz NOT NULL,
      last_run_at timestamptz,
      last_outcome jsonb
    );
    CREATE TABLE audit_log (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      actor_kind text NOT NULL,
      actor_id text,
      action text NOT NULL,
      target_kind text,
      target_id text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_workspace_seq ON audit_log (workspace_id, seq);
    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_log, privacy_schedule, privacy_tombstone, privacy_request, content_reuse,
      consent_record, privacy_permission, post_original, privacy_policy;
    DROP FUNCTION audit_log_refuse_change();
  `.execute(db);
}
