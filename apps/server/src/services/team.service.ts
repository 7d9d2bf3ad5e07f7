import type { Kysely } from 'kysely';
import type { Role, UpdateUserRequest } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export interface TeamMember {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: string;
}

async function requireMember(db: Kysely<Database>, workspaceId: string, userId: string) {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'role', 'locale'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no team member ${userId}`);
  return row;
}

async function otherOwners(db: Kysely<Database>, workspaceId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .where('id', '<>', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Changes a member's name, role or language; the workspace always keeps at least one owner. */
export async function updateMember(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  change: UpdateUserRequest,
): Promise<{ member: TeamMember; previousRole: Role }> {
  const existing = await requireMember(db, workspaceId, userId);
  if (
    existing.role === 'owner' &&
    change.role !== undefined &&
    change.role !== 'owner' &&
    (await otherOwners(db, workspaceId, userId)) === 0
  )
    throw new AppError('CONFLICT', 'body.role: the workspace needs an owner; make someone else owner first');
  await db
    .updateTable('app_user')
    .set({
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.locale !== undefined ? { locale: change.locale } : {}),
    })
    .where('id', '=', userId)
    .execute();
  const row = await requireMember(db, workspaceId, userId);
  return {
    previousRole: existing.role as Role,
    member: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role as Role,
      locale: row.locale,
    },
  };
}

/** Removes a member and ends their sessions; nobody removes themselves, and the last owner stays. */
export async function removeMember(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  actingUserId: string,
): Promise<{ email: string; role: Role }> {
  const existing = await requireMember(db, workspaceId, userId);
  if (userId === actingUserId)
    throw new AppError('CONFLICT', 'you cannot remove yourself; another owner can');
  if (existing.role === 'owner' && (await otherOwners(db, workspaceId, userId)) === 0)
    throw new AppError('CONFLICT', 'the workspace needs an owner; make someone else owner first');
  // Sessions, saved replies and personal settings go with the user (ON DELETE CASCADE); work they
  // did (replies, approvals, audit entries) stays, its user reference set to null.
  await db.deleteFrom('app_user').where('id', '=', userId).execute();
  return { email: existing.email, role: existing.role as Role };
}
