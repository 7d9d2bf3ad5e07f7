export interface RoutingAgent {
  id: string;
  /** Language codes the agent answers in (`en`, `es`, `sv`…). */
  languages: readonly string[];
  /** Markets the agent covers; empty means any market. */
  markets: readonly string[];
  maxLoad: number;
  currentLoad: number;
  onShift: boolean;
}

export interface RoutingItem {
  language: string;
  market: string | null;
}

export type NoAssigneeReason = 'no_agent_on_shift' | 'no_agent_speaks_language' | 'all_at_capacity';

export interface RoutingEvidence {
  rule: string;
  /** English, for the CLI and logs. */
  detail: string;
  /** Stable code and parameters the dashboard words in the reader's language. */
  code: string;
  params: Record<string, string | number>;
}

export type AssigneeChoice =
  | { agentId: string; evidence: RoutingEvidence[] }
  | { agentId: null; reason: NoAssigneeReason; evidence: RoutingEvidence[] };

const speaks = (agent: RoutingAgent, language: string): boolean =>
  agent.languages.some((l) => l.toLowerCase() === language.toLowerCase());
/** 0: lists the item's market, 1: covers any market, 2: covers other markets only. */
const marketTier = (agent: RoutingAgent, market: string | null): number => {
  if (market === null) return 0;
  if (agent.markets.some((m) => m.toUpperCase() === market.toUpperCase())) return 0;
  return agent.markets.length === 0 ? 1 : 2;
};
const hasRoom = (agent: RoutingAgent): boolean => agent.currentLoad < agent.maxLoad;

/**
 * Picks an on-shift agent who speaks the item's language and has room: agents who list the item's
 * market first, then those covering any market, then the rest; within that, the least loaded relative to their maximum, then the fewest items, then by id.
 * An item in a language nobody speaks stays unassigned (`und` only goes to agents who list `und`).
 */
export function chooseAssignee(item: RoutingItem, agents: readonly RoutingAgent[]): AssigneeChoice {
  const onShift = agents.filter((a) => a.onShift);
  if (onShift.length === 0) {
    return {
      agentId: null,
      reason: 'no_agent_on_shift',
      evidence: [
        { rule: 'shift', detail: 'no agent is on shift', code: 'routing.noAgentOnShift', params: {} },
      ],
    };
  }
  const speakers = onShift.filter((a) => speaks(a, item.language));
  if (speakers.length === 0) {
    return {
      agentId: null,
      reason: 'no_agent_speaks_language',
      evidence: [
        {
          rule: 'language',
          detail: `no agent on shift speaks ${item.language}`,
          code: 'routing.noSpeaker',
          params: { language: item.language },
        },
      ],
    };
  }
  const available = speakers.filter(hasRoom);
  if (available.length === 0) {
    return {
      agentId: null,
      reason: 'all_at_capacity',
      evidence: [
        {
          rule: 'capacity',
          detail: `all ${speakers.length} ${item.language} agents on shift are at their maximum load`,
          code: 'routing.allAtCapacity',
          params: { count: speakers.length, language: item.language },
        },
      ],
    };
  }
  const tier = Math.min(...available.map((a) => marketTier(a, item.market)));
  const pool = available.filter((a) => marketTier(a, item.market) === tier);
  const best = [...pool].sort(compareByLoad)[0] as RoutingAgent;
  const evidence: RoutingEvidence[] = [
    {
      rule: 'language',
      detail: `speaks ${item.language}`,
      code: 'routing.speaks',
      params: { language: item.language },
    },
    {
      rule: 'load',
      detail: `${best.currentLoad} of ${best.maxLoad} items, least loaded of ${pool.length}`,
      code: 'routing.load',
      params: { load: best.currentLoad, max: best.maxLoad, pool: pool.length },
    },
  ];
  if (item.market !== null) {
    const params = { market: item.market };
    evidence.push(
      tier === 0
        ? { rule: 'market', detail: `covers ${item.market}`, code: 'routing.market', params }
        : tier === 1
          ? {
              rule: 'market',
              detail: `no ${item.market} specialist with room; covers every market`,
              code: 'routing.marketAnyCover',
              params,
            }
          : {
              rule: 'market',
              detail: `nobody with room covers ${item.market}; assigned outside the market`,
              code: 'routing.marketOutside',
              params,
            },
    );
  }
  return { agentId: best.id, evidence };
}

