// Connector figures for `/metrics`. They come from the connector rows, not from this process:
// whichever worker holds a connector's lease adds its counts to the row with each stored batch,
// so every process's scrape shows the same cluster-wide totals. Labels are the connector's id,
// kind and name (chosen by the team); no label carries a post, a handle or a secret.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type MetricType = 'counter' | 'gauge';

/** The part of the Prometheus text writer this needs (the one in stream-metrics.service.ts). */
export interface MetricsWriter {
  family(name: string, type: MetricType, help: string): unknown;
  sample(name: string, value: number, labels?: Record<string, string>): unknown;
}

interface ConnectorFigures {
  id: string;
  kind: string;
  name: string;
  status: string;
  accepted: number;
  duplicate: number;
  rejected: number;
  edited: number;
  deleted: number;
  errors: number;
  rate_limit_waits: number;
  rate_limit_wait_seconds: number;
  last_batch_at: number | null;
  last_error_at: number | null;
}

const STATUSES = ['idle', 'running', 'backoff', 'failed', 'disabled'] as const;

/** Writes the connector families; nothing when the connector table is missing or unreadable. */
export async function renderConnectorMetrics(db: Kysely<Database>, out: MetricsWriter): Promise<void> {
  let rows: ConnectorFigures[];
  try {
    const result = await sql<ConnectorFigures>`
      SELECT id::text AS id, kind, name, status,
             accepted::float8 AS accepted, duplicate::float8 AS duplicate, rejected::float8 AS rejected,
             edited::float8 AS edited, deleted::float8 AS deleted, errors::float8 AS errors,
             rate_limit_waits::float8 AS rate_limit_waits, rate_limit_wait_seconds::float8 AS rate_limit_wait_seconds,
             extract(epoch FROM last_batch_at)::float8 AS last_batch_at,
             extract(epoch FROM last_error_at)::float8 AS last_error_at
      FROM connector ORDER BY created_at, id`.execute(db);
    rows = result.rows;
  } catch {
    // The connector schema is not there (or changed under us): its figures are left out.
    return;
  }
  if (rows.length === 0) return;
  const labels = (row: ConnectorFigures) => ({ connector: row.id, kind: row.kind, name: row.name });

  out.family(
    'ombud_connector_posts_received_total',
    'counter',
    'Posts a connector read from its network, by outcome (stored, duplicate of a stored post, rejected).',
  );
  for (const row of rows) {
    out.sample('ombud_connector_posts_received_total', row.accepted, { ...labels(row), outcome: 'stored' });
    out.sample('ombud_connector_posts_received_total', row.duplicate, {
      ...labels(row),
      outcome: 'duplicate',
    });
    out.sample('ombud_connector_posts_received_total', row.rejected, { ...labels(row), outcome: 'rejected' });
  }
  out.family(
    'ombud_connector_post_changes_total',
    'counter',
    'Edits and deletions from the network applied to stored posts.',
  );
  for (const row of rows) {
    out.sample('ombud_connector_post_changes_total', row.edited, { ...labels(row), change: 'edited' });
    out.sample('ombud_connector_post_changes_total', row.deleted, { ...labels(row), change: 'deleted' });
  }
  out.family(
    'ombud_connector_errors_total',
    'counter',
    'Connector runs that failed, and transient errors a connector retried itself.',
  );
  for (const row of rows) out.sample('ombud_connector_errors_total', row.errors, labels(row));
  out.family(
    'ombud_connector_rate_limit_waits_total',
    'counter',
    'Times the network asked a connector to wait (rate limit exhausted, 429/503 with Retry-After).',
  );
  for (const row of rows)
    out.sample('ombud_connector_rate_limit_waits_total', row.rate_limit_waits, labels(row));
  out.family(
    'ombud_connector_rate_limit_wait_seconds_total',
    'counter',
    'Seconds connectors spent waiting for the network rate limits.',
  );
  for (const row of rows)
    out.sample('ombud_connector_rate_limit_wait_seconds_total', row.rate_limit_wait_seconds, labels(row));
  out.family(
    'ombud_connector_last_success_timestamp_seconds',
    'gauge',
    'When a connector last stored a batch (Unix time; absent before its first).',
  );
  for (const row of rows)
    if (row.last_batch_at !== null)
      out.sample('ombud_connector_last_success_timestamp_seconds', row.last_batch_at, labels(row));
  out.family(
    'ombud_connector_last_error_timestamp_seconds',
    'gauge',
    'When a connector last failed (Unix time; absent if it never did).',
  );
  for (const row of rows)
    if (row.last_error_at !== null)
      out.sample('ombud_connector_last_error_timestamp_seconds', row.last_error_at, labels(row));
  out.family('ombud_connector_status', 'gauge', 'The status a connector is in (1 for the status it is in).');
  for (const row of rows)
    for (const status of STATUSES)
      out.sample('ombud_connector_status', row.status === status ? 1 : 0, { ...labels(row), status });
}
