import { sql, type Kysely } from 'kysely';
import type { WorkStream } from '../adapters/work-stream/work-stream.ts';
import type { Database } from '../db/schema.ts';
import { PIPELINE_LATENCY_BUCKETS_MS, readPipelineTotals } from '../repositories/stream.repository.ts';
import { renderConnectorMetrics } from './connector-metrics.service.ts';

/** What the HTTP layer of a process needs for `/metrics` and `/api/ready`. */
export interface OperationsContext {
  /** `api` serves HTTP only; `all` also runs the workers (`ombud start`); `worker` has no API. */
  role: 'api' | 'worker' | 'all';
  workStream?: WorkStream | undefined;
  concurrency?: number | undefined;
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`. */
  metricsToken?: string | undefined;
  /** True once shutdown began: readiness fails so load balancers and schedulers move on. */
  isStopping: () => boolean;
}

/** What a process knows about itself and the pipeline, for `/metrics`. */
export interface MetricsSource {
  db: Kysely<Database>;
  databaseKind: 'pglite' | 'postgres';
  /** The work stream this process runs, if any (its counters and the shared queue figures). */
  workStream?: WorkStream | undefined;
  /** Deliveries this process handles at once. */
  concurrency?: number | undefined;
  /** `api`, `worker` or `all`. */
  role: string;
  now: () => Date;
}

type MetricType = 'counter' | 'gauge' | 'histogram';

/** Prometheus text exposition format 0.0.4, written by hand: a few families need no library. */
class Exposition {
  private lines: string[] = [];
  family(name: string, type: MetricType, help: string): this {
    this.lines.push(`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
    this.lines.push(`# TYPE ${name} ${type}`);
    return this;
  }
  sample(name: string, value: number, labels: Record<string, string> = {}): this {
    const pairs = Object.entries(labels).map(
      ([key, raw]) => `${key}="${raw.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    );
    const text = Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
    this.lines.push(`${name}${pairs.length > 0 ? `{${pairs.join(',')}}` : ''} ${text}`);
    return this;
  }
  gauge(name: string, help: string, value: number): this {
    return this.family(name, 'gauge', help).sample(name, value);
  }
  counter(name: string, help: string, value: number): this {
    return this.family(name, 'counter', help).sample(name, value);
  }
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/**
 * Renders `/metrics`: the pipeline (posts through it, ingest-to-stored latency), the work queue
 * (depth, in flight, lag, failures), inbox SLA clocks, and this process (its deliveries, memory).
 * Figures are aggregates over every workspace; no label carries personal data.
 */
export async function renderMetrics(source: MetricsSource): Promise<string> {
  const out = new Exposition();
  const { db } = source;
  const started = performance.now();
  out.family('ombud_info', 'gauge', 'What this process is.').sample('ombud_info', 1, {
    role: source.role,
    database: source.databaseKind,
    work_stream: source.workStream?.kind ?? 'none',
  });

  let databaseUp = 1;
  try {
    await sql`SELECT 1`.execute(db);
  } catch {
    databaseUp = 0;
  }
  out.gauge('ombud_database_up', '1 when the database answers.', databaseUp);

  if (databaseUp === 1) {
    if (source.databaseKind === 'postgres') {
      const inserted = await sql<{ n: number }>`
        SELECT COALESCE(sum(n_tup_ins), 0)::float8 AS n FROM pg_stat_user_tables WHERE relname = 'post'`.execute(
        db,
      );
      out.counter(
        'ombud_post_rows_inserted_total',
        'Post rows inserted (PostgreSQL statistics; rate() gives the ingest rate).',
        inserted.rows[0]?.n ?? 0,
      );
    }

    const totals = await readPipelineTotals(db);
    out.counter(
      'ombud_pipeline_posts_total',
      'Posts that finished the pipeline (analysed, stored, every after-analysis stage run).',
      totals.posts,
    );
    const lastMinuteStart = new Date(Math.floor(source.now().getTime() / 60_000) * 60_000 - 60_000);
    const lastMinute = await db
      .selectFrom('stream_post_minute')
      .select(sql<number>`COALESCE(sum(posts), 0)::float8`.as('posts'))
      .where('minute', '=', lastMinuteStart)
      .executeTakeFirst();
    out.gauge(
      'ombud_pipeline_posts_per_second',
      'Posts that finished the pipeline per second over the last complete minute.',
      (lastMinute?.posts ?? 0) / 60,
    );
    out.family(
      'ombud_pipeline_latency_seconds',
      'histogram',
      'Time from a post being stored by ingest to the end of its after-analysis stages.',
    );
    let cumulative = 0;
    PIPELINE_LATENCY_BUCKETS_MS.forEach((bound, index) => {
      cumulative += totals.buckets[index] ?? 0;
      out.sample('ombud_pipeline_latency_seconds_bucket', cumulative, { le: String(bound / 1000) });
    });
    cumulative += totals.buckets.at(-1) ?? 0;
    out.sample('ombud_pipeline_latency_seconds_bucket', cumulative, { le: '+Inf' });
    out.sample('ombud_pipeline_latency_seconds_sum', totals.latencySumSeconds);
    out.sample('ombud_pipeline_latency_seconds_count', totals.posts);

    if (source.workStream) {
      const stats = await source.workStream.stats().catch(() => undefined);
      if (stats) {
        out.gauge(
          'ombud_queue_outbox_pending',
          'Runnable jobs in the outbox (job table).',
          stats.outboxPending,
        );
        out.gauge('ombud_queue_outbox_delayed', 'Jobs waiting for a later retry time.', stats.outboxDelayed);
        out.gauge('ombud_queue_stream_pending', 'JetStream messages not yet delivered.', stats.streamPending);
        out.gauge('ombud_queue_in_flight', 'Jobs handed to a worker and not yet finished.', stats.inFlight);
        out.gauge('ombud_queue_lag_seconds', 'Age of the oldest job nobody has finished.', stats.lagSeconds);
        out.gauge(
          'ombud_jobs_failed',
          'Jobs set aside after too many failures (job.status = failed).',
          stats.failed,
        );
        out.gauge(
          'ombud_queue_redelivered',
          'Deliveries JetStream handed out more than once.',
          stats.redelivered,
        );
      }
    }

    await renderInboxSla(db, out);
    await renderConnectorMetrics(db, out);
  }

  if (source.workStream) {
    const counters = source.workStream.counters();
    out.counter('ombud_worker_jobs_processed_total', 'Deliveries this process handled.', counters.processed);
    out.counter(
      'ombud_worker_jobs_duplicate_total',
      'Redeliveries this process found already done and skipped.',
      counters.duplicates,
    );
    out.counter('ombud_worker_job_failures_total', 'Handler failures in this process.', counters.failures);
    out.counter(
      'ombud_worker_jobs_dead_lettered_total',
      'Jobs this process set aside as failed.',
      counters.deadLettered,
    );
    out.counter(
      'ombud_worker_outbox_published_total',
      'Outbox rows this process published to JetStream.',
      counters.published,
    );
    out.gauge('ombud_worker_in_flight', 'Deliveries this process is handling now.', counters.inFlight);
    out.gauge(
      'ombud_worker_concurrency',
      'Deliveries this process may handle at once.',
      source.concurrency ?? 0,
    );
  }

  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  out.gauge('process_resident_memory_bytes', 'Resident memory of this process.', memory.rss);
  out.gauge('nodejs_heap_used_bytes', 'V8 heap in use.', memory.heapUsed);
  out.counter('process_cpu_seconds_total', 'CPU time of this process.', (cpu.user + cpu.system) / 1e6);
  out.gauge('ombud_metrics_scrape_seconds', 'Time this scrape took.', (performance.now() - started) / 1000);
  return out.toString();
}

/** SLA clocks of the inbox, when the inbox tables exist (they belong to the inbox capability). */
async function renderInboxSla(db: Kysely<Database>, out: Exposition): Promise<void> {
  const exists = await sql<{
    present: boolean;
  }>`SELECT to_regclass('inbox_item') IS NOT NULL AS present`.execute(db);
  if (!exists.rows[0]?.present) return;
  try {
    const result = await sql<{
      open: number;
      unanswered: number;
      warning: number;
      breached: number;
      oldest: number;
      next_due: number | null;
    }>`
      SELECT count(*)::float8 AS open,
             count(*) FILTER (WHERE first_response_at IS NULL)::float8 AS unanswered,
             count(*) FILTER (WHERE sla_warn_at <= now() AND (sla_due_at IS NULL OR sla_due_at > now()))::float8 AS warning,
             count(*) FILTER (WHERE sla_due_at <= now())::float8 AS breached,
             COALESCE(extract(epoch FROM now() - min(opened_at) FILTER (WHERE first_response_at IS NULL)), 0)::float8 AS oldest,
             extract(epoch FROM min(sla_due_at) FILTER (WHERE sla_due_at > now()) - now())::float8 AS next_due
      FROM inbox_item WHERE status = 'open'`.execute(db);
    const row = result.rows[0];
    if (!row) return;
    out.gauge('ombud_inbox_open_items', 'Open inbox items.', row.open);
    out.gauge('ombud_inbox_unanswered_items', 'Open inbox items without a first response.', row.unanswered);
    out.gauge('ombud_inbox_sla_warning_items', 'Open items past their SLA warning time.', row.warning);
    out.gauge('ombud_inbox_sla_breached_items', 'Open items past their SLA due time.', row.breached);
    out.gauge(
      'ombud_inbox_oldest_unanswered_seconds',
      'How long the oldest unanswered open item has waited.',
      row.oldest,
    );
    out.gauge(
      'ombud_inbox_next_sla_due_seconds',
      'Seconds until the next open item reaches its SLA due time (+Inf when none).',
      row.next_due ?? Number.POSITIVE_INFINITY,
    );
  } catch {
    // The inbox schema changed under us: its clocks are left out rather than failing the scrape.
  }
}
