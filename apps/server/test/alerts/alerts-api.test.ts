import type { Role } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { verifyWebhookSignature } from '../../src/ingest/webhook-signature.ts';
import { createEmbeddedWorkStream } from '../../src/adapters/work-stream/embedded.work-stream.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { raiseAlert } from '../../src/services/alerts.service.ts';
import { startHttpReceiver, type HttpReceiver } from '../support/alert-receivers.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(DATABASE_KINDS)('alerts API on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let http: HttpReceiver;
  let workspaceId = '';
  const cookies = new Map<Role, string>();
  const userIds = new Map<Role, string>();
  let recovering = 0;

  const call = async (
    role: Role,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookies.get(role) ?? '' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  /** The job queue as `ombud start` runs it (the embedded work stream), until nothing is runnable. */
  const drain = () =>
    createEmbeddedWorkStream({
      db: database.db,
      handlers: createJobRegistry(),
      log: quietLog,
      now: () => new Date(),
      concurrency: 1,
    }).drain();

  beforeAll(async () => {
    [database, http] = await Promise.all([createTestDatabase(kind), startHttpReceiver()]);
    http.status = (path) => {
      if (path === '/recovering' && recovering > 0) {
        recovering--;
        return 502;
      }
      return 200;
    };
    let owner = '';
    ({ app, owner } = await startAppWithOwner(database));
    cookies.set('owner', owner);
    for (const role of ['analyst', 'agent', 'viewer'] as const) {
      await call('owner', 'POST', '/api/users', {
        email: `${role}@example.com`,
        displayName: role,
        password: PASSWORD,
        role,
      });
      cookies.set(role, await signIn(app, `${role}@example.com`));
    }
    for (const role of ['owner', 'analyst', 'agent', 'viewer'] as const) {
      const me = (await call(role, 'GET', '/api/auth/me')).json<{ id: string; workspaceId: string }>();
      userIds.set(role, me.id);
      workspaceId = me.workspaceId;
    }
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([database.close(), http.close()]);
  });

  let hookId = '';
  let secret = '';

  it('lets the owner manage channels, shows secrets once, and keeps them through updates', async () => {
    const created = await call('owner', 'POST', '/api/alert-channels', {
      name: 'ops hook',
      kind: 'webhook',
      language: 'es',
      config: { url: http.url('/hook') },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string; secret: string; config: Record<string, unknown> }>();
    hookId = body.id;
    secret = body.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(body.config).toEqual({ url: http.url('/hook'), secretSet: true });

    const listed = await call('analyst', 'GET', '/api/alert-channels');
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(listed.json())).not.toContain(secret);
    expect((await call('agent', 'GET', '/api/alert-channels')).statusCode).toBe(403);
    expect(
      (
        await call('analyst', 'POST', '/api/alert-channels', {
          name: 'x',
          kind: 'slack',
          config: { url: 'https://hooks.example/x' },
        })
      ).statusCode,
    ).toBe(403);

    const duplicate = await call('owner', 'POST', '/api/alert-channels', {
      name: 'ops hook',
      kind: 'slack',
      config: { url: 'https://hooks.example/x' },
    });
    expect(duplicate.statusCode).toBe(409);
    const bad = await call('owner', 'POST', '/api/alert-channels', {
      name: 'bad',
      kind: 'email',
      timeZone: 'Mars/Olympus',
      quietHours: { start: '7:00', end: '07:00' },
      config: { to: ['not an address'], from: 'a@example.com', smtp: { host: 'x' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/time zone/);
    expect(bad.json().error.message).toMatch(/HH:MM/);

    const updated = await call('owner', 'PUT', `/api/alert-channels/${hookId}`, {
      name: 'ops hook',
      kind: 'webhook',
      language: 'es',
      timeZone: 'Europe/Madrid',
      config: { url: http.url('/hook') },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).not.toHaveProperty('secret');
    expect(updated.json()).toMatchObject({ timeZone: 'Europe/Madrid', config: { secretSet: true } });
  });

  it('test-pings a channel and records the last successful ping', async () => {
    expect((await call('analyst', 'POST', `/api/alert-channels/${hookId}/test`, {})).statusCode).toBe(403);
    const ping = await call('owner', 'POST', `/api/alert-channels/${hookId}/test`, {});
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toMatchObject({ ok: true, statusCode: 200, error: null });
    const [request] = http.received('/hook');
    expect(
      verifyWebhookSignature(
        secret,
        request?.body ?? '',
        request?.headers['x-ombud-signature'] as string,
        new Date(),
      ),
    ).toMatchObject({ ok: true });
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ type: 'test', message: { language: 'es' } });
    const channel = (await call('owner', 'GET', `/api/alert-channels/${hookId}`)).json<{
      lastTestOkAt: string | null;
    }>();
    expect(channel.lastTestOkAt).toBe(ping.json<{ at: string }>().at);
    const attempts = (await call('analyst', 'GET', `/api/alert-channels/${hookId}/attempts`)).json<
      unknown[]
    >();
    expect(attempts).toEqual([expect.objectContaining({ purpose: 'test', ok: true, statusCode: 200 })]);
  });

  it('validates routing rules and the channels and campaigns they name', async () => {
    const half = await call('owner', 'POST', '/api/alert-routes', {
      channelId: hookId,
      escalateAfterMinutes: 10,
    });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.message).toMatch(/escalationChannelId/);
    const unknown = await call('owner', 'POST', '/api/alert-routes', {
      channelId: '00000000-0000-4000-8000-000000000001',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/channelId: no alert channel/);
    const route = await call('owner', 'POST', '/api/alert-routes', {
      channelId: hookId,
      minSeverity: 'warning',
    });
    expect(route.statusCode).toBe(201);
    expect((await call('analyst', 'GET', '/api/alert-routes')).json()).toEqual([route.json()]);
  });

  it('lists alerts to every role, counts unread per person, and lets responders acknowledge', async () => {
    const raised = await raiseAlert(
      database.db,
      {
        workspaceId,
        campaignId: null,
        incidentId: null,
        kind: 'volume_spike',
        severity: 'critical',
        title: 'Mentions spiking',
        summary: 'Six times the usual volume',
        dedupeKey: 'api-1',
      },
      new Date(),
    );
    const listed = await call('viewer', 'GET', '/api/alerts?status=open');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({
      alerts: [{ id: raised.alertId, title: 'Mentions spiking', read: false, acknowledgedAt: null }],
      nextCursor: null,
    });
    expect((await call('viewer', 'GET', '/api/alerts/counts')).json()).toEqual({ unread: 1, open: 1 });
    expect((await call('viewer', 'POST', '/api/alerts/read', { all: true })).json()).toEqual({ marked: 1 });
    expect((await call('viewer', 'GET', '/api/alerts/counts')).json()).toEqual({ unread: 0, open: 1 });
    expect((await call('agent', 'GET', '/api/alerts/counts')).json()).toEqual({ unread: 1, open: 1 });

    expect((await call('viewer', 'POST', `/api/alerts/${raised.alertId}/acknowledge`, {})).statusCode).toBe(
      403,
    );
    const acknowledged = await call('agent', 'POST', `/api/alerts/${raised.alertId}/acknowledge`, {});
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json()).toMatchObject({ acknowledgedBy: userIds.get('agent'), read: true });
    const again = await call('analyst', 'POST', `/api/alerts/${raised.alertId}/acknowledge`, {});
    expect(again.json()).toMatchObject({ acknowledgedBy: userIds.get('agent') });
    expect((await call('owner', 'GET', '/api/alerts/counts')).json()).toEqual({ unread: 0, open: 0 });

    // The job queue delivers what the routes say, as `ombud start` would.
    await drain();
    const delivered = http.received('/hook').filter((request) => request.body.includes('"type":"alert"'));
    expect(delivered).toHaveLength(1);
    const detail = await call('viewer', 'GET', `/api/alerts/${raised.alertId}`);
    expect(detail.json()).toMatchObject({
      deliveries: [{ channelName: 'ops hook', status: 'delivered', log: [{ ok: true, statusCode: 200 }] }],
    });
  });

  it('pages through alerts newest first', async () => {
    const base = Date.now();
    for (let i = 0; i < 5; i++)
      await raiseAlert(
        database.db,
        {
          workspaceId,
          campaignId: null,
          incidentId: null,
          kind: 'watch_only',
          severity: 'watch',
          title: `page ${i}`,
          summary: '',
          dedupeKey: `page-${i}`,
        },
        new Date(base + (i < 3 ? 0 : i) * 1000),
      );
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { alerts: { title: string }[]; nextCursor: string | null } = (
        await call(
          'viewer',
          'GET',
          `/api/alerts?severity=watch&limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
        )
      ).json();
      titles.push(...page.alerts.map((alert) => alert.title));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(titles.slice(0, 2)).toEqual(['page 4', 'page 3']);
    expect(titles.slice(2).sort()).toEqual(['page 0', 'page 1', 'page 2']);
  });

  it('dead-letters through the job queue, lists dead letters and replays them', async () => {
    recovering = 2;
    const created = await call('owner', 'POST', '/api/alert-channels', {
      name: 'recovering',
      kind: 'slack',
      maxAttempts: 2,
      backoffSeconds: 1,
      config: { url: http.url('/recovering') },
    });
    const channelId = created.json<{ id: string }>().id;
    await call('owner', 'POST', '/api/alert-routes', { channelId, kinds: ['inbox_overflow'] });
    const raised = await raiseAlert(
      database.db,
      {
        workspaceId,
        campaignId: null,
        incidentId: null,
        kind: 'inbox_overflow',
        severity: 'warning',
        title: 'Inbox overflowing',
        summary: '300 items waiting',
        dedupeKey: 'overflow-1',
      },
      new Date(),
    );
    await drain();
    expect(http.received('/recovering')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await drain();
    expect(http.received('/recovering')).toHaveLength(2);

    expect((await call('agent', 'GET', '/api/alert-deliveries/dead-letter')).statusCode).toBe(403);
    const dead = await call('analyst', 'GET', '/api/alert-deliveries/dead-letter');
    expect(dead.json()).toMatchObject({
      deliveries: [
        {
          alertId: raised.alertId,
          channelName: 'recovering',
          status: 'dead',
          attempts: 2,
          alertTitle: 'Inbox overflowing',
        },
      ],
    });
    const deliveryId = dead.json<{ deliveries: { id: string }[] }>().deliveries[0]?.id ?? '';
    expect((await call('analyst', 'POST', `/api/alert-deliveries/${deliveryId}/replay`, {})).statusCode).toBe(
      403,
    );
    const replay = await call('owner', 'POST', `/api/alert-deliveries/${deliveryId}/replay`, {});
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toEqual({ queued: 1 });
    expect((await call('owner', 'POST', `/api/alert-deliveries/${deliveryId}/replay`, {})).statusCode).toBe(
      404,
    );
    await drain();
    expect(http.received('/recovering')).toHaveLength(3);
    expect((await call('analyst', 'GET', '/api/alert-deliveries/dead-letter')).json()).toEqual({
      deliveries: [],
    });
    const detail = await call('viewer', 'GET', `/api/alerts/${raised.alertId}`);
    // The warning also went to the first hook (its rule covers every kind from warning up).
    const deliveries = detail.json<{
      deliveries: { channelName: string; status: string; log: { statusCode: number }[] }[];
    }>().deliveries;
    expect(deliveries.map((delivery) => [delivery.channelName, delivery.status])).toEqual([
      ['ops hook', 'delivered'],
      ['recovering', 'delivered'],
    ]);
    expect(deliveries[1]?.log.map((attempt) => attempt.statusCode)).toEqual([502, 502, 200]);
    expect(
      (await call('owner', 'POST', '/api/alert-deliveries/dead-letter/replay', { all: true })).json(),
    ).toEqual({ queued: 0 });
  });

  it('removes a channel with its routes', async () => {
    expect((await call('owner', 'DELETE', `/api/alert-channels/${hookId}`)).statusCode).toBe(204);
    expect((await call('owner', 'DELETE', `/api/alert-channels/${hookId}`)).statusCode).toBe(404);
    const routes = (await call('owner', 'GET', '/api/alert-routes')).json<{ channelId: string }[]>();
    expect(routes.map((route) => route.channelId)).not.toContain(hookId);
  });
});
