import { sql } from 'kysely';
import { campaignInputSchema } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { searchMentions } from '../../src/repositories/listening-search.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';
import { indexPostsForListening } from '../../src/services/listening-index.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-05-02T12:00:00Z');

describe.each(DATABASE_KINDS)('listening index on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId = '';
  let campaignId = '';

  /** Ingests records and runs analysis and the listening stage, as the post.ingested job does. */
  async function ingest(records: Record<string, unknown>[]): Promise<void> {
    await ingestRecords(
      database.db,
      records.map((fields, i) => ({ kind: 'record' as const, line: i + 1, fields })),
      {
        workspaceId,
        sourceKind: 'import',
        sourceName: 'twitter',
        fileName: null,
        format: 'jsonl',
        mapping: DEFAULT_FIELD_MAPPING,
        defaultPlatform: 'twitter',
        now: NOW,
      },
    );
    const jobs = await database.db.selectFrom('job').select(['id', 'payload']).execute();
    for (const job of jobs) {
      const ids = (job.payload as { postIds: string[] }).postIds;
      await analysePosts(database.db, ids);
      await indexPostsForListening(database.db, ids, NOW);
    }
    await database.db.deleteFrom('job').execute();
  }
  const postId = async (externalId: string) =>
    (
      await database.db
        .selectFrom('post')
        .select('id')
        .where('external_id', '=', externalId)
        .executeTakeFirstOrThrow()
    ).id;
  const search = (q: string, language?: string) =>
    searchMentions(database.db, workspaceId, { q, ...(language ? { language } : {}) }, { limit: 50 });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'W')).id;
    campaignId = (
      await insertCampaign(
        database.db,
        workspaceId,
        campaignInputSchema.parse({
          name: 'Kettle launch',
          keywords: ['Nordvik'],
          handles: ['@nordvik'],
          languages: ['en', 'es', 'sv'],
          competitors: [{ name: 'Kettlo', handles: ['@kettlo', '@kettlo_help'], keywords: [] }],
        }),
      )
    ).id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('indexes each post with its own language configuration', async () => {
    await ingest([
      {
        id: 'e1',
        text: 'My Nordvik kettle lid exploded this morning, awful',
        created_at: '2026-05-01T08:00:00Z',
        author: 'ann',
      },
      {
        id: 's1',
        text: 'Locket på min Nordvik exploderade i morse, hemskt',
        created_at: '2026-05-01T09:00:00Z',
        author: 'sven',
      },
      {
        id: 'x1',
        text: 'La tapa de mi Nordvik explotó esta mañana, horrible',
        created_at: '2026-05-01T10:00:00Z',
        author: 'lola',
      },
    ]);
    const rows = await sql<{ ts_config: string; language: string }>`
      SELECT ts_config, language FROM listening_post ORDER BY created_at`.execute(database.db);
    expect(rows.rows).toEqual([
      { ts_config: 'english', language: 'en' },
      { ts_config: 'swedish', language: 'sv' },
      { ts_config: 'spanish', language: 'es' },
    ]);
    // Each language's stemmer: "explodes" finds "exploded", "tapas" finds "tapa".
    expect((await search('explodes')).posts.map((p) => p.externalId)).toEqual(['e1']);
    expect((await search('tapas', 'es')).posts.map((p) => p.externalId)).toEqual(['x1']);
    expect((await search('locket')).posts.map((p) => p.externalId)).toEqual(['s1']);
    expect((await search('lid -exploded')).posts).toEqual([]);
  });

  it('finds a competitor reply that arrived before the complaint it answers, once', async () => {
    await ingest([
      {
        id: 'r1',
        text: '@bob sorry to hear! Kettlo ships in 24h, DM us for 20% off',
        created_at: '2026-05-01T12:05:00Z',
        author: 'kettlo_help',
        reply_to: 'c1',
      },
    ]);
    expect(await sql`SELECT 1 FROM listening_poaching`.execute(database.db).then((r) => r.rows)).toEqual([]);
    await ingest([
      {
        id: 'c1',
        text: '@nordvik 9 days and still no kettle, this is ridiculous',
        created_at: '2026-05-01T12:00:00Z',
        author: 'bob',
      },
      {
        id: 'r2',
        text: '@bob try Kettlo instead, code SWITCH20 gets you 20% off and free delivery',
        created_at: '2026-05-01T12:09:00Z',
        author: 'randomfan',
        reply_to: 'c1',
      },
      {
        id: 'w1',
        text: 'done waiting for @nordvik, switching to Kettlo',
        created_at: '2026-05-01T13:00:00Z',
        author: 'carl',
      },
    ]);
    const findings = await sql<{ external_id: string; kind: string; target_is_complaint: boolean }>`
      SELECT p.external_id, f.kind, f.target_is_complaint FROM listening_poaching f JOIN post p ON p.id = f.post_id
      ORDER BY p.external_id`.execute(database.db);
    expect(findings.rows).toEqual([
      { external_id: 'r1', kind: 'competitor_reply', target_is_complaint: true },
      { external_id: 'r2', kind: 'suspected_staff_reply', target_is_complaint: true },
      { external_id: 'w1', kind: 'switch_announcement', target_is_complaint: false },
    ]);
    const flags = await sql<{ external_id: string; risk_flags: string[] }>`
      SELECT p.external_id, lp.risk_flags FROM listening_post lp JOIN post p ON p.id = lp.post_id
      WHERE p.external_id IN ('r1', 'w1') ORDER BY 1`.execute(database.db);
    expect(
      flags.rows.map((r) => [r.external_id, r.risk_flags.filter((f) => f === 'poaching' || f === 'switch')]),
    ).toEqual([
      ['r1', ['poaching']],
      ['w1', ['switch']],
    ]);
    const alerts = await sql<{
      kind: string;
      dedupe_key: string;
    }>`SELECT kind, dedupe_key FROM alert`.execute(database.db);
    expect(alerts.rows).toEqual([
      { kind: 'competitor.poaching', dedupe_key: `listening.poaching:${campaignId}:Kettlo:2026-05-01` },
    ]);
    // Processing everything again changes nothing (at-least-once delivery).
    const ids = (await database.db.selectFrom('post').select('id').execute()).map((r) => r.id);
    const before = await sql`SELECT * FROM listening_sov_bucket ORDER BY 1, 2, 3, 4, 5, 6`.execute(
      database.db,
    );
    await indexPostsForListening(database.db, ids, NOW);
    expect((await sql`SELECT count(*)::int AS n FROM listening_poaching`.execute(database.db)).rows).toEqual([
      { n: 3 },
    ]);
    expect(
      (await sql`SELECT * FROM listening_sov_bucket ORDER BY 1, 2, 3, 4, 5, 6`.execute(database.db)).rows,
    ).toEqual(before.rows);
    expect((await search('poaching')).posts).toEqual([]);
    expect(
      (await searchMentions(database.db, workspaceId, { risk: 'poaching' }, { limit: 10 })).posts.map(
        (p) => p.externalId,
      ),
    ).toEqual(['r2', 'r1']);
  });

  it('pages the same whether the newest posts fill a page or the older ones are searched', async () => {
    await ingest(
      Array.from({ length: 40 }, (_, i) => ({
        id: `m${i}`,
        text:
          i % 3 === 0 ? `my Nordvik kettle is too loud, day ${i}` : `lovely Nordvik morning tea number ${i}`,
        created_at: new Date(Date.UTC(2026, 3, 1, i)).toISOString(),
        author: `u${i % 5}`,
      })),
    );
    const walk = async (slice: number | undefined, filter: { q?: string; author?: string }) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await searchMentions(
          database.db,
          workspaceId,
          { from: '2026-04-01T00:00:00Z', ...filter },
          { limit: 4, cursor, ...(slice === undefined ? {} : { timeSteps: [slice, slice * 2] }) },
        );
        seen.push(...page.posts.map((p) => p.externalId));
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      return seen;
    };
    for (const filter of [{ q: 'loud' }, { author: 'u2' }, { q: 'tea', author: '@U1' }]) {
      const reference = await walk(1_000_000, filter);
      expect(reference.length).toBeGreaterThan(3);
      for (const recentScan of [1, 3, 7])
        expect(await walk(recentScan, filter), JSON.stringify(filter)).toEqual(reference);
      // The default steps, after the statistics say which words are rare (the rare ones go to the
      // GIN index first), page the same.
      await sql`ANALYZE listening_post`.execute(database.db);
      expect(await walk(undefined, filter), JSON.stringify(filter)).toEqual(reference);
    }
    expect(await walk(5, { q: 'loud' })).toEqual(
      Array.from({ length: 40 }, (_, i) => 39 - i)
        .filter((i) => i % 3 === 0)
        .map((i) => `m${i}`),
    );
  });

  it('follows a rewritten post and forgets an erased one everywhere', async () => {
    const id = await postId('c1');
    await sql`UPDATE post SET text = '@nordvik [redacted] days and still no kettle' WHERE id = ${id}::bigint`.execute(
      database.db,
    );
    expect((await search('ridiculous')).posts).toEqual([]);
    expect((await search('redacted')).posts.map((p) => p.externalId)).toEqual(['c1']);

    await sql`DELETE FROM post WHERE id = ${id}::bigint`.execute(database.db);
    for (const table of ['listening_post', 'listening_mention', 'listening_poaching']) {
      const left = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE post_id = ${id}::bigint`.execute(
        database.db,
      );
      expect(left.rows[0]?.n, table).toBe(0);
    }
    const targeted = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM listening_poaching WHERE target_post_id = ${id}::bigint`.execute(
      database.db,
    );
    expect(targeted.rows[0]?.n).toBe(0);
  });
});
