import { sql, type Kysely, type Transaction } from 'kysely';
import {
  checkClaims,
  computeSlaStatus,
  compileClaimBrief,
  DEFAULT_NEAR_DUPLICATE_LSH_CONFIG,
  DEFAULT_NEEDS_HUMAN_RULES,
  detectPersonalData,
  nearDuplicateFingerprint,
  type NearDuplicateFingerprint,
  needsHuman,
  scoreInboxPriority,
  signatureSimilarity,
  type ClaimBrief,
  type InboxRiskFlag,
  type IntentSignal,
  type NeedsHumanReason,
  type NeedsHumanRules,
} from '@ombud/core';
import { briefSchema, needsHumanRulesSchema } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { loadSlaPolicies, priorityRank, slaFields, type SlaPolicies } from './inbox-sla.service.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A cluster this big (items) marks its members with the `crisis_cluster` risk flag. */
export const CRISIS_CLUSTER_SIZE = 25;
const MAX_CANDIDATES = 200;

interface AnalysedPost {
  id: string;
  workspaceId: string;
  text: string;
  market: string | null;
  createdAt: Date;
  followers: number | null;
  verified: boolean;
  language: string;
  sentimentScore: number;
  result: Record<string, unknown>;
  campaignIds: string[];
}

async function loadAnalysedPosts(db: Executor, postIds: readonly string[]): Promise<AnalysedPost[]> {
  if (postIds.length === 0) return [];
  const rows = await sql<{
    id: string;
    workspace_id: string;
    text: string;
    market: string | null;
    created_at: Date;
    followers: number | null;
    verified: boolean;
    language: string;
    sentiment_score: number;
    result: Record<string, unknown>;
    campaign_ids: string[];
  }>`
    SELECT p.id::text AS id, p.workspace_id, p.text, p.market, p.created_at, a.followers, a.verified,
           pa.language, pa.sentiment_score, pa.result,
           ARRAY(SELECT pc.campaign_id FROM post_campaign pc JOIN campaign c ON c.id = pc.campaign_id
                 WHERE pc.post_id = p.id ORDER BY c.created_at, c.id) AS campaign_ids
    FROM post p
    JOIN post_analysis pa ON pa.post_id = p.id
    JOIN author a ON a.id = p.author_id
    WHERE p.id = ANY(${postIds}::bigint[])
      AND NOT EXISTS (SELECT 1 FROM inbox_item i WHERE i.post_id = p.id)
    ORDER BY p.created_at, p.id
  `.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    text: r.text,
    market: r.market,
    createdAt: new Date(r.created_at),
    followers: r.followers,
    verified: r.verified,
    language: r.language,
    sentimentScore: Number(r.sentiment_score),
    result: r.result,
    campaignIds: r.campaign_ids,
  }));
}

interface CampaignContext {
  rules: NeedsHumanRules;
  claims: ClaimBrief | null;
}

async function loadCampaignContexts(
  db: Executor,
  campaignIds: readonly string[],
): Promise<Map<string, CampaignContext>> {
  const out = new Map<string, CampaignContext>();
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('campaign as c')
    .leftJoin('inbox_campaign_settings as s', 's.campaign_id', 'c.id')
    .select(['c.id', 'c.brief', 's.needs_human_rules'])
    .where('c.id', 'in', [...campaignIds])
    .execute();
  for (const row of rows) {
    const rules =
      row.needs_human_rules === null
        ? DEFAULT_NEEDS_HUMAN_RULES
        : (needsHumanRulesSchema.parse(row.needs_human_rules) as NeedsHumanRules);
    const brief = row.brief === null ? null : briefSchema.safeParse(row.brief);
    let claims: ClaimBrief | null = null;
    if (brief?.success === true) {
      try {
        claims = compileClaimBrief(brief.data);
      } catch {
        claims = null;
      }
    }
    out.set(row.id, { rules, claims });
  }
  return out;
}

function intentsOf(result: Record<string, unknown>): IntentSignal[] {
  const intents = result['intents'];
  if (!Array.isArray(intents)) return [];
  return intents.flatMap((i: unknown) => {
    const label = (i as { label?: unknown }).label;
    const confidence = (i as { confidence?: unknown }).confidence;
    return typeof label === 'string' && typeof confidence === 'number' ? [{ label, confidence }] : [];
  });
}

