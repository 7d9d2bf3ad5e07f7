import { sql, type Kysely } from 'kysely';

// Tables for issue #5 (inbox). Everything derived from a post references it with ON DELETE CASCADE,
// so erasing a person (their posts) erases their items, cluster entries and queued replies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inbox_campaign_settings (
      campaign_id uuid PRIMARY KEY REFERENCES campaign(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      needs_human_rules jsonb,
      overflow_active boolean NOT NULL DEFAULT false,
      overflow_changed_at timestamptz,
      overflow_evaluated_at timestamptz,
      overflow_evidence jsonb NOT NULL DEFAULT '[]'::jsonb
    );

    CREATE TABLE inbox_agent (
      user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      languages text[] NOT NULL,
      markets text[] NOT NULL DEFAULT '{}',
      time_zone text NOT NULL DEFAULT 'UTC',
      working_hours jsonb,
      max_load integer NOT NULL CHECK (max_load >= 0),
      items_per_hour integer NOT NULL DEFAULT 6 CHECK (items_per_hour >= 0),
      available boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inbox_agent_workspace ON inbox_agent (workspace_id);

    CREATE TABLE inbox_sla_policy (
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      priority_level text NOT NULL CHECK (priority_level IN ('low','normal','high','urgent')),
      first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
      resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
      warn_before_minutes integer NOT NULL CHECK (warn_before_minutes >= 0),
      calendar jsonb,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, priority_level)
    );

    CREATE TABLE inbox_cluster (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      language text NOT NULL,
      representative_post_id bigint REFERENCES post(id) ON DELETE SET NULL,
      size integer NOT NULL DEFAULT 0,
      open_items integer NOT NULL DEFAULT 0,
      max_priority_score integer NOT NULL DEFAULT 0,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL
    );
    -- Cluster list: the open clusters of a workspace, biggest first.
    CREATE INDEX inbox_cluster_open ON inbox_cluster (workspace_id, open_items DESC, last_seen_at DESC)
      WHERE open_items > 0;
    CREATE INDEX inbox_cluster_representative ON inbox_cluster (representative_post_id);

    -- Stored LSH index: indexed members' signatures and one row per band key.
    CREATE TABLE inbox_cluster_entry (
      post_id bigint PRIMARY KEY REFERENCES post(id) ON DELETE CASCADE,
      cluster_id bigint NOT NULL REFERENCES inbox_cluster(id) ON DELETE CASCADE,
      signature bytea NOT NULL
    );
    CREATE INDEX inbox_cluster_entry_cluster ON inbox_cluster_entry (cluster_id);
    CREATE TABLE inbox_cluster_band (
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      band_key integer NOT NULL,
      post_id bigint NOT NULL REFERENCES inbox_cluster_entry(post_id) ON DELETE CASCADE,
      PRIMARY KEY (campaign_id, band_key, post_id)
    );
    CREATE INDEX inbox_cluster_band_post ON inbox_cluster_band (post_id);

    CREATE TABLE inbox_item (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
      post_id bigint NOT NULL UNIQUE REFERENCES post(id) ON DELETE CASCADE,
      cluster_id bigint REFERENCES inbox_cluster(id) ON DELETE SET NULL,
      cluster_similarity real,
      cluster_matched_post_id bigint REFERENCES post(id) ON DELETE SET NULL,
      language text NOT NULL,
      market text,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','held','resolved')),
      resolution text CHECK (resolution IN ('replied','answered_elsewhere','auto_replied','dismissed')),
      reasons jsonb NOT NULL,
      risk_flags text[] NOT NULL DEFAULT '{}',
      priority_score integer NOT NULL,
      priority_level text NOT NULL CHECK (priority_level IN ('low','normal','high','urgent')),
      priority_rank smallint NOT NULL,
      priority_evidence jsonb NOT NULL,
      assignee_id uuid REFERENCES inbox_agent(user_id) ON DELETE SET NULL,
      assigned_at timestamptz,
      assignment_evidence jsonb,
      post_created_at timestamptz NOT NULL,
      opened_at timestamptz NOT NULL,
      first_response_at timestamptz,
      first_response_minutes real,
      first_response_met boolean,
      resolved_at timestamptz,
      resolution_met boolean,
      sla_due_at timestamptz,
      sla_warn_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- Next item: the unassigned open queue per workspace and language, most urgent first.
    CREATE INDEX inbox_item_queue ON inbox_item (workspace_id, language, priority_rank DESC, priority_score DESC, id)
      WHERE status = 'open' AND assignee_id IS NULL;
    -- An agent's own open items (load counts and "my next item").
    CREATE INDEX inbox_item_assignee ON inbox_item (assignee_id, priority_rank DESC, priority_score DESC, id)
      WHERE status = 'open';
    -- SLA at risk: open items by due time.
    CREATE INDEX inbox_item_sla ON inbox_item (workspace_id, sla_due_at) WHERE status = 'open';
    CREATE INDEX inbox_item_cluster ON inbox_item (cluster_id, post_created_at);
    CREATE INDEX inbox_item_list ON inbox_item (workspace_id, status, priority_rank DESC, priority_score DESC, id);
    CREATE INDEX inbox_item_campaign_open ON inbox_item (campaign_id, created_at) WHERE status <> 'resolved';
    CREATE INDEX inbox_item_report ON inbox_item (workspace_id, opened_at);
    -- Erasing a post sets these references to NULL: without an index each erasure scans the table.
    CREATE INDEX inbox_item_matched_post ON inbox_item (cluster_matched_post_id) WHERE cluster_matched_post_id IS NOT NULL;

    CREATE TABLE inbox_item_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      item_id bigint NOT NULL REFERENCES inbox_item(id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('opened','first_response','resolved','reopened','assigned','held','released')),
      at timestamptz NOT NULL,
      actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX inbox_item_event_item ON inbox_item_event (item_id, at);

    CREATE TABLE inbox_reply_template (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('template','saved','faq')),
      name text NOT NULL,
      language text NOT NULL CHECK (language IN ('en','es','sv')),
      body text NOT NULL,
      variables text[] NOT NULL,
      match_terms text[] NOT NULL DEFAULT '{}',
      owner_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
      approved_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      approved_at timestamptz,
      created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX inbox_reply_template_name
      ON inbox_reply_template (workspace_id, kind, name, language, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'::uuid));

    CREATE TABLE inbox_reply (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      idempotency_key text NOT NULL,
      target_kind text NOT NULL CHECK (target_kind IN ('item','cluster')),
      item_id bigint REFERENCES inbox_item(id) ON DELETE CASCADE,
      cluster_id bigint REFERENCES inbox_cluster(id) ON DELETE CASCADE,
      template_id uuid REFERENCES inbox_reply_template(id) ON DELETE SET NULL,
      body text NOT NULL,
      variables jsonb NOT NULL DEFAULT '{}'::jsonb,
      resolve boolean NOT NULL DEFAULT true,
      automatic boolean NOT NULL DEFAULT false,
      status text NOT NULL CHECK (status IN ('pending_approval','sent','rejected')),
      risk_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
      author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      approver_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
      decided_at timestamptz,
      recipients integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, idempotency_key)
    );
    CREATE INDEX inbox_reply_pending ON inbox_reply (workspace_id, created_at) WHERE status = 'pending_approval';
    CREATE INDEX inbox_reply_item ON inbox_reply (item_id) WHERE item_id IS NOT NULL;
    CREATE INDEX inbox_reply_cluster ON inbox_reply (cluster_id) WHERE cluster_id IS NOT NULL;

    -- What connectors deliver. Holds the personalised reply text (which may contain the author's
    -- handle), so it cascades from the post and the item.
    CREATE TABLE inbox_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      reply_id uuid NOT NULL REFERENCES inbox_reply(id) ON DELETE CASCADE,
      item_id bigint NOT NULL REFERENCES inbox_item(id) ON DELETE CASCADE,
      post_id bigint NOT NULL REFERENCES post(id) ON DELETE CASCADE,
      platform text NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sending','delivered','failed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      UNIQUE (reply_id, item_id)
    );
    CREATE INDEX inbox_outbox_queued ON inbox_outbox (workspace_id, id) WHERE status = 'queued';
    CREATE INDEX inbox_outbox_item ON inbox_outbox (item_id);
    CREATE INDEX inbox_outbox_post ON inbox_outbox (post_id);

    CREATE TABLE inbox_notice (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      campaign_id uuid REFERENCES campaign(id) ON DELETE CASCADE,
      kind text NOT NULL,
      title jsonb NOT NULL,
      body jsonb NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX inbox_notice_workspace ON inbox_notice (workspace_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE inbox_notice, inbox_outbox, inbox_reply, inbox_reply_template, inbox_item_event,
    inbox_item, inbox_cluster_band, inbox_cluster_entry, inbox_cluster, inbox_sla_policy, inbox_agent,
    inbox_campaign_settings`.execute(db);
}
