import { sql } from 'kysely';
import { claimJobs, failJob, type ClaimedJob } from '../../repositories/job.repository.ts';
import { deleteJobs, lockClaimedJob, readOutboxStats } from '../../repositories/stream.repository.ts';
import { wakeableSleep, type JobNotifications } from './job-notifications.ts';
import { runJobOnce } from './run-once.ts';
import {
  errorMessage,
  newWorkerCounters,
  retryDelaySeconds,
  Slots,
  type Readiness,
  type WorkStream,
  type WorkStreamDependencies,
  type WorkStreamStats,
} from './work-stream.ts';

export interface EmbeddedWorkStreamOptions extends WorkStreamDependencies {
  /** How long a claimed job stays claimed if its worker dies before locking it (default 30 s). */
  lockSeconds?: number;
  /** Poll interval when the job table is empty (default 200 ms). */
  idleMillis?: number;
  /** Wakes the idle loop when jobs are committed (PostgreSQL server); closed by `stop()`. */
  notifications?: JobNotifications;
}

/**
 * The in-process work stream over the job table. Workers in any number of processes share it:
 * a job is claimed with SKIP LOCKED, then handled in a transaction that keeps its row locked and
 * deletes it on success, so it cannot be claimed again while it runs and takes effect once.
 */
export function createEmbeddedWorkStream(options: EmbeddedWorkStreamOptions): WorkStream {
  const { db, handlers, log, now } = options;
  const lockSeconds = options.lockSeconds ?? 30;
  const maxAttempts = options.maxAttempts ?? 8;
  const idleMillis = options.idleMillis ?? 200;
  const counters = newWorkerCounters();
  const slots = new Slots(options.concurrency);
  let running = false;
  let loop: Promise<void> | undefined;
  const idle = wakeableSleep();
  const unsubscribe = options.notifications?.subscribe(() => idle.wake());

  const handle = async (job: ClaimedJob): Promise<void> => {
    counters.inFlight += 1;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    try {
      const outcome = await runJobOnce(db, handlers, job, (trx) => lockAndDelete(trx, job.id), now);
      if (outcome === 'duplicate') counters.duplicates += 1;
      else counters.processed += 1;
    } catch (error) {
      counters.failures += 1;
      const giveUp = job.attempts >= maxAttempts;
      if (giveUp) counters.deadLettered += 1;
      log.warn(
        { job: job.name, id: job.id, attempts: job.attempts, giveUp, error: errorMessage(error) },
        'job failed',
      );
      // If this write fails too (database gone), the claim runs out and another worker retries.
      await failJob(
        db,
        job.id,
        errorMessage(error),
        giveUp
          ? { giveUp: true }
          : { retryAt: new Date(now().getTime() + retryDelaySeconds(job.attempts) * 1000) },
      ).catch((failure: unknown) =>
        log.warn({ id: job.id, error: errorMessage(failure) }, 'could not record job failure'),
      );
    } finally {
      counters.inFlight -= 1;
    }
  };

  /** Claims as many jobs as there are free slots and starts them; returns how many it claimed. */
  const claimAndStart = async (): Promise<number> => {
    await slots.acquire();
    let jobs: ClaimedJob[];
    try {
      jobs = await claimJobs(db, slots.free + 1, lockSeconds);
    } catch (error) {
      slots.release();
      throw error;
    }
    if (jobs.length === 0) slots.release();
    jobs.forEach((job, index) => {
      const start = async () => {
        if (index > 0) await slots.acquire();
        try {
          await handle(job);
        } finally {
          slots.release();
        }
      };
      void start();
    });
    return jobs.length;
  };

  const drain = async (): Promise<number> => {
    const before = counters.processed;
    for (;;) {
      const claimed = await claimAndStart();
      if (claimed === 0) {
        await slots.idle();
        // Finished jobs may have enqueued follow-up jobs: look once more before stopping.
        if ((await claimAndStart()) === 0) {
          await slots.idle();
          return counters.processed - before;
        }
      }
    }
  };

  return {
    kind: 'embedded',
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let claimed = 0;
          try {
            // Jobs announced before this claim are seen by it; a later notification ends the sleep.
            idle.clear();
            claimed = await claimAndStart();
          } catch (error) {
            log.error({ error: errorMessage(error) }, 'job loop error');
          }
          if (claimed === 0 && running) await idle.sleep(idleMillis);
        }
      })();
    },
    drain,
    async stop() {
      running = false;
      idle.wake();
      await loop;
      await slots.idle();
      unsubscribe?.();
      await options.notifications?.close();
    },
    async stats(): Promise<WorkStreamStats> {
      const outbox = await readOutboxStats(db);
      return {
        kind: 'embedded',
        outboxPending: outbox.pending,
        outboxDelayed: outbox.delayed,
        streamPending: 0,
        inFlight: outbox.running,
        lagSeconds: outbox.oldestPendingSeconds,
        failed: outbox.failed,
        redelivered: 0,
      };
    },
    counters: () => ({ ...counters }),
    async readiness(): Promise<Readiness> {
      try {
        await sql`SELECT 1`.execute(db);
        return { ready: true, checks: { database: { ok: true } } };
      } catch (error) {
        return { ready: false, checks: { database: { ok: false, detail: errorMessage(error) } } };
      }
    },
  };
}

async function lockAndDelete(trx: Parameters<typeof lockClaimedJob>[0], id: string): Promise<boolean> {
  if (!(await lockClaimedJob(trx, id))) return false;
  // Deleted now, committed only with the handler's writes: a rollback brings the row back.
  await deleteJobs(trx, [id]);
  return true;
}
