import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { actorOf, appendAudit } from './audit-log.service.ts';
import type { Principal } from './auth.service.ts';

export type PrivacyPermission = 'view_original';

/** Owners hold every privacy permission; anyone else needs an explicit grant. */
export async function hasPermission(
  db: Kysely<Database>,
  principal: Principal,
  permission: PrivacyPermission,
): Promise<boolean> {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'owner') return true;
  const row = await db
    .selectFrom('privacy_permission')
    .select('user_id')
    .where('workspace_id', '=', principal.workspaceId)
    .where('user_id', '=', principal.id)
    .where('permission', '=', permission)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listPermissions(db: Kysely<Database>, workspaceId: string) {
  const rows = await db
    .selectFrom('privacy_permission')
    .select(['user_id', 'permission', 'granted_by', 'granted_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('granted_at')
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    permission: row.permission as PrivacyPermission,
    grantedBy: row.granted_by,
    grantedAt: new Date(row.granted_at).toISOString(),
  }));
}

export async function grantPermission(
  db: Kysely<Database>,
  owner: Principal,
  userId: string,
  permission: PrivacyPermission,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select('id')
      .where('workspace_id', '=', owner.workspaceId)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', `no user ${userId} in this workspace`);
    await trx
      .insertInto('privacy_permission')
      .values({ workspace_id: owner.workspaceId, user_id: userId, permission, granted_by: owner.id })
      .onConflict((conflict) => conflict.columns(['user_id', 'permission']).doNothing())
      .execute();
    await appendAudit(trx, {
      workspaceId: owner.workspaceId,
      actor: actorOf(owner),
      action: 'permission.granted',
      target: { kind: 'user', id: userId },
      details: { permission },
      occurredAt: now,
    });
  });
}

export async function revokePermission(
  db: Kysely<Database>,
  owner: Principal,
  userId: string,
  permission: PrivacyPermission,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('privacy_permission')
      .where('workspace_id', '=', owner.workspaceId)
      .where('user_id', '=', userId)
      .where('permission', '=', permission)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0)
      throw new AppError('NOT_FOUND', `user ${userId} does not hold ${permission}`);
    await appendAudit(trx, {
      workspaceId: owner.workspaceId,
      actor: actorOf(owner),
      action: 'permission.revoked',
      target: { kind: 'user', id: userId },
      details: { permission },
      occurredAt: now,
    });
  });
}
