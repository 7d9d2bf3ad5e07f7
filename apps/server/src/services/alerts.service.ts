import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type AlertSeverity = 'watch' | 'warning' | 'critical';

export interface RaiseAlertInput {
  workspaceId: string;
  campaignId: string | null;
  incidentId: string | null;
  kind: string;
  severity: AlertSeverity;
  title: string;
  summary: string;
  dedupeKey: string;
}

/**
 * Stores an alert once per (workspace, dedupeKey): raising the same key again returns the first
 * alert with `created: false`. Delivery to the workspace's channels follows as jobs.
 */
export async function raiseAlert(
  db: Kysely<Database>,
  input: RaiseAlertInput,
  now: Date,
): Promise<{ alertId: string; created: boolean }> {
  const inserted = await db
    .insertInto('alert')
    .values({
      workspace_id: input.workspaceId,
      campaign_id: input.campaignId,
      incident_id: input.incidentId,
      kind: input.kind,
      severity: input.severity,
      title: input.title,
      summary: input.summary,
      dedupe_key: input.dedupeKey,
      created_at: now,
    })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { alertId: inserted.id, created: true };
  const existing = await db
    .selectFrom('alert')
    .select('id')
    .where('workspace_id', '=', input.workspaceId)
    .where('dedupe_key', '=', input.dedupeKey)
    .executeTakeFirstOrThrow();
  return { alertId: existing.id, created: false };
}
