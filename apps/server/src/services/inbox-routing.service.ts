import { sql, type Kysely, type Transaction } from 'kysely';
import {
  chooseAssignee,
  isBusinessTime,
  rebalance,
  type AssignedItem,
  type BusinessCalendar,
  type RoutingAgent,
  type RoutingEvidence,
  type RoutingMove,
} from '@ombud/core';
import type { InboxAgent, InboxAgentInput } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

type Executor = Kysely<Database> | Transaction<Database>;

interface AgentRow {
  user_id: string;
  display_name: string;
  languages: string[];
  markets: string[];
  time_zone: string;
  working_hours: BusinessCalendar['hours'] | null;
  max_load: number;
  items_per_hour: number;
  available: boolean;
  load: number;
}

/** On shift: marked available and, when working hours are set, inside them in the agent's time zone. */
export function isOnShift(
  agent: { available: boolean; time_zone: string; working_hours: BusinessCalendar['hours'] | null },
  now: Date,
): boolean {
  if (!agent.available) return false;
  if (agent.working_hours === null) return true;
  return isBusinessTime(now.getTime(), { timeZone: agent.time_zone, hours: agent.working_hours });
}

async function loadAgentRows(db: Executor, workspaceId: string, userId?: string): Promise<AgentRow[]> {
  const rows = await sql<AgentRow>`
    SELECT a.user_id, u.display_name, a.languages, a.markets, a.time_zone, a.working_hours, a.max_load,
           a.items_per_hour, a.available,
           (SELECT count(*)::int FROM inbox_item i WHERE i.assignee_id = a.user_id AND i.status = 'open') AS load
    FROM inbox_agent a JOIN app_user u ON u.id = a.user_id
    WHERE a.workspace_id = ${workspaceId} ${userId === undefined ? sql`` : sql`AND a.user_id = ${userId}`}
    ORDER BY u.display_name, a.user_id
  `.execute(db);
  return rows.rows;
}

function toAgent(row: AgentRow, now: Date): InboxAgent {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    languages: row.languages,
    markets: row.markets,
    timeZone: row.time_zone,
    workingHours: row.working_hours,
    maxLoad: row.max_load,
    itemsPerHour: row.items_per_hour,
    available: row.available,
    onShift: isOnShift(row, now),
    load: row.load,
  } as InboxAgent;
}

function toRoutingAgent(row: AgentRow, now: Date): RoutingAgent {
  return {
    id: row.user_id,
    languages: row.languages,
    markets: row.markets,
    maxLoad: row.max_load,
    currentLoad: row.load,
    onShift: isOnShift(row, now),
  };
}

export async function listAgents(db: Executor, workspaceId: string, now: Date): Promise<InboxAgent[]> {
  return (await loadAgentRows(db, workspaceId)).map((row) => toAgent(row, now));
}

export async function findAgent(
  db: Executor,
  workspaceId: string,
  userId: string,
  now: Date,
): Promise<InboxAgent | undefined> {
  const [row] = await loadAgentRows(db, workspaceId, userId);
  return row === undefined ? undefined : toAgent(row, now);
}

