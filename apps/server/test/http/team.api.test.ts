import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { signIn as signInAs, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

describe.each(DATABASE_KINDS)('team management on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let owner = '';
  let ownerId = '';

  const as = (cookie: string) => ({ cookie, 'content-type': 'application/json' });
  const addMember = async (email: string, role: string) => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(owner),
      payload: { email, displayName: email.split('@')[0], password: PASSWORD, role },
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ id: string }>().id;
  };
  const signIn = (email: string) => signInAs(app, email);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ app, owner, ownerId } = await startAppWithOwner(database, { workspaceName: 'W' }));
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('changes a role, and the new role applies to the next request', async () => {
    const id = await addMember('ana@example.com', 'viewer');
    const ana = await signIn('ana@example.com');
    expect((await app.inject({ url: '/api/inbox/templates', headers: as(ana) })).statusCode).toBe(403);
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: as(owner),
      payload: { role: 'agent', locale: 'sv' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id, role: 'agent', locale: 'sv', email: 'ana@example.com' });
    expect((await app.inject({ url: '/api/inbox/templates', headers: as(ana) })).statusCode).toBe(200);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('action', '=', 'user.updated')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses an empty change and changes by non-owners', async () => {
    const id = await addMember('bo@example.com', 'analyst');
    const empty = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: as(owner),
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const bo = await signIn('bo@example.com');
    const selfPromotion = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: as(bo),
      payload: { role: 'owner' },
    });
    expect(selfPromotion.statusCode).toBe(403);
  });

  it('keeps the last owner: no demotion, no removal, no removing yourself', async () => {
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/users/${ownerId}`,
      headers: as(owner),
      payload: { role: 'analyst' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/needs an owner/);
    const self = await app.inject({
      method: 'DELETE',
      url: `/api/users/${ownerId}`,
      headers: { cookie: owner },
    });
    expect(self.statusCode).toBe(409);
    // With a second owner the first may step down.
    const second = await addMember('second@example.com', 'owner');
    const stepDown = await app.inject({
      method: 'PATCH',
      url: `/api/users/${second}`,
      headers: as(owner),
      payload: { role: 'viewer' },
    });
    expect(stepDown.json()).toMatchObject({ role: 'viewer' });
  });

  it('removes a member, ends their session and keeps other members', async () => {
    const id = await addMember('cy@example.com', 'agent');
    const cy = await signIn('cy@example.com');
    expect((await app.inject({ url: '/api/auth/me', headers: as(cy) })).statusCode).toBe(200);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/users/${id}`,
      headers: { cookie: owner },
    });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: as(cy) })).statusCode).toBe(401);
    const users = (await app.inject({ url: '/api/users', headers: as(owner) })).json<{ email: string }[]>();
    expect(users.map((user) => user.email)).not.toContain('cy@example.com');
    expect(users.map((user) => user.email)).toContain('ana@example.com');
    const again = await app.inject({ method: 'DELETE', url: `/api/users/${id}`, headers: { cookie: owner } });
    expect(again.statusCode).toBe(404);
  });

  it('publishes the researched disclosure defaults', async () => {
    const defaults = await app.inject({ url: '/api/brief/disclosure-defaults', headers: as(owner) });
    expect(defaults.statusCode).toBe(200);
    const rules = defaults.json<{ market: string; tags: string[]; placement: string }[]>();
    expect(rules.find((rule) => rule.market === 'SE')).toMatchObject({
      tags: ['Reklam', '#reklam', 'Annons', '#annons'],
      placement: 'start',
    });
  });

  it('names the brief field a validation problem is in, so the editor can show it there', async () => {
    const campaign = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as(owner),
      payload: { name: 'Brief test', languages: ['en', 'sv'], markets: ['SE'] },
    });
    const id = campaign.json<{ id: string }>().id;
    const bad = await app.inject({
      method: 'PUT',
      url: `/api/campaigns/${id}/brief`,
      headers: as(owner),
      payload: {
        version: 1,
        brand: 'Nordvik',
        disclosure: { rules: [{ market: 'SE', tags: ['Reklam'], placement: 'first_chars' }] },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { where: 'body.disclosure.rules.0.firstChars', message: 'required when placement is "first_chars"' },
    ]);
  });
});
