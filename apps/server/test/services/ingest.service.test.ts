import { campaignInputSchema } from '@ombud/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import { readRecords } from '../../src/ingest/record-reader.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { findImportSummary } from '../../src/repositories/import-batch.repository.ts';
import { countJobs } from '../../src/repositories/job.repository.ts';
import { countPosts } from '../../src/repositories/post.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { ingestRecords, type IngestOptions } from '../../src/services/ingest.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const line = (fields: Record<string, unknown>) => JSON.stringify(fields) + '\n';
const good = (id: string, text: string, author = 'ana') =>
  line({ id, text, created_at: '2026-03-01T10:00:00Z', author, platform: 'twitter', author_followers: 10 });

describe.each(DATABASE_KINDS)('ingestion on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId: string;
  let brandId: string;
  let options: IngestOptions;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'Test')).id;
    await insertCampaign(
      database.db,
      workspaceId,
      campaignInputSchema.parse({ name: 'Story', hashtags: ['#MiHistoria', '#MinBerättelse'] }),
    );
    brandId = (
      await insertCampaign(
        database.db,
        workspaceId,
        campaignInputSchema.parse({ name: 'Brand', keywords: ['Nordvik'] }),
      )
    ).id;
    options = {
      workspaceId,
      sourceKind: 'import',
      fileName: 'mixed.jsonl',
      format: 'jsonl',
      mapping: DEFAULT_FIELD_MAPPING,
      defaultPlatform: 'import',
      now: new Date('2026-06-01T00:00:00Z'),
      batchSize: 3,
      // One batch at a time here; the same "first copy wins" with batches written in parallel is
      // tested in ingest-repeated-id.test.ts.
      parallelBatches: 1,
    };
  });
  afterAll(async () => {
    await database.close();
  });

  const input = [
    good('1', 'Mi viaje #mihistoria'),
    'this is not json\n',
    good('2', 'Min resa #MINBERATTELSE med Nordvik', 'sven'),
    line({ id: '3', created_at: '2026-03-01T10:00:00Z', author: 'x' }),
    good('4', 'plain post'),
    good('1', 'the same id again in the same file'),
    good('5', 'Nordvik 🔥', 'sven'),
  ].join('');

  it('keeps every good record, reports every bad one with its line, and links campaigns', async () => {
    const seen: number[] = [];
    const summary = await ingestRecords(database.db, readRecords([input], { format: 'jsonl' }), {
      ...options,
      onProblem: (problem) => seen.push(problem.line),
    });
    expect(summary).toMatchObject({ accepted: 4, duplicate: 1, rejected: 2 });
    expect(seen).toEqual([2, 4]);
    expect(summary.problems).toEqual([
      expect.objectContaining({ line: 2, code: 'INVALID_JSON' }),
      expect.objectContaining({ line: 4, code: 'FIELD_MISSING', field: 'text' }),
    ]);
    expect(await countPosts(database.db, workspaceId)).toBe(4);

    const links = await sql<{ external_id: string; name: string }>`
      SELECT p.external_id, c.name FROM post_campaign pc JOIN post p ON p.id = pc.post_id
      JOIN campaign c ON c.id = pc.campaign_id ORDER BY p.external_id, c.name`.execute(database.db);
    expect(links.rows).toEqual([
      { external_id: '1', name: 'Story' },
      { external_id: '2', name: 'Brand' },
      { external_id: '2', name: 'Story' },
      { external_id: '5', name: 'Brand' },
    ]);
    const stored = await findImportSummary(database.db, workspaceId, summary.batchId, 50);
    expect(stored).toMatchObject({ status: 'done', accepted: 4, rejected: 2, problemsTruncated: false });
    expect(stored?.problems.map((p) => p.line)).toEqual([2, 4]);
    expect((await countJobs(database.db))['pending']).toBeGreaterThan(0);
  });

  it('adds nothing when the same file is imported again', async () => {
    const summary = await ingestRecords(database.db, readRecords([input], { format: 'jsonl' }), options);
    expect(summary).toMatchObject({ accepted: 0, duplicate: 5, rejected: 2 });
    expect(await countPosts(database.db, workspaceId)).toBe(4);
    const authors = await sql<{ n: number }>`SELECT count(*)::int AS n FROM author`.execute(database.db);
    expect(authors.rows[0]?.n).toBe(2);
  });

  it('writes a batch early when its records are large, so memory stays bounded', async () => {
    const big = Array.from({ length: 10 }, (_, i) =>
      line({
        id: `big-${i}`,
        text: 'a post with a large payload',
        created_at: '2026-03-01T10:00:00Z',
        author: 'ana',
        attachment: { alt: 'x'.repeat(60_000) },
      }),
    ).join('');
    const progress: number[] = [];
    const summary = await ingestRecords(database.db, readRecords([big], { format: 'jsonl' }), {
      ...options,
      batchSize: 100,
      maxBatchChars: 150_000,
      parallelBatches: 1,
      onProgress: (counts) => progress.push(counts.accepted),
    });
    expect(summary).toMatchObject({ accepted: 10, rejected: 0 });
    expect(progress).toEqual([3, 6, 9, 10]);
  });

  it('joins the explicitly named campaign as well', async () => {
    await ingestRecords(database.db, readRecords([good('9', 'unrelated words')], { format: 'jsonl' }), {
      ...options,
      campaignIds: [brandId],
    });
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM post_campaign pc JOIN post p ON p.id = pc.post_id WHERE p.external_id = '9'`.execute(
      database.db,
    );
    expect(rows.rows[0]?.n).toBe(1);
  });

  it('marks the named campaign as assigned and the matched ones as not (a network edit keeps only the former)', async () => {
    const storyId = (
      await sql<{ id: string }>`SELECT id FROM campaign WHERE name = 'Story'`.execute(database.db)
    ).rows[0]!.id;
    await ingestRecords(
      database.db,
      readRecords([good('10', 'Nordvik again #MiHistoria')], { format: 'jsonl' }),
      { ...options, campaignIds: [brandId] },
    );
    const rows = await sql<{ campaign_id: string; assigned: boolean }>`
      SELECT pc.campaign_id, pc.assigned FROM post_campaign pc JOIN post p ON p.id = pc.post_id
      WHERE p.external_id = '10' ORDER BY pc.assigned`.execute(database.db);
    // Named and matched too: assigned wins, once.
    expect(rows.rows).toEqual([
      { campaign_id: storyId, assigned: false },
      { campaign_id: brandId, assigned: true },
    ]);
  });
});
