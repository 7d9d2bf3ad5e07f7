import { campaignInputSchema } from '@ombud/contract';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import { readRecords } from '../../src/ingest/record-reader.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { ingestRecords, type IngestCounts, type IngestOptions } from '../../src/services/ingest.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

// Regression: an external id repeated in a later batch, written while the earlier batch was still in
// flight, kept whichever copy reached the database first. The first copy in the file must win, and
// the campaigns it joins must follow the copy that was stored.
const line = (id: string, text: string, author: string, followers: number) =>
  JSON.stringify({
    id,
    text,
    created_at: '2026-03-01T10:00:00Z',
    author,
    platform: 'twitter',
    author_followers: followers,
  }) + '\n';

describe.each(DATABASE_KINDS)('a repeated external id on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId: string;
  let options: IngestOptions;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'Test')).id;
    await insertCampaign(
      database.db,
      workspaceId,
      campaignInputSchema.parse({ name: 'Story', hashtags: ['#MiHistoria'] }),
    );
    await insertCampaign(
      database.db,
      workspaceId,
      campaignInputSchema.parse({ name: 'Brand', keywords: ['Nordvik'] }),
    );
    options = {
      workspaceId,
      sourceKind: 'import',
      fileName: 'repeated.jsonl',
      format: 'jsonl',
      mapping: DEFAULT_FIELD_MAPPING,
      defaultPlatform: 'import',
      now: new Date('2026-06-01T00:00:00Z'),
    };
  });
  afterAll(async () => {
    await database.close();
  });

  const stored = async (externalId: string) => {
    const post = await sql<{ text: string; handle: string; campaigns: string[] }>`
      SELECT p.text, a.handle,
             ARRAY(SELECT c.name FROM post_campaign pc JOIN campaign c ON c.id = pc.campaign_id
                   WHERE pc.post_id = p.id ORDER BY c.name) AS campaigns
      FROM post p JOIN author a ON a.id = p.author_id
      WHERE p.workspace_id = ${workspaceId}::uuid AND p.external_id = ${externalId}`.execute(database.db);
    return post.rows;
  };

  it('keeps the first copy when both copies are in one batch', async () => {
    const input =
      line('same-1', 'first copy #mihistoria', 'ana', 1) + line('same-1', 'later copy Nordvik', 'sven', 1);
    const summary = await ingestRecords(database.db, readRecords([input], { format: 'jsonl' }), {
      ...options,
      batchSize: 10,
    });
    expect(summary).toMatchObject({ accepted: 1, duplicate: 1, rejected: 0 });
    expect(await stored('same-1')).toEqual([
      { text: 'first copy #mihistoria', handle: 'ana', campaigns: ['Story'] },
    ]);
  });

  it('keeps the first copy when the later batch is written while the earlier one is still in flight', async () => {
    // The earlier batch's author already exists and is refreshed by the import, so on the server a
    // lock held on that author row stalls the earlier batch while the later batch is written.
    await ingestRecords(
      database.db,
      readRecords([line('seed', 'an older post', 'slowpoke', 1)], { format: 'jsonl' }),
      options,
    );
    const input =
      line('race-1', 'first copy #mihistoria', 'slowpoke', 2) +
      line('race-a', 'earlier batch', 'ana', 3) +
      line('race-1', 'later copy Nordvik', 'sven', 4) +
      line('race-b', 'later batch', 'sven', 4);

    let release: () => Promise<void> = () => Promise.resolve();
    if (kind === 'postgres') {
      const holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM author WHERE handle = 'slowpoke' FOR UPDATE`);
      let released = false;
      release = async () => {
        if (released) return;
        released = true;
        await holder.query('COMMIT');
        await holder.end();
      };
      // Never hang the test: the earlier batch gets its lock back after a while whatever happens.
      setTimeout(() => void release(), 15_000).unref();
    }
    const progress: IngestCounts[] = [];
    const summary = await ingestRecords(database.db, readRecords([input], { format: 'jsonl' }), {
      ...options,
      batchSize: 2,
      parallelBatches: 2,
      onProgress: (counts) => {
        progress.push(counts);
        void release();
      },
    });
    await release();

    expect(summary).toMatchObject({ accepted: 3, duplicate: 1, rejected: 0 });
    if (kind === 'postgres') {
      // The later batch really was written first (one post: its copy of race-1 was a duplicate).
      expect(progress[0]).toMatchObject({ accepted: 1 });
    }
    expect(await stored('race-1')).toEqual([
      { text: 'first copy #mihistoria', handle: 'slowpoke', campaigns: ['Story'] },
    ]);
    expect((await stored('race-b')).map((row) => row.handle)).toEqual(['sven']);
  });
});
