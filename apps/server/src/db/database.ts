import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

// int8 ids stay strings (they may exceed 2^53); int8 counts are cast to int in SQL.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Opens the configured store: embedded PGlite in a data folder, or a PostgreSQL server. A new
 * PGlite store may start from `pgliteDataDir`, a `dumpDataDir()` archive (tests: a migrated copy).
 */
export async function openDatabase(
  config: AppConfig['database'],
  options: { pgliteDataDir?: Blob } = {},
): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10, options: '-c timezone=UTC' });
    // A connection the server dropped (restart, pg_terminate_backend) must not end the process: an
    // idle one is discarded by the pool; a checked-out one fails its query, and the pool discards it
    // on release. Without these listeners the 'error' event would be thrown.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const pglite = await PGlite.create({
    ...(config.dataDir === 'memory://' ? {} : { dataDir: config.dataDir }),
    ...(options.pgliteDataDir ? { loadDataDir: options.pgliteDataDir } : {}),
    // PGlite's PostgreSQL lives inside this process's memory: 128 MB of shared buffers (the
    // server default) pushed an import past 500 MB RSS; 32 MB keeps it under 400 MB.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
  });
  await pglite.exec(`SET TIME ZONE 'UTC'`);
  const pool = new pg.Pool(createPgConfig(yieldingToEventLoop(pglite)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * PGlite's node-postgres adapter chains every statement on promises alone, so thousands of statements
 * in a row (a demo seed, an analysis drain) never let timers, sockets or IPC run: an embedded server
 * stops answering HTTP, and a vitest fork misses its 60 s RPC deadline. Each statement first yields
 * to the event loop once 10 ms have passed without a yield.
 */
function yieldingToEventLoop(pglite: PGlite): PGlite {
  let lastYield = performance.now();
  const adapter: Pick<PGlite, 'waitReady' | 'execProtocolStream'> = {
    waitReady: pglite.waitReady,
    execProtocolStream: async (message, options) => {
      if (performance.now() - lastYield > 10) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      return pglite.execProtocolStream(message, options);
    },
  };
  // The adapter calls only these two members.
  return adapter as PGlite;
}

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
}

/** Brings the schema to the latest migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Numbers are reserved per capability, so a later number can land first: run any missing one.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    allowUnorderedMigrations: true,
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
