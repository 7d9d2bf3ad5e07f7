import { sql, type Kysely, type Transaction } from 'kysely';
import {
  checkClaims,
  computeSlaStatus,
  compileClaimBrief,
  DEFAULT_NEAR_DUPLICATE_LSH_CONFIG,
  DEFAULT_NEEDS_HUMAN_RULES,
  detectPersonalData,
  nearDuplicateFingerprint,
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
      const out: string[] = [];
      for (const candidate of candidates) {
        if (exists.has(candidate.post.id)) continue;
        const id = await createItem(trx, candidate, policies, now);
        if (id !== null) out.push(id);
      }
      return out;
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

function signatureBytes(signature: Uint16Array): Buffer {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
}

function signatureFromBytes(bytes: Uint8Array): Uint16Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Uint16Array(copy.buffer);
}

async function createItem(
  trx: Transaction<Database>,
  candidate: Candidate,
  policies: SlaPolicies,
  now: Date,
): Promise<string | null> {
  const { post } = candidate;
  const openedAt = post.createdAt.getTime() < now.getTime() ? post.createdAt : now;
  const match = await findNearDuplicate(trx, post, candidate.campaignId);
  const seenAt = openedAt;
  // A new cluster starts empty and is counted below, once the item exists.
  const clusterId =
    match.clusterId ??
    (
      await trx
        .insertInto('inbox_cluster')
        .values({
          workspace_id: post.workspaceId,
          campaign_id: candidate.campaignId,
          language: post.language,
          representative_post_id: post.id,
          size: 0,
          open_items: 0,
          first_seen_at: seenAt,
          last_seen_at: seenAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const clusterSize = match.size + 1;
  const riskFlags = [...candidate.riskFlags];
  if (clusterSize >= CRISIS_CLUSTER_SIZE && !riskFlags.includes('crisis_cluster'))
    riskFlags.push('crisis_cluster');
  const priority = scoreInboxPriority({
    followers: post.followers,
    verified: post.verified,
    sentimentScore: post.sentimentScore,
    intents: candidate.intents,
    riskFlags,
    ageMinutes: 0,
    slaFirstResponseMinutes: null,
    clusterSize,
  });
  const sla = slaFields(
    computeSlaStatus([{ type: 'opened', at: openedAt.getTime() }], policies[priority.level], now.getTime()),
    now.getTime(),
  );
  const matchedPostId = match.clusterId === null ? post.id : match.matchedPostId;
  const inserted = await sql<{ item_id: string }>`
    WITH item AS (
      INSERT INTO inbox_item (workspace_id, campaign_id, post_id, cluster_id, cluster_similarity, cluster_matched_post_id,
                              language, market, reasons, risk_flags, priority_score, priority_level, priority_rank,
                              priority_evidence, post_created_at, opened_at, first_response_met, sla_due_at, sla_warn_at)
      VALUES (${post.workspaceId}, ${candidate.campaignId}, ${post.id}, ${clusterId}, ${match.similarity}, ${matchedPostId},
              ${post.language}, ${post.market}, ${JSON.stringify(candidate.reasons)}::jsonb, ${riskFlags}::text[],
              ${priority.score}, ${priority.level}, ${priorityRank(priority.level)}, ${JSON.stringify(priority.evidence)}::jsonb,
              ${post.createdAt}, ${openedAt}, ${sla.firstResponseMet}, ${sla.dueAt}, ${sla.warnAt})
      ON CONFLICT (post_id) DO NOTHING
      RETURNING id
    )
    INSERT INTO inbox_item_event (item_id, type, at) SELECT id, 'opened', ${openedAt} FROM item
    RETURNING item_id::text AS item_id
  `.execute(trx);
  const itemId = inserted.rows[0]?.item_id;
  if (itemId === undefined) return null;
  await trx
    .updateTable('inbox_cluster')
    .set({
      size: sql`size + 1`,
      open_items: sql`open_items + 1`,
      last_seen_at: sql`greatest(last_seen_at, ${seenAt})`,
      max_priority_score: sql`greatest(max_priority_score, ${priority.score})`,
    })
    .where('id', '=', clusterId)
    .execute();
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  // Index the first member, and later ones that add something new, up to a few per cluster.
  if (
    match.clusterId === null ||
    (match.similarity < config.indexBelowSimilarity && match.indexedEntries < config.maxEntriesPerCluster)
  )
    await indexEntry(trx, post.id, clusterId, candidate.campaignId, match.signature, match.bandKeys);
  return itemId;
}

interface NearDuplicateMatch {
  /** null: nothing similar enough; the post opens a cluster. */
  clusterId: string | null;
  /** Items in the matched cluster before this one (0 for a new cluster). */
  size: number;
  indexedEntries: number;
  similarity: number;
  matchedPostId: string;
  signature: Uint16Array;
  bandKeys: number[];
}

/** The nearest indexed near-duplicate of the same campaign and language (LSH candidates, then full signatures). */
async function findNearDuplicate(
  trx: Transaction<Database>,
  post: AnalysedPost,
  campaignId: string,
): Promise<NearDuplicateMatch> {
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  const { signature, bandKeys } = nearDuplicateFingerprint(post.text, post.language, config);
  const candidates = await sql<{
    post_id: string;
    cluster_id: string;
    signature: Uint8Array;
    size: number;
    entries: number;
  }>`
    SELECT e.post_id::text AS post_id, e.cluster_id::text AS cluster_id, e.signature, c.size,
           (SELECT count(*)::int FROM inbox_cluster_entry x WHERE x.cluster_id = e.cluster_id) AS entries
    FROM inbox_cluster_entry e JOIN inbox_cluster c ON c.id = e.cluster_id
    WHERE e.post_id IN (SELECT DISTINCT b.post_id FROM inbox_cluster_band b
                        WHERE b.campaign_id = ${campaignId} AND b.band_key = ANY(${bandKeys}::int[])
                        ORDER BY b.post_id DESC LIMIT ${MAX_CANDIDATES})
  `.execute(trx);
  let best: (typeof candidates.rows)[number] | null = null;
  let bestSimilarity = -1;
  for (const c of candidates.rows) {
    const similarity = signatureSimilarity(
      signature,
      0,
      signatureFromBytes(c.signature),
      0,
      config.numHashes,
    );
    if (similarity > bestSimilarity) {
      best = c;
      bestSimilarity = similarity;
    }
  }
  if (best !== null && bestSimilarity >= config.threshold) {
    return {
      clusterId: best.cluster_id,
      size: best.size,
      indexedEntries: best.entries,
      similarity: bestSimilarity,
      matchedPostId: best.post_id,
      signature,
      bandKeys,
    };
  }
  return {
    clusterId: null,
    size: 0,
    indexedEntries: 0,
    similarity: 1,
    matchedPostId: post.id,
    signature,
    bandKeys,
  };
}

async function indexEntry(
  trx: Transaction<Database>,
  postId: string,
  clusterId: string,
  campaignId: string,
  signature: Uint16Array,
  bandKeys: readonly number[],
): Promise<void> {
  await trx
    .insertInto('inbox_cluster_entry')
    .values({ post_id: postId, cluster_id: clusterId, signature: signatureBytes(signature) })
    .execute();
  await sql`
    INSERT INTO inbox_cluster_band (campaign_id, band_key, post_id)
    SELECT ${campaignId}::uuid, k, ${postId}::bigint FROM unnest(${[...new Set(bandKeys)]}::int[]) AS k
    ON CONFLICT DO NOTHING
  `.execute(trx);
}
