import { sql, type Kysely } from 'kysely';
import { computeSlaStatus, scoreInboxPriority, type InboxRiskFlag, type SlaTargetStatus } from '@ombud/core';
import type { InboxItemDetail, JudgementEvidence } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findItem } from '../repositories/inbox.repository.ts';
import { loadSlaEvents, loadSlaPolicies } from './inbox-sla.service.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function target(t: SlaTargetStatus): InboxItemDetail['sla']['firstResponse'] {
  return {
    state: t.state,
    targetMinutes: t.targetMinutes,
    elapsedMinutes: Math.round(t.elapsedMinutes * 10) / 10,
    remainingMinutes: Math.round(t.remainingMinutes * 10) / 10,
    dueAt: iso(t.dueAt),
    breachedAt: iso(t.breachedAt),
  };
}

/**
 * An item with everything that explains it: why it is in the inbox, its priority then and now (with
 * the SLA age), how it was assigned, its cluster, its SLA clocks, its history and its replies.
 */
export async function getItemDetail(
  db: Kysely<Database>,
  workspaceId: string,
  itemId: string,
  now: Date,
): Promise<InboxItemDetail> {
  const item = await findItem(db, workspaceId, itemId);
  if (!item) throw new AppError('NOT_FOUND', `no inbox item ${itemId}`);
  const extra = await sql<{
    reasons: JudgementEvidence[];
    priority_evidence: JudgementEvidence[];
    assignment_evidence: JudgementEvidence[] | null;
    cluster_similarity: number | null;
    cluster_matched_post_id: string | null;
    cluster_size: number | null;
    followers: number | null;
    verified: boolean;
    sentiment_score: number;
    result: { intents?: { label: string; confidence: number }[] };
  }>`
    SELECT i.reasons, i.priority_evidence, i.assignment_evidence, i.cluster_similarity,
           i.cluster_matched_post_id::text AS cluster_matched_post_id, c.size AS cluster_size,
           a.followers, a.verified, pa.sentiment_score, pa.result
    FROM inbox_item i JOIN post p ON p.id = i.post_id JOIN author a ON a.id = p.author_id
    LEFT JOIN post_analysis pa ON pa.post_id = i.post_id LEFT JOIN inbox_cluster c ON c.id = i.cluster_id
    WHERE i.id = ${itemId}
  `.execute(db);
  const e = extra.rows[0];
  if (!e) throw new AppError('NOT_FOUND', `no inbox item ${itemId}`);
  const policies = await loadSlaPolicies(db, workspaceId);
  const policy = policies[item.priority.level];
  const sla = computeSlaStatus(await loadSlaEvents(db, itemId), policy, now.getTime());
  const current = scoreInboxPriority({
    followers: e.followers,
    verified: e.verified,
    sentimentScore: Number(e.sentiment_score ?? 0),
    intents: (e.result?.intents ?? []).map((i) => ({ label: i.label, confidence: i.confidence })),
    riskFlags: item.riskFlags as InboxRiskFlag[],
    ageMinutes: sla.firstResponse.elapsedMinutes,
    slaFirstResponseMinutes: item.firstResponseAt === null ? policy.firstResponseMinutes : null,
    clusterSize: e.cluster_size ?? 1,
  });
  const events = await db
    .selectFrom('inbox_item_event')
    .select(['type', 'at', 'actor_id'])
    .where('item_id', '=', itemId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const replies = await sql<{
    id: string;
    status: string;
    body: string;
    created_at: Date;
    automatic: boolean;
  }>`
    SELECT DISTINCT r.id, r.status, coalesce(o.body, r.body) AS body, r.created_at, r.automatic
    FROM inbox_reply r LEFT JOIN inbox_outbox o ON o.reply_id = r.id AND o.item_id = ${itemId}
    WHERE r.workspace_id = ${workspaceId}
      AND (r.item_id = ${itemId} OR o.item_id IS NOT NULL
           OR (r.status = 'pending_approval' AND r.cluster_id IS NOT NULL AND r.cluster_id = ${item.clusterId}))
    ORDER BY r.created_at
  `.execute(db);
  return {
    ...item,
    reasons: e.reasons,
    priorityEvidence: e.priority_evidence,
    currentPriority: {
      score: current.score,
      level: current.level,
      evidence: current.evidence,
    },
    assignmentEvidence: e.assignment_evidence ?? [],
    cluster:
      item.clusterId === null
        ? null
        : {
            id: item.clusterId,
            size: e.cluster_size ?? 1,
            similarity: e.cluster_similarity,
            matchedPostId: e.cluster_matched_post_id,
          },
    sla: { firstResponse: target(sla.firstResponse), resolution: target(sla.resolution) },
    events: events.map((ev) => ({ type: ev.type, at: new Date(ev.at).toISOString(), actorId: ev.actor_id })),
    replies: replies.rows.map((r) => ({
      id: r.id,
      status: r.status,
      body: r.body,
      createdAt: new Date(r.created_at).toISOString(),
      automatic: r.automatic,
    })),
  };
}
