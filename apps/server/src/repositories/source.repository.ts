import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type SourceKind = 'import' | 'webhook' | 'demo' | 'connector';

/** The source a post's external id is unique within; created on first use. */
export async function ensureSource(
  db: Kysely<Database>,
  workspaceId: string,
  kind: SourceKind,
  name: string,
): Promise<string> {
  await db
    .insertInto('source')
    .values({ workspace_id: workspaceId, kind, name })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'kind', 'name']).doNothing())
    .execute();
  const row = await db
    .selectFrom('source')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}