/** Creates or updates the agent profile of a user of the workspace. */
export async function upsertAgent(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  input: InboxAgentInput,
  now: Date,
): Promise<InboxAgent> {
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND', `no user ${userId} in this workspace`);
  const values = {
    languages: input.languages.map((l) => l.toLowerCase()),
    markets: input.markets,
    time_zone: input.timeZone,
    working_hours: JSON.stringify(input.workingHours),
    max_load: input.maxLoad,
    items_per_hour: input.itemsPerHour,
    available: input.available,
  };
  await db
    .insertInto('inbox_agent')
    .values({ user_id: userId, workspace_id: workspaceId, ...values })
    .onConflict((c) => c.column('user_id').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
    .execute();
  return (await findAgent(db, workspaceId, userId, now)) as InboxAgent;
}

/** Removes an agent profile; their open items go back to the queue. */
export async function deleteAgent(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<boolean> {
  const deleted = await db
    .deleteFrom('inbox_agent')
    .where('user_id', '=', userId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

export type AssignOutcome =
  'assigned' | 'agent_full' | 'language_not_spoken' | 'item_taken' | 'item_not_open' | 'no_agent';

/**
 * Gives one open item to an agent inside a transaction: the agent's row is locked FOR UPDATE, so
 * every assignment to that agent queues here and the load count it reads is the truth; the item
 * only moves if it is still where the caller saw it (`expectedFrom`) and in a language the agent speaks.
 */
export async function assignWithinCapacity(
  trx: Transaction<Database>,
  workspaceId: string,
  itemId: string,
  agentId: string,
  expectedFrom: string | null,
  evidence: readonly RoutingEvidence[],
  actorId: string | null,
  now: Date,
): Promise<AssignOutcome> {
  const agent = await sql<{ max_load: number; languages: string[] }>`
    SELECT max_load, languages FROM inbox_agent WHERE user_id = ${agentId} AND workspace_id = ${workspaceId} FOR UPDATE
  `.execute(trx);
  const row = agent.rows[0];
  if (row === undefined) return 'no_agent';
  const load = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM inbox_item WHERE assignee_id = ${agentId} AND status = 'open'
  `.execute(trx);
  if ((load.rows[0]?.n ?? 0) >= row.max_load) return 'agent_full';
  const item = await sql<{ language: string; assignee_id: string | null; status: string }>`
    SELECT language, assignee_id, status FROM inbox_item WHERE id = ${itemId} AND workspace_id = ${workspaceId} FOR UPDATE
  `.execute(trx);
  const current = item.rows[0];
  if (current === undefined) return 'item_not_open';
  if (!row.languages.includes(current.language.toLowerCase())) return 'language_not_spoken';
  if (current.status !== 'open') return 'item_not_open';
  if (current.assignee_id !== expectedFrom) return 'item_taken';
  await trx
    .updateTable('inbox_item')
    .set({ assignee_id: agentId, assigned_at: now, assignment_evidence: JSON.stringify(evidence) })
    .where('id', '=', itemId)
    .execute();
  await trx
    .insertInto('inbox_item_event')
    .values({
      item_id: itemId,
      type: 'assigned',
      at: now,
      actor_id: actorId,
      detail: JSON.stringify({ from: expectedFrom, to: agentId }),
    })
    .execute();
  return 'assigned';
}

async function unassign(
  trx: Transaction<Database>,
  itemId: string,
  expectedFrom: string,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const updated = await trx
    .updateTable('inbox_item')
    .set({ assignee_id: null, assigned_at: null, assignment_evidence: null })
    .where('id', '=', itemId)
    .where('assignee_id', '=', expectedFrom)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await trx
    .insertInto('inbox_item_event')
    .values({
      item_id: itemId,
      type: 'assigned',
      at: now,
      actor_id: actorId,
      detail: JSON.stringify({ from: expectedFrom, to: null }),
    })
    .execute();
  return true;
}

/**
 * Hands unassigned open items to agents on shift, most urgent first: language first, then market,
 * then the least loaded (core `chooseAssignee`). Safe to run from several workers at once.
 */
export async function assignOpenItems(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
  options: { itemIds?: readonly string[]; limit?: number } = {},
): Promise<number> {
  if (options.itemIds !== undefined && options.itemIds.length === 0) return 0;
  const agents = (await loadAgentRows(db, workspaceId)).map((row) => toRoutingAgent(row, now));
  if (!agents.some((a) => a.onShift && a.currentLoad < a.maxLoad)) return 0;
  const items = await sql<{ id: string; language: string; market: string | null }>`
    SELECT id::text AS id, language, market FROM inbox_item
    WHERE workspace_id = ${workspaceId} AND status = 'open' AND assignee_id IS NULL
      ${options.itemIds === undefined ? sql`` : sql`AND id = ANY(${options.itemIds}::bigint[])`}
    ORDER BY priority_rank DESC, priority_score DESC, id
    LIMIT ${options.limit ?? 500}
  `.execute(db);
  let assigned = 0;
  for (const item of items.rows) {
    for (let attempt = 0; attempt < agents.length; attempt++) {
      const choice = chooseAssignee(item, agents);
      if (choice.agentId === null) break;
      const agent = agents.find((a) => a.id === choice.agentId) as RoutingAgent;
      const outcome = await db
        .transaction()
        .execute((trx) =>
          assignWithinCapacity(trx, workspaceId, item.id, agent.id, null, choice.evidence, null, now),
        );
      if (outcome === 'assigned') {
        agent.currentLoad++;
        assigned++;
        break;
      }
      if (outcome === 'item_taken' || outcome === 'item_not_open') break;
      // Someone else filled this agent meanwhile (or the profile changed): stop offering them work.
      agent.currentLoad = agent.maxLoad;
    }
  }
  return assigned;
}

export type NextItem =
  { itemId: string; pulled: boolean } | { itemId: null; reason: 'at_capacity' | 'queue_empty' | 'off_shift' };

/**
 * "Next item for me": the agent's own most urgent open item, or else the most urgent unassigned item
 * in a language they speak, taken with FOR UPDATE SKIP LOCKED so two agents never pull the same one.
 */
export async function nextItemForAgent(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  now: Date,
): Promise<NextItem> {
  // One round trip for the common case: the profile and the agent's own most urgent open item.
  const found = await sql<{
    available: boolean;
    time_zone: string;
    working_hours: BusinessCalendar['hours'] | null;
    own: string | null;
  }>`
    SELECT a.available, a.time_zone, a.working_hours,
           (SELECT i.id::text FROM inbox_item i WHERE i.assignee_id = a.user_id AND i.status = 'open'
            ORDER BY i.priority_rank DESC, i.priority_score DESC, i.id LIMIT 1) AS own
    FROM inbox_agent a WHERE a.user_id = ${userId} AND a.workspace_id = ${workspaceId}
  `.execute(db);
  const row = found.rows[0];
  if (row === undefined)
    throw new AppError(
      'NOT_FOUND',
      'you have no agent profile; an owner or analyst adds one under /api/inbox/agents',
    );
  if (row.own !== null) return { itemId: row.own, pulled: false };
  if (!isOnShift(row, now)) return { itemId: null, reason: 'off_shift' };
  return db.transaction().execute(async (trx): Promise<NextItem> => {
    const agent = await sql<{ max_load: number; languages: string[] }>`
      SELECT max_load, languages FROM inbox_agent WHERE user_id = ${userId} FOR UPDATE
    `.execute(trx);
    const profile = agent.rows[0];
    if (profile === undefined) return { itemId: null, reason: 'queue_empty' };
    // A statement of its own after the lock: its snapshot sees every assignment committed before.
    const load = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM inbox_item WHERE assignee_id = ${userId} AND status = 'open'
    `.execute(trx);
    if ((load.rows[0]?.n ?? 0) >= profile.max_load) return { itemId: null, reason: 'at_capacity' };
    // Per language, one index scan for its most urgent free item (an OR over languages would sort
    // the whole queue); the best of those is taken and the others are released at commit.
    const evidence: RoutingEvidence[] = [
      { rule: 'pull', detail: 'taken by the agent as their next item', code: 'routing.pull', params: {} },
    ];
    const taken = await sql<{ item_id: string }>`
      WITH pick AS (
        SELECT c.id FROM unnest(${profile.languages}::text[]) AS lang
        CROSS JOIN LATERAL (
          SELECT id, priority_rank, priority_score FROM inbox_item
          WHERE workspace_id = ${workspaceId} AND language = lang AND status = 'open' AND assignee_id IS NULL
          ORDER BY priority_rank DESC, priority_score DESC, id
          LIMIT 1 FOR UPDATE SKIP LOCKED
        ) c
        ORDER BY c.priority_rank DESC, c.priority_score DESC, c.id
        LIMIT 1
      ), assigned AS (
        UPDATE inbox_item i SET assignee_id = ${userId}, assigned_at = ${now}, assignment_evidence = ${JSON.stringify(evidence)}::jsonb
        FROM pick WHERE i.id = pick.id
        RETURNING i.id
      )
      INSERT INTO inbox_item_event (item_id, type, at, actor_id, detail)
      SELECT id, 'assigned', ${now}, ${userId}, ${JSON.stringify({ from: null, to: userId })}::jsonb FROM assigned
      RETURNING item_id::text AS item_id
    `.execute(trx);
    const itemId = taken.rows[0]?.item_id;
    if (itemId === undefined) return { itemId: null, reason: 'queue_empty' };
    return { itemId, pulled: true };
  });
}

const OUTCOME_MESSAGES: Record<Exclude<AssignOutcome, 'assigned'>, string> = {
  agent_full: 'the agent is at their maximum load',
  language_not_spoken: "the agent does not speak the item's language",
  item_taken: 'the item was assigned to someone else meanwhile',
  item_not_open: 'the item is not open (resolved, or held during overflow)',
  no_agent: 'no such agent in this workspace',
};

/** Manual assignment (or `agentId` null: back to the queue), within the agent's capacity and languages. */
export async function assignItemManually(
  db: Kysely<Database>,
  workspaceId: string,
  itemId: string,
  agentId: string | null,
  actorId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('inbox_item')
      .select(['assignee_id', 'status'])
      .where('id', '=', itemId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!item) throw new AppError('NOT_FOUND', `no inbox item ${itemId}`);
    if (agentId === null) {
      if (item.assignee_id !== null) await unassign(trx, itemId, item.assignee_id, actorId, now);
      return;
    }
    if (item.assignee_id === agentId) return;
    const evidence: RoutingEvidence[] = [
      { rule: 'manual', detail: 'assigned by hand', code: 'routing.manual', params: {} },
    ];
    const outcome = await assignWithinCapacity(
      trx,
      workspaceId,
      itemId,
      agentId,
      item.assignee_id,
      evidence,
      actorId,
      now,
    );
    if (outcome !== 'assigned')
      throw new AppError(
        outcome === 'no_agent' ? 'NOT_FOUND' : 'CONFLICT',
        `cannot assign item ${itemId}: ${OUTCOME_MESSAGES[outcome]}`,
      );
  });
}

