import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoStream } from '../../src/demo/demo-stream.ts';
import { analysePostsOfJob } from '../../src/services/analysis.service.ts';
import { createInboxItems } from '../../src/services/inbox-intake.service.ts';
import { seedDemoWorkspace, type DemoWorkspace } from '../support/demo-workspace.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const START = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-02T12:00:00Z');

// Migration 0023: an inbox item no longer checks a foreign key to its campaign and its cluster per
// row written; statement triggers do what deleting those did (cascade, set null).
describe.each(DATABASE_KINDS)('inbox items without per-row campaign and cluster keys on %s', (kind) => {
  let database: TestDatabase;
  let world: DemoWorkspace;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { posts } = generateDemoStream({ seed: 5, start: START, days: 1, targetPosts: 200 });
    world = await seedDemoWorkspace(database.db, 'keys', START, posts, NOW);
    await analysePostsOfJob(database.db, world.postIds);
    await createInboxItems(database.db, world.postIds, NOW);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const count = async (where: ReturnType<typeof sql>) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM inbox_item WHERE ${where}`.execute(database.db))
      .rows[0]?.n ?? 0;

  it('clears a deleted cluster from its items, as ON DELETE SET NULL did', async () => {
    const biggest = await sql<{ id: string; n: number }>`
      SELECT cluster_id::text AS id, count(*)::int AS n FROM inbox_item WHERE cluster_id IS NOT NULL
      GROUP BY cluster_id ORDER BY count(*) DESC LIMIT 1`.execute(database.db);
    const cluster = biggest.rows[0];
    expect(cluster?.n).toBeGreaterThan(0);
    const before = await count(sql`workspace_id = ${world.workspaceId}::uuid AND cluster_id IS NULL`);
    await sql`DELETE FROM inbox_cluster WHERE id = ${cluster?.id}::bigint`.execute(database.db);
    expect(await count(sql`cluster_id = ${cluster?.id}::bigint`)).toBe(0);
    expect(await count(sql`workspace_id = ${world.workspaceId}::uuid AND cluster_id IS NULL`)).toBe(
      before + (cluster?.n ?? 0),
    );
  });

  it("deletes a deleted campaign's items, as ON DELETE CASCADE did", async () => {
    expect(await count(sql`campaign_id = ${world.campaignId}::uuid`)).toBeGreaterThan(0);
    await database.db.deleteFrom('campaign').where('id', '=', world.campaignId).execute();
    expect(await count(sql`campaign_id = ${world.campaignId}::uuid`)).toBe(0);
  });
});
