import type { LiveAlertsEvent, LiveInboxEvent, LiveSnapshot } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { raiseAlert } from '../../src/services/alerts.service.ts';
import {
  createInboxWorld,
  ingestPosts,
  itemIdsOf,
  runIntake,
  type InboxWorld,
} from '../support/inbox-fixtures.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

interface ServerEvent {
  event: string;
  data: unknown;
}

/** A real event-stream client over fetch: collects every event and lets a test wait for one. */
function openStream(base: string, cookie: string) {
  const controller = new AbortController();
  const events: ServerEvent[] = [];
  let ended = false;
  const done = (async () => {
    const response = await fetch(`${base}/api/events`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
    ended = true;
  })();
  return {
    events,
    done,
    isEnded: () => ended,
    close: () => controller.abort(),
    async next<T>(event: string, match: (data: T) => boolean = () => true, timeoutMs = 20_000): Promise<T> {
      const started = Date.now();
      for (;;) {
        const found = events.find((e) => e.event === event && match(e.data as T));
        if (found) return found.data as T;
        if (Date.now() - started > timeoutMs) throw new Error(`no ${event} event in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

describe.each(DATABASE_KINDS)('live events on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let base = '';
  let world: InboxWorld;
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    let owner = '';
    let workspaceId = '';
    ({ app, owner, workspaceId } = await startAppWithOwner(database));
    cookies.set('owner', owner);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;
    await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: cookies.get('owner') ?? '' },
      payload: { email: 'am@example.com', displayName: 'Adv', password: PASSWORD, role: 'advocate_manager' },
    });
    cookies.set('advocate_manager', await signIn(app, 'am@example.com'));
    const campaign = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: cookies.get('owner') ?? '' },
      payload: { name: 'Kettle launch', keywords: ['Nordvik'], languages: ['en', 'es', 'sv'] },
    });
    world = { workspaceId, campaignId: campaign.json<{ id: string }>().id };
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers a client that does not accept event streams with the counters as JSON', async () => {
    const response = await app.inject({
      url: '/api/events',
      headers: { cookie: cookies.get('owner') ?? '' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<LiveSnapshot>()).toEqual({
      alerts: { unread: 0, open: 0 },
      inbox: { latestId: '0', open: 0 },
      pollMs: 2000,
    });
    const advocate = await app.inject({
      url: '/api/events',
      headers: { cookie: cookies.get('advocate_manager') ?? '' },
    });
    expect(advocate.json<LiveSnapshot>().inbox).toBeNull();
    expect(
      (await app.inject({ url: '/api/events', headers: { accept: 'text/event-stream' } })).statusCode,
    ).toBe(401);
  });

  it("pushes the workspace's new inbox items and alerts, and nothing of another workspace", async () => {
    // An item from before the stream opened is never announced as new.
    const before = await ingestPosts(database.db, world, [
      {
        text: 'The handle of my Nordvik kettle broke off, how can I get a refund?',
        createdAt: new Date().toISOString(),
      },
    ]);
    await runIntake(database.db, before, new Date());
    expect(await itemIdsOf(database.db, before)).toHaveLength(1);
    const stream = openStream(base, cookies.get('owner') ?? '');
    const advocate = openStream(base, cookies.get('advocate_manager') ?? '');
    try {
      const ready = await stream.next<LiveSnapshot>('ready');
      expect(ready.inbox?.open).toBe(1);
      expect((await advocate.next<LiveSnapshot>('ready')).inbox).toBeNull();

      // Another workspace's item is never announced here.
      const other = await createInboxWorld(database.db, 'Elsewhere');
      const otherPosts = await ingestPosts(database.db, other, [
        { text: 'My Nordvik kettle broke, how do I get a refund?', createdAt: new Date().toISOString() },
      ]);
      await runIntake(database.db, otherPosts, new Date());
      const postIds = await ingestPosts(database.db, world, [
        {
          text: 'My Nordvik kettle leaks after two days, how do I get a refund?',
          createdAt: new Date().toISOString(),
        },
      ]);
      await runIntake(database.db, postIds, new Date());
      const itemIds = await itemIdsOf(database.db, postIds);
      const otherIds = await itemIdsOf(database.db, otherPosts);
      expect(itemIds).toHaveLength(1);
      expect(otherIds).toHaveLength(1);
      const inbox = await stream.next<LiveInboxEvent>('inbox', (e) => e.newItemIds.length > 0);
      expect(inbox.newItemIds).toEqual(itemIds);
      expect(inbox.open).toBe(2);

      await raiseAlert(
        database.db,
        {
          workspaceId: world.workspaceId,
          campaignId: world.campaignId,
          incidentId: null,
          kind: 'live_test',
          severity: 'warning',
          title: 'Live test alert',
          summary: 'The backlog is growing',
          dedupeKey: 'live-test',
        },
        new Date(),
      );
      // (The intake may raise its own overflow alert too: no agent is on shift.)
      const raised = (e: LiveAlertsEvent) => e.newAlerts.some((a) => a.title === 'Live test alert');
      const alerts = await stream.next<LiveAlertsEvent>('alerts', raised);
      const counts = await app.inject({
        url: '/api/alerts/counts',
        headers: { cookie: cookies.get('owner') ?? '' },
      });
      expect(alerts.counts).toEqual(counts.json());
      expect(alerts.counts.unread).toBeGreaterThanOrEqual(1);
      // The advocate manager hears of the alert but of no inbox item.
      expect((await advocate.next<LiveAlertsEvent>('alerts', raised)).counts.unread).toBe(
        alerts.counts.unread,
      );
      expect(advocate.events.some((e) => e.event === 'inbox')).toBe(false);
      expect(
        stream.events.some(
          (e) =>
            e.event === 'inbox' && (e.data as LiveInboxEvent).newItemIds.some((id) => otherIds.includes(id)),
        ),
      ).toBe(false);

      // Reading the alert lowers the reader's counter on the next poll.
      await app.inject({
        method: 'POST',
        url: '/api/alerts/read',
        headers: { cookie: cookies.get('owner') ?? '' },
        payload: { all: true },
      });
      const read = await stream.next<LiveAlertsEvent>('alerts', (e) => e.counts.unread === 0);
      expect(read.counts).toEqual({ unread: 0, open: alerts.counts.open });
    } finally {
      stream.close();
      advocate.close();
      await Promise.allSettled([stream.done, advocate.done]);
    }
  }, 60_000);

  it('ends open streams when the server closes instead of waiting for them', async () => {
    const closing = await buildHttpApp({
      db: database.db,
      databaseKind: database.kind,
      secureCookies: false,
      logLevel: 'silent',
    });
    await closing.listen({ host: '127.0.0.1', port: 0 });
    const address = closing.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const stream = openStream(`http://127.0.0.1:${address.port}`, cookies.get('owner') ?? '');
    await stream.next('ready');
    const started = Date.now();
    await closing.close();
    await stream.done;
    expect(stream.isEnded()).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);
});
