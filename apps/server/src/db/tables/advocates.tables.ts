import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** bigint post ids come back from `pg` as strings. */
type BigRef = ColumnType<string, string | number, string | number>;
type NullableBigRef = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface AdvocateTable {
  id: Generated<string>;
  workspace_id: string;
  display_name: string;
  email: string | null;
  languages: string[];
  language: string;
  markets: string[];
  trust_level: string;
  training_status: string;
  status: string;
  consent: boolean;
  consent_reference: string | null;
  consent_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AdvocateHandleTable {
  workspace_id: string;
  platform: string;
  handle: string;
  advocate_id: string;
}

export interface AdvocateInvitationTable {
  id: Generated<string>;
  workspace_id: string;
  advocate_id: string;
  token_hash: string;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface AdvocateDraftTable {
  id: Generated<string>;
  workspace_id: string;
  advocate_id: string;
  campaign_id: string;
  platform: string | null;
  status: string;
  current_version: number;
  approved_version: number | null;
  publish_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AdvocateDraftVersionTable {
  draft_id: string;
  version: number;
  text: string;
  language: string;
  market: string | null;
  findings: Json<Record<string, unknown>>;
  errors: number;
  submitted_by: string | null;
  submitted_at: CreatedAt;
  decision: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface AdvocatePostTable {
  post_id: BigRef;
  workspace_id: string;
  advocate_id: string;
  campaign_id: string | null;
  draft_id: string | null;
  draft_version: number | null;
  similarity: number | null;
  outcome: string;
  disclosure_removed: boolean;
  disclosure_ok: boolean;
  contradicted_claims: number;
  evidence: Json<Record<string, unknown>>;
  reach: number;
  engagement: number;
  published_at: Timestamp;
  checked_at: CreatedAt;
}

export interface BrandCorrectionTable {
  id: Generated<string>;
  workspace_id: string;
  campaign_id: string;
  mode: string;
  fact_id: string | null;
  claim_text: string | null;
  language: string | null;
  correction: Json<Record<string, string>>;
  /** The wrong claim as described when the correction was made (core WrongClaim). */
  target: Json<Record<string, unknown>>;
  reason: string | null;
  scanned: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface BrandCorrectionPostTable {
  correction_id: string;
  post_id: BigRef;
  advocate_id: string | null;
  kind: string;
  similarity: number | null;
  seed_post_id: NullableBigRef;
  span_start: number | null;
  span_end: number | null;
}

export interface BrandCorrectionNoticeTable {
  id: Generated<string>;
  correction_id: string;
  advocate_id: string;
  language: string;
  status: Generated<string>;
  sent_at: CreatedAt;
  resolved_at: NullableTimestamp;
  resolved_by_post_id: NullableBigRef;
  resolved_by_user: string | null;
  delivery_status: Generated<string>;
  delivery_attempts: Generated<number>;
  delivery_error: string | null;
  next_attempt_at: NullableTimestamp;
  locked_until: NullableTimestamp;
  delivered_at: NullableTimestamp;
  read_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  advocate_corrected_at: NullableTimestamp;
}

export interface AdvocatePortalTokenTable {
  id: Generated<string>;
  workspace_id: string;
  advocate_id: string;
  token_hash: string;
  source: string;
  campaign_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface CampaignJoinLinkTable {
  id: Generated<string>;
  workspace_id: string;
  campaign_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

/** Kysely table types for issue #6 (advocates); `Database` extends this. */
export interface AdvocateTables {
  advocate: AdvocateTable;
  advocate_handle: AdvocateHandleTable;
  advocate_invitation: AdvocateInvitationTable;
  advocate_draft: AdvocateDraftTable;
  advocate_draft_version: AdvocateDraftVersionTable;
  advocate_post: AdvocatePostTable;
  brand_correction: BrandCorrectionTable;
  brand_correction_post: BrandCorrectionPostTable;
  brand_correction_notice: BrandCorrectionNoticeTable;
  advocate_portal_token: AdvocatePortalTokenTable;
  campaign_join_link: CampaignJoinLinkTable;
}
