import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE workspace (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      email text NOT NULL,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner','analyst','agent','advocate_manager','viewer')),
      locale text NOT NULL DEFAULT 'en',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));
    CREATE TABLE session (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE api_key (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      name text NOT NULL,
      prefix text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      role text NOT NULL,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE TABLE campaign (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      name text NOT NULL,
      hashtags text[] NOT NULL DEFAULT '{}',
      keywords text[] NOT NULL DEFAULT '{}',
      handles text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      markets text[] NOT NULL DEFAULT '{}',
      starts_at timestamptz,
      ends_at timestamptz,
      key_messages jsonb NOT NULL DEFAULT '[]'::jsonb,
      fact_sheet jsonb NOT NULL DEFAULT '[]'::jsonb,
      banned_claims jsonb NOT NULL DEFAULT '[]'::jsonb,
      required_disclosures jsonb NOT NULL DEFAULT '[]'::jsonb,
      competitors jsonb NOT NULL DEFAULT '[]'::jsonb,
      brief jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    );
    CREATE TABLE source (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      kind text NOT NULL,
      name text NOT NULL,
      webhook_secret text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, kind, name)
    );
    CREATE TABLE author (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      platform text NOT NULL,
      handle text NOT NULL,
      display_name text,
      followers integer,
      verified boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, platform, handle)
    );
    CREATE TABLE import_batch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      source_id uuid NOT NULL REFERENCES source(id) ON DELETE CASCADE,
      file_name text,
      format text NOT NULL,
      status text NOT NULL DEFAULT 'running',
      accepted integer NOT NULL DEFAULT 0,
      duplicate integer NOT NULL DEFAULT 0,
      rejected integer NOT NULL DEFAULT 0,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE TABLE import_problem (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      batch_id uuid NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
      line integer NOT NULL,
      field text,
      code text NOT NULL,
      reason text NOT NULL
    );
    CREATE INDEX import_problem_batch ON import_problem (batch_id, line);
    CREATE TABLE post (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      source_id uuid NOT NULL REFERENCES source(id) ON DELETE CASCADE,
      external_id text NOT NULL,
      platform text NOT NULL,
      url text,
      author_id bigint NOT NULL REFERENCES author(id) ON DELETE CASCADE,
      text text NOT NULL,
      language text,
      market text,
      created_at timestamptz NOT NULL,
      reply_to_external_id text,
      metrics jsonb NOT NULL DEFAULT '{}'::jsonb,
      raw jsonb,
      batch_id uuid REFERENCES import_batch(id) ON DELETE SET NULL,
      ingested_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source_id, external_id)
    );
    CREATE INDEX post_workspace_created ON post (workspace_id, created_at);
    CREATE INDEX post_author ON post (author_id);
    CREATE TABLE post_campaign (
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      PRIMARY KEY (campaign_id, post_id)
    );
    CREATE INDEX post_campaign_post ON post_campaign (post_id);
    CREATE TABLE job (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','running','done','failed')),
      attempts integer NOT NULL DEFAULT 0,
      run_after timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX job_pending ON job (run_after, id) WHERE status IN ('pending','running');
    CREATE TABLE webhook_replay (
      signature text PRIMARY KEY,
      received_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE webhook_replay, job, post_campaign, post, import_problem, import_batch, author, source, campaign, api_key, session, app_user, workspace`.execute(
    db,
  );
}
