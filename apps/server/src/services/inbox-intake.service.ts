import { sql, type Kysely, type Transaction } from 'kysely';
import {
  checkClaims,
  compilePhrases,
  extractQuantities,
  findPhrases,
  foldKeepingOffsets,
  type PhraseMatcher,
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
           pa.language, pa.sentiment_score,
           -- Only the parts intake reads: the full analysis is many times larger.
           jsonb_build_object('intents', pa.result->'intents', 'toxicity', pa.result->'toxicity') AS result,
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
  claims: CompiledClaims | null;
}

/**
 * A campaign's compiled fact sheet, plus a matcher of only the phrases that tie a post to a fact
 * (banned claims, contradictions, fact keywords). `checkClaims` can only find a contradicted or
 * banned claim where the post has a figure or one of these phrases (cue words alone give
 * "unverified"), so a post with neither skips the full check: same answer, a fraction of the work.
 */
interface CompiledClaims {
  brief: ClaimBrief;
  factPhrases: PhraseMatcher<true>;
  /** Matches where any of `factPhrases`' required pieces occurs; no match means no phrase can. */
  anyLiteral: RegExp | null;
}

function anyLiteralOf(matcher: PhraseMatcher<true>): RegExp | null {
  const literals = [...new Set(matcher.entries.map((e) => e.literal))];
  // An empty piece is in every text: the phrases must be looked for one by one.
  if (literals.length === 0 || literals.includes('')) return null;
  return new RegExp(literals.map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'u');
}

function factPhrasesOf(brief: ClaimBrief['brief']): PhraseMatcher<true> {
  const phrases: string[] = [];
  for (const banned of brief.bannedClaims) phrases.push(...Object.values(banned.phrases).flat());
  for (const fact of brief.facts) {
    phrases.push(...Object.values(fact.contradictions).flat());
    phrases.push(...Object.values(fact.keywords).flat());
  }
  return compilePhrases(phrases.map((phrase) => [phrase, true] as const));
}

const foldedChars = new Map<string, string>();

/** `foldKeepingOffsets`, character by character as it is, with ASCII and the characters seen before answered at once. */
function foldFast(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
      continue;
    }
    let folded = foldedChars.get(char);
    if (folded === undefined) {
      folded = foldKeepingOffsets(char);
      if (foldedChars.size < 10_000) foldedChars.set(char, folded);
    }
    out += folded;
  }
  return out;
}

/** Whether the post contradicts the campaign's fact sheet or makes one of its banned claims. */
function contradictsBrief(claims: CompiledClaims, post: AnalysedPost): boolean {
  const text = post.text.normalize('NFC');
  const folded = foldFast(text);
  const market = post.market ?? claims.brief.brief.defaultMarkets[post.language];
  if (
    (claims.anyLiteral === null
      ? findPhrases(claims.factPhrases, text, folded).length === 0
      : !claims.anyLiteral.test(folded) || findPhrases(claims.factPhrases, text, folded).length === 0) &&
    extractQuantities(text, folded, market).length === 0
  )
    return false;
  const checked = checkClaims(claims.brief, {
    text: post.text,
    language: post.language,
    market: post.market ?? undefined,
  });
  return checked.claims.some((c) => c.verdict === 'contradicted') || checked.bannedClaims.length > 0;
}

// Compiling a fact sheet costs far more than a batch's look-ups: keep the compiled form of the
// briefs seen lately, keyed by the brief itself (an edited brief is a different key).
const COMPILED_BRIEFS_KEPT = 32;
const compiledBriefs = new Map<string, CompiledClaims | null>();

