import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Whether new inbox replies of a campaign must be approved before they are sent (crisis pre-moderation). */
export async function isPreModerationOn(db: Kysely<Database>, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('circuit_breaker')
    .select('pre_moderation')
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return row?.pre_moderation ?? false;
}

/** Whether scheduled brand and advocate publishing of a campaign is paused by the circuit breaker. */
export async function isPublishingPaused(db: Kysely<Database>, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('circuit_breaker')
    .select('publishing_paused')
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return row?.publishing_paused ?? false;
}

export interface CircuitSwitchInput {
  workspaceId: string;
  campaignId: string;
  incidentId: string | null;
  /** Null when the engine switched it (a critical incident that persisted). */
  actorId: string | null;
  publishingPaused?: boolean;
  preModeration?: boolean;
  reason: string;
  /** The engine's reason as a judgement code + parameters (the contract's JUDGEMENT_CODES). */
  reasonCode?: string;
  reasonParams?: Record<string, string | number>;
  at: Date;
}

/**
 * Turns the circuit breaker's switches on or off and logs every change (who, why, which
 * incident); a switch already in the asked state is not logged again. Returns the changes made.
 */
export async function switchCircuitBreaker(
  db: Kysely<Database>,
  input: CircuitSwitchInput,
): Promise<{ switch: 'publishing_paused' | 'pre_moderation'; turnedOn: boolean }[]> {
  const current = await db
    .selectFrom('circuit_breaker')
    .selectAll()
    .where('campaign_id', '=', input.campaignId)
    .executeTakeFirst();
  const publishing = input.publishingPaused ?? current?.publishing_paused ?? false;
  const pre = input.preModeration ?? current?.pre_moderation ?? false;
  const changes: { switch: 'publishing_paused' | 'pre_moderation'; turnedOn: boolean }[] = [];
  if (publishing !== (current?.publishing_paused ?? false))
    changes.push({ switch: 'publishing_paused', turnedOn: publishing });
  if (pre !== (current?.pre_moderation ?? false)) changes.push({ switch: 'pre_moderation', turnedOn: pre });
  if (changes.length === 0) return changes;
  await db
    .insertInto('circuit_breaker')
    .values({
      campaign_id: input.campaignId,
      workspace_id: input.workspaceId,
      publishing_paused: publishing,
      pre_moderation: pre,
      incident_id: input.incidentId,
      updated_at: input.at,
    })
    .onConflict((c) =>
      c.column('campaign_id').doUpdateSet({
        publishing_paused: publishing,
        pre_moderation: pre,
        incident_id: input.incidentId,
        updated_at: input.at,
      }),
    )
    .execute();
  await db
    .insertInto('circuit_breaker_switch')
    .values(
      changes.map((c) => ({
        campaign_id: input.campaignId,
        workspace_id: input.workspaceId,
        incident_id: input.incidentId,
        switch: c.switch,
        turned_on: c.turnedOn,
        actor_id: input.actorId,
        reason: input.reason,
        reason_code: input.reasonCode ?? null,
        reason_params: input.reasonParams ? JSON.stringify(input.reasonParams) : null,
        at: input.at,
      })),
    )
    .execute();
  if (input.incidentId) {
    await db
      .insertInto('incident_event')
      .values({
        incident_id: input.incidentId,
        at: input.at,
        kind: 'circuit_breaker',
        actor_id: input.actorId,
        language: null,
        severity: null,
        data: JSON.stringify({
          changes,
          reason: input.reason,
          ...(input.reasonCode
            ? { reasonCode: input.reasonCode, reasonParams: input.reasonParams ?? {} }
            : {}),
        }),
      })
      .execute();
  }
  return changes;
}

/** The breaker's state and its switch log, newest first. */
export async function readCircuitBreaker(db: Kysely<Database>, workspaceId: string, campaignId: string) {
  const state = await db
    .selectFrom('circuit_breaker')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  const switches = await db
    .selectFrom('circuit_breaker_switch')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('workspace_id', '=', workspaceId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return {
    campaignId,
    publishingPaused: state?.publishing_paused ?? false,
    preModeration: state?.pre_moderation ?? false,
    incidentId: state?.incident_id ?? null,
    updatedAt: state ? state.updated_at.toISOString() : null,
    switches: switches.map((s) => ({
      switch: s.switch,
      turnedOn: s.turned_on,
      actorId: s.actor_id,
      incidentId: s.incident_id,
      reason: s.reason,
      reasonCode: s.reason_code,
      reasonParams: s.reason_params,
      at: s.at.toISOString(),
    })),
  };
}