/** Risk flags from the stored analysis, the post text and the campaign's fact sheet. */
function riskFlagsOf(post: AnalysedPost, campaign: CampaignContext | undefined): InboxRiskFlag[] {
  const flags: InboxRiskFlag[] = [];
  const toxicity = post.result['toxicity'] as { findings?: { category?: string }[] } | undefined;
  if (toxicity?.findings?.some((f) => f.category === 'threat') === true) flags.push('toxicity_threat');
  if (detectPersonalData(post.text).length > 0) flags.push('personal_data');
  if (campaign?.claims) {
    const checked = checkClaims(campaign.claims, {
      text: post.text,
      language: post.language,
      market: post.market ?? undefined,
    });
    if (checked.claims.some((c) => c.verdict === 'contradicted') || checked.bannedClaims.length > 0)
      flags.push('contradicted_claim');
  }
  return flags;
}

interface Candidate {
  post: AnalysedPost;
  campaignId: string;
  reasons: NeedsHumanReason[];
  riskFlags: InboxRiskFlag[];
  intents: IntentSignal[];
}

export interface IntakeResult {
  created: string[];
  workspaces: Map<string, Set<string>>;
}

/**
 * Turns freshly analysed posts that need a person into inbox items: one item per post (a second run
 * finds the item and does nothing), clustered with its near-duplicates of the same campaign and
 * language, scored with evidence and put on its SLA clock.
 */
export async function createInboxItems(
  db: Kysely<Database>,
  postIds: readonly string[],
  now: Date,
): Promise<IntakeResult> {
  const posts = await loadAnalysedPosts(db, postIds);
  const campaigns = await loadCampaignContexts(db, [...new Set(posts.flatMap((p) => p.campaignIds))]);
  const groups = new Map<string, Candidate[]>();
  for (const post of posts) {
    const intents = intentsOf(post.result);
    for (const campaignId of post.campaignIds) {
      const campaign = campaigns.get(campaignId);
      const riskFlags = riskFlagsOf(post, campaign);
      const decision = needsHuman(
        { intents, sentimentScore: post.sentimentScore, followers: post.followers, riskFlags },
        campaign?.rules ?? DEFAULT_NEEDS_HUMAN_RULES,
      );
      if (!decision.needsHuman) continue;
      // The first campaign (oldest) whose rules fire owns the item.
      const key = `inbox-cluster:${campaignId}:${post.language}`;
      groups.set(key, [
        ...(groups.get(key) ?? []),
        { post, campaignId, reasons: decision.reasons, riskFlags, intents },
      ]);
      break;
    }
  }
  const created: string[] = [];
  const workspaces = new Map<string, Set<string>>();
  // Sorted so that two workers take the per-(campaign, language) locks in the same order.
  for (const key of [...groups.keys()].sort()) {
    const candidates = groups.get(key) as Candidate[];
    const first = candidates[0] as Candidate;
    const ids = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
      const policies = await loadSlaPolicies(trx, first.post.workspaceId);
      // Another run may have made these items while this one waited for the lock.
      const done = await sql<{ post_id: string }>`
        SELECT post_id::text AS post_id FROM inbox_item WHERE post_id = ANY(${candidates.map((c) => c.post.id)}::bigint[])
      `.execute(trx);
      const exists = new Set(done.rows.map((r) => r.post_id));
      return createGroupItems(
        trx,
        candidates.filter((c) => !exists.has(c.post.id)),
        policies,
        now,
      );
    });
    created.push(...ids);
    if (ids.length > 0) {
      const set = workspaces.get(first.post.workspaceId) ?? new Set<string>();
      set.add(first.campaignId);
      workspaces.set(first.post.workspaceId, set);
    }
  }
  return { created, workspaces };
}

function signatureHex(signature: Uint16Array): string {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('hex');
}

function signatureFromBytes(bytes: Uint8Array): Uint16Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Uint16Array(copy.buffer);
}

