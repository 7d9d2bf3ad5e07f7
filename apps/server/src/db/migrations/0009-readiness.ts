import { sql, type Kysely } from 'kysely';

/**
 * Readiness (issue #10): one plan per campaign (forecast figures, service target, crisis scenario,
 * gate settings) and the signed go/no-go decisions. Decisions keep the signer's name so the record
 * still says who signed after that user is removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE readiness_plan (
      campaign_id uuid PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      plan jsonb NOT NULL,
      updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE readiness_decision (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      decision text NOT NULL CHECK (decision IN ('go', 'no_go')),
      reason text NOT NULL,
      signed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      signed_by_name text NOT NULL,
      gate_blocked boolean NOT NULL,
      failing_critical text[] NOT NULL,
      score double precision NOT NULL,
      signed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX readiness_decision_campaign ON readiness_decision (workspace_id, campaign_id, signed_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE readiness_decision, readiness_plan`.execute(db);
}