function compiledBrief(raw: unknown): CompiledClaims | null {
  const key = JSON.stringify(raw);
  if (compiledBriefs.has(key)) return compiledBriefs.get(key) as CompiledClaims | null;
  const brief = briefSchema.safeParse(raw);
  let claims: CompiledClaims | null = null;
  if (brief.success) {
    try {
      const compiled = compileClaimBrief(brief.data);
      const factPhrases = factPhrasesOf(compiled.brief);
      claims = { brief: compiled, factPhrases, anyLiteral: anyLiteralOf(factPhrases) };
    } catch {
      claims = null;
    }
  }
  if (compiledBriefs.size >= COMPILED_BRIEFS_KEPT) {
    const oldest = compiledBriefs.keys().next();
    if (oldest.done !== true) compiledBriefs.delete(oldest.value);
  }
  compiledBriefs.set(key, claims);
  return claims;
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
    out.set(row.id, { rules, claims: row.brief === null ? null : compiledBrief(row.brief) });
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

/**
 * Text checks of one batch, remembered per distinct text: retweets and copy-paste campaigns repeat
 * the same words many times, and the personal-data and claim checks are the costly part of intake.
 */
interface TextChecks {
  personalData: Map<string, boolean>;
  contradicted: Map<string, boolean>;
}

/** Risk flags from the stored analysis, the post text and the campaign's fact sheet. */
function riskFlagsOf(
  post: AnalysedPost,
  campaignId: string,
  campaign: CampaignContext | undefined,
  checks: TextChecks,
): InboxRiskFlag[] {
  const flags: InboxRiskFlag[] = [];
  const toxicity = post.result['toxicity'] as { findings?: { category?: string }[] } | undefined;
  if (toxicity?.findings?.some((f) => f.category === 'threat') === true) flags.push('toxicity_threat');
  let personal = checks.personalData.get(post.text);
  if (personal === undefined) {
    personal = detectPersonalData(post.text).length > 0;
    checks.personalData.set(post.text, personal);
  }
  if (personal) flags.push('personal_data');
  if (campaign?.claims) {
    const key = `${campaignId}\u0000${post.language}\u0000${post.market ?? ''}\u0000${post.text}`;
    let contradicted = checks.contradicted.get(key);
    if (contradicted === undefined) {
      contradicted = contradictsBrief(campaign.claims, post);
      checks.contradicted.set(key, contradicted);
    }
    if (contradicted) flags.push('contradicted_claim');
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
 *
 * The whole batch is written in one transaction with a fixed number of statements: it takes the
 * per-(campaign, language) advisory locks of all its groups (sorted, so two workers take them in the
 * same order), re-checks which posts already have an item, loads the stored LSH entries sharing a
 * band key with any of its posts at once, clusters the posts in memory, then writes clusters, items,
 * events, cluster counts and new index entries in bulk.
 */
export async function createInboxItems(
  db: Kysely<Database>,
  postIds: readonly string[],
  now: Date,
): Promise<IntakeResult> {
  const posts = await loadAnalysedPosts(db, postIds);
  const campaigns = await loadCampaignContexts(db, [...new Set(posts.flatMap((p) => p.campaignIds))]);
  const groups = new Map<string, Candidate[]>();
  const checks: TextChecks = { personalData: new Map(), contradicted: new Map() };
  for (const post of posts) {
    const intents = intentsOf(post.result);
    for (const campaignId of post.campaignIds) {
      const campaign = campaigns.get(campaignId);
      const riskFlags = riskFlagsOf(post, campaignId, campaign, checks);
      const decision = needsHuman(
        { intents, sentimentScore: post.sentimentScore, followers: post.followers, riskFlags },
        campaign?.rules ?? DEFAULT_NEEDS_HUMAN_RULES,
      );
      if (!decision.needsHuman) continue;
      // The first campaign (oldest) whose rules fire owns the item.
      const key = `inbox-cluster:${campaignId}:${post.language}`;
      const group = groups.get(key);
      const candidate = { post, campaignId, reasons: decision.reasons, riskFlags, intents };
      if (group === undefined) groups.set(key, [candidate]);
      else group.push(candidate);
      break;
    }
  }
  const created: string[] = [];
  const workspaces = new Map<string, Set<string>>();
  if (groups.size === 0) return { created, workspaces };
  const keys = [...groups.keys()].sort();
  const inserted = await db.transaction().execute(async (trx) => {
    await sql`
      SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
      FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
    `.execute(trx);
    // Another run may have made some of these items while this one waited for the locks.
    const all = keys.flatMap((key) => groups.get(key) as Candidate[]);
    const done = await sql<{ post_id: string }>`
      SELECT post_id::text AS post_id FROM inbox_item WHERE post_id = ANY(${all.map((c) => c.post.id)}::bigint[])
    `.execute(trx);
    const exists = new Set(done.rows.map((r) => r.post_id));
    const policies = new Map<string, SlaPolicies>();
    for (const workspaceId of new Set(all.map((c) => c.post.workspaceId)))
      policies.set(workspaceId, await loadSlaPolicies(trx, workspaceId));
    return createBatchItems(
      trx,
      keys.map((key) => (groups.get(key) as Candidate[]).filter((c) => !exists.has(c.post.id))),
      policies,
      now,
    );
  });
  for (const item of inserted) {
    created.push(item.id);
    const set = workspaces.get(item.workspaceId) ?? new Set<string>();
    set.add(item.campaignId);
    workspaces.set(item.workspaceId, set);
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
  /** For a new cluster: its first post (the representative), campaign and language. */
  firstPostId: string;
  firstSeen: Date;
  workspaceId: string;
  campaignId: string;
  language: string;
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

/** Stored LSH entries of some campaigns, by campaign and band key, oldest first in each list. */
type BandIndex = Map<string, Map<number, IndexedEntry[]>>;

function addToBand(index: BandIndex, campaignId: string, key: number, entry: IndexedEntry): void {
  let bands = index.get(campaignId);
  if (bands === undefined) {
    bands = new Map();
    index.set(campaignId, bands);
  }
  const list = bands.get(key);
  if (list === undefined) bands.set(key, [entry]);
  else if (list[list.length - 1] !== entry && !list.includes(entry)) list.push(entry);
}

/**
 * Loads, for every (campaign, band key) the batch's posts have, the newest MAX_CANDIDATES stored
 * entries (all a post's walk looks at), with their signatures and clusters, in two statements.
 */
async function loadBandIndex(
  trx: Transaction<Database>,
  wanted: readonly { campaignId: string; bandKey: number }[],
  now: Date,
): Promise<BandIndex> {
  const index: BandIndex = new Map();
  if (wanted.length === 0) return index;
  const bands = await sql<{ campaign_id: string; band_key: number; post_id: string }>`
    SELECT q.c AS campaign_id, q.k AS band_key, b.post_id::text AS post_id
    FROM unnest(${wanted.map((w) => w.campaignId)}::uuid[], ${wanted.map((w) => w.bandKey)}::int[]) AS q(c, k)
    CROSS JOIN LATERAL (
      SELECT b.post_id FROM inbox_cluster_band b
      WHERE b.campaign_id = q.c AND b.band_key = q.k
      ORDER BY b.post_id DESC LIMIT ${MAX_CANDIDATES}
    ) b
  `.execute(trx);
  if (bands.rows.length === 0) return index;
  const entryIds = [...new Set(bands.rows.map((r) => r.post_id))];
  const stored = await sql<{
    post_id: string;
    cluster_id: string;
    signature: Uint8Array;
    size: number;
    entries: number;
    workspace_id: string;
    campaign_id: string;
    language: string;
  }>`
    WITH e AS (
      SELECT post_id, cluster_id, signature FROM inbox_cluster_entry WHERE post_id = ANY(${entryIds}::bigint[])
    ), n AS (
      SELECT x.cluster_id, count(*)::int AS entries FROM inbox_cluster_entry x
      WHERE x.cluster_id IN (SELECT cluster_id FROM e) GROUP BY x.cluster_id
    )
    SELECT e.post_id::text AS post_id, e.cluster_id::text AS cluster_id, e.signature, c.size, n.entries,
           c.workspace_id, c.campaign_id, c.language
    FROM e JOIN inbox_cluster c ON c.id = e.cluster_id JOIN n ON n.cluster_id = e.cluster_id
  `.execute(trx);
  const clusters = new Map<string, ClusterState>();
  const entries = new Map<string, IndexedEntry>();
  for (const row of stored.rows) {
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
        workspaceId: row.workspace_id,
        campaignId: row.campaign_id,
        language: row.language,
      };
      clusters.set(row.cluster_id, cluster);
    }
    entries.set(row.post_id, {
      postId: row.post_id,
      cluster,
      signature: signatureFromBytes(row.signature),
    });
  }
  // Oldest first, so every band list ends with its newest entry (the walk starts there).
  // Ids are decimal strings without leading zeros: shorter is smaller, then compare as text.
  const ordered = [...bands.rows].sort(
    (a, b) =>
      a.post_id.length - b.post_id.length || (a.post_id < b.post_id ? -1 : a.post_id > b.post_id ? 1 : 0),
  );
  for (const row of ordered) {
    const entry = entries.get(row.post_id);
    if (entry !== undefined) addToBand(index, row.campaign_id, row.band_key, entry);
  }
  return index;
}

/**
 * Clusters one (campaign, language) group in order against the stored entries and against the
 * group's earlier posts, scores each post and puts it on its SLA clock.
 */
function planGroup(
  candidates: readonly Candidate[],
  prints: readonly NearDuplicateFingerprint[],
  index: BandIndex,
  policies: SlaPolicies,
  now: Date,
): PlannedItem[] {
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  const planned: PlannedItem[] = [];
  candidates.forEach((candidate, i) => {
    const { post, campaignId } = candidate;
    const print = prints[i] as NearDuplicateFingerprint;
    const bands = index.get(campaignId);
    const openedAt = post.createdAt.getTime() < now.getTime() ? post.createdAt : now;
    let best: IndexedEntry | null = null;
    let bestSimilarity = -1;
    const seen = new Set<IndexedEntry>();
    for (const key of print.bandKeys) {
      // Newest entries last in each list; look at the newest few of a hot bucket only.
      const list = bands?.get(key) ?? [];
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
        workspaceId: post.workspaceId,
        campaignId,
        language: post.language,
      };
      indexed = true;
    }
    cluster.size++;
    cluster.added++;
    if (indexed) {
      cluster.indexedEntries++;
      const entry: IndexedEntry = { postId: post.id, cluster, signature: print.signature };
      for (const key of print.bandKeys) addToBand(index, campaignId, key, entry);
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
  return planned;
}

interface InsertedItem {
  id: string;
  workspaceId: string;
  campaignId: string;
}

/** Plans every group of the batch, then writes clusters, items, events, counts and index entries in bulk. */
async function createBatchItems(
  trx: Transaction<Database>,
  groups: readonly (readonly Candidate[])[],
  policies: ReadonlyMap<string, SlaPolicies>,
  now: Date,
): Promise<InsertedItem[]> {
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  // A fingerprint depends on the text and language only: copies in the batch share one (read-only).
  const prints = new Map<string, NearDuplicateFingerprint>();
  const printsByGroup = groups.map((candidates) =>
    candidates.map((c) => {
      const key = `${c.post.language}\u0000${c.post.text}`;
      let print = prints.get(key);
      if (print === undefined) {
        print = nearDuplicateFingerprint(c.post.text, c.post.language, config);
        prints.set(key, print);
      }
      return print;
    }),
  );
  const wanted = new Map<string, { campaignId: string; bandKey: number }>();
  groups.forEach((candidates, g) =>
    candidates.forEach((c, i) => {
      for (const bandKey of (printsByGroup[g] as NearDuplicateFingerprint[])[i]?.bandKeys ?? [])
        wanted.set(`${c.campaignId}:${bandKey}`, { campaignId: c.campaignId, bandKey });
    }),
  );
  const index = await loadBandIndex(trx, [...wanted.values()], now);
  const planned = groups.flatMap((candidates, g) =>
    candidates.length === 0
      ? []
      : planGroup(
          candidates,
          printsByGroup[g] as NearDuplicateFingerprint[],
          index,
          policies.get((candidates[0] as Candidate).post.workspaceId) as SlaPolicies,
          now,
        ),
  );
  if (planned.length === 0) return [];

  // New clusters start empty; the counts below add the items that were really inserted.
  const fresh = [...new Set(planned.map((p) => p.cluster))].filter((c) => c.id === null);
  if (fresh.length > 0) {
    const made = await sql<{ id: string; representative_post_id: string }>`
      INSERT INTO inbox_cluster (workspace_id, campaign_id, language, representative_post_id, size, open_items,
                                 first_seen_at, last_seen_at)
      SELECT w, c, l, r, 0, 0, f, f
      FROM unnest(${fresh.map((c) => c.workspaceId)}::uuid[], ${fresh.map((c) => c.campaignId)}::uuid[],
                  ${fresh.map((c) => c.language)}::text[], ${fresh.map((c) => c.firstPostId)}::bigint[],
                  ${fresh.map((c) => c.firstSeen.toISOString())}::timestamptz[]) AS t(w, c, l, r, f)
      RETURNING id::text AS id, representative_post_id::text AS representative_post_id
    `.execute(trx);
    const byFirst = new Map(made.rows.map((r) => [r.representative_post_id, r.id]));
    for (const c of fresh) c.id = byFirst.get(c.firstPostId) ?? null;
  }

  const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
  // The batch goes as one JSON parameter: text arrays of JSON would be escaped element by element.
  const rows = JSON.stringify(
    planned.map((p) => ({
      workspace_id: p.candidate.post.workspaceId,
      campaign_id: p.candidate.campaignId,
      post_id: p.candidate.post.id,
      cluster_id: p.cluster.id,
      similarity: p.similarity,
      matched: p.matchedPostId,
      language: p.candidate.post.language,
      market: p.candidate.post.market,
      reasons: p.candidate.reasons,
      flags: p.riskFlags,
      score: p.priority.score,
      level: p.priority.level,
      rank: priorityRank(p.priority.level),
      evidence: p.priority.evidence,
      created_at: p.candidate.post.createdAt.toISOString(),
      opened_at: p.openedAt.toISOString(),
      fr_met: p.sla.firstResponseMet,
      due: iso(p.sla.dueAt),
      warn: iso(p.sla.warnAt),
    })),
  );
  const inserted = await sql<{ id: string; post_id: string; workspace_id: string; campaign_id: string }>`
    WITH item AS (
      INSERT INTO inbox_item (workspace_id, campaign_id, post_id, cluster_id, cluster_similarity, cluster_matched_post_id,
                              language, market, reasons, risk_flags, priority_score, priority_level, priority_rank,
                              priority_evidence, post_created_at, opened_at, first_response_met, sla_due_at, sla_warn_at)
      SELECT t.workspace_id, t.campaign_id, t.post_id, t.cluster_id, t.similarity, t.matched, t.language, t.market,
             t.reasons, ARRAY(SELECT json_array_elements_text(t.flags)), t.score, t.level, t.rank, t.evidence,
             t.created_at, t.opened_at, t.fr_met, t.due, t.warn
      FROM json_to_recordset(${rows}::json)
        AS t(workspace_id uuid, campaign_id uuid, post_id bigint, cluster_id bigint, similarity real, matched bigint,
             language text, market text, reasons jsonb, flags json, score int, level text, rank smallint,
             evidence jsonb, created_at timestamptz, opened_at timestamptz, fr_met boolean, due timestamptz,
             warn timestamptz)
      ORDER BY t.post_id
      ON CONFLICT (post_id) DO NOTHING
      RETURNING id, post_id, opened_at, workspace_id, campaign_id
    ), opened AS (
      INSERT INTO inbox_item_event (item_id, type, at) SELECT id, 'opened', opened_at FROM item
    )
    SELECT id::text AS id, post_id::text AS post_id, workspace_id::text AS workspace_id,
           campaign_id::text AS campaign_id
    FROM item
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
    const bandCampaigns: string[] = [];
    const bandPosts: string[] = [];
    const bandKeys: number[] = [];
    for (const p of toIndex) {
      for (const key of new Set((p.indexed as { bandKeys: number[] }).bandKeys)) {
        bandCampaigns.push(p.candidate.campaignId);
        bandPosts.push(p.candidate.post.id);
        bandKeys.push(key);
      }
    }
    await sql`
      WITH entry AS (
        INSERT INTO inbox_cluster_entry (post_id, cluster_id, signature)
        SELECT p, c, decode(s, 'hex')
        FROM unnest(${toIndex.map((p) => p.candidate.post.id)}::bigint[], ${toIndex.map((p) => p.cluster.id)}::bigint[],
                    ${toIndex.map((p) => signatureHex((p.indexed as { signature: Uint16Array }).signature))}::text[]) AS t(p, c, s)
        RETURNING post_id
      )
      INSERT INTO inbox_cluster_band (campaign_id, band_key, post_id)
      SELECT t.c, t.k, t.p FROM unnest(${bandCampaigns}::uuid[], ${bandKeys}::int[], ${bandPosts}::bigint[]) AS t(c, k, p)
      ON CONFLICT DO NOTHING
    `.execute(trx);
  }
  return inserted.rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, campaignId: r.campaign_id }));
}
