import type { PrivacyTables } from './tables/privacy.tables.ts';
import type { CrisisTables } from './tables/crisis.tables.ts';
import type { AlertTables } from './tables/alerts.tables.ts';
import type { InboxTables } from './tables/inbox.tables.ts';
import type { AdvocateTables } from './tables/advocates.tables.ts';
import type { ListeningTables } from './tables/listening.tables.ts';
import type { ReadinessTables } from './tables/readiness.tables.ts';
import type { StreamTables } from './tables/stream.tables.ts';
import type { ConnectorTables } from './tables/connectors.tables.ts';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** bigint ids come back from `pg` as strings. */
type BigId = ColumnType<string, never, never>;
type BigRef = ColumnType<string, string | number, string | number>;

export interface WorkspaceTable {
  id: Generated<string>;
  name: string;
  settings: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: string;
  locale: Generated<string>;
  created_at: CreatedAt;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ApiKeyTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CampaignTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  hashtags: string[];
  keywords: string[];
  handles: string[];
  languages: string[];
  markets: string[];
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  key_messages: Json<unknown[]>;
  fact_sheet: Json<unknown[]>;
  banned_claims: Json<string[]>;
  required_disclosures: Json<unknown[]>;
  competitors: Json<unknown[]>;
  brief: Json<Record<string, unknown> | null>;
  created_at: CreatedAt;
}

export interface SourceTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  name: string;
  webhook_secret: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface AuthorTable {
  id: BigId;
  workspace_id: string;
  platform: string;
  handle: string;
  display_name: string | null;
  followers: number | null;
  verified: boolean;
  updated_at: CreatedAt;
}

export interface PostTable {
  id: BigId;
  workspace_id: string;
  source_id: string;
  external_id: string;
  platform: string;
  url: string | null;
  author_id: BigRef;
  text: string;
  language: string | null;
  market: string | null;
  created_at: Timestamp;
  reply_to_external_id: string | null;
  metrics: Json<Record<string, number>>;
  raw: Json<Record<string, unknown>> | null;
  batch_id: string | null;
  ingested_at: CreatedAt;
}

export interface PostCampaignTable {
  post_id: BigRef;
  campaign_id: string;
  /** Put there by a person or a feature (import `--campaign`, drill), not by matching: edits keep it. */
  assigned: Generated<boolean>;
}

export interface ImportBatchTable {
  id: Generated<string>;
  workspace_id: string;
  source_id: string;
  file_name: string | null;
  format: string;
  status: Generated<string>;
  accepted: Generated<number>;
  duplicate: Generated<number>;
  rejected: Generated<number>;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
}

export interface ImportProblemTable {
  id: BigId;
  batch_id: string;
  line: number;
  field: string | null;
  code: string;
  reason: string;
}

export interface JobTable {
  id: BigId;
  name: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<string>;
  attempts: Generated<number>;
  run_after: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface WebhookReplayTable {
  signature: string;
  received_at: CreatedAt;
}

export interface PostAnalysisTable {
  post_id: BigRef;
  workspace_id: string;
  language: string;
  language_confidence: number;
  sentiment: string;
  sentiment_score: number;
  intents: string[];
  aspects: string[];
  toxicity: string;
  result: Json<Record<string, unknown>>;
  analyser_version: string;
  analysed_at: CreatedAt;
}

export interface Database
  extends
    PrivacyTables,
    CrisisTables,
    AlertTables,
    InboxTables,
    AdvocateTables,
    ListeningTables,
    ReadinessTables,
    StreamTables,
    ConnectorTables {
  workspace: WorkspaceTable;
  app_user: UserTable;
  session: SessionTable;
  api_key: ApiKeyTable;
  campaign: CampaignTable;
  source: SourceTable;
  author: AuthorTable;
  post: PostTable;
  post_campaign: PostCampaignTable;
  import_batch: ImportBatchTable;
  import_problem: ImportProblemTable;
  job: JobTable;
  webhook_replay: WebhookReplayTable;
  post_analysis: PostAnalysisTable;
}
