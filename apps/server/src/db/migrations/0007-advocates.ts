import { sql, type Kysely } from 'kysely';

// Advocates and brand consistency (issue #6). An advocate is a person: deleting the advocate row
// removes their handles, invitations, drafts, matched posts and notices (ON DELETE CASCADE); a post or
// author erased by the privacy capability removes the rows derived from it the same way.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE advocate (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      display_name text NOT NULL,
      email text,
      languages text[] NOT NULL,
      language text NOT NULL,
      markets text[] NOT NULL DEFAULT '{}',
      trust_level text NOT NULL CHECK (trust_level IN ('invited','self_joined')),
      training_status text NOT NULL DEFAULT 'not_started'
        CHECK (training_status IN ('not_started','in_progress','completed')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('invited','active','paused','removed')),
      consent boolean NOT NULL DEFAULT false,
      consent_reference text,
      consent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX advocate_workspace ON advocate (workspace_id, display_name);
    CREATE TABLE advocate_handle (
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      platform text NOT NULL,
      handle text NOT NULL,
      advocate_id uuid NOT NULL REFERENCES advocate(id) ON DELETE CASCADE,
      PRIMARY KEY (workspace_id, platform, handle)
    );
    CREATE INDEX advocate_handle_advocate ON advocate_handle (advocate_id);
    CREATE TABLE advocate_invitation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      advocate_id uuid NOT NULL REFERENCES advocate(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE advocate_draft (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      advocate_id uuid NOT NULL REFERENCES advocate(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      platform text,
      status text NOT NULL CHECK (status IN ('in_review','approved','rejected')),
      current_version integer NOT NULL,
      approved_version integer,
      publish_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX advocate_draft_advocate ON advocate_draft (advocate_id, status);
    CREATE INDEX advocate_draft_campaign ON advocate_draft (workspace_id, campaign_id, status);
    CREATE TABLE advocate_draft_version (
      draft_id uuid NOT NULL REFERENCES advocate_draft(id) ON DELETE CASCADE,
      version integer NOT NULL,
      text text NOT NULL,
      language text NOT NULL,
      market text,
      findings jsonb NOT NULL,
      errors integer NOT NULL,
      submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      decision text CHECK (decision IN ('approved','rejected')),
      reason text,
      decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      decided_at timestamptz,
      PRIMARY KEY (draft_id, version)
    );
    CREATE TABLE advocate_post (
      post_id bigint PRIMARY KEY REFERENCES post(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      advocate_id uuid NOT NULL REFERENCES advocate(id) ON DELETE CASCADE,
      campaign_id uuid REFERENCES campaign(id) ON DELETE CASCADE,
      draft_id uuid REFERENCES advocate_draft(id) ON DELETE SET NULL,
      draft_version integer,
      similarity real,
      outcome text NOT NULL CHECK (outcome IN ('as_approved','edited_after_approval','no_approved_draft')),
      disclosure_removed boolean NOT NULL,
      disclosure_ok boolean NOT NULL,
      contradicted_claims integer NOT NULL,
      evidence jsonb NOT NULL,
      reach integer NOT NULL,
      engagement integer NOT NULL,
      published_at timestamptz NOT NULL,
      checked_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX advocate_post_advocate ON advocate_post (advocate_id, published_at);
    CREATE TABLE brand_correction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      mode text NOT NULL CHECK (mode IN ('fact','claim')),
      fact_id text,
      claim_text text,
      language text,
      correction jsonb NOT NULL,
      target jsonb NOT NULL,
      reason text,
      scanned integer NOT NULL,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX brand_correction_campaign ON brand_correction (workspace_id, campaign_id, created_at);
    CREATE TABLE brand_correction_post (
      correction_id uuid NOT NULL REFERENCES brand_correction(id) ON DELETE CASCADE,
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      advocate_id uuid REFERENCES advocate(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('wording','claim','near_duplicate')),
      similarity real,
      seed_post_id bigint REFERENCES post(id) ON DELETE SET NULL,
      span_start integer,
      span_end integer,
      PRIMARY KEY (correction_id, post_id)
    );
    CREATE INDEX brand_correction_post_post ON brand_correction_post (post_id);
    CREATE TABLE brand_correction_notice (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      correction_id uuid NOT NULL REFERENCES brand_correction(id) ON DELETE CASCADE,
      advocate_id uuid NOT NULL REFERENCES advocate(id) ON DELETE CASCADE,
      language text NOT NULL,
      status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent','corrected','repeated')),
      sent_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolved_by_post_id bigint REFERENCES post(id) ON DELETE SET NULL,
      resolved_by_user uuid REFERENCES app_user(id) ON DELETE SET NULL,
      UNIQUE (correction_id, advocate_id)
    );
    CREATE INDEX brand_correction_notice_advocate ON brand_correction_notice (advocate_id, status);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE brand_correction_notice, brand_correction_post, brand_correction, advocate_post,
    advocate_draft_version, advocate_draft, advocate_invitation, advocate_handle, advocate`.execute(db);
}
