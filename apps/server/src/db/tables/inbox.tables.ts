import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** A JSON column with a database default or NULL: optional on insert. */
type OptionalJson<T extends object | null> = ColumnType<T, string | undefined, string>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint ids come back from `pg` as strings. */
type BigId = ColumnType<string, never, never>;
type BigRef = ColumnType<string, string | number, string | number>;

export interface InboxCampaignSettingsTable {
  campaign_id: string;
  workspace_id: string;
  needs_human_rules: Json<Record<string, unknown> | null>;
  overflow_active: Generated<boolean>;
  overflow_changed_at: NullableTimestamp;
  overflow_evaluated_at: NullableTimestamp;
  overflow_evidence: OptionalJson<string[]>;
}

export interface InboxAgentTable {
  user_id: string;
  workspace_id: string;
  languages: string[];
  markets: string[];
  time_zone: string;
  working_hours: Json<Record<string, unknown> | null>;
  max_load: number;
  items_per_hour: number;
  available: boolean;
  updated_at: UpdatedAt;
}

export interface InboxSlaPolicyTable {
  workspace_id: string;
  priority_level: string;
  first_response_minutes: number;
  resolution_minutes: number;
  warn_before_minutes: number;
  calendar: Json<Record<string, unknown> | null>;
  updated_at: UpdatedAt;
}

export interface InboxClusterTable {
  id: BigId;
  workspace_id: string;
  campaign_id: string;
  language: string;
  representative_post_id: BigRef | null;
  size: number;
  open_items: number;
  max_priority_score: Generated<number>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface InboxClusterEntryTable {
  post_id: BigRef;
  cluster_id: BigRef;
  signature: Buffer;
}

export interface InboxClusterBandTable {
  campaign_id: string;
  band_key: number;
  post_id: BigRef;
}

export interface InboxItemTable {
  id: BigId;
  workspace_id: string;
  campaign_id: string;
  post_id: BigRef;
  cluster_id: BigRef | null;
  cluster_similarity: number | null;
  cluster_matched_post_id: BigRef | null;
  language: string;
  market: string | null;
  status: Generated<string>;
  resolution: string | null;
  reasons: Json<unknown[]>;
  risk_flags: string[];
  priority_score: number;
  priority_level: string;
  priority_rank: number;
  priority_evidence: Json<unknown[]>;
  assignee_id: string | null;
  assigned_at: NullableTimestamp;
  assignment_evidence: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  post_created_at: Timestamp;
  opened_at: Timestamp;
  first_response_at: NullableTimestamp;
  first_response_minutes: number | null;
  first_response_met: boolean | null;
  resolved_at: NullableTimestamp;
  resolution_met: boolean | null;
  sla_due_at: NullableTimestamp;
  sla_warn_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface InboxItemEventTable {
  id: BigId;
  item_id: BigRef;
  type: string;
  at: Timestamp;
  actor_id: string | null;
  detail: OptionalJson<Record<string, unknown>>;
}

export interface InboxReplyTemplateTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  name: string;
  language: string;
  body: string;
  variables: string[];
  match_terms: string[];
  owner_id: string | null;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface InboxReplyTable {
  id: Generated<string>;
  workspace_id: string;
  idempotency_key: string;
  target_kind: string;
  item_id: BigRef | null;
  cluster_id: BigRef | null;
  template_id: string | null;
  body: string;
  variables: Json<Record<string, string>>;
  resolve: boolean;
  automatic: boolean;
  status: string;
  risk_reasons: Json<unknown[]>;
  author_id: string | null;
  approver_id: string | null;
  decided_at: NullableTimestamp;
  recipients: number;
  created_at: CreatedAt;
}

export interface InboxOutboxTable {
  id: BigId;
  workspace_id: string;
  reply_id: string;
  item_id: BigRef;
  post_id: BigRef;
  platform: string;
  body: string;
  status: Generated<string>;
  created_at: CreatedAt;
  delivered_at: NullableTimestamp;
}

export interface InboxNoticeTable {
  id: BigId;
  workspace_id: string;
  campaign_id: string | null;
  kind: string;
  title: Json<Record<string, string>>;
  body: Json<Record<string, string>>;
  created_at: Timestamp;
}

/** Kysely table types for issue #5 (inbox); `Database` extends this. */
export interface InboxTables {
  inbox_campaign_settings: InboxCampaignSettingsTable;
  inbox_agent: InboxAgentTable;
  inbox_sla_policy: InboxSlaPolicyTable;
  inbox_cluster: InboxClusterTable;
  inbox_cluster_entry: InboxClusterEntryTable;
  inbox_cluster_band: InboxClusterBandTable;
  inbox_item: InboxItemTable;
  inbox_item_event: InboxItemEventTable;
  inbox_reply_template: InboxReplyTemplateTable;
  inbox_reply: InboxReplyTable;
  inbox_outbox: InboxOutboxTable;
  inbox_notice: InboxNoticeTable;
}
