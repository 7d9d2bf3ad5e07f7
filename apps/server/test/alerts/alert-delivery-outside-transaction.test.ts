import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { alertChannelInputSchema, alertRouteInputSchema } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { listAlertDeliveries } from '../../src/repositories/alert-delivery.repository.ts';
import { createAlertChannel, createAlertRoute, raiseAlert } from '../../src/services/alerts.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const alertIdOf = (raised: Awaited<ReturnType<typeof raiseAlert>>): string => raised.alertId;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A webhook receiver that holds each request until the test lets it answer. */
async function startHoldingReceiver() {
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      arrived();
      void released.then(() => response.writeHead(200).end('ok'));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrival,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DATABASE_KINDS)('an alert delivery in flight on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('holds no transaction open while the receiver is slow: other writes go through meanwhile', async () => {
    const receiver = await startHoldingReceiver();
    const db = database.db;
    const { id: workspaceId } = await db
      .insertInto('workspace')
      .values({ name: 'slow receiver', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const channel = await createAlertChannel(
      db,
      workspaceId,
      alertChannelInputSchema.parse({ name: 'hook', kind: 'webhook', config: { url: receiver.url } }),
    );
    await createAlertRoute(db, workspaceId, alertRouteInputSchema.parse({ channelId: channel.id }));
    const raised = await raiseAlert(
      db,
      {
        workspaceId,
        campaignId: null,
        incidentId: null,
        kind: 'negative_volume_spike',
        severity: 'warning',
        title: 'Defect rumour',
        summary: 'Negative posts at 9× the usual level',
        dedupeKey: 'slow-receiver',
      },
      new Date(),
    );
    const runner = createJobRunner({
      registry: createJobRegistry(),
      context: { db, now: () => new Date() },
      log: quiet,
      idleMillis: 20,
    });
    const draining = runner.drain();
    try {
      await receiver.arrival;
      // While the webhook is being sent, another write and read must complete. Inside a job
      // transaction they would wait for the send (PGlite has one connection; on a server the row
      // lock would block the update), and this race would be won by the timer.
      const write = db
        .updateTable('workspace')
        .set({ name: 'slow receiver, renamed' })
        .where('id', '=', workspaceId)
        .execute()
        .then(() => 'write finished');
      const timer = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3_000));
      expect(await Promise.race([write, timer])).toBe('write finished');
      const during = await listAlertDeliveries(db, workspaceId, alertIdOf(raised));
      expect(during.map((delivery) => delivery.status)).toEqual(['sending']);
    } finally {
      receiver.release();
      await draining;
      await receiver.close();
    }
    const after = await listAlertDeliveries(db, workspaceId, alertIdOf(raised));
    expect(after.map((delivery) => delivery.status)).toEqual(['delivered']);
  });
});
