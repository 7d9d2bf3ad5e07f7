import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedWorkStream } from '../../src/adapters/work-stream/embedded.work-stream.ts';
import { listenForJobs } from '../../src/adapters/work-stream/job-notifications.ts';
import { openJetStreamWorkStream } from '../../src/adapters/work-stream/jetstream.work-stream.ts';
import type { WorkStream } from '../../src/adapters/work-stream/work-stream.ts';
import { enqueueJobs } from '../../src/repositories/job.repository.ts';
import { startNatsServer, type TestNatsServer } from '../support/nats-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// An idle worker on a PostgreSQL server starts a committed job at once (LISTEN/NOTIFY from the job
// table's trigger), not at its next poll: the polls here are a minute apart, so only the
// notification can start the job within the test's time.

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const MINUTE = 60_000;

describe('job notifications (PostgreSQL server)', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    nats = await startNatsServer();
  });
  afterAll(async () => {
    await database.close();
    await nats.close();
  });

  /** Starts `stream`, lets its first (empty) look pass, commits a job, returns ms until it ran. */
  async function timeToHandle(open: (handled: () => void) => Promise<WorkStream>): Promise<number> {
    let handledAt = 0;
    const stream = await open(() => (handledAt = Date.now()));
    stream.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const committedAt = Date.now();
      await enqueueJobs(database.db, [{ name: 'inbox.tick', payload: {} }]);
      while (handledAt === 0 && Date.now() - committedAt < 20_000) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return handledAt === 0 ? Number.POSITIVE_INFINITY : handledAt - committedAt;
    } finally {
      await stream.stop();
    }
  }

  const handlers = (handled: () => void) => ({
    'inbox.tick': () => {
      handled();
      return Promise.resolve('done' as const);
    },
  });

  it('wakes the idle embedded work stream when a job is committed', async () => {
    const url = database.url ?? '';
    const millis = await timeToHandle((handled) =>
      Promise.resolve(
        createEmbeddedWorkStream({
          db: database.db,
          handlers: handlers(handled),
          log: silent,
          now: () => new Date(),
          concurrency: 2,
          idleMillis: MINUTE,
          notifications: listenForJobs(url, silent),
        }),
      ),
    );
    expect(millis).toBeLessThan(5000);
  });

  it('wakes the idle JetStream relay when a job is committed', async () => {
    const url = database.url ?? '';
    const millis = await timeToHandle((handled) =>
      openJetStreamWorkStream({
        db: database.db,
        handlers: handlers(handled),
        log: silent,
        now: () => new Date(),
        concurrency: 2,
        servers: [nats.url],
        stream: `NOTIFY_${randomBytes(4).toString('hex')}`,
        relayIdleMillis: MINUTE,
        notifications: listenForJobs(url, silent),
      }),
    );
    expect(millis).toBeLessThan(5000);
  });
});
