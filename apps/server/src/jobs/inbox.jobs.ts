import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enqueueJobUnlessPending } from '../repositories/job.repository.ts';
import { evaluateOverflow, isOverflowCheckDue } from '../services/inbox-overflow.service.ts';
import { rebalanceAssignments } from '../services/inbox-routing.service.ts';
import type { JobHandler } from './job-registry.ts';

/** How often the inbox looks again at shifts, loads and overflow without new posts arriving. */
export const INBOX_TICK_INTERVAL_MS = 60_000;

/**
 * Books the next `inbox.tick` unless one is already waiting. `ombud start`, every `ombud worker` and
 * the tick itself call this, possibly at the same moment: the booking is serialised, so at most one
 * tick waits whoever books it.
 */
export async function ensureInboxTickScheduled(db: Kysely<Database>, now: Date): Promise<boolean> {
  return enqueueJobUnlessPending(db, 'inbox.tick', new Date(now.getTime() + INBOX_TICK_INTERVAL_MS));
}

/**
 * One pass over every workspace with open items: work leaves agents who went off shift or are over
 * their maximum, unassigned items go to agents on shift, and campaigns with open items have their
 * overflow mode re-checked (so a campaign that went quiet leaves overflow without a new post).
 */
export async function runInboxTick(db: Kysely<Database>, now: Date): Promise<void> {
  const open = await sql<{ workspace_id: string; campaign_id: string }>`
    SELECT DISTINCT workspace_id::text AS workspace_id, campaign_id::text AS campaign_id
    FROM inbox_item WHERE status IN ('open', 'held')
  `.execute(db);
  const campaignsByWorkspace = new Map<string, string[]>();
  for (const row of open.rows) {
    const list = campaignsByWorkspace.get(row.workspace_id) ?? [];
    list.push(row.campaign_id);
    campaignsByWorkspace.set(row.workspace_id, list);
  }
  for (const [workspaceId, campaignIds] of campaignsByWorkspace) {
    await rebalanceAssignments(db, workspaceId, now, null);
    for (const campaignId of campaignIds) {
      if (await isOverflowCheckDue(db, campaignId, now))
        await evaluateOverflow(db, workspaceId, campaignId, now);
    }
  }
}

/** Job handlers of issue #5 (inbox): the once-a-minute tick, which books its own successor. */
export function createInboxJobHandlers(): { 'inbox.tick': JobHandler } {
  return {
    'inbox.tick': async (_payload, context) => {
      const now = context.now();
      await runInboxTick(context.db, now);
      // A duplicate delivery finds the successor the first one booked and books none: the chain
      // never doubles.
      await ensureInboxTickScheduled(context.db, now);
      return 'done';
    },
  };
}
