import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../test/support/test-database.ts';
import { migrateToLatest } from './database.ts';

describe.each(DATABASE_KINDS)('database on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  it('has every table after migrating, and migrating again applies nothing', async () => {
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(
      database.db,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'workspace',
        'app_user',
        'campaign',
        'author',
        'post',
        'post_campaign',
        'import_batch',
        'job',
      ]),
    );
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('runs in UTC and returns timestamps as Dates', async () => {
    const result = await sql<{
      zone: string;
      now: Date;
    }>`SELECT current_setting('TimeZone') AS zone, now() AS now`.execute(database.db);
    expect(result.rows[0]?.zone).toBe('UTC');
    expect(result.rows[0]?.now).toBeInstanceOf(Date);
  });
});
