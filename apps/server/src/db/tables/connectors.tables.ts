import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** bigint counters come back from `pg` as strings. */
type Counter = ColumnType<string, number | undefined, number | string>;

export type ConnectorStatusColumn = 'idle' | 'running' | 'backoff' | 'failed' | 'disabled';

/** A configured network connector; `secrets` is read only by the supervisor, never by the API. */
export interface ConnectorTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  name: string;
  settings: Json<Record<string, unknown>>;
  secrets: ColumnType<Record<string, unknown>, string | undefined, string>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  cursor: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<ConnectorStatusColumn, ConnectorStatusColumn | undefined, ConnectorStatusColumn>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  last_error_at: NullableTimestamp;
  last_batch_at: NullableTimestamp;
  accepted: Counter;
  duplicate: Counter;
  rejected: Counter;
  /** Consecutive failed runs; sets the restart backoff. */
  failures: ColumnType<number, number | undefined, number>;
  next_start_at: NullableTimestamp;
  /** Runs that ended in an error, and errors the connector retried itself (never reset). */
  errors: Counter;
  /** Waits the network asked for (rate limits, Retry-After) and their total length. */
  rate_limit_waits: Counter;
  rate_limit_wait_seconds: ColumnType<number, number | undefined, number | string>;
  /** Edits and deletions from the network applied to stored posts. */
  edited: Counter;
  deleted: Counter;
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** An inbox reply a connector published on its network. */
export interface ConnectorReplyTable {
  outbox_id: ColumnType<string, string | number, never>;
  workspace_id: string;
  connector_id: string | null;
  idempotency_key: string;
  external_id: string | null;
  external_url: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: CreatedAt;
  delivered_at: NullableTimestamp;
}

/** The network's version (edit time) of a post a connector last applied an edit from. */
export interface ConnectorPostVersionTable {
  post_id: string;
  workspace_id: string;
  edited_at: ColumnType<Date, Date | string, Date | string>;
}

/** Kysely table types for issue #11 (connectors); `Database` extends this. */
export interface ConnectorTables {
  connector: ConnectorTable;
  connector_reply: ConnectorReplyTable;
  connector_post_version: ConnectorPostVersionTable;
}
