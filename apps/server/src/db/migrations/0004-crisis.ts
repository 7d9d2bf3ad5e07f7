import { sql, type Kysely } from 'kysely';

// Signals (per-minute buckets kept up to date from analysed posts), the per-language monitors that
// watch them, incidents with their crisis room (timeline, posts, playbook, holding statements),
// the circuit breaker and drills. Rows derived from posts reference them with ON DELETE CASCADE;
// no post text or handle is copied here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE signal_post (
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      minute timestamptz NOT NULL,
      language text NOT NULL,
      sentiment text NOT NULL,
      source text NOT NULL,
      risk boolean NOT NULL,
      risk_categories text[] NOT NULL DEFAULT '{}',
      engagement integer NOT NULL,
      counted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (post_id, campaign_id)
    );
    CREATE INDEX signal_post_campaign_minute ON signal_post (campaign_id, language, minute);
    CREATE TABLE signal_bucket (
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      minute timestamptz NOT NULL,
      language text NOT NULL,
      sentiment text NOT NULL,
      source text NOT NULL,
      posts integer NOT NULL DEFAULT 0,
      risk_posts integer NOT NULL DEFAULT 0,
      engagement bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (campaign_id, minute, language, sentiment, source)
    );
    CREATE INDEX signal_bucket_workspace_minute ON signal_bucket (workspace_id, minute);
    CREATE TABLE crisis_setting (
      campaign_id uuid PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      open_at text NOT NULL DEFAULT 'warning' CHECK (open_at IN ('watch','warning','critical')),
      breaker_pause_publishing boolean NOT NULL DEFAULT false,
      breaker_pre_moderation boolean NOT NULL DEFAULT false,
      breaker_persist_minutes integer NOT NULL DEFAULT 15,
      playbook jsonb,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE crisis_clock (
      campaign_id uuid PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      latest_post_at timestamptz NOT NULL,
      processed_until timestamptz
    );
    CREATE TABLE crisis_monitor (
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      language text NOT NULL,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      state jsonb NOT NULL,
      level text NOT NULL DEFAULT 'normal',
      critical_since timestamptz,
      processed_until timestamptz NOT NULL,
      PRIMARY KEY (campaign_id, language)
    );
    CREATE TABLE incident (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      title text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','resolved')),
      severity text NOT NULL CHECK (severity IN ('watch','warning','critical')),
      languages text[] NOT NULL DEFAULT '{}',
      markets text[] NOT NULL DEFAULT '{}',
      story jsonb NOT NULL DEFAULT '{}'::jsonb,
      evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
      owner_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      started_at timestamptz NOT NULL,
      detected_at timestamptz NOT NULL,
      last_signal_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      first_response_at timestamptz,
      resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX incident_workspace_status ON incident (workspace_id, status, detected_at DESC);
    CREATE INDEX incident_campaign_open ON incident (campaign_id) WHERE status <> 'resolved';
    CREATE TABLE incident_language (
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      language text NOT NULL,
      detected_at timestamptz NOT NULL,
      episode_started_at timestamptz NOT NULL,
      peak text NOT NULL,
      joined_by text NOT NULL,
      PRIMARY KEY (incident_id, language, episode_started_at)
    );
    CREATE TABLE incident_post (
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      language text NOT NULL,
      score real NOT NULL,
      reasons text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (incident_id, post_id)
    );
    CREATE TABLE incident_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      kind text NOT NULL,
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      language text,
      severity text,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX incident_event_incident ON incident_event (incident_id, at, id);
    CREATE TABLE incident_step (
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      step_key text NOT NULL,
      position integer NOT NULL,
      title jsonb NOT NULL,
      done_at timestamptz,
      done_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      PRIMARY KEY (incident_id, step_key)
    );
    CREATE TABLE holding_statement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      incident_id uuid NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
      language text NOT NULL,
      text text NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved')),
      drafted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      approved_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      approved_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (incident_id, language)
    );
    CREATE TABLE circuit_breaker (
      campaign_id uuid PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      publishing_paused boolean NOT NULL DEFAULT false,
      pre_moderation boolean NOT NULL DEFAULT false,
      incident_id uuid REFERENCES incident(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE circuit_breaker_switch (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      incident_id uuid REFERENCES incident(id) ON DELETE SET NULL,
      switch text NOT NULL CHECK (switch IN ('publishing_paused','pre_moderation')),
      turned_on boolean NOT NULL,
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      reason text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX circuit_breaker_switch_campaign ON circuit_breaker_switch (campaign_id, at DESC);
    CREATE TABLE crisis_drill (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      source_campaign_id uuid REFERENCES campaign(id) ON DELETE SET NULL,
      sandbox_campaign_id uuid NOT NULL UNIQUE REFERENCES campaign(id) ON DELETE CASCADE,
      scenario jsonb NOT NULL,
      onset_at timestamptz NOT NULL,
      started_at timestamptz NOT NULL,
      posts integer NOT NULL DEFAULT 0,
      incident_id uuid REFERENCES incident(id) ON DELETE SET NULL,
      alerted_at timestamptz,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE crisis_drill, circuit_breaker_switch, circuit_breaker, holding_statement, incident_step,
    incident_event, incident_post, incident_language, incident, crisis_monitor, crisis_clock, crisis_setting,
    signal_bucket, signal_post`.execute(db);
}