/** An agent takes an unassigned item. */
export async function claimItem(
  db: Kysely<Database>,
  workspaceId: string,
  itemId: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('inbox_item')
      .select(['assignee_id'])
      .where('id', '=', itemId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (!item) throw new AppError('NOT_FOUND', `no inbox item ${itemId}`);
    if (item.assignee_id === userId) return;
    if (item.assignee_id !== null)
      throw new AppError('CONFLICT', `item ${itemId} is assigned to someone else already`);
    const evidence: RoutingEvidence[] = [
      { rule: 'claim', detail: 'claimed by the agent', code: 'routing.claim', params: {} },
    ];
    const outcome = await assignWithinCapacity(trx, workspaceId, itemId, userId, null, evidence, userId, now);
    if (outcome === 'no_agent')
      throw new AppError(
        'NOT_FOUND',
        'you have no agent profile; an owner or analyst adds one under /api/inbox/agents',
      );
    if (outcome !== 'assigned')
      throw new AppError('CONFLICT', `cannot claim item ${itemId}: ${OUTCOME_MESSAGES[outcome]}`);
  });
}

/**
 * Moves work away from agents who went off shift, are over their maximum or were removed, and hands
 * out unassigned items, most urgent first (core `rebalance`); every move is re-checked under locks.
 */
