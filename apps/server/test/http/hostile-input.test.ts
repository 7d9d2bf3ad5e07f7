import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { signWebhookBody } from '../../src/ingest/webhook-signature.ts';
import { startAppWithOwner } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

// SQL-injection and oversized-payload attempts against the API (issue #7, hostile input).

const INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE post; --",
  '1; DELETE FROM author',
  "x'); SELECT pg_sleep(3); --",
  '" OR ""="',
  "%' OR '1'='1",
  '$$; DROP TABLE app_user; $$',
  "') UNION SELECT password_hash, null FROM app_user --",
  "\\'; TRUNCATE audit_log; --",
  "<script>alert('x')</script>",
];

describe.each(DATABASE_KINDS)('hostile input against the API on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let owner = '';
  let apiKey = '';

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ app, owner } = await startAppWithOwner(database, { workspaceName: 'W' }));
    apiKey = (
      await app.inject({
        method: 'POST',
        url: '/api/api-keys',
        headers: { cookie: owner },
        payload: { name: 'k' },
      })
    ).json<{ key: string }>().key;
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const tableCount = async () =>
    (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
        database.db,
      )
    ).rows[0]?.n ?? 0;

  it('stores injection strings literally and never runs them', async () => {
    const tablesBefore = await tableCount();
    const lines = INJECTIONS.map((text, i) =>
      JSON.stringify({
        id: `inj-${i}`,
        text,
        author: text,
        created_at: '2026-11-01T00:00:00Z',
        platform: text,
      }),
    ).join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
      payload: lines,
    });
    expect(imported.json()).toMatchObject({ accepted: INJECTIONS.length, rejected: 0 });
    for (const payload of INJECTIONS) {
      const started = performance.now();
      const search = await app.inject({
        url: `/api/posts?q=${encodeURIComponent(payload)}`,
        headers: { cookie: owner },
      });
      expect(performance.now() - started).toBeLessThan(2500);
      expect(search.statusCode).toBe(200);
      expect(search.body).not.toMatch(/scrypt\$/);
      const campaign = await app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: { cookie: owner, 'content-type': 'application/json' },
        payload: { name: `c ${payload}`, keywords: [payload] },
      });
      expect(campaign.statusCode).toBe(201);
      expect(campaign.json()).toMatchObject({ name: `c ${payload}`, keywords: [payload] });
      const byId = await app.inject({
        url: `/api/campaigns/${encodeURIComponent(payload)}`,
        headers: { cookie: owner },
      });
      expect(byId.statusCode).toBe(400);
      const original = await app.inject({
        url: `/api/posts/${encodeURIComponent(payload)}/original`,
        headers: { cookie: owner },
      });
      expect(original.statusCode).toBe(400);
      const request = await app.inject({
        method: 'POST',
        url: '/api/privacy/requests',
        headers: { cookie: owner, 'content-type': 'application/json' },
        payload: { kind: 'access', subjects: [{ platform: payload, handle: payload }] },
      });
      expect(request.statusCode).toBe(201);
    }
    const stored = await sql<{ text: string; handle: string }>`
      SELECT p.text, a.handle FROM post p JOIN author a ON a.id = p.author_id ORDER BY p.external_id`.execute(
      database.db,
    );
    expect(stored.rows.map((r) => r.text).sort()).toEqual([...INJECTIONS].sort());
    expect(stored.rows.every((r) => INJECTIONS.includes(r.handle))).toBe(true);
    // Posts come back as JSON data, never as markup.
    const list = await app.inject({ url: '/api/posts', headers: { cookie: owner } });
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    expect(list.json<{ posts: { text: string }[] }>().posts.map((p) => p.text)).toContain(
      "<script>alert('x')</script>",
    );
    expect(await tableCount()).toBe(tablesBefore);
    const users = await sql<{ n: number }>`SELECT count(*)::int AS n FROM app_user`.execute(database.db);
    expect(users.rows[0]?.n).toBe(1);
  });

  it('erases a person whose handle is an injection string, and only them', async () => {
    const handle = "'; DROP TABLE post; --";
    const request = await app.inject({
      method: 'POST',
      url: '/api/privacy/requests',
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: { kind: 'erasure', subjects: [{ platform: handle, handle }] },
    });
    const done = await app.inject({
      method: 'POST',
      url: `/api/privacy/requests/${request.json<{ id: string }>().id}/execute`,
      headers: { cookie: owner },
    });
    expect(done.json()).toMatchObject({ status: 'done' });
    expect(done.json()).toMatchObject({ outcome: { authorsErased: 1, rowsDeleted: { post: 1 } } });
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM post`.execute(database.db);
    expect(left.rows[0]?.n).toBe(INJECTIONS.length - 1);
  });

  it('refuses oversized payloads with 413 and over-long fields with 400, and stays up', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', keywords: ['y'.repeat(2 * 1024 * 1024)] }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const deep = await app.inject({
      method: 'POST',
      url: '/api/privacy/consents',
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    });
    expect(deep.statusCode).toBe(400);
    const longQuery = await app.inject({
      url: `/api/posts?q=${'a'.repeat(5000)}`,
      headers: { cookie: owner },
    });
    expect(longQuery.statusCode).toBe(400);
    const tooManyPatterns = await app.inject({
      method: 'PUT',
      url: '/api/privacy/policy',
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: {
        customPatterns: Array.from({ length: 51 }, () => ({ type: 'ORDER_NUMBER', pattern: 'ORD-\\d+' })),
      },
    });
    expect(tooManyPatterns.statusCode).toBe(400);
    const longEvidence = await app.inject({
      method: 'POST',
      url: '/api/privacy/consents',
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: {
        subject: { platform: 'x', handle: 'y' },
        purpose: 'contact',
        lawfulBasis: 'consent',
        source: 's',
        evidence: 'e'.repeat(5000),
      },
    });
    expect(longEvidence.statusCode).toBe(400);
    // One 2 MB line in an import is reported on its line; the lines around it are kept.
    const lines = [
      JSON.stringify({ id: 'ok-1', text: 'fine', author: 'a', created_at: '2026-11-01T00:00:00Z' }),
      JSON.stringify({
        id: 'huge',
        text: 'z'.repeat(2 * 1024 * 1024),
        author: 'a',
        created_at: '2026-11-01T00:00:00Z',
      }),
      JSON.stringify({ id: 'ok-2', text: 'fine too', author: 'a', created_at: '2026-11-01T00:00:00Z' }),
    ].join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-ndjson' },
      payload: lines,
    });
    expect(imported.json()).toMatchObject({
      accepted: 2,
      rejected: 1,
      problems: [{ line: 2, code: 'RECORD_TOO_LARGE' }],
    });
    // A webhook body over its 5 MB limit is refused before the signature is even checked.
    const source = await app.inject({
      method: 'POST',
      url: '/api/sources/webhook',
      headers: { cookie: owner, 'content-type': 'application/json' },
      payload: { name: 'hook' },
    });
    const { url, secret } = source.json<{ url: string; secret: string }>();
    const body = JSON.stringify({ posts: [{ id: 'w', text: 'w'.repeat(6 * 1024 * 1024), author: 'a' }] });
    const hook = await app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        'x-ombud-signature': signWebhookBody(secret, body, Math.floor(Date.now() / 1000)),
      },
      payload: body,
    });
    expect(hook.statusCode).toBe(413);
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
