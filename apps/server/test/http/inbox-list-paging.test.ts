import type { InboxItem } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { startAppWithOwner } from '../support/http-app.ts';
import { ingestPosts, runIntake } from '../support/inbox-fixtures.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

describe.each(DATABASE_KINDS)('inbox item list paging and priority filter on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let cookie = '';

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    let workspaceId: string;
    ({ app, owner: cookie, workspaceId } = await startAppWithOwner(database, { clock: () => NOW }));
    const campaign = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie },
      payload: { name: 'Kettle launch', keywords: ['Nordvik'], languages: ['en', 'es', 'sv'] },
    });
    const world = { workspaceId, campaignId: campaign.json<{ id: string }>().id };
    const postIds = await ingestPosts(database.db, world, [
      { text: 'My Nordvik kettle leaks, how do I get a refund?', createdAt: '2026-03-02T11:30:00Z' },
      {
        text: 'Where can I buy the Nordvik kettle in Malmö?',
        createdAt: '2026-03-02T11:35:00Z',
        followers: 50,
      },
      {
        text: 'Nordvik kettle exploded and burned my hand, I will sue, this is dangerous',
        createdAt: '2026-03-02T11:40:00Z',
        followers: 90_000,
      },
    ]);
    await runIntake(database.db, postIds, NOW);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const list = async (query: string) =>
    (await app.inject({ url: `/api/inbox/items?${query}`, headers: { cookie } })).json<InboxItem[]>();

  it('pages through the queue with offset, in the same order as one long page', async () => {
    const all = await list('limit=200');
    expect(all.length).toBeGreaterThanOrEqual(2);
    const paged: InboxItem[] = [];
    for (let offset = 0; offset < all.length + 1; offset += 1)
      paged.push(...(await list(`limit=1&offset=${offset}`)));
    expect(paged.map((item) => item.id)).toEqual(all.map((item) => item.id));
  });

  it('filters by priority level', async () => {
    const all = await list('limit=200');
    for (const level of ['low', 'normal', 'high', 'urgent'] as const) {
      const filtered = await list(`priority=${level}`);
      expect(filtered.map((item) => item.id)).toEqual(
        all.filter((item) => item.priority.level === level).map((item) => item.id),
      );
    }
    expect(
      (await app.inject({ url: '/api/inbox/items?priority=extreme', headers: { cookie } })).statusCode,
    ).toBe(400);
  });
});
