import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const TOKEN = 'secret-access-token-1234';

describe.each(DATABASE_KINDS)('connectors API on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  const cookies: Record<'owner' | 'analyst', string> = { owner: '', analyst: '' };
  const call = (
    role: keyof typeof cookies,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie: cookies[role] },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ app, owner: cookies.owner } = await startAppWithOwner(database));
    await call('owner', 'POST', '/api/users', {
      email: 'analyst@example.com',
      displayName: 'Ana',
      password: PASSWORD,
      role: 'analyst',
    });
    cookies.analyst = await signIn(app, 'analyst@example.com');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('adds, changes and removes a Mastodon connector without ever returning its token', async () => {
    const created = await call('owner', 'POST', '/api/connectors', {
      name: 'Mastodon social',
      kind: 'mastodon',
      settings: { instanceUrl: 'https://mastodon.example/', hashtags: ['#Nordvik'] },
      secrets: { accessToken: TOKEN },
    });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(TOKEN);
    const connector = created.json<{ id: string; settings: Record<string, unknown>; secretsSet: string[] }>();
    expect(connector.settings).toMatchObject({
      instanceUrl: 'https://mastodon.example',
      hashtags: ['Nordvik'],
    });
    expect(connector.secretsSet).toEqual(['accessToken']);

    const duplicate = await call('owner', 'POST', '/api/connectors', {
      name: 'Mastodon social',
      kind: 'mastodon',
      settings: { instanceUrl: 'https://mastodon.example', hashtags: ['x'] },
    });
    expect(duplicate.statusCode).toBe(409);

    const invalid = await call('owner', 'POST', '/api/connectors', {
      name: 'Broken',
      kind: 'mastodon',
      settings: { instanceUrl: 'ftp://mastodon.example', hashtags: [] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toMatch(/instanceUrl/);

    const list = await call('analyst', 'GET', '/api/connectors');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(TOKEN);
    expect(list.json<{ connectors: unknown[] }>().connectors).toHaveLength(1);
    expect(
      (await call('analyst', 'PATCH', `/api/connectors/${connector.id}`, { enabled: false })).statusCode,
    ).toBe(403);

    const disabled = await call('owner', 'PATCH', `/api/connectors/${connector.id}`, {
      enabled: false,
      settings: {
        instanceUrl: 'https://mastodon.example',
        hashtags: ['nordvik', 'kettle'],
        publishReplies: true,
      },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({
      enabled: false,
      status: 'disabled',
      secretsSet: ['accessToken'],
      settings: { hashtags: ['nordvik', 'kettle'], publishReplies: true },
    });
    const badSettings = await call('owner', 'PATCH', `/api/connectors/${connector.id}`, {
      settings: { instanceUrl: 'https://mastodon.example', hashtags: [], searches: [] },
    });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.body).toMatch(/at least one hashtag or search/);

    const cleared = await call('owner', 'PATCH', `/api/connectors/${connector.id}`, {
      secrets: { accessToken: null },
    });
    expect(cleared.json()).toMatchObject({ secretsSet: [] });

    expect((await call('owner', 'DELETE', `/api/connectors/${connector.id}`)).statusCode).toBe(204);
    expect((await call('owner', 'GET', `/api/connectors/${connector.id}`)).statusCode).toBe(404);
  });

  it('writes every change to the hash-chained audit log: who, which connector, which names; never a value', async () => {
    const before = (await call('owner', 'GET', '/api/audit?limit=500')).json<{ seq: string }[]>().length;
    const created = await call('owner', 'POST', '/api/connectors', {
      name: 'Audited feed',
      kind: 'mastodon',
      settings: { instanceUrl: 'https://mastodon.example', hashtags: ['nordvik'] },
      secrets: { accessToken: TOKEN },
    });
    const id = created.json<{ id: string }>().id;
    await call('owner', 'PATCH', `/api/connectors/${id}`, { enabled: false });
    await call('owner', 'PATCH', `/api/connectors/${id}`, { enabled: true });
    await call('owner', 'PATCH', `/api/connectors/${id}`, {
      settings: { instanceUrl: 'https://mastodon.example', hashtags: ['nordvik', 'kettle'] },
    });
    await call('owner', 'PATCH', `/api/connectors/${id}`, { secrets: { accessToken: 'rotated-token-5678' } });
    // Nothing changed: nothing to audit.
    await call('owner', 'PATCH', `/api/connectors/${id}`, { name: 'Audited feed' });
    // Refused changes are not audited either.
    expect((await call('analyst', 'DELETE', `/api/connectors/${id}`)).statusCode).toBe(403);
    expect((await call('owner', 'DELETE', `/api/connectors/${id}`)).statusCode).toBe(204);

    const response = await call('owner', 'GET', '/api/audit?limit=500');
    expect(response.body).not.toContain(TOKEN);
    expect(response.body).not.toContain('rotated-token-5678');
    const entries = response
      .json<
        {
          action: string;
          actorKind: string;
          actorId: string | null;
          targetId: string | null;
          details: unknown;
        }[]
      >()
      .slice(0, -before || undefined)
      .reverse();
    const ownerId = (await call('owner', 'GET', '/api/auth/me')).json<{ id: string }>().id;
    expect(entries.map((e) => e.action)).toEqual([
      'connector.created',
      'connector.paused',
      'connector.enabled',
      'connector.updated',
      'connector.credentials.changed',
      'connector.deleted',
    ]);
    expect(entries.every((e) => e.targetId === id && e.actorKind === 'user' && e.actorId === ownerId)).toBe(
      true,
    );
    expect(entries[0]?.details).toEqual({
      kind: 'mastodon',
      name: 'Audited feed',
      enabled: true,
      // The stored settings' names, defaults included; never their values.
      settings: ['hashtags', 'instanceUrl', 'pollIntervalSeconds', 'publishReplies', 'searches', 'streaming'],
      secretsSet: ['accessToken'],
    });
    expect(entries[3]?.details).toEqual({ kind: 'mastodon', settings: ['hashtags'] });
    expect(entries[4]?.details).toEqual({ kind: 'mastodon', secretsSet: ['accessToken'] });
    // The entries are part of the workspace's chain.
    expect((await call('owner', 'GET', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
