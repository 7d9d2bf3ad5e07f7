import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { eraseSubjects, makeScrubber } from '../../src/services/data-subject.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { drainJobs, ingest, seedCampaign } from './privacy-seed.ts';

describe('the erasure scrubber', () => {
  const scrub = makeScrubber({
    words: ['done', '@done', 'Maria', 'ana_g_82', '@ana_g_82', 'Ana García'],
    texts: ['my very own post text here'],
    excerpts: [],
  });

  it.each([
    ["I'm done with this kettle", "I'm done with this kettle"],
    ['thanks @done for the tip', 'thanks [erased] for the tip'],
    ['https://x.com/done/status/1', 'https://x.com/[erased]/status/1'],
    ['done', '[erased]'],
    ['Maria said hi', 'Maria said hi'],
    ['Maria', '[erased]'],
    ['ping ana_g_82 and @ANA_G_82!', 'ping [erased] and [erased]!'],
    ['banana_g_82 stays', 'banana_g_82 stays'],
    ['Ana García wrote: my very own post text here', '[erased] wrote: [erased]'],
  ])('%s → %s', (input, output) => {
    expect(scrub(input)).toBe(output);
  });
});

describe.each(DATABASE_KINDS)('erasing a person whose handle is an ordinary word on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'Words')).id;
    await seedCampaign(database.db, workspaceId);
    await ingest(database.db, workspaceId, [
      {
        id: '1',
        text: 'My Nordvik kettle is pending repair, so annoying',
        created_at: '2026-11-01T10:00:00Z',
        author: 'pending',
      },
      {
        id: '2',
        text: 'Repair still pending for my Nordvik kettle, @pending same here',
        created_at: '2026-11-01T11:00:00Z',
        author: 'owner',
      },
    ]);
    await drainJobs(database.db);
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it('removes them and their mentions, and leaves the same word elsewhere and every status column alone', async () => {
    await sql`INSERT INTO job (name, payload, status, run_after) VALUES ('privacy.retention', '{}', 'pending', now() + interval '1 day')`.execute(
      database.db,
    );
    const outcome = await eraseSubjects(database.db, {
      workspaceId,
      identities: [{ platform: 'twitter', handle: 'pending' }],
      actor: { kind: 'system' },
      now: new Date(),
    });
    expect(outcome).toMatchObject({ authorsErased: 1, rowsDeleted: { post: 1 } });
    const texts = await sql<{ text: string }>`SELECT text FROM post`.execute(database.db);
    expect(texts.rows).toEqual([{ text: 'Repair still pending for my Nordvik kettle, [erased] same here' }]);
    const jobs = await sql<{
      status: string;
    }>`SELECT status FROM job WHERE name = 'privacy.retention'`.execute(database.db);
    expect(jobs.rows).toEqual([{ status: 'pending' }]);
    const owner = await sql<{ handle: string }>`SELECT handle FROM author`.execute(database.db);
    expect(owner.rows).toEqual([{ handle: 'owner' }]);
  });
});
