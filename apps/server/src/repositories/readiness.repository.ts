import type { Kysely, Selectable } from 'kysely';
import {
  readinessPlanInputSchema,
  type ReadinessDecision,
  type ReadinessDecisionInput,
  type ReadinessPlan,
} from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { ReadinessDecisionTable } from '../db/tables/readiness.tables.ts';

/** The campaign's readiness plan, or the all-defaults plan when none was saved. */
export async function findReadinessPlan(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<{ plan: ReadinessPlan; saved: boolean }> {
  const row = await db
    .selectFrom('readiness_plan')
    .select('plan')
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  // Parsing on read fills defaults added after the plan was saved.
  return { plan: readinessPlanInputSchema.parse(row?.plan ?? {}), saved: row !== undefined };
}

export async function saveReadinessPlan(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  plan: ReadinessPlan,
  updatedBy: string | null,
  now: Date,
): Promise<void> {
  const values = {
    campaign_id: campaignId,
    workspace_id: workspaceId,
    plan: JSON.stringify(plan),
    updated_by: updatedBy,
    updated_at: now,
  };
  await db
    .insertInto('readiness_plan')
    .values(values)
    .onConflict((conflict) =>
      conflict
        .column('campaign_id')
        .doUpdateSet({ plan: values.plan, updated_by: updatedBy, updated_at: now }),
    )
    .execute();
}

function toDecision(row: Selectable<ReadinessDecisionTable>): ReadinessDecision {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    decision: row.decision,
    reason: row.reason,
    signedBy: row.signed_by,
    signedByName: row.signed_by_name,
    gateBlocked: row.gate_blocked,
    failingCritical: row.failing_critical,
    score: row.score,
    signedAt: row.signed_at.toISOString(),
  };
}

export interface DecisionRecord extends ReadinessDecisionInput {
  signedBy: string | null;
  signedByName: string;
  gateBlocked: boolean;
  failingCritical: readonly string[];
  score: number;
  signedAt: Date;
}

export async function insertReadinessDecision(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  record: DecisionRecord,
): Promise<ReadinessDecision> {
  const row = await db
    .insertInto('readiness_decision')
    .values({
      workspace_id: workspaceId,
      campaign_id: campaignId,
      decision: record.decision,
      reason: record.reason,
      signed_by: record.signedBy,
      signed_by_name: record.signedByName,
      gate_blocked: record.gateBlocked,
      failing_critical: [...record.failingCritical],
      score: record.score,
      signed_at: record.signedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDecision(row);
}

/** Decisions on a campaign, newest first. */
export async function listReadinessDecisions(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<ReadinessDecision[]> {
  const rows = await db
    .selectFrom('readiness_decision')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('campaign_id', '=', campaignId)
    .orderBy('signed_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toDecision);
}
