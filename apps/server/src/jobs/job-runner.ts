import type { FastifyBaseLogger } from 'fastify';
import { claimJobs, completeJob, failJob } from '../repositories/job.repository.ts';
import type { JobContext, JobRegistry } from './job-registry.ts';
import type { JobName } from './job-names.ts';

export interface JobRunnerOptions {
  registry: JobRegistry;
  context: JobContext;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  batchSize?: number;
  idleMillis?: number;
  lockSeconds?: number;
  maxAttempts?: number;
}

export interface JobRunner {
  /** Runs jobs until none is runnable; returns how many ran. */
  drain(): Promise<number>;
  start(): void;
  /** Finishes the job in hand, then stops. */
  stop(): Promise<void>;
}

const isJobName = (name: string, registry: JobRegistry): name is JobName => Object.hasOwn(registry, name);

/** Polls the job table; many runners (in many processes) share it safely through SKIP LOCKED. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const batchSize = options.batchSize ?? 10;
  const lockSeconds = options.lockSeconds ?? 120;
  const maxAttempts = options.maxAttempts ?? 8;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const runBatch = async (): Promise<number> => {
    const jobs = await claimJobs(options.context.db, batchSize, lockSeconds);
    for (const job of jobs) {
      try {
        if (!isJobName(job.name, options.registry)) throw new Error(`no handler for job "${job.name}"`);
        await options.registry[job.name](job.payload, options.context);
        await completeJob(options.context.db, job.id);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const giveUp = job.attempts >= maxAttempts;
        options.log.warn({ job: job.name, id: job.id, attempts: job.attempts, error: message }, 'job failed');
        const backoffSeconds = Math.min(600, 2 ** job.attempts);
        await failJob(
          options.context.db,
          job.id,
          message,
          giveUp
            ? { giveUp: true }
            : { retryAt: new Date(options.context.now().getTime() + backoffSeconds * 1000) },
        );
      }
    }
    return jobs.length;
  };

  const drain = async () => {
    let total = 0;
    for (;;) {
      const ran = await runBatch();
      total += ran;
      if (ran === 0) return total;
    }
  };

  return {
    drain,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            await drain();
          } catch (error) {
            options.log.error(
              { error: error instanceof Error ? error.message : String(error) },
              'job loop error',
            );
          }
          if (!running) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, options.idleMillis ?? 500);
          });
        }
      })();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