function compareByLoad(a: RoutingAgent, b: RoutingAgent): number {
  // Compare a.load/a.max with b.load/b.max without division (maxLoad > 0 for agents with room).
  const byShare = a.currentLoad * b.maxLoad - b.currentLoad * a.maxLoad;
  if (byShare !== 0) return byShare;
  if (a.currentLoad !== b.currentLoad) return a.currentLoad - b.currentLoad;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface AssignedItem extends RoutingItem {
  id: string;
  assigneeId: string | null;
  /** Higher first when items are handed out again; ties by id. */
  priority: number;
}

export interface RoutingMove {
  itemId: string;
  from: string | null;
  /** null: nobody can take it now; the item goes back to the unassigned queue. */
  to: string | null;
  reason: 'agent_off_shift' | 'agent_over_capacity' | 'agent_missing' | 'unassigned';
  evidence: RoutingEvidence[];
}

export interface RebalanceResult {
  moves: RoutingMove[];
  /** Agents with their loads after the moves. */
  agents: RoutingAgent[];
}

/**
 * Hands out again the items of agents who went off shift, are over their maximum (the lowest
 * priority excess) or no longer exist, plus unassigned items, highest priority first. Agents' loads
 * are taken from `currentLoad` and adjusted as items move.
 */
export function rebalance(items: readonly AssignedItem[], agents: readonly RoutingAgent[]): RebalanceResult {
  const working = agents.map((a) => ({ ...a }));
  const byId = new Map(working.map((a) => [a.id, a]));
  const released: { item: AssignedItem; reason: RoutingMove['reason'] }[] = [];

  const byAgent = new Map<string, AssignedItem[]>();
  for (const item of items) {
    if (item.assigneeId === null) {
      released.push({ item, reason: 'unassigned' });
      continue;
    }
    const agent = byId.get(item.assigneeId);
    if (agent === undefined) released.push({ item, reason: 'agent_missing' });
    else if (!agent.onShift) released.push({ item, reason: 'agent_off_shift' });
    else byAgent.set(agent.id, [...(byAgent.get(agent.id) ?? []), item]);
  }
  for (const { item } of released) {
    const agent = item.assigneeId === null ? undefined : byId.get(item.assigneeId);
    if (agent !== undefined) agent.currentLoad = Math.max(0, agent.currentLoad - 1);
  }
  for (const [agentId, own] of byAgent) {
    const agent = byId.get(agentId) as RoutingAgent;
    const excess = agent.currentLoad - agent.maxLoad;
    if (excess <= 0) continue;
    // Keep the most urgent work with the person already on it; move the rest.
    const lowestFirst = [...own].sort((a, b) => a.priority - b.priority || (a.id < b.id ? 1 : -1));
    for (const item of lowestFirst.slice(0, excess)) {
      released.push({ item, reason: 'agent_over_capacity' });
      agent.currentLoad--;
    }
  }

  released.sort(
    (a, b) =>
      b.item.priority - a.item.priority || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
  );
  const moves: RoutingMove[] = [];
  for (const { item, reason } of released) {
    // An over-capacity agent must not get their own item straight back.
    const candidates =
      reason === 'agent_over_capacity' ? working.filter((a) => a.id !== item.assigneeId) : working;
    const choice = chooseAssignee(item, candidates);
    if (choice.agentId !== null) {
      const agent = byId.get(choice.agentId) as RoutingAgent;
      agent.currentLoad++;
    }
    if (reason === 'unassigned' && choice.agentId === null) continue;
    moves.push({
      itemId: item.id,
      from: item.assigneeId,
      to: choice.agentId,
      reason,
      evidence: choice.evidence,
    });
  }
  return { moves, agents: working };
}
