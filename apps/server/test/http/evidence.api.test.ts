import {
  JUDGEMENT_CODES,
  readJudgement,
  type InboxItem,
  type InboxItemDetail,
  type JudgementEvidence,
  type PostEvidence,
} from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD as PASSWORD } from '../support/http-app.ts';
import { ingestPosts, runIntake, type InboxWorld } from '../support/inbox-fixtures.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

/** Every entry carries a code the catalogues know, with parameters of the declared names and types. */
function expectCoded(entries: readonly JudgementEvidence[]): void {
  for (const entry of entries) {
    expect(entry.code, `${entry.rule}: ${entry.detail}`).toBeDefined();
    expect(readJudgement(entry.code, entry.params), `${entry.code} ${JSON.stringify(entry.params)}`).toEqual({
      code: entry.code,
      params: entry.params,
    });
  }
}

describe.each(DATABASE_KINDS)('judgements with codes and post evidence on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  const cookies = new Map<string, string>();
  let world: InboxWorld;
  let postIds: string[];

  const call = (role: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
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
    await call('owner', 'POST', '/api/users', {
      email: 'viewer@example.com',
      displayName: 'Vera',
      password: PASSWORD,
      role: 'viewer',
    });
    cookies.set('viewer', await signIn(app, 'viewer@example.com'));
    const campaign = await call('owner', 'POST', '/api/campaigns', {
      name: 'Kettle launch',
      keywords: ['Nordvik'],
      languages: ['en', 'es', 'sv'],
    });
    const owner = await database.db
      .selectFrom('app_user')
      .select(['id', 'workspace_id'])
      .executeTakeFirstOrThrow();
    world = { workspaceId: owner.workspace_id, campaignId: campaign.json().id };
    postIds = await ingestPosts(database.db, world, [
      {
        text: 'My Nordvik kettle is not good at all, it leaks after two days! How do I get a refund?',
        author: 'ana_k',
        createdAt: '2026-03-02T10:30:00Z',
      },
    ]);
    await runIntake(database.db, postIds, NOW);
    await call('owner', 'PUT', `/api/inbox/agents/${owner.id}`, { languages: ['en'], maxLoad: 5 });
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('gives every reason, priority rule and assignment a code and parameters', async () => {
    const items = (await call('viewer', 'GET', '/api/inbox/items')).json<InboxItem[]>();
    expect(items).toHaveLength(1);
    const id = items[0]!.id;
    expect((await call('owner', 'POST', `/api/inbox/items/${id}/claim`)).statusCode).toBe(200);
    const detail = (await call('viewer', 'GET', `/api/inbox/items/${id}`)).json<InboxItemDetail>();

    expectCoded(detail.reasons);
    expectCoded(detail.priorityEvidence);
    expectCoded(detail.currentPriority.evidence);
    expectCoded(detail.assignmentEvidence);
    expect(detail.reasons).toContainEqual(
      expect.objectContaining({
        code: 'needsHuman.intent',
        params: expect.objectContaining({ intent: 'question' }),
      }),
    );
    expect(detail.currentPriority.evidence.map((e) => e.code)).toContain('priority.negativity');
    expect(detail.assignmentEvidence.map((e) => e.code)).toEqual(['routing.claim']);
    // The English text stays for the CLI and older clients.
    expect(detail.reasons.every((r) => r.detail.length > 0)).toBe(true);
  });

  it('returns the words behind the analysis of a post, and 404 for a post that is not there', async () => {
    const response = await call('viewer', 'GET', `/api/posts/${postIds[0]}/evidence`);
    expect(response.statusCode).toBe(200);
    const evidence = response.json<PostEvidence>();
    expect(evidence).toMatchObject({ postId: postIds[0], analysed: true, sentiment: { label: 'negative' } });
    const words = evidence.sentiment?.evidence.map((e) => e.match.toLowerCase()) ?? [];
    expect(words.some((w) => w.includes('good'))).toBe(true);
    expect(evidence.sentiment?.evidence).toContainEqual(
      expect.objectContaining({ rule: 'service', match: 'leaks' }),
    );
    expect(evidence.intents.find((i) => i.label === 'question')?.evidence.length).toBeGreaterThan(0);

    expect((await call('viewer', 'GET', '/api/posts/999999/evidence')).statusCode).toBe(404);
    expect((await call('viewer', 'GET', '/api/posts/abc/evidence')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${postIds[0]}/evidence` })).statusCode).toBe(
      401,
    );
  });

  it('declares a parameter kind for every parameter of every code', () => {
    for (const params of Object.values(JUDGEMENT_CODES))
      for (const kind of Object.values(params)) expect(kind).toBeTruthy();
  });
});
