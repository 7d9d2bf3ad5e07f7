import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { claimJobs, countJobs, enqueueJobs } from '../../src/repositories/job.repository.ts';
import { seedDemoIfEmpty } from '../../src/services/demo.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.each(DATABASE_KINDS)('demo seed and analysis jobs on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('seeds the demo once, through ingestion, and the jobs analyse every post exactly once', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const seeded = await seedDemoIfEmpty(database.db, { now, log: () => undefined });
    expect(seeded?.posts).toBeGreaterThan(15_000);
    expect(await seedDemoIfEmpty(database.db, { now, log: () => undefined })).toBeUndefined();

    const runner = createJobRunner({
      registry: createJobRegistry(),
      context: { db: database.db, now: () => now },
      log: silent,
    });
    expect(await runner.drain()).toBeGreaterThan(0);
    expect(await countJobs(database.db)).toEqual({});

    const counts = await sql<{ posts: number; analysed: number; languages: number; negative: number }>`
      SELECT (SELECT count(*)::int FROM post) AS posts,
             (SELECT count(*)::int FROM post_analysis) AS analysed,
             (SELECT count(DISTINCT language)::int FROM post_analysis WHERE language IN ('en','es','sv')) AS languages,
             (SELECT count(*)::int FROM post_analysis WHERE sentiment = 'negative') AS negative`.execute(
      database.db,
    );
    const row = counts.rows[0];
    expect(row?.analysed).toBe(row?.posts);
    expect(row?.languages).toBe(3);
    expect(row?.negative).toBeGreaterThan(1000);

    // The demo's Spanish rumour is in the store and reads as negative Spanish.
    const rumour = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM post p JOIN post_analysis a ON a.post_id = p.id
      WHERE p.text ILIKE '%tapa%' AND a.language = 'es' AND a.sentiment = 'negative'`.execute(database.db);
    expect(rumour.rows[0]?.n).toBeGreaterThan(50);
    // Every capability's after-analysis stage runs on ~20,000 posts here: minutes on a shared 2-core machine.
  }, 400_000);

  it('hands a job whose worker died to another worker once its lock runs out, and retries failures', async () => {
    await enqueueJobs(database.db, [{ name: 'post.ingested', payload: { postIds: ['1'] } }]);
    const first = await claimJobs(database.db, 10, 0.2);
    expect(first).toHaveLength(1);
    expect(await claimJobs(database.db, 10, 60)).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const again = await claimJobs(database.db, 10, 60);
    expect(again.map((job) => job.id)).toEqual(first.map((job) => job.id));
    expect(again[0]?.attempts).toBe(2);
    await sql`DELETE FROM job`.execute(database.db);

    await enqueueJobs(database.db, [{ name: 'post.ingested', payload: { postIds: ['not a number'] } }]);
    const runner = createJobRunner({
      registry: createJobRegistry(),
      context: { db: database.db, now: () => new Date() },
      log: silent,
      maxAttempts: 1,
    });
    await runner.drain();
    const failed = await sql<{
      status: string;
      last_error: string;
    }>`SELECT status, last_error FROM job`.execute(database.db);
    expect(failed.rows[0]?.status).toBe('failed');
    expect(failed.rows[0]?.last_error).toMatch(/postIds/);
  });
});
