import type { Kysely } from 'kysely';
import type { Digest, ListeningFilter, SavedSearch } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { ListeningDigestTable } from '../db/tables/listening.tables.ts';
import type { Selectable } from 'kysely';

function toSaved(row: {
  id: string;
  name: string;
  filter: Record<string, unknown>;
  created_at: Date;
}): SavedSearch {
  return {
    id: row.id,
    name: row.name,
    filter: row.filter,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listSavedSearches(db: Kysely<Database>, workspaceId: string): Promise<SavedSearch[]> {
  const rows = await db
    .selectFrom('listening_saved_search')
    .select(['id', 'name', 'filter', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
  return rows.map(toSaved);
}

export async function findSavedSearch(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<SavedSearch | undefined> {
  const row = await db
    .selectFrom('listening_saved_search')
    .select(['id', 'name', 'filter', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSaved(row) : undefined;
}

/** Inserts, or returns undefined when the workspace already has a search with that name. */
export async function insertSavedSearch(
  db: Kysely<Database>,
  workspaceId: string,
  createdBy: string | null,
  input: { name: string; filter: ListeningFilter },
): Promise<SavedSearch | undefined> {
  const row = await db
    .insertInto('listening_saved_search')
    .values({
      workspace_id: workspaceId,
      name: input.name,
      filter: JSON.stringify(input.filter),
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
    .returning(['id', 'name', 'filter', 'created_at'])
    .executeTakeFirst();
  return row ? toSaved(row) : undefined;
}

export async function deleteSavedSearch(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('listening_saved_search')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export function toDigest(row: Selectable<ListeningDigestTable>): Digest {
  return {
    id: row.id,
    savedSearchId: row.saved_search_id,
    recipients: row.recipients,
    frequency: row.frequency,
    hourUtc: row.hour_utc,
    locale: row.locale,
    nextDueAt: row.next_due_at.toISOString(),
    lastSentAt: row.last_sent_at?.toISOString() ?? null,
    lastError: row.last_error,
  };
}

export async function listDigests(db: Kysely<Database>, workspaceId: string): Promise<Digest[]> {
  const rows = await db
    .selectFrom('listening_digest')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
  return rows.map(toDigest);
}

export async function insertDigest(
  db: Kysely<Database>,
  workspaceId: string,
  input: Omit<Digest, 'id' | 'lastSentAt' | 'lastError'>,
): Promise<Digest> {
  const row = await db
    .insertInto('listening_digest')
    .values({
      workspace_id: workspaceId,
      saved_search_id: input.savedSearchId,
      recipients: input.recipients,
      frequency: input.frequency,
      hour_utc: input.hourUtc,
      locale: input.locale,
      next_due_at: input.nextDueAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDigest(row);
}

export async function deleteDigest(db: Kysely<Database>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('listening_digest')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function dueDigests(
  db: Kysely<Database>,
  now: Date,
): Promise<Selectable<ListeningDigestTable>[]> {
  return db
    .selectFrom('listening_digest')
    .selectAll()
    .where('next_due_at', '<=', now)
    .orderBy('next_due_at')
    .execute();
}

/**
 * Claims a due digest for one sender: moves `next_due_at` from the value the caller saw to the end
 * of a send lease, only if nobody else did. The winner sends. Should it die before recording the
 * outcome, the digest is due again when the lease runs out (and the new claim is another lease).
 */
export async function claimDigest(
  db: Kysely<Database>,
  id: string,
  expectedDueAt: Date,
  leaseUntil: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('listening_digest')
    .set({ next_due_at: leaseUntil })
    .where('id', '=', id)
    .where('next_due_at', '=', expectedDueAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records how a claimed send went, only while the claim is still this sender's (`next_due_at` is
 * still its lease): sent (with the next slot) or refused (with the retry time). Returns false when
 * the lease had run out and another sender took the digest over; that sender records instead.
 */
export async function recordDigestOutcome(
  db: Kysely<Database>,
  id: string,
  leaseUntil: Date,
  outcome: { sentAt: Date; nextDueAt: Date } | { error: string; retryAt: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('listening_digest')
    .set(
      'sentAt' in outcome
        ? { last_sent_at: outcome.sentAt, last_error: null, next_due_at: outcome.nextDueAt }
        : { last_error: outcome.error, next_due_at: outcome.retryAt },
    )
    .where('id', '=', id)
    .where('next_due_at', '=', leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
