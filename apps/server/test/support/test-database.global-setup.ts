import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { adminQuery, ADMIN_URL, PGLITE_TEMPLATE_ENV, POSTGRES_TEMPLATE_ENV } from './test-database.ts';

/**
 * Vitest global setup: migrates one PGlite store and one PostgreSQL database once per run, so that
 * createTestDatabase() copies a migrated schema (PGlite: loadDataDir, ~0.5 s of CPU instead of
 * ~3 s for initdb and every migration; PostgreSQL: CREATE DATABASE … TEMPLATE) instead of migrating
 * from nothing in each of the ~60 test files that open one. Each test still gets its own database.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'ombud-test-template-'));
  const templateName = `ombud_template_${randomBytes(6).toString('hex')}`;

  const pglite = (async () => {
    const store = await PGlite.create();
    await store.exec(`SET TIME ZONE 'UTC'`);
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(store)) }),
    });
    await migrateToLatest(db);
    await db.destroy();
    const file = join(dir, 'pglite-migrated.tar');
    writeFileSync(file, Buffer.from(await (await store.dumpDataDir('none')).arrayBuffer()));
    await store.close();
    return file;
  })();
  // Without a reachable server the PostgreSQL tests fail on their own, as they did before; the
  // PGlite ones still run.
  const postgres = (async (): Promise<boolean> => {
    try {
      await adminQuery(`CREATE DATABASE ${templateName}`);
    } catch (error) {
      console.warn(
        `no PostgreSQL template database: ${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
    const handle = await openDatabase({
      kind: 'postgres',
      url: ADMIN_URL.replace(/\/[^/]*$/, `/${templateName}`),
    });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    return true;
  })();
  const [pgliteFile, postgresTemplate] = await Promise.all([pglite, postgres]);
  process.env[PGLITE_TEMPLATE_ENV] = pgliteFile;
  if (postgresTemplate) process.env[POSTGRES_TEMPLATE_ENV] = templateName;

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (postgresTemplate) await adminQuery(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  };
}
