import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema } from '@ombud/contract';
import { runJobOnce } from '../../src/adapters/work-stream/run-once.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { ingestPlainRecords } from '../support/ingest-records.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// An edit that takes a post out of a campaign (connector-changes.service.ts) locks the post FOR
// UPDATE, removes the campaign link and takes out what the post had counted in that campaign. A job
// analysing the same post at that moment used to read the post's campaigns before it waited for the
// edit's lock: once the edit committed, the job counted the post into the campaign it had just left,
// and nothing took that out again. A job now locks its posts before it reads their campaigns.
describe('a job and an edit of the same post at once (PostgreSQL server)', () => {
  let database: TestDatabase;
  let postId = '';
  let campaignId = '';
  const now = () => new Date(Date.UTC(2026, 10, 24, 9, 31));

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const workspaceId = (await insertWorkspace(database.db, 'Nordvik')).id;
    campaignId = (
      await insertCampaign(
        database.db,
        workspaceId,
        campaignInputSchema.parse({ name: 'Kettle', keywords: ['kettle', 'tetera'] }),
      )
    ).id;
    const outcome = await ingestPlainRecords(
      database.db,
      workspaceId,
      [
        {
          id: 'p1',
          text: 'My kettle broke after two days, I want a refund',
          created_at: new Date(now().getTime() - 30_000).toISOString(),
          author: 'angry_anna',
        },
      ],
      { now: now() },
    );
    expect(outcome).toMatchObject({ accepted: 1, rejected: 0 });
    postId = String((await database.db.selectFrom('post').select('id').executeTakeFirstOrThrow()).id);
    const links = await database.db.selectFrom('post_campaign').select('campaign_id').execute();
    expect(links.map((link) => link.campaign_id)).toEqual([campaignId]);
    await sql`DELETE FROM job`.execute(database.db);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('a job that waited for the edit counts the post only in the campaigns it is still in', async () => {
    // The edit's own statements, in its order, held open in a transaction of their own.
    const edit = new pg.Client({ connectionString: database.url });
    await edit.connect();
    try {
      await edit.query('BEGIN');
      await edit.query('SELECT id FROM post WHERE id = $1 FOR UPDATE', [postId]);
      await edit.query('UPDATE post SET text = $2 WHERE id = $1', [postId, 'Sorry, wrong thread!']);
      await edit.query('DELETE FROM post_campaign WHERE post_id = $1 AND NOT assigned', [postId]);

      const job = runJobOnce(
        database.db,
        createJobRegistry(),
        { name: 'post.ingested', payload: { postIds: [postId] } },
        () => Promise.resolve(true),
        now,
      );
      await waitForLockWait(database);
      await edit.query('COMMIT');
      await expect(job).resolves.toBe('done');
    } finally {
      await edit.end();
    }

    // Its new text analysed, and counted nowhere: the post left its only campaign before the job
    // read it.
    const analysed = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM listening_post
      WHERE post_id = ${postId}::bigint AND tsv @@ to_tsquery('simple', 'thread')`.execute(database.db);
    expect(analysed.rows[0]?.n).toBe(1);
    const ledgers = await sql<{ signals: number; mentions: number; buckets: number; items: number }>`
      SELECT (SELECT count(*)::int FROM signal_post WHERE campaign_id = ${campaignId}::uuid) AS signals,
             (SELECT count(*)::int FROM listening_mention WHERE campaign_id = ${campaignId}::uuid) AS mentions,
             (SELECT coalesce(sum(posts), 0)::int FROM signal_bucket WHERE campaign_id = ${campaignId}::uuid)
               AS buckets,
             (SELECT count(*)::int FROM inbox_item WHERE post_id = ${postId}::bigint) AS items`.execute(
      database.db,
    );
    expect(ledgers.rows[0]).toEqual({ signals: 0, mentions: 0, buckets: 0, items: 0 });
  });
});

/** Until a session of this database waits for a row lock (the job, for the edit's). */
async function waitForLockWait(database: TestDatabase): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const waiting = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(database.db);
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the job never waited for the edit');
}
