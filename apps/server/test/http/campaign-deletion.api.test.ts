import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJobOnce } from '../../src/adapters/work-stream/run-once.ts';
import type { HttpApp } from '../../src/http/app.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { createUser } from '../../src/services/auth.service.ts';
import { signIn, startAppWithOwner, TEST_PASSWORD } from '../support/http-app.ts';
import { ingestPlainRecords } from '../support/ingest-records.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-11-24T12:00:00Z');

describe.each(DATABASE_KINDS)('deleting a campaign (%s)', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let owner = '';
  let analyst = '';
  let workspaceId = '';
  const campaigns = { kettle: '', toaster: '' };
  const as = (cookie: string) => ({ cookie, 'content-type': 'application/json' });

  /** Rows that name the campaign, per table with a `campaign_id` column (tables without any left out). */
  async function rowsNaming(campaignId: string): Promise<Record<string, number>> {
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'campaign_id' ORDER BY table_name`.execute(database.db);
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      const found = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE campaign_id = ${campaignId}::uuid`.execute(
        database.db,
      );
      if ((found.rows[0]?.n ?? 0) > 0) counts[table] = found.rows[0]?.n ?? 0;
    }
    return counts;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ app, owner, workspaceId } = await startAppWithOwner(database, { clock: () => NOW }));
    await createUser(database.db, {
      workspaceId,
      email: 'analyst@example.com',
      displayName: 'Ana',
      password: TEST_PASSWORD,
      role: 'analyst',
    });
    analyst = await signIn(app, 'analyst@example.com');
    for (const [key, keyword] of [
      ['kettle', 'kettle'],
      ['toaster', 'toaster'],
    ] as const) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: as(owner),
        payload: { name: `Nordvik ${keyword}`, keywords: [keyword, 'nordvik'] },
      });
      expect(created.statusCode).toBe(201);
      campaigns[key] = created.json<{ id: string }>().id;
    }
    // Complaints (inbox items, crisis signals) and praise in three languages; "nordvik" puts every
    // post in both campaigns, so the toaster campaign shares each of the kettle campaign's posts.
    const texts = [
      'My Nordvik kettle broke after two days, I want a refund now',
      'Mi tetera Nordvik kettle se rompió, quiero un reembolso',
      'Min Nordvik kettle gick sönder, jag vill ha pengarna tillbaka',
      'Love my Nordvik toaster, perfect every morning',
      'The Nordvik kettle is lovely and so quiet',
    ];
    await ingestPlainRecords(
      database.db,
      workspaceId,
      Array.from({ length: 40 }, (_, i) => ({
        id: `p${i}`,
        text: `${texts[i % texts.length]} (${i})`,
        created_at: new Date(NOW.getTime() - (40 - i) * 60_000).toISOString(),
        author: `person_${i % 13}`,
      })),
      { now: NOW },
    );
    const handlers = createJobRegistry();
    const jobs = await database.db
      .selectFrom('job')
      .select(['id', 'payload'])
      .where('name', '=', 'post.ingested')
      .execute();
    for (const job of jobs)
      await runJobOnce(
        database.db,
        handlers,
        { name: 'post.ingested', payload: job.payload },
        () => Promise.resolve(true),
        () => NOW,
      );
    await database.db.deleteFrom('job').execute();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('only an owner may delete one; an unknown id is not found', async () => {
    const byAnalyst = await app.inject({
      method: 'DELETE',
      url: `/api/campaigns/${campaigns.kettle}`,
      headers: { cookie: analyst },
    });
    expect(byAnalyst.statusCode).toBe(403);
    const unknown = await app.inject({
      method: 'DELETE',
      url: '/api/campaigns/00000000-0000-4000-8000-000000000000',
      headers: { cookie: owner },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("removes everything that was only the campaign's; the posts and the other campaign stay", async () => {
    const before = await rowsNaming(campaigns.kettle);
    // The pipeline ran: the campaign has links, counts, search mentions, a clock and inbox items.
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'post_campaign',
        'signal_bucket',
        'listening_mention',
        'crisis_clock',
        'inbox_item',
      ]),
    );
    const toasterBefore = await rowsNaming(campaigns.toaster);
    const posts = await database.db
      .selectFrom('post')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();

    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/campaigns/${campaigns.kettle}`,
      headers: { cookie: owner },
    });
    expect(deleted.statusCode).toBe(204);

    expect(await rowsNaming(campaigns.kettle)).toEqual({});
    expect(await rowsNaming(campaigns.toaster)).toEqual(toasterBefore);
    expect(
      await database.db
        .selectFrom('post')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(posts);
    const listed = await app.inject({ url: '/api/campaigns', headers: { cookie: owner } });
    expect(listed.json<{ id: string }[]>().map((campaign) => campaign.id)).toEqual([campaigns.toaster]);
    expect(
      (await app.inject({ url: `/api/campaigns/${campaigns.kettle}`, headers: { cookie: owner } }))
        .statusCode,
    ).toBe(404);

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('action', '=', 'campaign.deleted')
      .execute();
    expect(audit).toEqual([
      {
        action: 'campaign.deleted',
        target_id: campaigns.kettle,
        details: { posts: before['post_campaign'], inboxItems: before['inbox_item'] },
      },
    ]);
  });
});
