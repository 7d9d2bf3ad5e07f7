import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { JobHandlers } from './run-once.ts';

/**
 * The work stream: how jobs written to the `job` table (the outbox, in the same transaction as the
 * data they describe) reach handlers. Two implementations pass one contract suite:
 * - embedded: workers claim rows from the job table itself (SKIP LOCKED);
 * - jetstream: a relay publishes outbox rows to NATS JetStream, workers on any machine consume
 *   them through one durable consumer with explicit acks.
 * Delivery is at-least-once; each delivery runs in a transaction with its receipt, so every job
 * changes the database exactly once.
 */
export interface WorkStream {
  readonly kind: WorkStreamKind;
  /** Starts relaying (JetStream) and consuming in the background. */
  start(): void;
  /**
   * Runs jobs until none is runnable and nothing is in flight; returns how many deliveries took
   * effect. For `ombud worker --drain`, tests and benchmarks; do not mix with `start()`.
   */
  drain(): Promise<number>;
  /** Stops taking work, finishes (and acknowledges) what is in flight, then releases connections. */
  stop(): Promise<void>;
  /** Queue depth, lag and failures, shared by every worker (read from the database and NATS). */
  stats(): Promise<WorkStreamStats>;
  /** What this process did since it started. */
  counters(): WorkerCounters;
  /** Whether this process can take work now (database and, for JetStream, NATS reachable). */
  readiness(): Promise<Readiness>;
}

export type WorkStreamKind = 'embedded' | 'jetstream';

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface WorkStreamStats {
  kind: WorkStreamKind;
  /** Runnable jobs in the outbox: not yet claimed (embedded) or not yet published (JetStream). */
  outboxPending: number;
  /** Jobs waiting for a later retry time. */
  outboxDelayed: number;
  /** JetStream messages not yet delivered to any worker (0 in embedded mode). */
  streamPending: number;
  /** Jobs handed to a worker and not yet finished, across every worker. */
  inFlight: number;
  /** Age in seconds of the oldest job nobody has finished: the pipeline's lag. */
  lagSeconds: number;
  /** Jobs that failed too often and were set aside (`job.status = 'failed'`). */
  failed: number;
  /** Deliveries the stream handed out more than once (JetStream; 0 in embedded mode). */
  redelivered: number;
}

export interface WorkerCounters {
  /** Deliveries that took effect. */
  processed: number;
  /** Deliveries skipped because an earlier delivery of the same job had taken effect. */
  duplicates: number;
  /** Handler failures (each will be retried or set aside). */
  failures: number;
  /** Jobs set aside after too many failures. */
  deadLettered: number;
  /** Outbox rows this process published to the stream (JetStream). */
  published: number;
  /** Deliveries being handled right now in this process. */
  inFlight: number;
  /** Most deliveries this process ever handled at once (never above its concurrency). */
  maxInFlight: number;
}

export interface WorkStreamLog {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

export interface WorkStreamDependencies {
  db: Kysely<Database>;
  handlers: JobHandlers;
  log: WorkStreamLog;
  now: () => Date;
  /** Deliveries handled at once by this process (bounded: back-pressure). */
  concurrency: number;
  /** Failed attempts before a job is set aside as failed (default 8). */
  maxAttempts?: number;
}

export const newWorkerCounters = (): WorkerCounters => ({
  processed: 0,
  duplicates: 0,
  failures: 0,
  deadLettered: 0,
  published: 0,
  inFlight: 0,
  maxInFlight: 0,
});

/** Seconds to wait before retrying a job that failed `attempts` times: 1 s, 2 s, 4 s … at most 60 s. */
export const retryDelaySeconds = (attempts: number): number => Math.min(60, 2 ** Math.max(0, attempts - 1));

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** A counting gate: at most `limit` holders at once; `acquire` waits for a free slot. */
export class Slots {
  private used = 0;
  private waiters: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  get inUse(): number {
    return this.used;
  }
  get free(): number {
    return this.limit - this.used;
  }
  async acquire(): Promise<void> {
    while (this.used >= this.limit) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.used += 1;
  }
  release(): void {
    this.used -= 1;
    // Every waiter re-checks its own condition (a free slot, or none held).
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
  /** Resolves once nothing is held. */
  async idle(): Promise<void> {
    while (this.used > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
