import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema } from '@ombud/contract';
import { runJobOnce } from '../../src/adapters/work-stream/run-once.ts';
import { crisisStage } from '../../src/pipeline/stages/crisis.stage.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { LATENESS_MS, POINT_MS, runCrisisEngine } from '../../src/services/crisis-engine.service.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { ingestPlainRecords } from '../support/ingest-records.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

// The crisis monitors close a five-minute point once newer posts are counted, but never while a post
// of that point is stored and not yet counted (its job is still running, or ran out of order).
const MINUTE = 60_000;

describe.each(DATABASE_KINDS)('the crisis clock on %s', (kind) => {
  let database: TestDatabase;
  let campaignId = '';
  let stuck = '';
  let counted: string[] = [];
  // Forty posts a minute apart, the newest twenty minutes ago; one of them, at minute 10, is stuck.
  const start = Math.floor((Date.now() - 60 * MINUTE) / POINT_MS) * POINT_MS;
  const stuckPoint = start + 10 * MINUTE;
  const processedUntil = async () => {
    const row = await database.db
      .selectFrom('crisis_clock')
      .select('processed_until')
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    return row.processed_until?.getTime() ?? null;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const workspaceId = (await insertWorkspace(database.db, 'Nordvik')).id;
    campaignId = (
      await insertCampaign(
        database.db,
        workspaceId,
        campaignInputSchema.parse({ name: 'Kettle', keywords: ['kettle'], languages: ['en'] }),
      )
    ).id;
    await ingestPlainRecords(
      database.db,
      workspaceId,
      Array.from({ length: 40 }, (_, i) => ({
        id: `p${i}`,
        text: `My kettle number ${i} boils water nicely`,
        created_at: new Date(start + i * MINUTE).toISOString(),
        author: `owner_${i}`,
      })),
    );
    // The jobs run by hand below, one post left out.
    await sql`DELETE FROM job`.execute(database.db);
    const posts = await database.db.selectFrom('post').select(['id', 'external_id']).execute();
    stuck = String(posts.find((p) => p.external_id === 'p10')?.id);
    counted = posts.filter((p) => p.external_id !== 'p10').map((p) => String(p.id));
    await analysePosts(database.db, counted);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('every campaign has its clock from the start, and nothing closes before posts are counted', async () => {
    expect(await processedUntil()).toBeNull();
  });

  it('a post stored and not yet counted holds its point, and every later one, open', async () => {
    await crisisStage.run(counted, { db: database.db, now: () => new Date() });
    const until = await processedUntil();
    expect(until).not.toBeNull();
    expect(until).toBeLessThanOrEqual(stuckPoint);
    expect(until).toBeGreaterThan(start);
  });

  if (kind === 'postgres') {
    it('a job with no point to close reads the clock without locking it', async () => {
      let counting!: () => void;
      const hasCounted = new Promise<void>((resolve) => (counting = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const job = runJobOnce(
        database.db,
        {
          held: async (_payload, context) => {
            // The stuck post still holds the points back: nothing new to close.
            await runCrisisEngine(context.db, campaignId, new Date());
            counting();
            await released;
            return 'done';
          },
        },
        { name: 'held', payload: {} },
        () => Promise.resolve(true),
        () => new Date(),
      );
      await hasCounted;
      try {
        const locked = await database.db.transaction().execute((trx) =>
          sql<{ campaign_id: string }>`
            SELECT campaign_id FROM crisis_clock WHERE campaign_id = ${campaignId} FOR UPDATE NOWAIT`.execute(
            trx,
          ),
        );
        expect(locked.rows).toHaveLength(1);
      } finally {
        release();
      }
      await expect(job).resolves.toBe('done');
    });
  }

  it('a post whose job failed and was set aside holds nothing back', async () => {
    await sql`
      INSERT INTO job (name, payload, status, attempts, last_error)
      VALUES ('post.ingested', ${JSON.stringify({ postIds: [stuck] })}::jsonb, 'failed', 8, 'boom')`.execute(
      database.db,
    );
    await runCrisisEngine(database.db, campaignId, new Date());
    const newest = start + 39 * MINUTE;
    expect(await processedUntil()).toBe(Math.floor((newest - LATENESS_MS) / POINT_MS) * POINT_MS);
  });

  it('once the post is counted after all, a repeated run changes nothing', async () => {
    const before = await processedUntil();
    await analysePosts(database.db, [stuck]);
    await crisisStage.run([stuck], { db: database.db, now: () => new Date() });
    expect(await processedUntil()).toBe(before);
  });
});
