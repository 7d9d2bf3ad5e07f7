import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
type BigId = ColumnType<string, never, never>;

export type AlertSeverityColumn = 'watch' | 'warning' | 'critical';

export interface AlertTable {
  id: Generated<string>;
  workspace_id: string;
  campaign_id: string | null;
  incident_id: string | null;
  kind: string;
  severity: AlertSeverityColumn;
  title: string;
  summary: string;
  texts: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  dedupe_key: string;
  created_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: ColumnType<string | null, string | null | undefined, string | null>;
  escalated_at: NullableTimestamp;
}

export interface AlertReadTable {
  alert_id: string;
  user_id: string;
  read_at: Timestamp;
}

export interface AlertChannelTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  kind: 'webhook' | 'slack' | 'email';
  language: Generated<'en' | 'es' | 'sv'>;
  config: Json<Record<string, unknown>>;
  time_zone: Generated<string>;
  quiet_hours: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  enabled: Generated<boolean>;
  max_attempts: Generated<number>;
  backoff_seconds: Generated<number>;
  last_test_at: NullableTimestamp;
  last_test_ok_at: NullableTimestamp;
  last_test_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface AlertRouteTable {
  id: Generated<string>;
  workspace_id: string;
  campaign_id: string | null;
  min_severity: Generated<AlertSeverityColumn>;
  kinds: Generated<string[]>;
  channel_id: string;
  escalation_channel_id: string | null;
  escalate_after_minutes: number | null;
  created_at: CreatedAt;
}

export interface AlertDeliveryTable {
  id: Generated<string>;
  workspace_id: string;
  alert_id: string;
  channel_id: string;
  purpose: 'alert' | 'escalation';
  escalate_after_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  status: Generated<'pending' | 'held' | 'sending' | 'delivered' | 'dead' | 'cancelled'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: NullableTimestamp;
  held_until: NullableTimestamp;
  delivered_at: NullableTimestamp;
  dead_at: NullableTimestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface AlertDeliveryAttemptTable {
  id: BigId;
  workspace_id: string;
  delivery_id: string | null;
  channel_id: string;
  purpose: 'alert' | 'escalation' | 'test';
  attempt: number;
  started_at: Timestamp;
  duration_ms: number;
  ok: boolean;
  status_code: number | null;
  error: string | null;
}

/** Kysely table types for issue #4 (alerts); `Database` extends this. */
export interface AlertTables {
  alert: AlertTable;
  alert_read: AlertReadTable;
  alert_channel: AlertChannelTable;
  alert_route: AlertRouteTable;
  alert_delivery: AlertDeliveryTable;
  alert_delivery_attempt: AlertDeliveryAttemptTable;
}
