import { sql, type Kysely } from 'kysely';

// Issue #11, connectors: one row per configured network connector (Mastodon, Bluesky, RSS/Atom)
// with its resumable cursor, run status and counts, and the lease that lets exactly one process
// pull it. Secrets (access tokens) sit in their own column that only the supervisor reads.
// `connector_reply` records each inbox reply a connector published (external id and url).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE connector (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      kind text NOT NULL,
      name text NOT NULL,
      settings jsonb NOT NULL,
      secrets jsonb NOT NULL DEFAULT '{}'::jsonb,
      enabled boolean NOT NULL DEFAULT true,
      cursor text,
      status text NOT NULL DEFAULT 'idle'
        CHECK (status IN ('idle','running','backoff','failed','disabled')),
      last_error text,
      last_error_at timestamptz,
      last_batch_at timestamptz,
      accepted bigint NOT NULL DEFAULT 0,
      duplicate bigint NOT NULL DEFAULT 0,
      rejected bigint NOT NULL DEFAULT 0,
      failures integer NOT NULL DEFAULT 0,
      next_start_at timestamptz,
      lease_owner text,
      lease_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    );
    CREATE INDEX connector_enabled ON connector (lease_until) WHERE enabled;

    CREATE TABLE connector_reply (
      outbox_id bigint PRIMARY KEY REFERENCES inbox_outbox(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      connector_id uuid REFERENCES connector(id) ON DELETE SET NULL,
      idempotency_key text NOT NULL,
      external_id text,
      external_url text,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz
    );
    CREATE INDEX connector_reply_connector ON connector_reply (connector_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE connector_reply, connector`.execute(db);
}
