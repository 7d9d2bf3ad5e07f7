import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import type { RecordItem } from '../../src/ingest/record-reader.ts';
import { countPosts } from '../../src/repositories/post.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// Broke: batches written in parallel upserted the same new authors in different orders and the
// server aborted one of them with "deadlock detected", failing the whole import.
describe('parallel ingest batches that share new authors', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database.close();
  });

  it('import without deadlocking and lose nothing', async () => {
    const workspaceId = (await insertWorkspace(database.db, 'W')).id;
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const items: RecordItem[] = Array.from({ length: 6000 }, (_, index) => ({
      kind: 'record',
      line: index + 1,
      fields: {
        id: `p${index}`,
        text: `post ${index}`,
        created_at: '2026-01-01T00:00:00Z',
        author: `author${Math.floor(random() * 300)}`,
      },
    }));
    const summary = await ingestRecords(database.db, items, {
      workspaceId,
      sourceKind: 'import',
      fileName: null,
      format: 'jsonl',
      mapping: DEFAULT_FIELD_MAPPING,
      defaultPlatform: 'import',
      now: new Date('2026-06-01T00:00:00Z'),
      batchSize: 100,
      parallelBatches: 6,
    });
    expect(summary).toMatchObject({ accepted: 6000, duplicate: 0, rejected: 0 });
    expect(await countPosts(database.db, workspaceId)).toBe(6000);
  });
});
