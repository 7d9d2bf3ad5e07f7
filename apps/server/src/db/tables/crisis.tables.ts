import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
type BigId = ColumnType<string, never, never>;
type BigRef = ColumnType<string, string | number, string | number>;
type Level = 'watch' | 'warning' | 'critical';

export interface SignalPostTable {
  post_id: BigRef;
  campaign_id: string;
  workspace_id: string;
  minute: Timestamp;
  language: string;
  sentiment: string;
  source: string;
  risk: boolean;
  risk_categories: string[];
  engagement: number;
  counted_at: CreatedAt;
}

export interface SignalBucketTable {
  workspace_id: string;
  campaign_id: string;
  minute: Timestamp;
  language: string;
  sentiment: string;
  source: string;
  posts: number;
  risk_posts: number;
  /** bigint: a string through `pg`. */
  engagement: ColumnType<string, string | number, string | number>;
  /** Striped counter: one row per key and writing connection's slot (db/counter-slot.ts); readers sum. */
  slot: Generated<number>;
}

export interface CrisisSettingTable {
  campaign_id: string;
  workspace_id: string;
  open_at: Generated<Level>;
  breaker_pause_publishing: Generated<boolean>;
  breaker_pre_moderation: Generated<boolean>;
  breaker_persist_minutes: Generated<number>;
  playbook: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
}

export interface CrisisClockTable {
  campaign_id: string;
  workspace_id: string;
  processed_until: NullableTimestamp;
}

export interface CrisisMonitorTable {
  campaign_id: string;
  language: string;
  workspace_id: string;
  state: Json<Record<string, unknown>>;
  level: Generated<string>;
  critical_since: NullableTimestamp;
  processed_until: Timestamp;
}

export interface IncidentTable {
  id: Generated<string>;
  workspace_id: string;
  campaign_id: string;
  title: string;
  status: Generated<'open' | 'acknowledged' | 'resolved'>;
  severity: Level;
  languages: string[];
  markets: string[];
  story: Json<Record<string, number>>;
  evidence: Json<unknown[]>;
  owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  started_at: Timestamp;
  detected_at: Timestamp;
  last_signal_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface IncidentLanguageTable {
  incident_id: string;
  language: string;
  detected_at: Timestamp;
  episode_started_at: Timestamp;
  peak: Level;
  joined_by: string;
}

export interface IncidentPostTable {
  incident_id: string;
  post_id: BigRef;
  language: string;
  score: number;
  reasons: string[];
}

export interface IncidentEventTable {
  id: BigId;
  incident_id: string;
  at: Timestamp;
  kind: string;
  actor_id: string | null;
  language: string | null;
  severity: string | null;
  data: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface IncidentStepTable {
  incident_id: string;
  step_key: string;
  position: number;
  title: Json<Record<string, string>>;
  done_at: NullableTimestamp;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface HoldingStatementTable {
  id: Generated<string>;
  incident_id: string;
  language: string;
  text: string;
  status: Generated<'draft' | 'approved'>;
  drafted_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface CircuitBreakerTable {
  campaign_id: string;
  workspace_id: string;
  publishing_paused: boolean;
  pre_moderation: boolean;
  incident_id: string | null;
  updated_at: Timestamp;
}

export interface CircuitBreakerSwitchTable {
  id: BigId;
  campaign_id: string;
  workspace_id: string;
  incident_id: string | null;
  switch: 'publishing_paused' | 'pre_moderation';
  turned_on: boolean;
  actor_id: string | null;
  reason: string;
  /** The engine's reason as a judgement code + parameters (migration 0015); null for a person's switch. */
  reason_code: ColumnType<string | null, string | null | undefined, string | null>;
  reason_params: ColumnType<Record<string, string | number> | null, string | null | undefined, string | null>;
  at: Timestamp;
}

export interface CrisisDrillTable {
  id: Generated<string>;
  workspace_id: string;
  source_campaign_id: string | null;
  sandbox_campaign_id: string;
  scenario: Json<Record<string, unknown>>;
  onset_at: Timestamp;
  started_at: Timestamp;
  posts: Generated<number>;
  incident_id: string | null;
  alerted_at: NullableTimestamp;
  created_by: string | null;
}

/** Kysely table types for issue #4 (crisis); `Database` extends this. */
export interface CrisisTables {
  signal_post: SignalPostTable;
  signal_bucket: SignalBucketTable;
  crisis_setting: CrisisSettingTable;
  crisis_clock: CrisisClockTable;
  crisis_monitor: CrisisMonitorTable;
  incident: IncidentTable;
  incident_language: IncidentLanguageTable;
  incident_post: IncidentPostTable;
  incident_event: IncidentEventTable;
  incident_step: IncidentStepTable;
  holding_statement: HoldingStatementTable;
  circuit_breaker: CircuitBreakerTable;
  circuit_breaker_switch: CircuitBreakerSwitchTable;
  crisis_drill: CrisisDrillTable;
}
