import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema } from '@ombud/contract';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import { crisisStage } from '../../src/pipeline/stages/crisis.stage.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { querySignals } from '../../src/repositories/crisis-signal.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

describe.each(DATABASE_KINDS)('signal buckets on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId = '';
  let campaignId = '';
  let postIds: string[] = [];
  const context = () => ({ db: database.db, now: () => NOW });
  const totals = async () =>
    (
      await sql<{ language: string; sentiment: string; posts: number; risk: number }>`
        SELECT language, sentiment, sum(posts)::int AS posts, sum(risk_posts)::int AS risk
        FROM signal_bucket GROUP BY 1, 2 HAVING sum(posts) <> 0 ORDER BY 1, 2`.execute(database.db)
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'W')).id;
    campaignId = (
      await insertCampaign(
        database.db,
        workspaceId,
        campaignInputSchema.parse({ name: 'Kettle', keywords: ['kettle'] }),
      )
    ).id;
    const texts = [
      ['a', 'I love my new kettle, it boils so fast', '2026-03-01T10:00:10Z'],
      ['b', 'My kettle exploded and I got burned, this is dangerous', '2026-03-01T10:00:40Z'],
      ['c', 'Me encanta mi nueva kettle, hierve rapidísimo y es preciosa', '2026-03-01T10:07:00Z'],
      ['d', 'Min kettle exploderade och jag fick brännskador, livsfarlig', '2026-03-01T11:30:00Z'],
      ['e', 'A post about something else entirely', '2026-03-01T11:31:00Z'],
    ];
    await ingestRecords(
      database.db,
      texts.map(([id, text, created_at], i) => ({
        kind: 'record' as const,
        line: i + 1,
        fields: { id, text, created_at, author: `user${i}`, likes: 2, reposts: 1 },
      })),
      {
        workspaceId,
        sourceKind: 'import',
        fileName: null,
        format: 'jsonl',
        mapping: DEFAULT_FIELD_MAPPING,
        defaultPlatform: 'twitter',
        now: NOW,
      },
    );
    postIds = (await database.db.selectFrom('post').select('id').orderBy('id').execute()).map((r) =>
      String(r.id),
    );
    await analysePosts(database.db, postIds);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('counts each campaign post once per minute bucket, even when the stage runs twice', async () => {
    await crisisStage.run(postIds, context());
    const first = await totals();
    expect(first.reduce((s, r) => s + r.posts, 0)).toBe(4);
    expect(first.reduce((s, r) => s + r.risk, 0)).toBe(2);
    await crisisStage.run(postIds, context());
    await crisisStage.run(postIds.slice(1, 3), context());
    expect(await totals()).toEqual(first);
    const engagement = await sql<{ e: string }>`SELECT sum(engagement)::text AS e FROM signal_bucket`.execute(
      database.db,
    );
    expect(Number(engagement.rows[0]?.e)).toBe(12);
  });

  it('moves a post between buckets when a re-analysis changes its sentiment', async () => {
    const target = postIds[0]!;
    const before = await database.db
      .selectFrom('post_analysis')
      .select('sentiment')
      .where('post_id', '=', target)
      .executeTakeFirstOrThrow();
    const changed = before.sentiment === 'negative' ? 'positive' : 'negative';
    await database.db
      .updateTable('post_analysis')
      .set({ sentiment: changed })
      .where('post_id', '=', target)
      .execute();
    await crisisStage.run([target], context());
    const row = await database.db
      .selectFrom('signal_bucket')
      .select(['sentiment', 'posts'])
      .where('minute', '=', new Date('2026-03-01T10:00:00Z'))
      .where('language', '=', 'en')
      .execute();
    const bySentiment = Object.fromEntries(row.map((r) => [r.sentiment, r.posts]));
    expect(bySentiment[changed]).toBeGreaterThanOrEqual(1);
    expect(bySentiment[before.sentiment] ?? 0).toBe(before.sentiment === 'negative' ? 1 : 0);
    expect((await totals()).reduce((s, r) => s + r.posts, 0)).toBe(4);
  });

  it('answers at minute, hour and day resolution with the same total', async () => {
    const q = {
      workspaceId,
      campaignId,
      from: new Date('2026-03-01T00:00:00Z'),
      to: new Date('2026-03-02T00:00:00Z'),
    };
    const minute = await querySignals(database.db, { ...q, resolution: 'minute', groupBy: [] });
    const hour = await querySignals(database.db, { ...q, resolution: 'hour', groupBy: ['language'] });
    const day = await querySignals(database.db, { ...q, resolution: 'day', groupBy: [] });
    expect(minute.map((r) => [r.time, r.posts])).toEqual([
      ['2026-03-01T10:00:00.000Z', 2],
      ['2026-03-01T10:07:00.000Z', 1],
      ['2026-03-01T11:30:00.000Z', 1],
    ]);
    expect(hour.map((r) => [r.time, r.language, r.posts, r.riskPosts])).toEqual([
      ['2026-03-01T10:00:00.000Z', 'en', 2, 1],
      ['2026-03-01T10:00:00.000Z', 'es', 1, 0],
      ['2026-03-01T11:00:00.000Z', 'sv', 1, 1],
    ]);
    expect(day).toEqual([
      expect.objectContaining({ time: '2026-03-01T00:00:00.000Z', posts: 4, riskPosts: 2 }),
    ]);
  });

  it('forgets the per-post marker when a post is erased (no post text is kept in signals)', async () => {
    await database.db.deleteFrom('post').where('id', '=', postIds[1]!).execute();
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM signal_post`.execute(database.db);
    expect(left.rows[0]?.n).toBe(3);
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name IN ('signal_post', 'signal_bucket')`.execute(
      database.db,
    );
    expect(columns.rows.map((c) => c.column_name)).not.toContain('text');
  });

  it("removes a deleted campaign's ledger rows (signals and mentions) without a foreign key per row", async () => {
    await sql`
      INSERT INTO listening_mention (post_id, campaign_id, subject, created_at, language, market, sentiment)
      VALUES (${postIds[0]}::bigint, ${campaignId}::uuid, '', now(), 'en', '', 'positive')
      ON CONFLICT DO NOTHING`.execute(database.db);
    const count = async (table: 'signal_post' | 'listening_mention') =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE campaign_id = ${campaignId}::uuid`.execute(
          database.db,
        )
      ).rows[0]?.n;
    expect(await count('signal_post')).toBeGreaterThan(0);
    expect(await count('listening_mention')).toBeGreaterThan(0);
    await database.db.deleteFrom('campaign').where('id', '=', campaignId).execute();
    expect(await count('signal_post')).toBe(0);
    expect(await count('listening_mention')).toBe(0);
  });
});
