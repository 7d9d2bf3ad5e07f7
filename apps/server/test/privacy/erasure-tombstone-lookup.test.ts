// Erasure tombstones are looked up batch by batch against the tombstone table's primary key, not
// read whole into memory for every import: the refusals are the same (an erased author in any
// spelling of the handle, a post deleted on its network, in line order with the other problems), and
// a tombstone written while a long import runs is honoured by the batches after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import type { RecordItem } from '../../src/ingest/record-reader.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { ingestRecords, type IngestOptions } from '../../src/services/ingest.service.ts';
import { postTombstoneHash, subjectHash } from '../../src/services/privacy-subject.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

describe.each(DATABASE_KINDS)('erasure tombstones looked up per batch on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  let line = 0;
  const record = (id: string, author: string): RecordItem => ({
    kind: 'record',
    line: ++line,
    fields: {
      id,
      text: `post ${id} about the Nordvik kettle`,
      created_at: '2026-03-01T10:00:00Z',
      author,
      platform: 'twitter',
    },
  });
  const bad = (): RecordItem => ({ kind: 'problem', line: ++line, code: 'JSON_INVALID', reason: 'not json' });
  const options = (workspaceId: string): IngestOptions => ({
    workspaceId,
    sourceKind: 'import',
    fileName: 'tombstones.jsonl',
    format: 'jsonl',
    mapping: DEFAULT_FIELD_MAPPING,
    defaultPlatform: 'twitter',
    now: new Date('2026-06-01T00:00:00Z'),
    batchSize: 3,
    parallelBatches: 1,
  });
  const tombstone = (workspaceId: string, hash: string) =>
    database.db
      .insertInto('privacy_tombstone')
      .values({ workspace_id: workspaceId, subject_hash: hash })
      .execute();

  it('refuses erased authors and deleted posts, reporting every problem in line order', async () => {
    const workspaceId = (await insertWorkspace(database.db, `t ${Math.random()}`)).id;
    await tombstone(workspaceId, subjectHash(workspaceId, { platform: 'twitter', handle: 'gone' }));
    await tombstone(workspaceId, postTombstoneHash(workspaceId, 'twitter', 'deleted-1'));
    line = 0;
    const items = [
      record('a1', 'ana'), // 1
      record('g1', '@Gone'), // 2
      bad(), // 3
      record('deleted-1', 'ana'), // 4
      record('a2', 'ana'), // 5
      bad(), // 6
      record('g2', 'GONE'), // 7
      record('a3', 'bo'), // 8
      record('a4', 'bo'), // 9
    ];
    const summary = await ingestRecords(database.db, items, options(workspaceId));
    expect(summary).toMatchObject({ accepted: 4, duplicate: 0, rejected: 5 });
    expect(summary.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'ERASED_PERSON'],
      [3, 'JSON_INVALID'],
      [4, 'ERASED_PERSON'],
      [6, 'JSON_INVALID'],
      [7, 'ERASED_PERSON'],
    ]);
    const stored = await database.db
      .selectFrom('post')
      .select('external_id')
      .where('workspace_id', '=', workspaceId)
      .orderBy('external_id')
      .execute();
    expect(stored.map((p) => p.external_id)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('honours a tombstone written while the import runs in the batches after it', async () => {
    const workspaceId = (await insertWorkspace(database.db, `t ${Math.random()}`)).id;
    await tombstone(workspaceId, subjectHash(workspaceId, { platform: 'twitter', handle: 'someone-else' }));
    line = 0;
    const first = ['1', '2', '3'].map((n) => record(`late-${n}`, 'late'));
    const rest = ['4', '5', '6'].map((n) => record(`late-${n}`, 'late'));
    async function* items() {
      yield* first;
      // The person is erased after the first batch was read (erasure's own scan takes that one out).
      await tombstone(workspaceId, subjectHash(workspaceId, { platform: 'twitter', handle: 'late' }));
      yield* rest;
    }
    const summary = await ingestRecords(database.db, items(), options(workspaceId));
    expect(summary).toMatchObject({ accepted: 3, rejected: 3 });
    expect(summary.problems.map((p) => [p.line, p.code])).toEqual([
      [4, 'ERASED_PERSON'],
      [5, 'ERASED_PERSON'],
      [6, 'ERASED_PERSON'],
    ]);
  });
});
