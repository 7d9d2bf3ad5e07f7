import { sql, type Kysely, type Transaction } from 'kysely';
import {
  computeSlaStatus,
  type BusinessCalendar,
  type PriorityLevel,
  type SlaEvent,
  type SlaPolicy,
  type SlaStatus,
} from '@ombud/core';
import type { InboxSlaPolicy } from '@ombud/contract';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const PRIORITY_LEVELS: readonly PriorityLevel[] = ['low', 'normal', 'high', 'urgent'];
export const priorityRank = (level: PriorityLevel): number => PRIORITY_LEVELS.indexOf(level);

/** Used until a workspace sets its own policy for a level: around the clock. */
export const DEFAULT_SLA_POLICIES: Readonly<Record<PriorityLevel, SlaPolicy>> = {
  urgent: { firstResponseMinutes: 30, resolutionMinutes: 240, warnBeforeMinutes: 10, calendar: null },
  high: { firstResponseMinutes: 60, resolutionMinutes: 480, warnBeforeMinutes: 15, calendar: null },
  normal: { firstResponseMinutes: 240, resolutionMinutes: 1440, warnBeforeMinutes: 30, calendar: null },
  low: { firstResponseMinutes: 1440, resolutionMinutes: 4320, warnBeforeMinutes: 60, calendar: null },
};

export type SlaPolicies = Record<PriorityLevel, SlaPolicy>;

/** The workspace's SLA policy per priority level (defaults where none is set). */
export async function loadSlaPolicies(db: Executor, workspaceId: string): Promise<SlaPolicies> {
  const rows = await db
    .selectFrom('inbox_sla_policy')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute();
  const policies: SlaPolicies = { ...DEFAULT_SLA_POLICIES };
  for (const row of rows) {
    policies[row.priority_level as PriorityLevel] = {
      firstResponseMinutes: row.first_response_minutes,
      resolutionMinutes: row.resolution_minutes,
      warnBeforeMinutes: row.warn_before_minutes,
      calendar: row.calendar as BusinessCalendar | null,
    };
  }
  return policies;
}

export async function listSlaPolicies(db: Executor, workspaceId: string): Promise<InboxSlaPolicy[]> {
  const set = new Set(
    (
      await db
        .selectFrom('inbox_sla_policy')
        .select('priority_level')
        .where('workspace_id', '=', workspaceId)
        .execute()
    ).map((r) => r.priority_level),
  );
  const policies = await loadSlaPolicies(db, workspaceId);
  return PRIORITY_LEVELS.map((level) => {
    const p = policies[level];
    return {
      priorityLevel: level,
      firstResponseMinutes: p.firstResponseMinutes,
      resolutionMinutes: p.resolutionMinutes,
      warnBeforeMinutes: p.warnBeforeMinutes,
      calendar:
        p.calendar === null ? null : { closedDates: [], ...p.calendar, hours: { ...p.calendar.hours } },
      isDefault: !set.has(level),
    } as InboxSlaPolicy;
  });
}

export async function upsertSlaPolicy(
  db: Executor,
  workspaceId: string,
  level: PriorityLevel,
  policy: SlaPolicy,
): Promise<void> {
  await db
    .insertInto('inbox_sla_policy')
    .values({
      workspace_id: workspaceId,
      priority_level: level,
      first_response_minutes: policy.firstResponseMinutes,
      resolution_minutes: policy.resolutionMinutes,
      warn_before_minutes: policy.warnBeforeMinutes,
      calendar: JSON.stringify(policy.calendar),
    })
    .onConflict((c) =>
      c.columns(['workspace_id', 'priority_level']).doUpdateSet((eb) => ({
        first_response_minutes: eb.ref('excluded.first_response_minutes'),
        resolution_minutes: eb.ref('excluded.resolution_minutes'),
        warn_before_minutes: eb.ref('excluded.warn_before_minutes'),
        calendar: eb.ref('excluded.calendar'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** The SLA clocks' events of an item (opened, first response, resolved, reopened), oldest first. */
export async function loadSlaEvents(db: Executor, itemId: string): Promise<SlaEvent[]> {
  const rows = await db
    .selectFrom('inbox_item_event')
    .select(['type', 'at'])
    .where('item_id', '=', itemId)
    .where('type', 'in', ['opened', 'first_response', 'resolved', 'reopened'])
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ type: r.type as SlaEvent['type'], at: new Date(r.at).getTime() }));
}

export interface StoredSlaFields {
  firstResponseMinutes: number | null;
  firstResponseMet: boolean | null;
  resolutionMet: boolean | null;
  /** When the next target is (or was) due, while open; the at-risk list orders by it. */
  dueAt: Date | null;
  /** From when the item counts as at risk. */
  warnAt: Date | null;
}

/** The columns the inbox keeps from an SLA status so lists and reports need no clock arithmetic. */
export function slaFields(status: SlaStatus, now: number): StoredSlaFields {
  const fr = status.firstResponse;
  const res = status.resolution;
  const pending = [fr, res].filter(
    (t) => t.state === 'running' || t.state === 'warning' || t.state === 'breached',
  );
  let due: number | null = null;
  let warn: number | null = null;
  if (status.open) {
    for (const t of pending) {
      // A breached target stays at the top of the at-risk list; a paused calendar may give no due time.
      const at = t.state === 'breached' ? (t.breachedAt ?? now) : t.dueAt;
      if (at !== null && (due === null || at < due)) due = at;
      const w = t.state === 'running' ? t.warnAt : now;
      if (w !== null && (warn === null || w < warn)) warn = w;
    }
  }
  return {
    firstResponseMinutes: fr.state === 'met' || fr.state === 'breached' ? fr.elapsedMinutes : null,
    firstResponseMet: fr.state === 'met' ? true : fr.state === 'breached' ? false : null,
    resolutionMet: status.open ? null : res.state === 'met' ? true : res.state === 'breached' ? false : null,
    dueAt: due === null ? null : new Date(due),
    warnAt: warn === null ? null : new Date(warn),
  };
}

/**
 * Recomputes an item's SLA columns from its events under its level's policy. Called after every
 * event; the first-response figures are kept once set (a later event does not rewrite history).
 */
export async function refreshItemSla(
  db: Executor,
  itemId: string,
  policies: SlaPolicies,
  now: Date,
): Promise<SlaStatus> {
  const item = await db
    .selectFrom('inbox_item')
    .select(['priority_level', 'first_response_at'])
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  const status = computeSlaStatus(
    await loadSlaEvents(db, itemId),
    policies[item.priority_level as PriorityLevel],
    now.getTime(),
  );
  const fields = slaFields(status, now.getTime());
  const responded = item.first_response_at !== null;
  await db
    .updateTable('inbox_item')
    .set({
      first_response_minutes: responded ? status.firstResponse.elapsedMinutes : null,
      first_response_met: fields.firstResponseMet,
      resolution_met: fields.resolutionMet,
      sla_due_at: fields.dueAt,
      sla_warn_at: fields.warnAt,
    })
    .where('id', '=', itemId)
    .execute();
  return status;
}
