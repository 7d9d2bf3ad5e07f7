import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/db/database.ts';

export type DatabaseKind = 'pglite' | 'postgres';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['pglite', 'postgres'];

export const ADMIN_URL =
  process.env['OMBUD_TEST_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Set by test-database.global-setup.ts: a migrated PGlite data dir archive, and a migrated database. */
export const PGLITE_TEMPLATE_ENV = 'OMBUD_TEST_PGLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'OMBUD_TEST_POSTGRES_TEMPLATE';

/** Runs one statement on the admin connection (create and drop databases). */
export async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends DatabaseHandle {
  /** Connection URL for a PostgreSQL test database; undefined for PGlite. */
  url: string | undefined;
}

/**
 * A fresh, migrated database of the given kind; `close()` removes it. It is a copy of the run's
 * migrated template when the global setup made one, then brought to the latest migration as always.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = process.env[PGLITE_TEMPLATE_ENV];
    const handle = await openDatabase(
      { kind: 'pglite', dataDir: 'memory://' },
      template ? { pgliteDataDir: await openAsBlob(template) } : {},
    );
    await migrateToLatest(handle.db);
    return { ...handle, url: undefined };
  }
  const name = `ombud_test_${randomBytes(6).toString('hex')}`;
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ kind: 'postgres', url });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
