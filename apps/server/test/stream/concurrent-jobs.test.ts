import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema } from '@ombud/contract';
import { runJobOnce } from '../../src/adapters/work-stream/run-once.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import type { JobHandler } from '../../src/jobs/job-registry.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { ingestPlainRecords } from '../support/ingest-records.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// On a crisis day every job of a campaign counts into the same minute's crisis bucket, the same
// hour's share-of-voice bucket and the same pipeline minute. Those rows used to be one per key, so
// a job waited for the previous job's row locks until that job committed: the jobs of a campaign
// ran one after another however many workers there were. Each connection now adds to its own slot.
describe('two jobs of one campaign and minute at once (PostgreSQL server)', () => {
  let database: TestDatabase;
  let workspaceId = '';
  let first: string[] = [];
  let second: string[] = [];
  const minute = new Date(Date.UTC(2026, 10, 24, 9, 30));
  const now = () => new Date(minute.getTime() + 20_000);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    workspaceId = (await insertWorkspace(database.db, 'Nordvik')).id;
    await insertCampaign(
      database.db,
      workspaceId,
      campaignInputSchema.parse({ name: 'Kettle', keywords: ['kettle', 'vattenkokare', 'tetera'] }),
    );
    // Praise in each language, all in one minute: counted, and nobody needs to answer it.
    const texts = [
      'I love my new kettle, it boils so fast and looks beautiful',
      'Me encanta mi nueva tetera, hierve rapidísimo y es preciosa',
      'Jag älskar min nya vattenkokare, den kokar så snabbt och är vacker',
    ];
    await ingestPlainRecords(
      database.db,
      workspaceId,
      [0, 1].flatMap((job) =>
        texts.map((text, i) => ({
          id: `job${job}-${i}`,
          text,
          created_at: new Date(minute.getTime() + (job * 3 + i) * 1000).toISOString(),
          author: `fan_${job}_${i}`,
        })),
      ),
      { now: now() },
    );
    const ids = (
      await database.db.selectFrom('post').select(['id', 'external_id']).orderBy('id').execute()
    ).map((row) => ({ id: String(row.id), job: row.external_id.startsWith('job0') ? 0 : 1 }));
    first = ids.filter((row) => row.job === 0).map((row) => row.id);
    second = ids.filter((row) => row.job === 1).map((row) => row.id);
    await sql`DELETE FROM job`.execute(database.db);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('the second job counts, indexes and commits while the first still holds its transaction open', async () => {
    const ingested: JobHandler = createJobRegistry()['post.ingested'];
    let firstReady!: () => void;
    const firstHasCounted = new Promise<void>((resolve) => (firstReady = resolve));
    let secondDone!: () => void;
    const secondHasCommitted = new Promise<void>((resolve) => (secondDone = resolve));
    const claim = () => Promise.resolve(true);

    const firstJob = runJobOnce(
      database.db,
      {
        held: async (payload, context) => {
          const status = await ingested(payload, context);
          firstReady();
          // The first job's row locks stay taken until the second job is through.
          await secondHasCommitted;
          return status;
        },
      },
      { name: 'held', payload: { postIds: first } },
      claim,
      now,
    );
    await firstHasCounted;
    const secondJob = runJobOnce(
      database.db,
      {
        bounded: async (payload, context) => {
          // A wait for the first job's locks fails here instead of hanging the test.
          await sql`SET LOCAL lock_timeout = '3s'`.execute(context.db);
          return ingested(payload, context);
        },
      },
      { name: 'bounded', payload: { postIds: second } },
      claim,
      now,
    ).finally(() => secondDone());
    await expect(secondJob).resolves.toBe('done');
    await expect(firstJob).resolves.toBe('done');

    // Both jobs' counts are there, in two slots of the same buckets, and readers see the sums.
    const signal = await sql<{ posts: number; slots: number }>`
      SELECT sum(posts)::int AS posts, count(DISTINCT slot)::int AS slots FROM signal_bucket
      WHERE minute = ${minute}`.execute(database.db);
    expect(signal.rows[0]).toEqual({ posts: 6, slots: 2 });
    const sov = await sql<{ posts: number; slots: number }>`
      SELECT sum(posts)::int AS posts, count(DISTINCT slot)::int AS slots FROM listening_sov_bucket`.execute(
      database.db,
    );
    expect(sov.rows[0]?.posts).toBe(6);
    expect(sov.rows[0]?.slots).toBe(2);
    const finished = await sql<{ posts: number }>`
      SELECT sum(posts)::int AS posts FROM stream_post_minute`.execute(database.db);
    expect(finished.rows[0]?.posts).toBe(6);
    const inbox = await sql<{ n: number }>`SELECT count(*)::int AS n FROM inbox_item`.execute(database.db);
    expect(inbox.rows[0]?.n).toBe(0);
  });
});
