import { sql, type Kysely } from 'kysely';

// Tables for issue #4 (alerts): alerts, their channels, routing rules, deliveries and every attempt.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE alert (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid REFERENCES campaign(id) ON DELETE CASCADE,
      incident_id uuid,
      kind text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('watch','warning','critical')),
      title text NOT NULL,
      summary text NOT NULL,
      texts jsonb,
      dedupe_key text NOT NULL,
      created_at timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      escalated_at timestamptz,
      UNIQUE (workspace_id, dedupe_key)
    );
    CREATE INDEX alert_workspace_created ON alert (workspace_id, created_at DESC);
    CREATE INDEX alert_incident ON alert (incident_id) WHERE incident_id IS NOT NULL;
    CREATE INDEX alert_unacknowledged ON alert (created_at) WHERE acknowledged_at IS NULL;
    CREATE TABLE alert_read (
      alert_id uuid NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      read_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, alert_id)
    );
    CREATE TABLE alert_channel (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('webhook','slack','email')),
      language text NOT NULL DEFAULT 'en' CHECK (language IN ('en','es','sv')),
      config jsonb NOT NULL,
      time_zone text NOT NULL DEFAULT 'UTC',
      quiet_hours jsonb,
      enabled boolean NOT NULL DEFAULT true,
      max_attempts integer NOT NULL DEFAULT 6 CHECK (max_attempts BETWEEN 1 AND 20),
      backoff_seconds integer NOT NULL DEFAULT 30 CHECK (backoff_seconds BETWEEN 1 AND 3600),
      last_test_at timestamptz,
      last_test_ok_at timestamptz,
      last_test_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    );
    CREATE TABLE alert_route (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid REFERENCES campaign(id) ON DELETE CASCADE,
      min_severity text NOT NULL DEFAULT 'watch' CHECK (min_severity IN ('watch','warning','critical')),
      kinds text[] NOT NULL DEFAULT '{}',
      channel_id uuid NOT NULL REFERENCES alert_channel(id) ON DELETE CASCADE,
      escalation_channel_id uuid REFERENCES alert_channel(id) ON DELETE SET NULL,
      escalate_after_minutes integer CHECK (escalate_after_minutes BETWEEN 1 AND 10080),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX alert_route_workspace ON alert_route (workspace_id);
    CREATE TABLE alert_delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      alert_id uuid NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES alert_channel(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('alert','escalation')),
      escalate_after_minutes integer,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending','held','sending','delivered','dead','cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      locked_until timestamptz,
      held_until timestamptz,
      delivered_at timestamptz,
      dead_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL,
      UNIQUE (alert_id, channel_id, purpose)
    );
    CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at)
      WHERE status IN ('pending','held','sending');
    CREATE INDEX alert_delivery_dead ON alert_delivery (workspace_id, dead_at DESC) WHERE status = 'dead';
    CREATE TABLE alert_delivery_attempt (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      delivery_id uuid REFERENCES alert_delivery(id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES alert_channel(id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('alert','escalation','test')),
      attempt integer NOT NULL,
      started_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      ok boolean NOT NULL,
      status_code integer,
      error text
    );
    CREATE INDEX alert_delivery_attempt_delivery ON alert_delivery_attempt (delivery_id, id);
    CREATE INDEX alert_delivery_attempt_channel ON alert_delivery_attempt (channel_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE alert_delivery_attempt, alert_delivery, alert_route, alert_channel, alert_read, alert`.execute(
    db,
  );
}
