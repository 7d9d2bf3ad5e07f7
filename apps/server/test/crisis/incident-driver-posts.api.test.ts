import type { PostListItem } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const HOSTILE = '<img src=x onerror="alert(1)"> la tetera explota';

describe.each(DATABASE_KINDS)('GET /api/incidents/:id/posts on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let owner = '';
  let viewer = '';
  let incidentId = '';

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    let workspaceId = '';
    ({ app, owner, workspaceId } = await startAppWithOwner(database));
    await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: owner },
      payload: { email: 'viewer@example.com', displayName: 'Vera', password: PASSWORD, role: 'viewer' },
    });
    viewer = await signIn(app, 'viewer@example.com');
    const campaign = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: owner },
      payload: { name: 'Kettle', hashtags: ['#Kettle'], languages: ['es'] },
    });
    const campaignId = campaign.json<{ id: string }>().id;
    const lines = ['a', 'b', 'c'].map((id, i) =>
      JSON.stringify({
        id,
        text: id === 'b' ? HOSTILE : `post ${id} #Kettle`,
        lang: 'es',
        author: `user_${id}`,
        created_at: new Date(Date.UTC(2026, 10, 20, 10, i)).toISOString(),
      }),
    );
    const imported = await app.inject({
      method: 'POST',
      url: `/api/imports?campaignId=${campaignId}`,
      headers: { cookie: owner, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(imported.json()).toMatchObject({ accepted: 3 });
    const posts = await database.db.selectFrom('post').select(['id', 'external_id']).execute();
    const idOf = (external: string) => posts.find((p) => p.external_id === external)!.id;
    const at = new Date('2026-11-20T10:00:00Z');
    const incident = await database.db
      .insertInto('incident')
      .values({
        workspace_id: workspaceId,
        campaign_id: campaignId,
        title: 'Rumour',
        severity: 'warning',
        languages: ['es'],
        markets: [],
        story: '{}',
        evidence: '[]',
        started_at: at,
        detected_at: at,
        last_signal_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    incidentId = incident.id;
    // Only b and c drive it; b scores highest.
    await database.db
      .insertInto('incident_post')
      .values([
        { incident_id: incidentId, post_id: idOf('c'), language: 'es', score: 1, reasons: ['negative'] },
        {
          incident_id: incidentId,
          post_id: idOf('b'),
          language: 'es',
          score: 3,
          reasons: ['risk:explosion'],
        },
      ])
      .execute();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('returns the driving posts, highest score first, with their text exactly as written', async () => {
    const response = await app.inject({
      url: `/api/incidents/${incidentId}/posts`,
      headers: { cookie: viewer },
    });
    expect(response.statusCode).toBe(200);
    const posts = response.json<PostListItem[]>();
    expect(posts.map((p) => p.externalId)).toEqual(['b', 'c']);
    expect(posts[0]?.text).toBe(HOSTILE);
    expect(posts[0]?.author.handle).toBe('user_b');
    const audited = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'posts.read')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('says which incident is missing, and drops an erased post', async () => {
    const missing = await app.inject({
      url: '/api/incidents/00000000-0000-4000-8000-000000000000/posts',
      headers: { cookie: viewer },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/no incident 00000000-0000-4000-8000-000000000000/);
    await database.db.deleteFrom('post').where('external_id', '=', 'b').execute();
    const after = await app.inject({
      url: `/api/incidents/${incidentId}/posts`,
      headers: { cookie: viewer },
    });
    expect(after.json<PostListItem[]>().map((p) => p.externalId)).toEqual(['c']);
  });
});
