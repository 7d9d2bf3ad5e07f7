import { sql, type Kysely } from 'kysely';
import type { ImportSummary } from '@ombud/contract';
import type { Database } from '../db/schema.ts';

export interface ImportProblemRow {
  line: number;
  field?: string;
  code: string;
  reason: string;
}

export async function startImportBatch(
  db: Kysely<Database>,
  input: { workspaceId: string; sourceId: string; fileName: string | null; format: string },
): Promise<string> {
  const row = await db
    .insertInto('import_batch')
    .values({
      workspace_id: input.workspaceId,
      source_id: input.sourceId,
      file_name: input.fileName,
      format: input.format,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function recordImportProblems(
  db: Kysely<Database>,
  batchId: string,
  problems: readonly ImportProblemRow[],
) {
  if (problems.length === 0) return;
  await sql`
    INSERT INTO import_problem (batch_id, line, field, code, reason)
    SELECT ${batchId}::uuid, * FROM unnest(${problems.map((p) => p.line)}::int[], ${problems.map((p) => p.field ?? null)}::text[],
                                           ${problems.map((p) => p.code)}::text[], ${problems.map((p) => p.reason)}::text[])
  `.execute(db);
}

export async function finishImportBatch(
  db: Kysely<Database>,
  batchId: string,
  counts: { accepted: number; duplicate: number; rejected: number; status: 'done' | 'failed' },
): Promise<void> {
  await db
    .updateTable('import_batch')
    .set({ ...counts, finished_at: new Date() })
    .where('id', '=', batchId)
    .execute();
}

export async function findImportSummary(
  db: Kysely<Database>,
  workspaceId: string,
  batchId: string,
  problemLimit: number,
): Promise<(ImportSummary & { status: string }) | undefined> {
  const batch = await db
    .selectFrom('import_batch')
    .selectAll()
    .where('id', '=', batchId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!batch) return undefined;
  const problems = await db
    .selectFrom('import_problem')
    .select(['line', 'field', 'code', 'reason'])
    .where('batch_id', '=', batchId)
    .orderBy('line')
    .orderBy('id')
    .limit(problemLimit + 1)
    .execute();
  return {
    batchId,
    status: batch.status,
    accepted: batch.accepted,
    duplicate: batch.duplicate,
    rejected: batch.rejected,
    problems: problems
      .slice(0, problemLimit)
      .map((p) => ({ line: p.line, ...(p.field ? { field: p.field } : {}), code: p.code, reason: p.reason })),
    problemsTruncated: problems.length > problemLimit,
  };
}
