import pg from 'pg';
import type { WorkStreamLog } from './work-stream.ts';

/** The channel the job table's trigger notifies at each commit that added jobs (migration 0025). */
export const JOB_CHANNEL = 'ombud_job';

/**
 * Tells a work stream that jobs were committed, so an idle worker or relay starts at once instead
 * of at its next poll. Only a hint: a lost notification (connection dropped) costs one poll interval.
 */
export interface JobNotifications {
  /** Calls `wake` on every notification; returns the unsubscribe function. */
  subscribe(wake: () => void): () => void;
  close(): Promise<void>;
}

/**
 * LISTENs on a connection of its own to a PostgreSQL server (a pooled connection cannot keep a
 * LISTEN). A dropped connection is reopened with back-off; meanwhile polling carries on.
 */
export function listenForJobs(url: string, log: WorkStreamLog): JobNotifications {
  const subscribers = new Set<() => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoff = 250;
  const notifyAll = () => {
    for (const wake of subscribers) wake();
  };

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', notifyAll);
    next.on('error', (error) => {
      log.warn({ error: error.message }, 'job notifications lost; polling until reconnected');
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${JOB_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      backoff = 250;
      // Jobs committed while no one listened are found by the wake-up.
      notifyAll();
    } catch (error) {
      void next.end().catch(() => undefined);
      log.warn({ error: error instanceof Error ? error.message : String(error) }, 'cannot listen for jobs');
      schedule();
    }
  };
  const schedule = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, backoff);
    backoff = Math.min(5000, backoff * 2);
  };
  void connect();

  return {
    subscribe(wake) {
      subscribers.add(wake);
      return () => subscribers.delete(wake);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      subscribers.clear();
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}

/**
 * A wake-up that cannot be lost between "found nothing" and "going to sleep": a notification that
 * arrives while the loop is busy makes its next `sleep` return at once.
 */
export function wakeableSleep() {
  let pending = false;
  let wakeSleeper: (() => void) | undefined;
  return {
    /** Called before the loop looks for work: earlier notifications are covered by that look. */
    clear() {
      pending = false;
    },
    wake() {
      pending = true;
      wakeSleeper?.();
    },
    sleep(millis: number): Promise<void> {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, millis);
        function done() {
          clearTimeout(timer);
          wakeSleeper = undefined;
          pending = false;
          resolve();
        }
        wakeSleeper = done;
      });
    },
  };
}
