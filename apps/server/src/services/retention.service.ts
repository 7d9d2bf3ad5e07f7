import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { analysePosts } from './analysis.service.ts';
import { appendAudit, type AuditActor } from './audit-log.service.ts';
import { applyRedaction, compileCustomPatterns } from './privacy-ingest.service.ts';
import { loadPrivacyPolicy } from '../repositories/privacy-policy.repository.ts';
import { quoteIdent, rawExecute, readSchemaMap, type SchemaMap } from './privacy-schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const RETENTION_TASK = 'retention';
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const CHUNK = 2000;
export const ANONYMOUS_PLATFORM = 'anonymous';
export const ANONYMOUS_HANDLE = 'anonymous';

export interface RetentionResult {
  workspaces: number;
  deleted: number;
  anonymised: number;
}

/** Authors nothing refers to any more (no posts, no consent, nothing in other capabilities' tables). */
async function deleteOrphanAuthors(db: Executor, schema: SchemaMap, workspaceId: string): Promise<number> {
  const checks = schema.foreignKeys
    .filter(
      (key) => key.parent === 'author' && key.parentColumns.length === 1 && key.parentColumns[0] === 'id',
    )
    .map(
      (key) =>
        `NOT EXISTS (SELECT 1 FROM ${quoteIdent(key.child)} r WHERE r.${quoteIdent(key.childColumns[0] ?? 'author_id')} = a.id)`,
    );
  return rawExecute(
    db,
    `DELETE FROM author a WHERE a.workspace_id = $1::uuid AND NOT (a.platform = $2 AND a.handle = $3)${checks.map((c) => ` AND ${c}`).join('')}`,
    [workspaceId, ANONYMOUS_PLATFORM, ANONYMOUS_HANDLE],
  );
}

async function anonymousAuthor(db: Executor, workspaceId: string): Promise<string> {
  const row = await sql<{ id: string }>`
    INSERT INTO author (workspace_id, platform, handle, display_name)
    VALUES (${workspaceId}::uuid, ${ANONYMOUS_PLATFORM}, ${ANONYMOUS_HANDLE}, NULL)
    ON CONFLICT (workspace_id, platform, handle) DO UPDATE SET updated_at = author.updated_at
    RETURNING id::text AS id
  `.execute(db);
  return row.rows[0]!.id;
}

/**
 * Applies one workspace's retention period: posts created before `now - retentionDays` are deleted,
 * or anonymised (author replaced by a shared anonymous author, personal data masked in the text,
 * unmapped fields, URL and kept original dropped, analysis redone). Authors left with nothing are
 * deleted. Safe to run again: anonymised posts are not due twice.
 */
export async function applyRetention(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
  actor: AuditActor = { kind: 'system' },
): Promise<{ deleted: number; anonymised: number; authorsDeleted: number } | undefined> {
  const policy = await loadPrivacyPolicy(db, workspaceId);
  if (!policy.retentionDays) return undefined;
  const cutoff = new Date(now.getTime() - policy.retentionDays * 86_400_000);
  const schema = await readSchemaMap(db);
  let deleted = 0;
  let anonymised = 0;
  if (policy.retentionAction === 'delete') {
    for (;;) {
      const result = await sql`
        DELETE FROM post WHERE id IN (
          SELECT id FROM post WHERE workspace_id = ${workspaceId}::uuid AND created_at < ${cutoff} LIMIT ${CHUNK})
      `.execute(db);
      const n = Number(result.numAffectedRows ?? 0);
      deleted += n;
      if (n < CHUNK) break;
    }
  } else {
    const anonymousId = await anonymousAuthor(db, workspaceId);
    const patterns = compileCustomPatterns(policy.customPatterns);
    for (;;) {
      const due = await db
        .selectFrom('post')
        .select([sql<string>`id::text`.as('id'), 'text'])
        .where('workspace_id', '=', workspaceId)
        .where('created_at', '<', cutoff)
        .where('author_id', '!=', anonymousId)
        .limit(CHUNK)
        .execute();
      if (due.length === 0) break;
      const ids = due.map((row) => row.id);
      await db.transaction().execute(async (trx) => {
        await sql`
          UPDATE post SET author_id = ${anonymousId}::bigint, url = NULL, raw = NULL, reply_to_external_id = NULL,
            text = u.text
          FROM unnest(${ids}::bigint[], ${due.map((row) => applyRedaction(row.text, { ...policy, redaction: 'redact' }, patterns, 'mask'))}::text[]) AS u(id, text)
          WHERE post.id = u.id
        `.execute(trx);
        await trx.deleteFrom('post_original').where('post_id', 'in', ids).execute();
        await trx.deleteFrom('content_reuse').where('post_id', 'in', ids).execute();
      });
      await analysePosts(db, ids);
      anonymised += ids.length;
      if (due.length < CHUNK) break;
    }
  }
  const authorsDeleted = await deleteOrphanAuthors(db, schema, workspaceId);
  if (deleted + anonymised + authorsDeleted > 0) {
    await appendAudit(db, {
      workspaceId,
      actor,
      action: 'retention.applied',
      details: {
        action: policy.retentionAction,
        cutoff: cutoff.toISOString(),
        deleted,
        anonymised,
        authorsDeleted,
      },
      occurredAt: now,
    });
  }
  return { deleted, anonymised, authorsDeleted };
}

