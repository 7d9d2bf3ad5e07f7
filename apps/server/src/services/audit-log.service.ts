import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from './auth.service.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const GENESIS_HASH = '0'.repeat(64);

export type AuditActor =
  { kind: 'user' | 'api_key'; id: string } | { kind: 'system' | 'cli'; id?: string | null };

export interface AuditEntryInput {
  workspaceId: string;
  actor: AuditActor;
  /** What happened, e.g. `post.original.read`, `privacy.erasure.executed`, `user.created`. */
  action: string;
  target?: { kind: string; id: string };
  /** Never a handle, a name or a post text: ids, counts and hashes only, so erasure leaves this intact. */
  details?: Record<string, string | number | boolean | null | string[] | Record<string, number>>;
  occurredAt: Date;
}

export interface AuditEntry {
  seq: string;
  workspaceId: string;
  occurredAt: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const actorOf = (principal: Principal): AuditActor => ({
  kind: principal.kind,
  id: principal.id,
});

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash that chains an entry to the one before it. */
export function auditEntryHash(entry: Omit<AuditEntry, 'seq' | 'hash'>): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        entry.prevHash,
        entry.workspaceId,
        entry.occurredAt,
        entry.actorKind,
        entry.actorId,
        entry.action,
        entry.targetKind,
        entry.targetId,
        entry.details,
      ]),
    )
    .digest('hex');
}

/**
 * Appends one entry to the workspace's chain. A transaction-scoped advisory lock serialises
 * writers, so two entries never claim the same predecessor. Call it inside the transaction that
 * makes the change, so the change and its record commit together.
 */
export async function appendAudit(db: Executor, input: AuditEntryInput): Promise<AuditEntry> {
  const write = async (trx: Executor) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ombud-audit:${input.workspaceId}`}, 0))`.execute(
      trx,
    );
    const last = await trx
      .selectFrom('audit_log')
      .select('hash')
      .where('workspace_id', '=', input.workspaceId)
      .orderBy(sql`audit_log.seq`, 'desc')
      .limit(1)
      .executeTakeFirst();
    const body: Omit<AuditEntry, 'seq' | 'hash'> = {
      workspaceId: input.workspaceId,
      occurredAt: input.occurredAt.toISOString(),
      actorKind: input.actor.kind,
      actorId: input.actor.id ?? null,
      action: input.action,
      targetKind: input.target?.kind ?? null,
      targetId: input.target?.id ?? null,
      details: input.details ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const hash = auditEntryHash(body);
    const row = await trx
      .insertInto('audit_log')
      .values({
        workspace_id: body.workspaceId,
        occurred_at: body.occurredAt,
        actor_kind: body.actorKind,
        actor_id: body.actorId,
        action: body.action,
        target_kind: body.targetKind,
        target_id: body.targetId,
        details: JSON.stringify(body.details),
        prev_hash: body.prevHash,
        hash,
      })
      .returning(sql<string>`seq::text`.as('seq'))
      .executeTakeFirstOrThrow();
    return { ...body, seq: row.seq, hash };
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

type AuditRow = {
  seq: string;
  workspace_id: string;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

const toEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  workspaceId: row.workspace_id,
  occurredAt: new Date(row.occurred_at).toISOString(),
  actorKind: row.actor_kind,
  actorId: row.actor_id,
  action: row.action,
  targetKind: row.target_kind,
  targetId: row.target_id,
  details: row.details,
  prevHash: row.prev_hash,
  hash: row.hash,
});

export async function listAudit(
  db: Executor,
  workspaceId: string,
  options: { limit: number; beforeSeq?: string | undefined; action?: string | undefined },
): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_log')
    .select([
      sql<string>`seq::text`.as('seq'),
      'workspace_id',
      'occurred_at',
      'actor_kind',
      'actor_id',
      'action',
      'target_kind',
      'target_id',
      'details',
      'prev_hash',
      'hash',
    ])
    .where('workspace_id', '=', workspaceId);
  if (options.beforeSeq) query = query.where(sql<boolean>`seq < ${options.beforeSeq}::bigint`);
  if (options.action) query = query.where('action', '=', options.action);
  const rows = await query
    .orderBy(sql`audit_log.seq`, 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => toEntry(row));
}

export type AuditVerification =
  | { ok: true; workspaces: number; entries: number }
  | {
      ok: false;
      workspaces: number;
      entries: number;
      brokenAt: { workspaceId: string; seq: string; reason: string };
    };

/**
 * Walks every chain (or one workspace's) from the start and recomputes each hash: an entry that
 * was edited, removed from the middle or re-ordered breaks the chain at that point.
 */
export async function verifyAuditLog(db: Executor, workspaceId?: string): Promise<AuditVerification> {
  const heads = new Map<string, string>();
  let entries = 0;
  let lastSeq = '0';
  const pageSize = 5000;
  for (;;) {
    let query = db
      .selectFrom('audit_log')
      .select([
        sql<string>`seq::text`.as('seq'),
        'workspace_id',
        'occurred_at',
        'actor_kind',
        'actor_id',
        'action',
        'target_kind',
        'target_id',
        'details',
        'prev_hash',
        'hash',
      ])
      .where(sql<boolean>`seq > ${lastSeq}::bigint`);
    if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
    const rows = (await query
      .orderBy(sql`audit_log.seq`)
      .limit(pageSize)
      .execute()) as AuditRow[];
    for (const row of rows) {
      const entry = toEntry(row);
      const expectedPrev = heads.get(entry.workspaceId) ?? GENESIS_HASH;
      const fail = (reason: string): AuditVerification => ({
        ok: false,
        workspaces: heads.size,
        entries,
        brokenAt: { workspaceId: entry.workspaceId, seq: entry.seq, reason },
      });
      if (entry.prevHash !== expectedPrev)
        return fail(
          'previous-hash link does not match the entry before it (an entry was removed or reordered)',
        );
      if (auditEntryHash(entry) !== entry.hash)
        return fail('entry content does not match its hash (it was edited)');
      heads.set(entry.workspaceId, entry.hash);
      entries += 1;
      lastSeq = entry.seq;
    }
    if (rows.length < pageSize) break;
  }
  return { ok: true, workspaces: heads.size, entries };
}
