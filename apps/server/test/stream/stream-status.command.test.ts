import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJobs } from '../../src/repositories/job.repository.ts';
import { startNatsServer, type TestNatsServer } from '../support/nats-server.ts';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('ombud stream status', () => {
  let nats: TestNatsServer;
  let database: TestDatabase;
  const stream = `STATUS_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    nats = await startNatsServer();
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    const nc = await connect({ servers: nats.url });
    await (await nc.jetstreamManager()).streams.delete(stream);
    await nc.close();
    await nats.close();
    await database.close();
  });

  it('prints the JetStream queue depth, lag and readiness as JSON, without taking any job', async () => {
    await enqueueJobs(database.db, [
      { name: 'post.ingested', payload: { postIds: [] } },
      { name: 'post.ingested', payload: { postIds: [] } },
    ]);
    const run = await runOmbud(['stream', 'status'], {
      ...process.env,
      DATABASE_URL: database.url,
      NATS_URL: nats.url,
      OMBUD_NATS_STREAM: stream,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'jetstream',
      outboxPending: 2,
      streamPending: 0,
      inFlight: 0,
      failed: 0,
      ready: true,
      checks: { database: { ok: true }, nats: { ok: true } },
    });
    const left = await database.db.selectFrom('job').select('status').execute();
    expect(left).toEqual([{ status: 'pending' }, { status: 'pending' }]);
  });
});
