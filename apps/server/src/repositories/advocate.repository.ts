import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Advocate, AdvocateFields } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { AdvocateTable } from '../db/tables/advocates.tables.ts';

type Db = Kysely<Database> | Transaction<Database>;

function toAdvocate(
  row: Selectable<AdvocateTable>,
  handles: readonly { platform: string; handle: string }[],
): Advocate {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    languages: row.languages,
    language: row.language,
    markets: row.markets,
    handles: handles.map(({ platform, handle }) => ({ platform, handle })),
    trustLevel: row.trust_level as Advocate['trustLevel'],
    trainingStatus: row.training_status as Advocate['trainingStatus'],
    status: row.status as Advocate['status'],
    consent: {
      given: row.consent,
      reference: row.consent_reference,
      at: row.consent_at?.toISOString() ?? null,
    },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function handlesOf(db: Db, advocateIds: readonly string[]) {
  if (advocateIds.length === 0) return new Map<string, { platform: string; handle: string }[]>();
  const rows = await db
    .selectFrom('advocate_handle')
    .select(['advocate_id', 'platform', 'handle'])
    .where('advocate_id', 'in', advocateIds)
    .orderBy('platform')
    .orderBy('handle')
    .execute();
  const byAdvocate = new Map<string, { platform: string; handle: string }[]>();
  for (const row of rows) {
    const list = byAdvocate.get(row.advocate_id) ?? [];
    list.push(row);
    byAdvocate.set(row.advocate_id, list);
  }
  return byAdvocate;
}

/** Handles already taken by another advocate of the workspace. */
export async function takenHandles(
  db: Db,
  workspaceId: string,
  handles: readonly { platform: string; handle: string }[],
  exceptAdvocateId?: string,
): Promise<{ platform: string; handle: string }[]> {
  if (handles.length === 0) return [];
  let query = db
    .selectFrom('advocate_handle')
    .select(['platform', 'handle'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or(handles.map((h) => eb.and([eb('platform', '=', h.platform), eb('handle', '=', h.handle)]))),
    );
  if (exceptAdvocateId !== undefined) query = query.where('advocate_id', '!=', exceptAdvocateId);
  return query.execute();
}

export async function replaceHandles(
  db: Db,
  workspaceId: string,
  advocateId: string,
  handles: readonly { platform: string; handle: string }[],
): Promise<void> {
  await db.deleteFrom('advocate_handle').where('advocate_id', '=', advocateId).execute();
  const unique = [...new Map(handles.map((h) => [`${h.platform}\n${h.handle}`, h])).values()];
  if (unique.length > 0)
    await db
      .insertInto('advocate_handle')
      .values(unique.map((h) => ({ workspace_id: workspaceId, advocate_id: advocateId, ...h })))
      .execute();
}

export async function insertAdvocate(
  db: Db,
  workspaceId: string,
  fields: AdvocateFields,
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto('advocate')
    .values({
      workspace_id: workspaceId,
      display_name: fields.displayName,
      email: fields.email,
      languages: fields.languages,
      language: fields.language ?? fields.languages[0]!,
      markets: fields.markets,
      trust_level: fields.trustLevel,
      training_status: fields.trainingStatus,
      status: 'active',
      consent: fields.consent.given,
      consent_reference: fields.consent.reference,
      consent_at: fields.consent.given ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceHandles(db, workspaceId, row.id, fields.handles);
  return row.id;
}

export type AdvocateColumns = Partial<
  Pick<
    Selectable<AdvocateTable>,
    | 'display_name'
    | 'email'
    | 'languages'
    | 'language'
    | 'markets'
    | 'trust_level'
    | 'training_status'
    | 'status'
    | 'consent'
    | 'consent_reference'
    | 'consent_at'
  >
>;

export async function updateAdvocate(
  db: Db,
  workspaceId: string,
  id: string,
  columns: AdvocateColumns,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('advocate')
    .set({ ...columns, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findAdvocate(db: Db, workspaceId: string, id: string): Promise<Advocate | undefined> {
  const row = await db
    .selectFrom('advocate')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return toAdvocate(row, (await handlesOf(db, [row.id])).get(row.id) ?? []);
}

export async function listAdvocates(db: Db, workspaceId: string): Promise<Advocate[]> {
  const rows = await db
    .selectFrom('advocate')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  const handles = await handlesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toAdvocate(row, handles.get(row.id) ?? []));
}

export async function deleteAdvocate(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('advocate')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function insertInvitation(
  db: Db,
  values: {
    workspaceId: string;
    advocateId: string;
    tokenHash: string;
    expiresAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('advocate_invitation')
    .values({
      workspace_id: values.workspaceId,
      advocate_id: values.advocateId,
      token_hash: values.tokenHash,
      expires_at: values.expiresAt,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findInvitationByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('advocate_invitation')
    .select(['id', 'workspace_id', 'advocate_id', 'expires_at', 'accepted_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks an invitation accepted once; false when it already was (a concurrent accept). */
export async function markInvitationAccepted(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('advocate_invitation')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
