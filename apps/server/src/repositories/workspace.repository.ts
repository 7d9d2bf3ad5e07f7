import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface WorkspaceRecord {
  id: string;
  name: string;
}

export async function insertWorkspace(db: Kysely<Database>, name: string): Promise<WorkspaceRecord> {
  return db
    .insertInto('workspace')
    .values({ name, settings: '{}' })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function firstWorkspace(db: Kysely<Database>): Promise<WorkspaceRecord | undefined> {
  return db.selectFrom('workspace').select(['id', 'name']).orderBy('created_at').limit(1).executeTakeFirst();
}

export async function renameWorkspace(
  db: Kysely<Database>,
  id: string,
  name: string,
): Promise<WorkspaceRecord> {
  return db
    .updateTable('workspace')
    .set({ name })
    .where('id', '=', id)
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}
