import { ROLES, type Role } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../src/http/access.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { signWebhookBody } from '../../src/ingest/webhook-signature.ts';
import { cookieFrom, signIn, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

describe.each(DATABASE_KINDS)('HTTP API on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  const routes: { method: string; url: string; access: RouteAccess | undefined }[] = [];
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = await buildHttpApp({
      db: database.db,
      databaseKind: database.kind,
      secureCookies: false,
      logLevel: 'silent',
      onRoute: (route) => routes.push(route),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('serves health and the OpenAPI document', async () => {
    expect((await app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok', database: kind });
    const doc = (await app.inject({ url: '/api/docs/json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/campaigns', '/api/imports', '/api/auth/login']),
    );
  });

  it('creates the owner on first run, once', async () => {
    expect((await app.inject({ url: '/api/setup' })).json()).toEqual({ firstRun: true });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { workspaceName: 'W', email: 'nope', displayName: 'O', password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/email/);
    expect(bad.json().error.message).toMatch(/password/);
    const setup = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        workspaceName: 'Nordvik',
        email: 'owner@example.com',
        displayName: 'Olga',
        password: PASSWORD,
      },
    });
    expect(setup.statusCode).toBe(201);
    expect(String(setup.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    cookies.set('owner', cookieFrom(setup));
    const again = await app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { workspaceName: 'X', email: 'x@example.com', displayName: 'X', password: PASSWORD },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_ALREADY_DONE');
  });

  it('signs users in and refuses wrong passwords', async () => {
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: cookies.get('owner') ?? '' },
        payload: { email: `${role}@example.com`, displayName: role, password: PASSWORD, role },
      });
      expect(created.statusCode).toBe(201);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `${role}@example.com`, password: PASSWORD },
      });
      expect(login.statusCode).toBe(204);
      cookies.set(role, cookieFrom(login));
    }
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'agent@example.com', password: 'wrong password' },
    });
    expect(wrong.statusCode).toBe(401);
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: cookies.get('agent') ?? '' } });
    expect(me.json()).toMatchObject({ email: 'agent@example.com', role: 'agent' });
  });

  it('enforces the declared roles on every route, for every role', async () => {
    const checked = routes.filter(
      (route) =>
        route.url.startsWith('/api/') &&
        route.access &&
        !('public' in route.access) &&
        route.method !== 'HEAD',
    );
    expect(checked.length).toBeGreaterThan(8);
    // Logging out ends the session, so it goes last.
    checked.sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    const failures: string[] = [];
    for (const route of checked) {
      const url = route.url.replace(/:[a-zA-Z]+/g, ZERO_UUID);
      const anonymous = await app.inject({
        method: route.method as 'GET',
        url,
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      if (anonymous.statusCode !== 401)
        failures.push(`${route.method} ${route.url} anonymous → ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: cookies.get(role) ?? '' },
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const allowed = route.access && 'roles' in route.access && route.access.roles.includes(role);
        const denied = response.statusCode === 403 || response.statusCode === 401;
        if (allowed === denied)
          failures.push(`${route.method} ${route.url} as ${role} → ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('admits only a portal token on portal routes, and refuses portal tokens on every team route', async () => {
    const portalRoutes = routes.filter(
      (route) =>
        route.url.startsWith('/api/') && route.access && 'portal' in route.access && route.method !== 'HEAD',
    );
    const teamRoutes = routes.filter(
      (route) =>
        route.url.startsWith('/api/') && route.access && 'roles' in route.access && route.method !== 'HEAD',
    );
    expect(portalRoutes.length).toBeGreaterThan(5);
    const owner = await signIn(app, 'owner@example.com');
    const advocate = await app.inject({
      method: 'POST',
      url: '/api/advocates',
      headers: { cookie: owner },
      payload: { displayName: 'Ana', languages: ['es'], consent: { given: true, reference: 'form' } },
    });
    const link = await app.inject({
      method: 'POST',
      url: `/api/advocates/${advocate.json<{ id: string }>().id}/portal-links`,
      headers: { cookie: owner },
      payload: {},
    });
    expect(link.statusCode).toBe(201);
    const token = link.json<{ token: string }>().token;
    const failures: string[] = [];
    const send = (route: { method: string; url: string }, headers: Record<string, string>) =>
      app.inject({
        method: route.method as 'GET',
        url: route.url.replace(/:[a-zA-Z]+/g, ZERO_UUID),
        headers,
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
    for (const route of portalRoutes) {
      // A team session (the owner's, the widest) does not open the portal, with or without a bad token.
      for (const headers of [{ cookie: owner }, { cookie: owner, 'x-ombud-portal': 'x'.repeat(43) }]) {
        const response = await send(route, headers);
        if (response.statusCode !== 401)
          failures.push(`${route.method} ${route.url} with a session → ${response.statusCode}`);
      }
      const admitted = await send(route, { 'x-ombud-portal': token });
      if ([401, 403].includes(admitted.statusCode))
        failures.push(`${route.method} ${route.url} with a portal token → ${admitted.statusCode}`);
    }
    for (const route of teamRoutes.filter((r) => r.url !== '/api/auth/logout')) {
      for (const headers of [{ 'x-ombud-portal': token }, { authorization: `Bearer ${token}` }]) {
        const response = await send(route, headers);
        if (response.statusCode !== 401)
          failures.push(`${route.method} ${route.url} with a portal token → ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('imports through an API key, keeps good lines and names bad ones', async () => {
    const owner = await signIn(app, 'owner@example.com');
    const key = await app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: owner },
      payload: { name: 'loader' },
    });
    expect(key.statusCode).toBe(201);
    const apiKey = key.json<{ key: string }>().key;
    const campaign = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: owner },
      payload: { name: 'Story', hashtags: ['#MiHistoria'], languages: ['es', 'sv', 'en'] },
    });
    expect(campaign.statusCode).toBe(201);
    const body = [
      JSON.stringify({
        id: 'a',
        text: 'Hola, me encanta mi nueva tetera, funciona muy bien #mihistoria',
        created_at: '2026-01-01T00:00:00Z',
        author: 'ana',
      }),
      '{broken',
      JSON.stringify({ id: 'b', text: 'hej', author: 'sven' }),
      JSON.stringify({ id: 'c', text: 'hello', created_at: '2026-01-01T00:00:00Z', author: 'joe' }),
    ].join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({
      accepted: 2,
      duplicate: 0,
      rejected: 2,
      problems: [
        { line: 2, code: 'INVALID_JSON' },
        { line: 3, field: 'created_at', code: 'FIELD_MISSING' },
      ],
    });
    const campaignId = campaign.json<{ id: string }>().id;
    const posts = await app.inject({
      url: `/api/posts?campaignId=${campaignId}`,
      headers: { cookie: owner },
    });
    expect(posts.json<{ posts: { text: string }[] }>().posts.map((p) => p.text)).toEqual([
      'Hola, me encanta mi nueva tetera, funciona muy bien #mihistoria',
    ]);
    const runner = createJobRunner({
      registry: createJobRegistry(),
      context: { db: database.db, now: () => new Date() },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    await runner.drain();
    const analysed = await app.inject({
      url: `/api/posts?campaignId=${campaignId}`,
      headers: { cookie: owner },
    });
    expect(analysed.json<{ posts: { analysis: unknown }[] }>().posts[0]?.analysis).toMatchObject({
      language: 'es',
    });
    const reanalyse = await app.inject({
      method: 'POST',
      url: `/api/campaigns/${campaignId}/reanalyze`,
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: {},
    });
    expect(reanalyse.statusCode).toBe(202);
    expect(reanalyse.json()).toEqual({ queued: 1 });
    expect(await runner.drain()).toBe(1);
    const keyOnOtherRoute = await app.inject({
      url: '/api/campaigns',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(keyOnOtherRoute.statusCode).toBe(403);
  });

  it('accepts signed webhooks once and refuses bad or replayed signatures', async () => {
    const owner = await signIn(app, 'owner@example.com');
    const source = await app.inject({
      method: 'POST',
      url: '/api/sources/webhook',
      headers: { cookie: owner },
      payload: { name: 'zapier' },
    });
    const { secret, url } = source.json<{ secret: string; url: string }>();
    const body = JSON.stringify({ posts: [{ id: 'w1', text: 'hola', author: 'ana' }, { id: 'w2' }] });
    const now = Math.floor(Date.now() / 1000);
    const signature = signWebhookBody(secret, body, now);
    const send = (sig: string, payload = body) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', 'x-ombud-signature': sig },
        payload,
      });
    const first = await send(signature);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await send(signature)).json().error.code).toBe('REPLAYED');
    expect((await send(signWebhookBody(secret, body, now - 3600))).json().error.message).toMatch(/300 s/);
    expect((await send(signWebhookBody('wrong', body, now))).statusCode).toBe(401);
    expect((await send(signature, body.replace('hola', 'hacked'))).statusCode).toBe(401);
  });
});
