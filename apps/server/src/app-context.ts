import type { AppConfig } from './config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import {
  firstWorkspace,
  insertWorkspace,
  type WorkspaceRecord,
} from './repositories/workspace.repository.ts';
import { mkdir } from 'node:fs/promises';

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.database.kind === 'pglite' && config.database.dataDir !== 'memory://') {
    await mkdir(config.database.dataDir, { recursive: true });
  }
  const handle = await openDatabase(config.database);
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** The workspace CLI commands act on: the first one, created when the store is empty. */
export async function defaultWorkspace(handle: DatabaseHandle): Promise<WorkspaceRecord> {
  return (await firstWorkspace(handle.db)) ?? insertWorkspace(handle.db, 'Default workspace');
}