export async function rebalanceAssignments(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
  actorId: string | null,
): Promise<RoutingMove[]> {
  const rows = await loadAgentRows(db, workspaceId);
  const agents = rows.map((row) => toRoutingAgent(row, now));
  const moving = agents.filter((a) => !a.onShift || a.currentLoad > a.maxLoad).map((a) => a.id);
  const items = await sql<{
    id: string;
    language: string;
    market: string | null;
    assignee_id: string | null;
    priority_score: number;
  }>`
    (SELECT id::text AS id, language, market, assignee_id, priority_score FROM inbox_item
     WHERE workspace_id = ${workspaceId} AND status = 'open' AND assignee_id = ANY(${moving}::uuid[]))
    UNION ALL
    (SELECT id::text, language, market, assignee_id, priority_score FROM inbox_item
     WHERE workspace_id = ${workspaceId} AND status = 'open' AND assignee_id IS NULL
     ORDER BY priority_rank DESC, priority_score DESC, id LIMIT 1000)
  `.execute(db);
  const assigned: AssignedItem[] = items.rows.map((r) => ({
    id: r.id,
    language: r.language,
    market: r.market,
    assigneeId: r.assignee_id,
    priority: r.priority_score,
  }));
  const { moves } = rebalance(assigned, agents);
  const applied: RoutingMove[] = [];
  for (const move of moves) {
    const ok = await db.transaction().execute(async (trx) => {
      if (move.to === null)
        return move.from !== null && (await unassign(trx, move.itemId, move.from, actorId, now));
      const outcome = await assignWithinCapacity(
        trx,
        workspaceId,
        move.itemId,
        move.to,
        move.from,
        move.evidence,
        actorId,
        now,
      );
      if (outcome === 'assigned') return true;
      // The new agent filled up meanwhile: the item still leaves the off-shift agent.
      if (move.from !== null && move.reason !== 'unassigned') {
        await unassign(trx, move.itemId, move.from, actorId, now);
        move.to = null;
        return true;
      }
      return false;
    });
    if (ok) applied.push(move);
  }
  return applied;
}
