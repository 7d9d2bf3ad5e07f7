import { sql, type Kysely } from 'kysely';

// Issue #6, advocates acting themselves: personal portal links (only the token's hash is kept),
// campaign join links for self-joining, and the delivery and the advocate's own answers on each
// correction notice (delivered, read, acknowledged, "I corrected my post").
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE advocate_portal_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      advocate_id uuid NOT NULL REFERENCES advocate(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      source text NOT NULL CHECK (source IN ('manager','invitation','self_join','notice')),
      campaign_id uuid REFERENCES campaign(id) ON DELETE SET NULL,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      last_used_at timestamptz
    );
    CREATE INDEX advocate_portal_token_advocate ON advocate_portal_token (advocate_id, expires_at);

    CREATE TABLE campaign_join_link (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX campaign_join_link_campaign ON campaign_join_link (campaign_id);

    ALTER TABLE brand_correction_notice
      ADD COLUMN delivery_status text NOT NULL DEFAULT 'pending'
        CHECK (delivery_status IN ('pending','sending','delivered','failed','portal_only')),
      ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN delivery_error text,
      ADD COLUMN next_attempt_at timestamptz,
      ADD COLUMN locked_until timestamptz,
      ADD COLUMN delivered_at timestamptz,
      ADD COLUMN read_at timestamptz,
      ADD COLUMN acknowledged_at timestamptz,
      ADD COLUMN advocate_corrected_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE brand_correction_notice
      DROP COLUMN delivery_status, DROP COLUMN delivery_attempts, DROP COLUMN delivery_error,
      DROP COLUMN next_attempt_at, DROP COLUMN locked_until, DROP COLUMN delivered_at,
      DROP COLUMN read_at, DROP COLUMN acknowledged_at, DROP COLUMN advocate_corrected_at;
    DROP TABLE campaign_join_link, advocate_portal_token;
  `.execute(db);
}