interface ClusterState {
  /** Database id; null until a new cluster is inserted. */
  id: string | null;
  size: number;
  indexedEntries: number;
  added: number;
  maxPriority: number;
  /** For a new cluster: its first post (the representative). */
  firstPostId: string;
  firstSeen: Date;
}

interface IndexedEntry {
  postId: string;
  cluster: ClusterState;
  signature: Uint16Array;
}

interface PlannedItem {
  candidate: Candidate;
  openedAt: Date;
  cluster: ClusterState;
  similarity: number;
  matchedPostId: string;
  riskFlags: InboxRiskFlag[];
  priority: ReturnType<typeof scoreInboxPriority>;
  sla: ReturnType<typeof slaFields>;
  /** Band keys and signature when this post is indexed as a cluster entry. */
  indexed: { signature: Uint16Array; bandKeys: number[] } | null;
}

/**
 * Creates the items of one (campaign, language) group under its lock, in a fixed number of
 * statements: the stored LSH entries sharing any band key with the group are loaded once, the posts
 * are clustered in order against them and against each other, then clusters, items, events, cluster
 * counts and new index entries are written in bulk.
 */
async function createGroupItems(
  trx: Transaction<Database>,
  candidates: readonly Candidate[],
  policies: SlaPolicies,
  now: Date,
): Promise<string[]> {
  const first = candidates[0];
  if (first === undefined) return [];
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  const { campaignId } = first;
  const { workspaceId, language } = first.post;
  const prints = candidates.map((c) => nearDuplicateFingerprint(c.post.text, language, config));
  const keys = [...new Set(prints.flatMap((p) => p.bandKeys))];

  const stored = await sql<{
    band_key: number;
    post_id: string;
    cluster_id: string;
    signature: Uint8Array;
    size: number;
    entries: number;
  }>`
    SELECT b.band_key, e.post_id::text AS post_id, e.cluster_id::text AS cluster_id, e.signature, c.size,
           (SELECT count(*)::int FROM inbox_cluster_entry x WHERE x.cluster_id = e.cluster_id) AS entries
    FROM inbox_cluster_band b
    JOIN inbox_cluster_entry e ON e.post_id = b.post_id
    JOIN inbox_cluster c ON c.id = e.cluster_id
    WHERE b.campaign_id = ${campaignId} AND b.band_key = ANY(${keys}::int[])
    ORDER BY b.post_id DESC
    LIMIT ${MAX_CANDIDATES * 100}
  `.execute(trx);
  const clusters = new Map<string, ClusterState>();
  const entries = new Map<string, IndexedEntry>();
  const byBand = new Map<number, IndexedEntry[]>();
  const addToBand = (key: number, entry: IndexedEntry): void => {
    const list = byBand.get(key);
    if (list === undefined) byBand.set(key, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  };
  // Oldest first, so every band list ends with its newest entry (the walk below starts there).
  for (const row of [...stored.rows].reverse()) {
    let cluster = clusters.get(row.cluster_id);
    if (cluster === undefined) {
      cluster = {
        id: row.cluster_id,
        size: row.size,
        indexedEntries: row.entries,
        added: 0,
        maxPriority: 0,
        firstPostId: row.post_id,
        firstSeen: now,
      };
      clusters.set(row.cluster_id, cluster);
    }
    let entry = entries.get(row.post_id);
    if (entry === undefined) {
      entry = { postId: row.post_id, cluster, signature: signatureFromBytes(row.signature) };
      entries.set(row.post_id, entry);
    }
    addToBand(row.band_key, entry);
  }

  const planned: PlannedItem[] = [];
  candidates.forEach((candidate, i) => {
    const { post } = candidate;
    const print = prints[i] as NearDuplicateFingerprint;
    const openedAt = post.createdAt.getTime() < now.getTime() ? post.createdAt : now;
    let best: IndexedEntry | null = null;
    let bestSimilarity = -1;
    const seen = new Set<IndexedEntry>();
    for (const key of print.bandKeys) {
      // Newest entries last in each list; look at the newest few of a hot bucket only.
      const list = byBand.get(key) ?? [];
      for (let j = list.length - 1, walked = 0; j >= 0 && walked < MAX_CANDIDATES; j--, walked++) {
        const entry = list[j] as IndexedEntry;
        if (seen.has(entry)) continue;
        seen.add(entry);
        const similarity = signatureSimilarity(print.signature, 0, entry.signature, 0, config.numHashes);
        if (similarity > bestSimilarity) {
          best = entry;
          bestSimilarity = similarity;
        }
      }
    }
    let cluster: ClusterState;
    let indexed = false;
    let similarity = 1;
    let matchedPostId = post.id;
    if (best !== null && bestSimilarity >= config.threshold) {
      cluster = best.cluster;
      similarity = bestSimilarity;
      matchedPostId = best.postId;
      // Index later members only when they add something new, up to a few per cluster.
      indexed =
        bestSimilarity < config.indexBelowSimilarity && cluster.indexedEntries < config.maxEntriesPerCluster;
    } else {
      cluster = {
        id: null,
        size: 0,
        indexedEntries: 0,
        added: 0,
        maxPriority: 0,
        firstPostId: post.id,
        firstSeen: openedAt,
      };
      indexed = true;
    }
    cluster.size++;
    cluster.added++;
    if (indexed) {
      cluster.indexedEntries++;
      const entry: IndexedEntry = { postId: post.id, cluster, signature: print.signature };
      for (const key of print.bandKeys) addToBand(key, entry);
    }
    const riskFlags = [...candidate.riskFlags];
    if (cluster.size >= CRISIS_CLUSTER_SIZE && !riskFlags.includes('crisis_cluster'))
      riskFlags.push('crisis_cluster');
    const priority = scoreInboxPriority({
      followers: post.followers,
      verified: post.verified,
      sentimentScore: post.sentimentScore,
      intents: candidate.intents,
      riskFlags,
      ageMinutes: 0,
      slaFirstResponseMinutes: null,
      clusterSize: cluster.size,
    });
    cluster.maxPriority = Math.max(cluster.maxPriority, priority.score);
    const sla = slaFields(
      computeSlaStatus([{ type: 'opened', at: openedAt.getTime() }], policies[priority.level], now.getTime()),
      now.getTime(),
    );
    planned.push({
      candidate,
      openedAt,
      cluster,
      similarity,
      matchedPostId,
      riskFlags,
      priority,
      sla,
      indexed: indexed ? { signature: print.signature, bandKeys: print.bandKeys } : null,
    });
  });

  // New clusters start empty; the counts below add the items that were really inserted.
  const fresh = [...new Set(planned.map((p) => p.cluster))].filter((c) => c.id === null);
  if (fresh.length > 0) {
    const made = await sql<{ id: string; representative_post_id: string }>`
      INSERT INTO inbox_cluster (workspace_id, campaign_id, language, representative_post_id, size, open_items,
                                 first_seen_at, last_seen_at)
      SELECT ${workspaceId}, ${campaignId}, ${language}, r, 0, 0, f, f
      FROM unnest(${fresh.map((c) => c.firstPostId)}::bigint[], ${fresh.map((c) => c.firstSeen.toISOString())}::timestamptz[]) AS t(r, f)
      RETURNING id::text AS id, representative_post_id::text AS representative_post_id
    `.execute(trx);
    const byFirst = new Map(made.rows.map((r) => [r.representative_post_id, r.id]));
    for (const c of fresh) c.id = byFirst.get(c.firstPostId) ?? null;
  }

  const col = <T>(get: (p: PlannedItem) => T): T[] => planned.map(get);
  const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
  const inserted = await sql<{ id: string; post_id: string }>`
    WITH item AS (
      INSERT INTO inbox_item (workspace_id, campaign_id, post_id, cluster_id, cluster_similarity, cluster_matched_post_id,
                              language, market, reasons, risk_flags, priority_score, priority_level, priority_rank,
                              priority_evidence, post_created_at, opened_at, first_response_met, sla_due_at, sla_warn_at)
      SELECT ${workspaceId}, ${campaignId}, t.post_id, t.cluster_id, t.similarity, t.matched, ${language}, t.market,
             t.reasons, ARRAY(SELECT jsonb_array_elements_text(t.flags)), t.score, t.level, t.rank, t.evidence,
             t.created_at, t.opened_at, t.fr_met, t.due, t.warn
      FROM unnest(
        ${col((p) => p.candidate.post.id)}::bigint[], ${col((p) => p.cluster.id)}::bigint[],
        ${col((p) => p.similarity)}::real[], ${col((p) => p.matchedPostId)}::bigint[],
        ${col((p) => p.candidate.post.market)}::text[], ${col((p) => JSON.stringify(p.candidate.reasons))}::jsonb[],
        ${col((p) => JSON.stringify(p.riskFlags))}::jsonb[], ${col((p) => p.priority.score)}::int[],
        ${col((p) => p.priority.level)}::text[], ${col((p) => priorityRank(p.priority.level))}::smallint[],
        ${col((p) => JSON.stringify(p.priority.evidence))}::jsonb[],
        ${col((p) => p.candidate.post.createdAt.toISOString())}::timestamptz[], ${col((p) => p.openedAt.toISOString())}::timestamptz[],
        ${col((p) => p.sla.firstResponseMet)}::boolean[], ${col((p) => iso(p.sla.dueAt))}::timestamptz[],
        ${col((p) => iso(p.sla.warnAt))}::timestamptz[]
      ) AS t(post_id, cluster_id, similarity, matched, market, reasons, flags, score, level, rank, evidence,
             created_at, opened_at, fr_met, due, warn)
      ORDER BY t.post_id
      ON CONFLICT (post_id) DO NOTHING
      RETURNING id, post_id, opened_at
    ), opened AS (
      INSERT INTO inbox_item_event (item_id, type, at) SELECT id, 'opened', opened_at FROM item
    )
    SELECT id::text AS id, post_id::text AS post_id FROM item
  `.execute(trx);
  const done = new Set(inserted.rows.map((r) => r.post_id));
  const kept = planned.filter((p) => done.has(p.candidate.post.id));

  const counts = new Map<ClusterState, { n: number; last: Date; top: number }>();
  for (const p of kept) {
    const c = counts.get(p.cluster) ?? { n: 0, last: p.openedAt, top: 0 };
    c.n++;
    if (p.openedAt > c.last) c.last = p.openedAt;
    c.top = Math.max(c.top, p.priority.score);
    counts.set(p.cluster, c);
  }
  if (counts.size > 0) {
    const list = [...counts];
    await sql`
      UPDATE inbox_cluster c SET size = c.size + d.n, open_items = c.open_items + d.n,
             last_seen_at = greatest(c.last_seen_at, d.last), max_priority_score = greatest(c.max_priority_score, d.top)
      FROM unnest(${list.map(([c]) => c.id)}::bigint[], ${list.map(([, v]) => v.n)}::int[],
                  ${list.map(([, v]) => v.last.toISOString())}::timestamptz[], ${list.map(([, v]) => v.top)}::int[])
        AS d(id, n, last, top)
      WHERE c.id = d.id
    `.execute(trx);
  }
  const toIndex = kept.filter((p) => p.indexed !== null);
  if (toIndex.length > 0) {
    await sql`
      INSERT INTO inbox_cluster_entry (post_id, cluster_id, signature)
      SELECT p, c, decode(s, 'hex')
      FROM unnest(${toIndex.map((p) => p.candidate.post.id)}::bigint[], ${toIndex.map((p) => p.cluster.id)}::bigint[],
                  ${toIndex.map((p) => signatureHex((p.indexed as { signature: Uint16Array }).signature))}::text[]) AS t(p, c, s)
    `.execute(trx);
    const bandPosts: string[] = [];
    const bandKeys: number[] = [];
    for (const p of toIndex) {
      for (const key of new Set((p.indexed as { bandKeys: number[] }).bandKeys)) {
        bandPosts.push(p.candidate.post.id);
        bandKeys.push(key);
      }
    }
    await sql`
      INSERT INTO inbox_cluster_band (campaign_id, band_key, post_id)
      SELECT ${campaignId}::uuid, k, p FROM unnest(${bandKeys}::int[], ${bandPosts}::bigint[]) AS t(k, p)
      ON CONFLICT DO NOTHING
    `.execute(trx);
  }
  return inserted.rows.map((r) => r.id);
}
