import type { InboxItemDetail, InboxSlaPolicy, InboxTemplate } from '@ombud/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { ingestPosts, runIntake, type InboxWorld } from '../support/inbox-fixtures.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

describe.each(DATABASE_KINDS)('inbox API on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  const cookies = new Map<string, string>();
  const userIds = new Map<string, string>();
  let world: InboxWorld;

  const call = (role: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookies.get(role) ?? '' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const started = await startAppWithOwner(database, { clock: () => NOW });
    app = started.app;
    cookies.set('owner', started.owner);
    for (const role of ['agent', 'viewer', 'advocate_manager']) {
      await call('owner', 'POST', '/api/users', {
        email: `${role}@example.com`,
        displayName: role === 'agent' ? 'Ana' : role,
        password: PASSWORD,
        role,
      });
      cookies.set(role, await signIn(app, `${role}@example.com`));
    }
    const users = await database.db.selectFrom('app_user').select(['id', 'role', 'workspace_id']).execute();
    for (const u of users) userIds.set(u.role, u.id);
    const campaign = await call('owner', 'POST', '/api/campaigns', {
      name: 'Kettle launch',
      keywords: ['Nordvik'],
      languages: ['en', 'es', 'sv'],
    });
    world = { workspaceId: users[0]?.workspace_id as string, campaignId: campaign.json().id };
    const postIds = await ingestPosts(database.db, world, [
      {
        text: 'My Nordvik kettle leaks after two days, how do I get a refund?',
        author: 'ana_k',
        createdAt: '2026-03-02T11:30:00Z',
      },
      {
        text: 'Mi hervidor Nordvik gotea, ¿cómo consigo un reembolso?',
        author: 'dia',
        createdAt: '2026-03-02T11:40:00Z',
      },
    ]);
    await runIntake(database.db, postIds, NOW);
    // Four password hashes, an import and an analysis on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('lets managers set up agents and templates, and agents work their next item', async () => {
    const agentId = userIds.get('agent') as string;
    expect((await call('agent', 'GET', '/api/inbox/next')).statusCode).toBe(404);
    const profile = await call('owner', 'PUT', `/api/inbox/agents/${agentId}`, {
      languages: ['en'],
      maxLoad: 5,
    });
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({ userId: agentId, languages: ['en'], onShift: true, load: 0 });
    expect(
      (await call('agent', 'PUT', `/api/inbox/agents/${agentId}`, { languages: ['en', 'es'], maxLoad: 50 }))
        .statusCode,
    ).toBe(403);

    const template = await call('owner', 'POST', '/api/inbox/templates', {
      name: 'Refund',
      language: 'en',
      body: 'Hi {{author}}, {{agent}} here: we will refund order {{order}}.',
    });
    expect(template.statusCode).toBe(201);
    expect(template.json()).toMatchObject({ variables: ['author', 'agent', 'order'], approved: true });
    expect(
      (await call('agent', 'POST', '/api/inbox/templates', { name: 'Mine', language: 'en', body: 'Hello' }))
        .statusCode,
    ).toBe(403);
    const saved = await call('agent', 'POST', '/api/inbox/templates', {
      kind: 'saved',
      name: 'Mine',
      language: 'en',
      body: 'Hello {{author}}',
    });
    expect(saved.statusCode).toBe(201);
    expect(
      (await call('owner', 'GET', '/api/inbox/templates')).json<InboxTemplate[]>().map((t) => t.name),
    ).toEqual(['Refund']);

    const next = await call('agent', 'GET', '/api/inbox/next');
    expect(next.statusCode).toBe(200);
    const item = next.json<{ item: InboxItemDetail }>().item;
    expect(next.json().pulled).toBe(true);
    expect(item).toMatchObject({ language: 'en', assigneeId: agentId, authorHandle: 'ana_k' });
    expect(item.reasons.map((r) => r.rule)).toContain('intent:question');
    expect(item.priorityEvidence.length).toBeGreaterThan(0);
    expect(item.sla.firstResponse.state).toBe('running');

    const body = { idempotencyKey: 'http-reply-0001', templateId: template.json().id, variables: {} };
    const missing = await call('agent', 'POST', `/api/inbox/items/${item.id}/reply`, body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/"order"/);
    const withOrder = { ...body, variables: { order: 'NV-1042' } };
    const sent = await call('agent', 'POST', `/api/inbox/items/${item.id}/reply`, withOrder);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'sent', recipients: 1, replayed: false });
    const retried = await call('agent', 'POST', `/api/inbox/items/${item.id}/reply`, withOrder);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: sent.json().id, replayed: true });

    const detail = await call('viewer', 'GET', `/api/inbox/items/${item.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ status: 'resolved', resolution: 'replied' });
    expect(detail.json<InboxItemDetail>().replies[0]?.body).toBe(
      'Hi @ana_k, Ana here: we will refund order NV-1042.',
    );
    expect(detail.json<InboxItemDetail>().events.map((e) => e.type)).toEqual([
      'opened',
      'assigned',
      'first_response',
      'resolved',
    ]);

    const outbox = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inbox_outbox`.execute(database.db);
    expect(outbox.rows[0]?.n).toBe(1);

    // Reading an item (a stranger's words and handle) is on the audit log, with who read it.
    const reads = await sql<{ action: string; target_id: string | null }>`
      SELECT action, target_id FROM audit_log WHERE action = 'inbox.item.read' AND target_id = ${item.id}`.execute(
      database.db,
    );
    expect(reads.rows.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses an agent work in a language they do not speak', async () => {
    const es = (await call('owner', 'GET', '/api/inbox/items?language=es')).json()[0];
    const response = await call('owner', 'POST', `/api/inbox/items/${es.id}/assign`, {
      agentId: userIds.get('agent'),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/does not speak/);
    const next = await call('agent', 'GET', '/api/inbox/next');
    expect(next.json()).toMatchObject({ item: null, reason: 'queue_empty' });
  });

  it('serves clusters, SLA policies, at-risk items and reports by role', async () => {
    expect((await call('viewer', 'GET', '/api/inbox/clusters')).statusCode).toBe(200);
    expect((await call('advocate_manager', 'GET', '/api/inbox/items')).statusCode).toBe(403);
    expect((await call('viewer', 'POST', '/api/inbox/items/1/resolve', {})).statusCode).toBe(403);
    const policy = await call('owner', 'PUT', '/api/inbox/sla-policies/normal', {
      firstResponseMinutes: 60,
      resolutionMinutes: 600,
      warnBeforeMinutes: 10,
      calendar: { timeZone: 'Europe/Madrid', hours: { mon: [{ start: '09:00', end: '18:00' }] } },
    });
    expect(policy.statusCode).toBe(200);
    expect(policy.json<InboxSlaPolicy[]>().find((p) => p.priorityLevel === 'normal')).toMatchObject({
      isDefault: false,
      firstResponseMinutes: 60,
    });
    const badZone = await call('owner', 'PUT', '/api/inbox/sla-policies/high', {
      firstResponseMinutes: 60,
      resolutionMinutes: 600,
      calendar: { timeZone: 'Mars/Olympus', hours: {} },
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.message).toMatch(/time zone/);
    expect(
      (
        await call('agent', 'PUT', '/api/inbox/sla-policies/normal', {
          firstResponseMinutes: 1,
          resolutionMinutes: 2,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('viewer', 'GET', '/api/inbox/sla/at-risk')).statusCode).toBe(200);
    const report = await call(
      'owner',
      'GET',
      '/api/inbox/reports/sla?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z',
    );
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ items: 2, firstResponse: { responded: 1, metShare: 1 } });
    // The Spanish question waits (held while nobody was on shift to take the flood).
    expect(report.json().backlog.open + report.json().backlog.held).toBe(1);
    const settings = await call('owner', 'PUT', `/api/inbox/campaigns/${world.campaignId}/rules`, {
      intents: ['complaint'],
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().rules).toMatchObject({ intents: ['complaint'], minIntentConfidence: 0.5 });
    const overflow = await call(
      'owner',
      'POST',
      `/api/inbox/campaigns/${world.campaignId}/overflow/evaluate`,
    );
    expect(overflow.statusCode).toBe(200);
    expect(overflow.json()).toMatchObject({ overflow: false });
  });
});
