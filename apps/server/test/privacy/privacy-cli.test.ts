import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { drainJobs, ingest } from './privacy-seed.ts';

// The CLI needs a database it can open from another process: the PostgreSQL server.
describe('ombud privacy export / erase / retention and ombud audit verify', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    env = { ...process.env, DATABASE_URL: database.url, OMBUD_LOG_LEVEL: 'silent' };
    const workspaceId = (await insertWorkspace(database.db, 'CLI')).id;
    await ingest(database.db, workspaceId, [
      {
        id: '1',
        text: 'Hej, jag heter Karin Ek och kokaren läcker',
        created_at: '2026-11-01T10:00:00Z',
        author: 'karin_ek',
        author_name: 'Karin Ek',
        platform: 'mastodon',
      },
      {
        id: '2',
        text: 'Helt okej kokare',
        created_at: '2026-11-01T11:00:00Z',
        author: 'bo',
        platform: 'mastodon',
      },
    ]);
    await drainJobs(database.db);
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it('exports a person as CSV and JSON, erases them, and the audit chain holds', async () => {
    const csv = await runOmbud(
      ['privacy', 'export', '--platform', 'mastodon', '--handle', '@Karin_Ek', '--format', 'csv'],
      env,
    );
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain('author,author,1,handle,karin_ek');
    expect(csv.stdout).toContain('Hej, jag heter Karin Ek och kokaren läcker');
    const erase = await runOmbud(['privacy', 'erase', '--platform', 'mastodon', '--handle', 'karin_ek'], env);
    expect(erase.status).toBe(0);
    expect(JSON.parse(erase.stdout)).toMatchObject({
      authorsErased: 1,
      rowsDeleted: { post: 1, post_analysis: 1 },
    });
    const json = await runOmbud(['privacy', 'export', '--platform', 'mastodon', '--handle', 'karin_ek'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ authors: [], tables: {}, mentions: [] });
    const posts = await sql<{ text: string }>`SELECT text FROM post`.execute(database.db);
    expect(posts.rows).toEqual([{ text: 'Helt okej kokare' }]);
    const retention = await runOmbud(['privacy', 'retention'], env);
    expect(JSON.parse(retention.stdout)).toEqual({ workspaces: 0, deleted: 0, anonymised: 0 });
    const verify = await runOmbud(['audit', 'verify'], env);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, entries: 3 });
    const actions = await sql<{ action: string; actor_kind: string }>`
      SELECT action, actor_kind FROM audit_log ORDER BY seq`.execute(database.db);
    expect(actions.rows).toEqual([
      { action: 'privacy.export.generated', actor_kind: 'cli' },
      { action: 'privacy.erasure.executed', actor_kind: 'cli' },
      { action: 'privacy.export.generated', actor_kind: 'cli' },
    ]);
  }, 120_000);
});
