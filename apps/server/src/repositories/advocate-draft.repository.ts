import type { Kysely, Selectable, Transaction } from 'kysely';
import type { BrandFindings, Draft } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { AdvocateDraftTable, AdvocateDraftVersionTable } from '../db/tables/advocates.tables.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface DraftVersionValues {
  text: string;
  language: string;
  market: string | null;
  findings: BrandFindings;
  errors: number;
  submittedBy: string | null;
  submittedAt: Date;
}

function toDraft(
  row: Selectable<AdvocateDraftTable>,
  versions: readonly Selectable<AdvocateDraftVersionTable>[],
): Draft {
  return {
    id: row.id,
    advocateId: row.advocate_id,
    campaignId: row.campaign_id,
    platform: row.platform,
    status: row.status as Draft['status'],
    currentVersion: row.current_version,
    approvedVersion: row.approved_version,
    publishAt: row.publish_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    versions: versions.map((v) => ({
      version: v.version,
      text: v.text,
      language: v.language,
      market: v.market,
      findings: v.findings as unknown as BrandFindings,
      errors: v.errors,
      submittedAt: v.submitted_at.toISOString(),
      decision: v.decision as 'approved' | 'rejected' | null,
      reason: v.reason,
      decidedAt: v.decided_at?.toISOString() ?? null,
      decidedBy: v.decided_by,
    })),
  };
}

function versionRow(draftId: string, version: number, values: DraftVersionValues) {
  return {
    draft_id: draftId,
    version,
    text: values.text,
    language: values.language,
    market: values.market,
    findings: JSON.stringify(values.findings),
    errors: values.errors,
    submitted_by: values.submittedBy,
    submitted_at: values.submittedAt,
  };
}

export async function insertDraft(
  db: Db,
  draft: { workspaceId: string; advocateId: string; campaignId: string; platform: string | null },
  first: DraftVersionValues,
): Promise<string> {
  const row = await db
    .insertInto('advocate_draft')
    .values({
      workspace_id: draft.workspaceId,
      advocate_id: draft.advocateId,
      campaign_id: draft.campaignId,
      platform: draft.platform,
      status: 'in_review',
      current_version: 1,
      created_at: first.submittedAt,
      updated_at: first.submittedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('advocate_draft_version')
    .values(versionRow(row.id, 1, first))
    .execute();
  return row.id;
}

/** Adds the next version and puts the draft back in review; any earlier approval no longer stands. */
export async function addDraftVersion(
  db: Db,
  draftId: string,
  version: number,
  values: DraftVersionValues,
): Promise<void> {
  await db
    .insertInto('advocate_draft_version')
    .values(versionRow(draftId, version, values))
    .execute();
  await db
    .updateTable('advocate_draft')
    .set({
      status: 'in_review',
      current_version: version,
      approved_version: null,
      publish_at: null,
      updated_at: values.submittedAt,
    })
    .where('id', '=', draftId)
    .execute();
}

/** Records the decision on the current version; false when the draft moved on meanwhile (not in review any more). */
export async function decideDraft(
  db: Db,
  draftId: string,
  version: number,
  decision: {
    decision: 'approved' | 'rejected';
    reason: string | null;
    decidedBy: string | null;
    at: Date;
    publishAt: Date | null;
  },
): Promise<boolean> {
  const updated = await db
    .updateTable('advocate_draft')
    .set({
      status: decision.decision,
      approved_version: decision.decision === 'approved' ? version : null,
      publish_at: decision.decision === 'approved' ? decision.publishAt : null,
      updated_at: decision.at,
    })
    .where('id', '=', draftId)
    .where('current_version', '=', version)
    .where('status', '=', 'in_review')
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  await db
    .updateTable('advocate_draft_version')
    .set({
      decision: decision.decision,
      reason: decision.reason,
      decided_by: decision.decidedBy,
      decided_at: decision.at,
    })
    .where('draft_id', '=', draftId)
    .where('version', '=', version)
    .execute();
  return true;
}

export async function findDraft(db: Db, workspaceId: string, id: string): Promise<Draft | undefined> {
  const row = await db
    .selectFrom('advocate_draft')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const versions = await db
    .selectFrom('advocate_draft_version')
    .selectAll()
    .where('draft_id', '=', id)
    .orderBy('version')
    .execute();
  return toDraft(row, versions);
}

export async function listDrafts(
  db: Db,
  workspaceId: string,
  filter: { campaignId?: string | undefined; advocateId?: string | undefined; status?: string | undefined },
): Promise<Draft[]> {
  let query = db.selectFrom('advocate_draft').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.campaignId !== undefined) query = query.where('campaign_id', '=', filter.campaignId);
  if (filter.advocateId !== undefined) query = query.where('advocate_id', '=', filter.advocateId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(500).execute();
  if (rows.length === 0) return [];
  const versions = await db
    .selectFrom('advocate_draft_version')
    .selectAll()
    .where(
      'draft_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('version')
    .execute();
  return rows.map((row) =>
    toDraft(
      row,
      versions.filter((v) => v.draft_id === row.id),
    ),
  );
}

export interface ApprovedDraft {
  draftId: string;
  campaignId: string;
  version: number;
  text: string;
  findings: BrandFindings;
}

/** The approved version of each approved draft of an advocate (optionally only these campaigns). */
export async function approvedDrafts(
  db: Db,
  advocateId: string,
  campaignIds?: readonly string[],
): Promise<ApprovedDraft[]> {
  let query = db
    .selectFrom('advocate_draft as d')
    .innerJoin('advocate_draft_version as v', (join) =>
      join.onRef('v.draft_id', '=', 'd.id').onRef('v.version', '=', 'd.approved_version'),
    )
    .select(['d.id as draftId', 'd.campaign_id as campaignId', 'v.version', 'v.text', 'v.findings'])
    .where('d.advocate_id', '=', advocateId)
    .where('d.status', '=', 'approved');
  if (campaignIds !== undefined) {
    if (campaignIds.length === 0) return [];
    query = query.where('d.campaign_id', 'in', campaignIds);
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, findings: r.findings as unknown as BrandFindings }));
}
