import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
type BigId = ColumnType<string, never, never>;
type BigRef = ColumnType<string, string | number, string | number>;

export interface PrivacyPolicyTable {
  workspace_id: string;
  redaction: ColumnType<string, string | undefined, string>;
  keep_original: ColumnType<boolean, boolean | undefined, boolean>;
  pseudonym_key: string;
  retention_days: number | null;
  retention_action: ColumnType<string, string | undefined, string>;
  custom_patterns: ColumnType<
    { type: string; pattern: string; flags?: string }[],
    string | undefined,
    string
  >;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PostOriginalTable {
  post_id: BigRef;
  workspace_id: string;
  text: string;
  raw: Json<Record<string, unknown>> | null;
  stored_at: CreatedAt;
}

export interface PrivacyPermissionTable {
  workspace_id: string;
  user_id: string;
  permission: string;
  granted_by: string | null;
  granted_at: CreatedAt;
}

export interface ConsentRecordTable {
  id: Generated<string>;
  workspace_id: string;
  author_id: BigRef;
  purpose: string;
  lawful_basis: string;
  source: string;
  evidence: string | null;
  given_at: Timestamp;
  expires_at: OptionalTimestamp;
  withdrawn_at: OptionalTimestamp;
  withdrawal_source: string | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface ContentReuseTable {
  id: Generated<string>;
  workspace_id: string;
  post_id: BigRef;
  purpose: string;
  consent_id: string;
  approved_by: string | null;
  approved_at: CreatedAt;
}

export interface PrivacyRequestTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  status: Generated<string>;
  subjects: Json<{ platform: string; handle: string }[]> | null;
  subject_hashes: string[];
  requested_by: string | null;
  requested_at: CreatedAt;
  completed_by: string | null;
  completed_at: OptionalTimestamp;
  outcome: Json<Record<string, unknown>> | null;
}

export interface PrivacyTombstoneTable {
  workspace_id: string;
  subject_hash: string;
  request_id: string | null;
  created_at: CreatedAt;
}

export interface PrivacyScheduleTable {
  task: string;
  next_run_at: Timestamp;
  last_run_at: OptionalTimestamp;
  last_outcome: Json<Record<string, unknown>> | null;
}

export interface AuditLogTable {
  seq: BigId;
  workspace_id: string;
  occurred_at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface PrivacyConsentTextTable {
  id: Generated<string>;
  workspace_id: string;
  purpose: string;
  language: string;
  body: string;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** Kysely table types for issue #7 (privacy); `Database` extends this. */
export interface PrivacyTables {
  privacy_policy: PrivacyPolicyTable;
  post_original: PostOriginalTable;
  privacy_permission: PrivacyPermissionTable;
  consent_record: ConsentRecordTable;
  content_reuse: ContentReuseTable;
  privacy_request: PrivacyRequestTable;
  privacy_tombstone: PrivacyTombstoneTable;
  privacy_schedule: PrivacyScheduleTable;
  audit_log: AuditLogTable;
  privacy_consent_text: PrivacyConsentTextTable;
}
