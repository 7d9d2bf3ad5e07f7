import type { Role } from '@ombud/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { drainJobs } from './privacy-seed.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };

describe.each(DATABASE_KINDS)('privacy API on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  const cookies = new Map<Role, string>();
  const userIds = new Map<Role, string>();
  let apiKey = '';
  let apiKeyId = '';

  const as = (role: Role, extra: Record<string, string> = {}) => ({
    cookie: cookies.get(role) ?? '',
    ...extra,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    let owner = '';
    ({ app, owner } = await startAppWithOwner(database));
    cookies.set('owner', owner);
    for (const role of ['analyst', 'viewer', 'advocate_manager', 'agent'] as const) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: as('owner'),
        payload: { email: `${role}@example.com`, displayName: role, password: PASSWORD, role },
      });
      userIds.set(role, created.json<{ id: string }>().id);
      cookies.set(role, await signIn(app, `${role}@example.com`));
    }
    const key = await app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: as('owner'),
      payload: { name: 'loader' },
    });
    ({ key: apiKey, id: apiKeyId } = key.json<{ key: string; id: string }>());
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const importPosts = (lines: Record<string, unknown>[]) =>
    app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
      payload: lines.map((line) => JSON.stringify(line)).join('\n'),
    });

  it('lets only owners change the redaction policy, and applies it at ingest', async () => {
    expect((await app.inject({ url: '/api/privacy/policy', headers: as('analyst') })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/privacy/policy', headers: as('viewer') })).statusCode).toBe(403);
    const body = {
      redaction: 'pseudonymise',
      keepOriginal: true,
      customPatterns: [{ type: 'ORDER_NUMBER', pattern: 'ORD-\\d{6}' }],
    };
    const denied = await app.inject({
      method: 'PUT',
      url: '/api/privacy/policy',
      headers: as('analyst'),
      payload: body,
    });
    expect(denied.statusCode).toBe(403);
    const badPattern = await app.inject({
      method: 'PUT',
      url: '/api/privacy/policy',
      headers: as('owner'),
      payload: { customPatterns: [{ type: 'ORDER_NUMBER', pattern: '(' }] },
    });
    expect(badPattern.statusCode).toBe(400);
    expect(badPattern.json().error.message).toMatch(/customPatterns\.0\.pattern/);
    const policy = await app.inject({
      method: 'PUT',
      url: '/api/privacy/policy',
      headers: as('owner'),
      payload: body,
    });
    expect(policy.statusCode).toBe(200);
    expect(policy.json()).toMatchObject({ redaction: 'pseudonymise', keepOriginal: true });
    expect(JSON.stringify(policy.json())).not.toMatch(/pseudonym_?key/i);
    const imported = await importPosts([
      {
        id: 'p1',
        text: 'Order ORD-123456 never came, mail me at sara@example.com, so disappointed',
        created_at: '2026-11-20T10:00:00Z',
        author: 'sara_k',
      },
      { id: 'p2', text: 'Love the kettle!', created_at: '2026-11-20T11:00:00Z', author: 'max' },
    ]);
    expect(imported.json()).toMatchObject({ accepted: 2 });
    const posts = await app.inject({ url: '/api/posts', headers: as('analyst') });
    const stored = posts.json<{ posts: { id: string; text: string }[] }>().posts;
    const redacted = stored.find((p) => p.text.includes('disappointed'))!;
    expect(redacted.text).toMatch(
      /^Order \[ORDER_NUMBER:[0-9a-f]{12}\] never came, mail me at \[EMAIL:[0-9a-f]{12}\]/,
    );
  });

  it('shows originals only with the view_original permission, and audits every read', async () => {
    const posts = await app.inject({ url: '/api/posts', headers: as('owner') });
    const postId = posts
      .json<{ posts: { id: string; text: string }[] }>()
      .posts.find((p) => p.text.includes('['))!.id;
    const url = `/api/posts/${postId}/original`;
    expect((await app.inject({ url, headers: as('viewer') })).statusCode).toBe(403);
    const analystDenied = await app.inject({ url, headers: as('analyst') });
    expect(analystDenied.statusCode).toBe(403);
    expect(analystDenied.json().error.message).toMatch(/view_original/);
    const ownerRead = await app.inject({ url, headers: as('owner') });
    expect(ownerRead.statusCode).toBe(200);
    expect(ownerRead.json().text).toContain('sara@example.com');
    const grant = await app.inject({
      method: 'POST',
      url: '/api/privacy/permissions',
      headers: as('owner'),
      payload: { userId: userIds.get('analyst'), permission: 'view_original' },
    });
    expect(grant.statusCode).toBe(204);
    expect((await app.inject({ url, headers: as('analyst') })).statusCode).toBe(200);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/privacy/permissions/${userIds.get('analyst')}/view_original`,
      headers: as('owner'),
    });
    expect(revoke.statusCode).toBe(204);
    expect((await app.inject({ url, headers: as('analyst') })).statusCode).toBe(403);
    const audit = await app.inject({ url: '/api/audit?action=post.original.read', headers: as('owner') });
    const reads = audit.json<{ actorId: string; targetId: string }[]>();
    // The owner's read and the analyst's (sorting a matcher with ids would make the order random).
    expect(reads).toHaveLength(2);
    expect(reads.map((r) => r.actorId)).toContain(userIds.get('analyst'));
    expect(reads.every((r) => r.targetId === postId)).toBe(true);
    expect((await app.inject({ url: '/api/audit', headers: as('analyst') })).statusCode).toBe(403);
  });

  it('records consent, blocks reuse without it, and exports receipts', async () => {
    const posts = await app.inject({ url: '/api/posts', headers: as('owner') });
    const post = posts
      .json<{ posts: { id: string; author: { handle: string } }[] }>()
      .posts.find((p) => p.author.handle === 'max')!;
    const reuse = () =>
      app.inject({
        method: 'POST',
        url: '/api/privacy/reuse',
        headers: as('advocate_manager'),
        payload: { postId: post.id },
      });
    const blocked = await reuse();
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('CONSENT_REQUIRED');
    const consent = await app.inject({
      method: 'POST',
      url: '/api/privacy/consents',
      headers: as('advocate_manager'),
      payload: {
        subject: { platform: 'import', handle: 'max' },
        purpose: 'marketing_reuse',
        lawfulBasis: 'consent',
        source: 'DM',
      },
    });
    expect(consent.statusCode).toBe(201);
    const viewerConsent = await app.inject({ url: '/api/privacy/consents', headers: as('viewer') });
    expect(viewerConsent.statusCode).toBe(403);
    expect((await reuse()).statusCode).toBe(201);
    const { id, authorId } = consent.json<{ id: string; authorId: string }>();
    const receipt = await app.inject({ url: `/api/privacy/consents/${id}/receipt`, headers: as('owner') });
    expect(receipt.headers['content-disposition']).toMatch(/attachment/);
    expect(receipt.json()).toMatchObject({
      receiptVersion: 'ombud-consent-receipt/1',
      status: 'active',
      subject: { handle: 'max' },
    });
    const withdrawn = await app.inject({
      method: 'POST',
      url: `/api/privacy/consents/${id}/withdraw`,
      headers: as('owner'),
      payload: { source: 'reply on X' },
    });
    expect(withdrawn.json()).toMatchObject({ valid: false });
    expect((await reuse()).statusCode).toBe(409);
    const receipts = await app.inject({
      url: `/api/privacy/consent-receipts?authorId=${authorId}`,
      headers: as('analyst'),
    });
    expect(receipts.json()).toEqual([expect.objectContaining({ status: 'withdrawn' })]);
    const list = await app.inject({ url: '/api/privacy/reuse', headers: as('owner') });
    expect(list.json()).toEqual([expect.objectContaining({ postId: post.id, stillAllowed: false })]);
  });

  it('keeps consent wording per purpose and language, versioned, and readiness reads it', async () => {
    const put = (role: Role, path: string, text: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/privacy/consent-texts/${path}`,
        headers: as(role, JSON_HEADERS),
        payload: JSON.stringify({ text }),
      });
    expect((await put('viewer', 'marketing_reuse/en', 'May we share your post?')).statusCode).toBe(403);
    expect((await put('agent', 'marketing_reuse/en', 'May we share your post?')).statusCode).toBe(403);
    const badLanguage = await put('analyst', 'marketing_reuse/English', 'May we share your post?');
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.json<{ error: { message: string } }>().error.message).toMatch(/language/);
    const empty = await put('analyst', 'marketing_reuse/en', '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { message: string } }>().error.message).toMatch(/text/);

    const first = await put('analyst', 'marketing_reuse/en', 'May we share your post in our ads?');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ purpose: 'marketing_reuse', language: 'en', version: 1 });
    const same = await put('owner', 'marketing_reuse/en', 'May we share your post in our ads?');
    expect(same.json()).toMatchObject({ version: 1 });
    const changed = await put('owner', 'marketing_reuse/en', 'May we share your post in our adverts?');
    expect(changed.json()).toMatchObject({ version: 2, text: 'May we share your post in our adverts?' });
    await put('advocate_manager', 'marketing_reuse/es', '¿Podemos compartir tu publicación?');

    const list = await app.inject({
      method: 'GET',
      url: '/api/privacy/consent-texts',
      headers: as('analyst'),
    });
    expect(list.json<{ language: string; version: number }[]>()).toEqual([
      expect.objectContaining({ language: 'en', version: 2 }),
      expect.objectContaining({ language: 'es', version: 1 }),
    ]);
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'consent.text.saved'`.execute(database.db);
    expect(audited.rows[0]?.n).toBe(4);

    const campaign = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as('owner', JSON_HEADERS),
      payload: JSON.stringify({ name: 'Consent check', languages: ['en', 'es', 'sv'] }),
    });
    const campaignId = campaign.json<{ id: string }>().id;
    const consentQuestion = async () => {
      const readiness = await app.inject({
        method: 'GET',
        url: `/api/readiness/${campaignId}`,
        headers: as('owner'),
      });
      return readiness
        .json<{ questions: { id: string; status: string }[] }>()
        .questions.find((question) => question.id === 'consent_text_translated');
    };
    expect(await consentQuestion()).toMatchObject({ status: 'partial' });
    await put('owner', 'marketing_reuse/sv', 'Får vi dela ditt inlägg?');
    expect(await consentQuestion()).toMatchObject({ status: 'pass' });
  });

  it('lets analysts file data-subject requests and only owners carry them out', async () => {
    await drainJobs(database.db);
    const access = await app.inject({
      method: 'POST',
      url: '/api/privacy/requests',
      headers: as('analyst'),
      payload: { kind: 'access', subjects: [{ platform: 'import', handle: 'sara_k' }] },
    });
    expect(access.statusCode).toBe(201);
    const viewerRequest = await app.inject({
      method: 'POST',
      url: '/api/privacy/requests',
      headers: as('viewer'),
      payload: { kind: 'access', subjects: [{ platform: 'import', handle: 'sara_k' }] },
    });
    expect(viewerRequest.statusCode).toBe(403);
    const accessId = access.json<{ id: string }>().id;
    expect(
      (await app.inject({ url: `/api/privacy/requests/${accessId}/export`, headers: as('analyst') }))
        .statusCode,
    ).toBe(403);
    const json = await app.inject({ url: `/api/privacy/requests/${accessId}/export`, headers: as('owner') });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ authors: [expect.objectContaining({ handle: 'sara_k' })] });
    expect(json.json().tables.post_original[0].text).toContain('sara@example.com');
    const csv = await app.inject({
      url: `/api/privacy/requests/${accessId}/export?format=csv`,
      headers: as('owner'),
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('author,author,1,handle,sara_k');

    const erasure = await app.inject({
      method: 'POST',
      url: '/api/privacy/requests',
      headers: as('analyst'),
      payload: { kind: 'erasure', subjects: [{ platform: 'import', handle: 'sara_k' }] },
    });
    const erasureId = erasure.json<{ id: string }>().id;
    const url = `/api/privacy/requests/${erasureId}/execute`;
    expect((await app.inject({ method: 'POST', url, headers: as('analyst') })).statusCode).toBe(403);
    const done = await app.inject({ method: 'POST', url, headers: as('owner') });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', subjects: null, outcome: { authorsErased: 1 } });
    const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM post WHERE text LIKE '%disappointed%'`.execute(database.db);
    expect(left.rows[0]?.n).toBe(0);
    const list = await app.inject({ url: '/api/privacy/requests', headers: as('analyst') });
    expect(JSON.stringify(list.json())).not.toContain('sara_k');
    const verify = await app.inject({ url: '/api/audit/verify', headers: as('owner') });
    expect(verify.json()).toMatchObject({ ok: true });
    const actions = (await app.inject({ url: '/api/audit?limit=500', headers: as('owner') })).json<
      { action: string }[]
    >();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'user.created',
        'consent.text.saved',
        'campaign.created',
        'api_key.created',
        'privacy.policy.updated',
        'posts.read',
        'post.original.read',
        'permission.granted',
        'permission.revoked',
        'consent.recorded',
        'consent.withdrawn',
        'consent.receipt.exported',
        'content.reuse.approved',
        'privacy.request.access.created',
        'privacy.request.erasure.created',
        'privacy.export.generated',
        'privacy.erasure.executed',
      ]),
    );
  });

  it('runs retention on demand for owners only', async () => {
    expect(
      (await app.inject({ method: 'POST', url: '/api/privacy/retention/run', headers: as('analyst') }))
        .statusCode,
    ).toBe(403);
    const run = await app.inject({ method: 'POST', url: '/api/privacy/retention/run', headers: as('owner') });
    expect(run.json()).toEqual({ workspaces: 0, deleted: 0, anonymised: 0 });
  });

  it('stores API keys hashed, lists them without the secret and revokes them', async () => {
    const found = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM api_key WHERE key_hash = ${apiKey} OR prefix = ${apiKey} OR name = ${apiKey}`.execute(
      database.db,
    );
    expect(found.rows[0]?.n).toBe(0);
    const list = await app.inject({ url: '/api/api-keys', headers: as('owner') });
    expect(list.json()).toEqual([expect.objectContaining({ id: apiKeyId, name: 'loader', revokedAt: null })]);
    expect(list.body).not.toContain(apiKey);
    expect((await app.inject({ url: '/api/api-keys', headers: as('analyst') })).statusCode).toBe(403);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/api-keys/${apiKeyId}`,
      headers: as('owner'),
    });
    expect(revoke.statusCode).toBe(204);
    expect(
      (
        await importPosts([
          { id: 'z', text: 'after revoke', created_at: '2026-11-20T10:00:00Z', author: 'z' },
        ])
      ).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/api-keys/${apiKeyId}`, headers: as('owner') }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses cross-site cookie writes and sends security headers', async () => {
    const payload = { name: 'Evil campaign' };
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as('owner', { ...JSON_HEADERS, origin: 'https://evil.example', host: 'localhost:3000' }),
      payload,
    });
    expect(crossSite.statusCode).toBe(403);
    const fetchSite = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as('owner', { ...JSON_HEADERS, 'sec-fetch-site': 'same-site' }),
      payload,
    });
    expect(fetchSite.statusCode).toBe(403);
    const form = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as('owner', { 'content-type': 'application/x-www-form-urlencoded' }),
      payload: 'name=Evil',
    });
    expect(form.statusCode).toBe(403);
    const sameOrigin = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as('owner', {
        ...JSON_HEADERS,
        origin: 'http://localhost:3000',
        host: 'localhost:3000',
        'sec-fetch-site': 'same-origin',
      }),
      payload,
    });
    expect(sameOrigin.statusCode).toBe(201);
    const health = await app.inject({ url: '/api/health' });
    expect(health.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(health.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(health.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(health.headers['x-powered-by']).toBeUndefined();
  });

  it('hashes passwords with scrypt and rate-limits login attempts', async () => {
    const stored = await sql<{ password_hash: string }>`SELECT password_hash FROM app_user`.execute(
      database.db,
    );
    for (const row of stored.rows) {
      expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(row.password_hash).not.toContain(PASSWORD);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const attempt = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'owner@example.com', password: `wrong password ${i}` },
      });
      statuses.push(attempt.statusCode);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  });
});
