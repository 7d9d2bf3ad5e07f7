import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * CSRF in a real browser. A page on another port of the same host is "same-site", so the
 * SameSite=Strict session cookie travels with its requests; only the Sec-Fetch-Site/Origin check
 * stops a body-less cross-origin POST from acting as the signed-in owner.
 */
describe('cookie-authenticated writes in Chromium', () => {
  let database: TestDatabase;
  let app: HttpApp;
  let attacker: Server;
  let context: BrowserContext;
  let profileDir = '';
  let base = '';
  let evil = '';

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    app = await buildHttpApp({
      db: database.db,
      databaseKind: database.kind,
      secureCookies: false,
      logLevel: 'silent',
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;
    attacker = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>cute kittens</title>');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    const attackerAddress = attacker.address();
    if (!attackerAddress || typeof attackerAddress === 'string') throw new Error('no TCP address');
    evil = `http://127.0.0.1:${attackerAddress.port}`;
    profileDir = mkdtempSync(join(tmpdir(), 'ombud-csrf-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    context.setDefaultTimeout(20_000);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await app?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await database?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('lets the signed-in page write and refuses the same request from another origin', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${base}/api/health`);
    const own = await page.evaluate(async () => {
      const setup = await fetch('/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          workspaceName: 'W',
          email: 'owner@example.com',
          displayName: 'O',
          password: 'correct horse battery',
        }),
      });
      const request = await fetch('/api/privacy/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'erasure', subjects: [{ platform: 'x', handle: 'somebody' }] }),
      });
      const body = (await request.json()) as { id: string };
      return { setup: setup.status, request: request.status, id: body.id };
    });
    expect(own).toMatchObject({ setup: 201, request: 201 });

    // A body-less POST is a "simple" request: the browser sends it, cookie included, without asking.
    const other = await context.newPage();
    await other.goto(evil);
    await other.evaluate(
      async ({ target, id }) => {
        const attempts = [
          fetch(`${target}/api/privacy/requests/${id}/execute`, {
            method: 'POST',
            mode: 'no-cors',
            credentials: 'include',
          }),
          fetch(`${target}/api/campaigns`, {
            method: 'POST',
            mode: 'no-cors',
            credentials: 'include',
            headers: { 'content-type': 'text/plain' },
            body: JSON.stringify({ name: 'Evil' }),
          }),
        ];
        // Cross-Origin-Resource-Policy hides the answers; the requests were still sent.
        await Promise.allSettled(attempts);
      },
      { target: base, id: own.id },
    );
    const pending = await sql<{ status: string }>`SELECT status FROM privacy_request`.execute(database.db);
    expect(pending.rows).toEqual([{ status: 'pending' }]);
    const campaigns = await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign`.execute(database.db);
    expect(campaigns.rows[0]?.n).toBe(0);

    // The very same body-less request from the signed-in page itself goes through.
    const executed = await page.evaluate(
      async (id) => (await fetch(`/api/privacy/requests/${id}/execute`, { method: 'POST' })).status,
      own.id,
    );
    expect(executed).toBe(200);
    const done = await sql<{ status: string }>`SELECT status FROM privacy_request`.execute(database.db);
    expect(done.rows).toEqual([{ status: 'done' }]);
  }, 120_000);
});
