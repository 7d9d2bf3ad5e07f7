import { createEmbeddedWorkStream } from '../adapters/work-stream/embedded.work-stream.ts';
import type { WorkStreamLog } from '../adapters/work-stream/work-stream.ts';
import type { JobContext, JobRegistry } from './job-registry.ts';

export interface JobRunnerOptions {
  registry: JobRegistry;
  context: JobContext;
  log: WorkStreamLog;
  idleMillis?: number;
  lockSeconds?: number;
  maxAttempts?: number;
}

export interface JobRunner {
  /** Runs jobs until none is runnable; returns how many took effect. */
  drain(): Promise<number>;
  start(): void;
  /** Finishes the job in hand, then stops. */
  stop(): Promise<void>;
}

/**
 * One job at a time from the job table, for commands and tests that work in-process (`ombud demo`,
 * `ombud reanalyze`, drills). It is the embedded work stream with a concurrency of one, so each
 * delivery commits with its receipt and takes effect once, as in `ombud start` and `ombud worker`.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const stream = createEmbeddedWorkStream({
    db: options.context.db,
    handlers: options.registry,
    log: options.log,
    now: options.context.now,
    concurrency: 1,
    ...(options.idleMillis === undefined ? {} : { idleMillis: options.idleMillis }),
    ...(options.lockSeconds === undefined ? {} : { lockSeconds: options.lockSeconds }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  return { drain: () => stream.drain(), start: () => stream.start(), stop: () => stream.stop() };
}
