import { sql, type Kysely } from 'kysely';

// Tables for issue #11 (stream): receipts that make work-stream deliveries take effect once, and
// per-minute pipeline throughput with an ingest-to-stored latency histogram (read by /metrics).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stream_receipt (
      key text PRIMARY KEY,
      job_name text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX stream_receipt_processed ON stream_receipt (processed_at);
    CREATE TABLE stream_post_minute (
      workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
      minute timestamptz NOT NULL,
      posts bigint NOT NULL,
      latency_ms_sum double precision NOT NULL,
      latency_ms_max double precision NOT NULL,
      latency_buckets bigint[] NOT NULL,
      PRIMARY KEY (workspace_id, minute)
    );
    CREATE INDEX stream_post_minute_minute ON stream_post_minute (minute);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE stream_post_minute, stream_receipt`.execute(db);
}
