import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { actorOf, appendAudit } from './audit-log.service.ts';
import type { Principal } from './auth.service.ts';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

/** The workspace's API keys: names and prefixes only (the key itself is stored as a hash). */
export async function listApiKeys(db: Kysely<Database>, workspaceId: string) {
  const rows = await db
    .selectFrom('api_key')
    .select(['id', 'name', 'prefix', 'role', 'created_at', 'last_used_at', 'revoked_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  }));
}

/** Revokes a key at once: the next request with it is refused. */
export async function revokeApiKey(
  db: Kysely<Database>,
  owner: Principal,
  id: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_key')
      .set({ revoked_at: now })
      .where('workspace_id', '=', owner.workspaceId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `no active API key ${id}`);
    await appendAudit(trx, {
      workspaceId: owner.workspaceId,
      actor: actorOf(owner),
      action: 'api_key.revoked',
      target: { kind: 'api_key', id },
      occurredAt: now,
    });
  });
}
