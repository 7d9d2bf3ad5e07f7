import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One row per work-stream delivery that took effect: a second delivery of the same key is a no-op. */
export interface StreamReceiptTable {
  key: string;
  job_name: string;
  processed_at: CreatedAt;
}

/** Posts that finished the pipeline per minute, with the ingest-to-stored latency histogram. */
export interface StreamPostMinuteTable {
  workspace_id: string;
  minute: ColumnType<Date, Date | string, Date | string>;
  /** bigint: comes back from `pg` as a string. */
  posts: ColumnType<string, number, number>;
  latency_ms_sum: number;
  latency_ms_max: number;
  /** Non-cumulative counts per bucket of `PIPELINE_LATENCY_BUCKETS_MS`, then one for +Inf. */
  latency_buckets: ColumnType<string[], number[], number[]>;
  /** Striped counter: one row per key and writing connection's slot (db/counter-slot.ts); readers sum. */
  slot: Generated<number>;
}

/** Kysely table types for issue #11 (stream); `Database` extends this. */
export interface StreamTables {
  stream_receipt: StreamReceiptTable;
  stream_post_minute: StreamPostMinuteTable;
}