export async function runRetention(
  db: Kysely<Database>,
  now: Date,
  actor?: AuditActor,
): Promise<RetentionResult> {
  const policies = await db
    .selectFrom('privacy_policy')
    .select('workspace_id')
    .where('retention_days', 'is not', null)
    .execute();
  const total: RetentionResult = { workspaces: 0, deleted: 0, anonymised: 0 };
  for (const { workspace_id } of policies) {
    const result = await applyRetention(db, workspace_id, now, actor);
    if (!result) continue;
    total.workspaces += 1;
    total.deleted += result.deleted;
    total.anonymised += result.anonymised;
  }
  return total;
}

/** Books the job for the schedule slot; run_after comes from the schedule row (database time, like the job runner). */
async function bookRetentionJob(db: Executor): Promise<void> {
  await sql`
    INSERT INTO job (name, payload, run_after)
    SELECT 'privacy.retention', jsonb_build_object('scheduledFor', next_run_at), next_run_at
    FROM privacy_schedule WHERE task = ${RETENTION_TASK}
  `.execute(db);
}

/**
 * Keeps one hourly `privacy.retention` job chain alive. Called when `ombud start` or `ombud worker`
 * starts: books the first run, and restarts a chain that has been overdue for hours (a job that
 * gave up). Times are the database's, as for the job runner that claims the job.
 */
export async function ensureRetentionScheduled(db: Executor): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await sql<{ task: string }>`
      INSERT INTO privacy_schedule (task, next_run_at)
      VALUES (${RETENTION_TASK}, now() + make_interval(secs => ${RETENTION_INTERVAL_MS / 1000}))
      ON CONFLICT (task) DO UPDATE SET next_run_at = EXCLUDED.next_run_at
        WHERE privacy_schedule.next_run_at < now() - make_interval(secs => ${(6 * RETENTION_INTERVAL_MS) / 1000})
      RETURNING task
    `.execute(trx);
    if (row.rows.length === 0) return false;
    await bookRetentionJob(trx);
    return true;
  });
}

/**
 * The scheduled job: runs retention if the slot is due and books the next one. A duplicate or early
 * delivery finds the slot not due and only makes sure one job waits for it.
 */
export async function runScheduledRetention(db: Kysely<Database>, now: Date): Promise<'done' | 'skipped'> {
  const claimed = await db.transaction().execute(async (trx) => {
    const row = await sql<{ task: string }>`
      UPDATE privacy_schedule
      SET next_run_at = now() + make_interval(secs => ${RETENTION_INTERVAL_MS / 1000}), last_run_at = now()
      WHERE task = ${RETENTION_TASK} AND next_run_at <= now() + interval '1 minute'
      RETURNING task
    `.execute(trx);
    if (row.rows.length === 0) {
      const waiting = await trx
        .selectFrom('job')
        .select('id')
        .where('name', '=', 'privacy.retention')
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (!waiting) await bookRetentionJob(trx);
      return false;
    }
    await bookRetentionJob(trx);
    return true;
  });
  if (!claimed) return 'skipped';
  const result = await runRetention(db, now);
  await db
    .updateTable('privacy_schedule')
    .set({ last_outcome: JSON.stringify(result) })
    .where('task', '=', RETENTION_TASK)
    .execute();
  return 'done';
}
