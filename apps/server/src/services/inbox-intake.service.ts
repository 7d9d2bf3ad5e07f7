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
  nearDuplicateFingerprintOfNormalised,
  normaliseForNearDuplicate,
  normaliseHandle,
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
import type { JobPosts } from '../pipeline/job-posts.ts';
import { loadSlaPolicies, priorityRank, slaFields, type SlaPolicies } from './inbox-sla.service.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** A cluster this big (items) marks its members with the `crisis_cluster` risk flag. */
export const CRISIS_CLUSTER_SIZE = 25;
const MAX_CANDIDATES = 200;

interface AnalysedPost {
  id: string;
  workspaceId: string;
  text: string;
  authorHandle: string;
  market: string | null;
  createdAt: Date;
  followers: number | null;
  verified: boolean;
  language: string;
  sentimentScore: number;
  intents: IntentSignal[];
  /** The stored toxicity analysis found a threat. */
  threat: boolean;
  /** Unordered: intake orders them by the campaigns' age. */
  campaignIds: string[];
}

async function loadAnalysedPosts(db: Executor, postIds: readonly string[]): Promise<AnalysedPost[]> {
  if (postIds.length === 0) return [];
  const rows = await sql<{
    id: string;
    workspace_id: string;
    text: string;
    author_handle: string;
    market: string | null;
    created_at: Date;
    followers: number | null;
    verified: boolean;
    language: string;
    sentiment_score: number;
    intents: unknown;
    threat: boolean;
    campaign_ids: string[];
  }>`
    SELECT p.id::text AS id, p.workspace_id, p.text, a.handle AS author_handle, p.market, p.created_at,
           a.followers, a.verified,
           pa.language, pa.sentiment_score,
           -- Only the parts intake reads: the full analysis is many times larger.
           pa.result->'intents' AS intents,
           -- Cast only the findings: result may be json or jsonb (migration 0021).
           coalesce((pa.result->'toxicity'->'findings')::jsonb @> '[{"category":"threat"}]'::jsonb, false) AS threat,
           ARRAY(SELECT pc.campaign_id FROM post_campaign pc WHERE pc.post_id = p.id) AS campaign_ids
    FROM post p
    JOIN post_analysis pa ON pa.post_id = p.id
    JOIN author a ON a.id = p.author_id
    WHERE p.id = ANY(${plainArrayLiteral(postIds)}::bigint[])
      AND NOT EXISTS (SELECT 1 FROM inbox_item i WHERE i.post_id = p.id)
    ORDER BY p.created_at, p.id
  `.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    text: r.text,
    authorHandle: r.author_handle,
    market: r.market,
    createdAt: new Date(r.created_at),
    followers: r.followers,
    verified: r.verified,
    language: r.language,
    sentimentScore: Number(r.sentiment_score),
    intents: intentsOf(r.intents),
    threat: r.threat,
    campaignIds: r.campaign_ids,
  }));
}

/**
 * The value PostgreSQL gives back for a number stored in a `real` column (the analysis's sentiment
 * score): rounded to single precision, then the shortest decimal that rounds back to it. Intake given
 * the job's posts must score exactly as intake reading the stored row does.
 */
function storedReal(value: number): number {
  const single = Math.fround(value);
  if (!Number.isFinite(single)) return single;
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) return shortest;
  }
  return single;
}

/**
 * The posts of a job as analysis handed them on (pipeline/job-posts.ts): only the author's reach and
 * whether an item exists are read, not the post, its analysis and its campaigns again.
 */
async function analysedFromJob(
  db: Executor,
  postIds: readonly string[],
  jobPosts: JobPosts,
): Promise<AnalysedPost[]> {
  const ids = postIds.filter((id) => jobPosts.has(id));
  if (ids.length === 0) return [];
  const rows = await sql<{ id: string; followers: number | null; verified: boolean }>`
    SELECT p.id::text AS id, a.followers, a.verified
    FROM post p JOIN author a ON a.id = p.author_id
    WHERE p.id = ANY(${plainArrayLiteral(ids)}::bigint[])
      AND NOT EXISTS (SELECT 1 FROM inbox_item i WHERE i.post_id = p.id)
  `.execute(db);
  const posts: AnalysedPost[] = [];
  for (const row of rows.rows) {
    const post = jobPosts.get(row.id);
    if (post === undefined) continue;
    const { analysis } = post;
    posts.push({
      id: post.id,
      workspaceId: post.workspaceId,
      text: post.text,
      authorHandle: post.authorHandle,
      market: post.market,
      createdAt: new Date(post.createdAt),
      followers: row.followers,
      verified: row.verified,
      language: analysis.language.language,
      sentimentScore: storedReal(analysis.sentiment.score),
      intents: intentsOf(analysis.intents),
      threat: analysis.toxicity.findings.some((f) => f.category === 'threat'),
      campaignIds: [...post.campaignIds],
    });
  }
  // As the stored rows are read: oldest first.
  return posts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareIds(a.id, b.id));
}

interface CampaignContext {
  /** Campaigns are tried oldest first: the first whose rules fire owns the item. */
  createdAt: number;
  rules: NeedsHumanRules;
  claims: CompiledClaims | null;
  /** The brand's own accounts (the campaign's handles): what they post is nobody's work to answer. */
  ownHandles: ReadonlySet<string>;
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
    .select(['c.id', 'c.brief', 'c.created_at', 'c.handles', 's.needs_human_rules'])
    .where('c.id', 'in', [...campaignIds])
    .execute();
  for (const row of rows) {
    const rules =
      row.needs_human_rules === null
        ? DEFAULT_NEEDS_HUMAN_RULES
        : (needsHumanRulesSchema.parse(row.needs_human_rules) as NeedsHumanRules);
    out.set(row.id, {
      createdAt: new Date(row.created_at).getTime(),
      rules,
      claims: row.brief === null ? null : compiledBrief(row.brief),
      ownHandles: new Set(row.handles.map(normaliseHandle)),
    });
  }
  return out;
}

function intentsOf(intents: unknown): IntentSignal[] {
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
  if (post.threat) flags.push('toxicity_threat');
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
  /** The post's near-duplicate fingerprint (shared, read-only, by copies of a text). */
  print: NearDuplicateFingerprint;
}

/**
 * Fingerprints for a batch's posts. A fingerprint depends on the normalised text and the language
 * only (the raw text when nothing is left after normalising): copies in the batch, and texts that
 * differ only in mentions, links, case or numbers, share one, computed once.
 */
function batchFingerprints(): (post: AnalysedPost) => NearDuplicateFingerprint {
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  const prints = new Map<string, NearDuplicateFingerprint>();
  const printsOfNormalised = new Map<string, NearDuplicateFingerprint>();
  return (post) => {
    const key = `${post.language}\u0000${post.text}`;
    let print = prints.get(key);
    if (print === undefined) {
      const normalised = normaliseForNearDuplicate(post.text);
      const normalisedKey =
        normalised.length > 0
          ? `${post.language}\u0000${normalised}`
          : `${post.language}\u0001${post.text.trim()}`;
      print = printsOfNormalised.get(normalisedKey);
      if (print === undefined) {
        print = nearDuplicateFingerprintOfNormalised(normalised, post.text, post.language, config);
        printsOfNormalised.set(normalisedKey, print);
      }
      prints.set(key, print);
    }
    return print;
  };
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
  jobPosts?: JobPosts,
): Promise<IntakeResult> {
  const posts =
    jobPosts === undefined
      ? await loadAnalysedPosts(db, postIds)
      : await analysedFromJob(db, postIds, jobPosts);
  const campaigns = await loadCampaignContexts(db, [...new Set(posts.flatMap((p) => p.campaignIds))]);
  const groups = new Map<string, Candidate[]>();
  const checks: TextChecks = { personalData: new Map(), contradicted: new Map() };
  const fingerprint = batchFingerprints();
  const byAge = (a: string, b: string): number => {
    const x = campaigns.get(a);
    const y = campaigns.get(b);
    return (x?.createdAt ?? 0) - (y?.createdAt ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  };
  for (const post of posts) {
    const intents = post.intents;
    if (post.campaignIds.length > 1) post.campaignIds.sort(byAge);
    const author = normaliseHandle(post.authorHandle);
    for (const campaignId of post.campaignIds) {
      const campaign = campaigns.get(campaignId);
      if (campaign?.ownHandles.has(author)) continue;
      const riskFlags = riskFlagsOf(post, campaignId, campaign, checks);
      const decision = needsHuman(
        { intents, sentimentScore: post.sentimentScore, followers: post.followers, riskFlags },
        campaign?.rules ?? DEFAULT_NEEDS_HUMAN_RULES,
      );
      if (!decision.needsHuman) continue;
      // The first campaign (oldest) whose rules fire owns the item.
      const key = `inbox-cluster:${campaignId}:${post.language}`;
      const group = groups.get(key);
      // Fingerprinted here, before the cluster locks: the locked part of the job waits for nothing
      // that depends on this job alone.
      const candidate = {
        post,
        campaignId,
        reasons: decision.reasons,
        riskFlags,
        intents,
        print: fingerprint(post),
      };
      if (group === undefined) groups.set(key, [candidate]);
      else group.push(candidate);
      break;
    }
  }
  const created: string[] = [];
  const workspaces = new Map<string, Set<string>>();
  if (groups.size === 0) return { created, workspaces };
  const keys = [...groups.keys()].sort();
  const all = keys.flatMap((key) => groups.get(key) as Candidate[]);
  // Read before the cluster locks (nothing they guard): the service levels and which campaigns are
  // in overflow mode, which an overflow check may change at any moment either way.
  const policies = new Map<string, SlaPolicies>();
  for (const workspaceId of new Set(all.map((c) => c.post.workspaceId)))
    policies.set(workspaceId, await loadSlaPolicies(db, workspaceId));
  const overflowing = await sql<{ campaign_id: string }>`
    SELECT campaign_id::text AS campaign_id FROM inbox_campaign_settings
    WHERE campaign_id = ANY(${[...new Set(all.map((c) => c.campaignId))]}::uuid[]) AND overflow_active
  `.execute(db);
  const inserted = await db.transaction().execute(async (trx) => {
    await sql`
      SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
      FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n
    `.execute(trx);
    // Another run may have made some of these items while this one waited for the locks.
    const done = await sql<{ post_id: string }>`
      SELECT post_id::text AS post_id FROM inbox_item WHERE post_id = ANY(${plainArrayLiteral(all.map((c) => c.post.id))}::bigint[])
    `.execute(trx);
    const exists = new Set(done.rows.map((r) => r.post_id));
    return createBatchItems(
      trx,
      keys.map((key) => (groups.get(key) as Candidate[]).filter((c) => !exists.has(c.post.id))),
      policies,
      new Set(overflowing.rows.map((r) => r.campaign_id)),
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

/**
 * An array literal of elements that need no quoting or escaping: integers (ids as decimal strings, or
 * numbers), ISO times, `t`/`f` and `NULL`.
 */
function plainArrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.join(',')}}`;
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
  /** The last walk that compared this entry (`walkStamp`). */
  seen: number;
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
  // A key twice in one print adds the entry twice at most: the walk skips entries it has seen.
  else if (list[list.length - 1] !== entry) list.push(entry);
}

/** Decimal ids without leading zeros: shorter is smaller, then compare as text. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Loads, for every (campaign, band key) the batch's posts have, the newest MAX_CANDIDATES stored
 * entries (all a post's walk looks at), with their signatures and clusters, in one statement that
 * answers once per entry with the band keys it was found under: a batch probes thousands of band
 * keys, but they lead to a few hundred entries.
 */
async function loadBandIndex(
  trx: Transaction<Database>,
  wanted: ReadonlyMap<string, ReadonlySet<number>>,
  now: Date,
): Promise<BandIndex> {
  const index: BandIndex = new Map();
  // A batch asks for thousands of keys of one or two campaigns: each key names its campaign by
  // position in a short list, and the numbers go as array literals (no escaping per element).
  const campaignIds = [...wanted.keys()];
  const campaignOf: number[] = [];
  const bandKeys: number[] = [];
  campaignIds.forEach((campaignId, i) => {
    for (const key of wanted.get(campaignId) ?? []) {
      campaignOf.push(i + 1);
      bandKeys.push(key);
    }
  });
  if (bandKeys.length === 0) return index;
  const stored = await sql<{
    post_id: string;
    campaign_id: string;
    keys: number[];
    cluster_id: string;
    signature: Uint8Array;
    size: number;
    entries: number;
    workspace_id: string;
    language: string;
  }>`
    WITH b AS (
      SELECT b.post_id, q.c AS campaign_id, array_agg(q.k) AS keys
      FROM (
        SELECT (${campaignIds}::uuid[])[i] AS c, k
        FROM unnest(${plainArrayLiteral(campaignOf)}::int[], ${plainArrayLiteral(bandKeys)}::int[]) AS u(i, k)
      ) q
      CROSS JOIN LATERAL (
        SELECT b.post_id FROM inbox_cluster_band b
        WHERE b.campaign_id = q.c AND b.band_key = q.k
        ORDER BY b.post_id DESC LIMIT ${MAX_CANDIDATES}
      ) b
      GROUP BY b.post_id, q.c
    ), e AS (
      SELECT b.post_id, b.campaign_id, b.keys, x.cluster_id, x.signature
      FROM b JOIN inbox_cluster_entry x ON x.post_id = b.post_id
    ), n AS (
      SELECT x.cluster_id, count(*)::int AS entries FROM inbox_cluster_entry x
      WHERE x.cluster_id IN (SELECT cluster_id FROM e) GROUP BY x.cluster_id
    )
    SELECT e.post_id::text AS post_id, e.campaign_id, e.keys, e.cluster_id::text AS cluster_id, e.signature,
           c.size, n.entries, c.workspace_id, c.language
    FROM e JOIN inbox_cluster c ON c.id = e.cluster_id JOIN n ON n.cluster_id = e.cluster_id
  `.execute(trx);
  const clusters = new Map<string, ClusterState>();
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
    const entry: IndexedEntry = {
      postId: row.post_id,
      cluster,
      signature: signatureFromBytes(row.signature),
      seen: 0,
    };
    let bands = index.get(row.campaign_id);
    if (bands === undefined) {
      bands = new Map();
      index.set(row.campaign_id, bands);
    }
    for (const key of row.keys) {
      const list = bands.get(key);
      if (list === undefined) bands.set(key, [entry]);
      else list.push(entry);
    }
  }
  // Oldest first, so every band list ends with its newest entry (the walk starts there).
  for (const bands of index.values())
    for (const list of bands.values())
      if (list.length > 1) list.sort((a, b) => compareIds(a.postId, b.postId));
  return index;
}

/** One band walk's answer, and the lists it walked as they were (lists only grow while planning). */
interface Walk {
  lists: (IndexedEntry[] | undefined)[];
  lengths: number[];
  best: IndexedEntry | null;
  bestSimilarity: number;
}

function sameLists(walk: Walk, lists: readonly (IndexedEntry[] | undefined)[]): boolean {
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i];
    if (list !== walk.lists[i] || (list?.length ?? 0) !== walk.lengths[i]) return false;
  }
  return true;
}

/** Marks the entries one walk has compared already (an entry sits in several of a post's bands). */
let walkStamp = 0;

/**
 * Clusters one (campaign, language) group in order against the stored entries and against the
 * group's earlier posts, scores each post and puts it on its SLA clock.
 */
function planGroup(
  candidates: readonly Candidate[],
  index: BandIndex,
  policies: SlaPolicies,
  now: Date,
): PlannedItem[] {
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  const planned: PlannedItem[] = [];
  const walks = new Map<NearDuplicateFingerprint, Walk>();
  candidates.forEach((candidate) => {
    const { post, campaignId, print } = candidate;
    const bands = index.get(campaignId);
    const openedAt = post.createdAt.getTime() < now.getTime() ? post.createdAt : now;
    const lists = print.bandKeys.map((key) => bands?.get(key));
    // A copy of a text walked before walks the same lists, unless an entry joined one of them since.
    const walked = walks.get(print);
    let best: IndexedEntry | null;
    let bestSimilarity: number;
    if (walked !== undefined && sameLists(walked, lists)) {
      best = walked.best;
      bestSimilarity = walked.bestSimilarity;
    } else {
      best = null;
      bestSimilarity = -1;
      const stamp = ++walkStamp;
      for (const list of lists) {
        if (list === undefined) continue;
        // Newest entries last in each list; look at the newest few of a hot bucket only.
        for (let j = list.length - 1, n = 0; j >= 0 && n < MAX_CANDIDATES; j--, n++) {
          const entry = list[j] as IndexedEntry;
          if (entry.seen === stamp) continue;
          entry.seen = stamp;
          const similarity = signatureSimilarity(print.signature, 0, entry.signature, 0, config.numHashes);
          if (similarity > bestSimilarity) {
            best = entry;
            bestSimilarity = similarity;
          }
        }
      }
      walks.set(print, { lists, lengths: lists.map((l) => l?.length ?? 0), best, bestSimilarity });
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
      const entry: IndexedEntry = { postId: post.id, cluster, signature: print.signature, seen: 0 };
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

/**
 * Whether a new item starts on hold: its campaign is in overflow mode and it is of low priority.
 * Overflow mode holds the low-priority items nobody has taken or answered (inbox-overflow.service.ts);
 * deciding that here writes each such item once, instead of once open and again held at the next
 * overflow check. (A check that ends overflow while this batch is written releases what it held:
 * releaseHeld runs again for a while after overflow ends.)
 */
function holdsOnIntake(overflowing: ReadonlySet<string>, item: PlannedItem): boolean {
  return item.priority.level === 'low' && overflowing.has(item.candidate.campaignId);
}

/** Plans every group of the batch, then writes clusters, items, events, counts and index entries in bulk. */
async function createBatchItems(
  trx: Transaction<Database>,
  groups: readonly (readonly Candidate[])[],
  policies: ReadonlyMap<string, SlaPolicies>,
  overflowing: ReadonlySet<string>,
  now: Date,
): Promise<InsertedItem[]> {
  const config = DEFAULT_NEAR_DUPLICATE_LSH_CONFIG;
  // The band keys to look up, per campaign; copies of a text share one fingerprint, looked at once.
  const wanted = new Map<string, Set<number>>();
  const added = new Map<string, Set<NearDuplicateFingerprint>>();
  groups.forEach((candidates) =>
    candidates.forEach((c) => {
      const { print } = c;
      let seen = added.get(c.campaignId);
      let keys = wanted.get(c.campaignId);
      if (seen === undefined || keys === undefined) {
        seen = new Set();
        keys = new Set();
        added.set(c.campaignId, seen);
        wanted.set(c.campaignId, keys);
      }
      if (seen.has(print)) return;
      seen.add(print);
      for (const bandKey of print.bandKeys) keys.add(bandKey);
    }),
  );
  const index = await loadBandIndex(trx, wanted, now);
  const planned = groups.flatMap((candidates) =>
    candidates.length === 0
      ? []
      : planGroup(
          candidates,
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

  // Index entries go in before the items: an item's matched post is an entry (its own, for a new
  // cluster), and the key says so (migration 0019), a look-up among a few hot rows rather than a
  // lock on an old post row.
  const indexedHere = new Set<string>();
  const toIndex = planned.filter((p) => p.indexed !== null);
  if (toIndex.length > 0) {
    // Campaigns by position in a short list and the signatures as one bytea: a uuid or a hex text per
    // row would be quoted and escaped element by element.
    const campaignIds = [...new Set(toIndex.map((p) => p.candidate.campaignId))];
    const campaignPosition = new Map(campaignIds.map((id, i) => [id, i + 1]));
    const bandCampaigns: number[] = [];
    const bandPosts: string[] = [];
    const bandKeys: number[] = [];
    for (const p of toIndex) {
      const position = campaignPosition.get(p.candidate.campaignId) as number;
      for (const key of new Set((p.indexed as { bandKeys: number[] }).bandKeys)) {
        bandCampaigns.push(position);
        bandPosts.push(p.candidate.post.id);
        bandKeys.push(key);
      }
    }
    const signatureBytes = config.numHashes * 2;
    const signatures = Buffer.concat(
      toIndex.map((p) => {
        const { signature } = p.indexed as { signature: Uint16Array };
        return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
      }),
    );
    const entries = await sql<{ post_id: string }>`
      WITH entry AS (
        INSERT INTO inbox_cluster_entry (post_id, cluster_id, signature)
        SELECT p, c, substring(${signatures}::bytea FROM ((n - 1) * ${signatureBytes} + 1)::int FOR ${signatureBytes}::int)
        FROM unnest(${plainArrayLiteral(toIndex.map((p) => p.candidate.post.id))}::bigint[], ${plainArrayLiteral(toIndex.map((p) => p.cluster.id as string))}::bigint[])
          WITH ORDINALITY AS t(p, c, n)
        ON CONFLICT (post_id) DO NOTHING
        RETURNING post_id
      ), band AS (
        INSERT INTO inbox_cluster_band (campaign_id, band_key, post_id)
        SELECT (${campaignIds}::uuid[])[t.i], t.k, t.p
        FROM unnest(${plainArrayLiteral(bandCampaigns)}::int[], ${plainArrayLiteral(bandKeys)}::int[], ${plainArrayLiteral(bandPosts)}::bigint[]) AS t(i, k, p)
        WHERE t.p IN (SELECT post_id FROM entry)
        ON CONFLICT DO NOTHING
      )
      SELECT post_id::text AS post_id FROM entry
    `.execute(trx);
    for (const row of entries.rows) indexedHere.add(row.post_id);
  }

  // Columns as arrays, each read by unnest: the ids, numbers and times as array literals (nothing to
  // escape), the campaigns and workspaces by position in short lists, and the reasons and evidence
  // (stored as json, migration 0020) as their JSON texts joined by U+001E, which JSON.stringify never
  // leaves unescaped. Reading the batch as one JSON document (json_to_recordset) cost PostgreSQL
  // about 20 µs a row; this, a fifth of that.
  const workspaceIds = [...new Set(planned.map((p) => p.candidate.post.workspaceId))];
  const campaignIds = [...new Set(planned.map((p) => p.candidate.campaignId))];
  const workspacePosition = new Map(workspaceIds.map((id, i) => [id, i + 1]));
  const campaignPosition = new Map(campaignIds.map((id, i) => [id, i + 1]));
  const iso = (d: Date | null): string => (d === null ? 'NULL' : d.toISOString());
  // An item opens when its post was written, unless that is still to come: most share the text.
  const created = planned.map((p) => p.candidate.post.createdAt.toISOString());
  const inserted = await sql<{ id: string; post_id: string; workspace_id: string; campaign_id: string }>`
    WITH item AS (
      INSERT INTO inbox_item (workspace_id, campaign_id, post_id, cluster_id, cluster_similarity, cluster_matched_post_id,
                              language, market, reasons, risk_flags, priority_score, priority_level, priority_rank,
                              priority_evidence, post_created_at, opened_at, first_response_met, sla_due_at, sla_warn_at,
                              status)
      SELECT (${workspaceIds}::uuid[])[t.w], (${campaignIds}::uuid[])[t.c], t.post_id, t.cluster_id, t.similarity,
             t.matched, t.language, t.market, t.reasons, string_to_array(t.flags, ','), t.score, t.level, t.rank,
             t.evidence, t.created_at, t.opened_at, t.fr_met, t.due, t.warn, t.status
      FROM unnest(
        ${plainArrayLiteral(planned.map((p) => workspacePosition.get(p.candidate.post.workspaceId) as number))}::int[],
        ${plainArrayLiteral(planned.map((p) => campaignPosition.get(p.candidate.campaignId) as number))}::int[],
        ${plainArrayLiteral(planned.map((p) => p.candidate.post.id))}::bigint[],
        ${plainArrayLiteral(planned.map((p) => p.cluster.id ?? 'NULL'))}::bigint[],
        ${plainArrayLiteral(planned.map((p) => p.similarity))}::real[],
        ${plainArrayLiteral(planned.map((p) => p.matchedPostId))}::bigint[],
        ${planned.map((p) => p.candidate.post.language)}::text[],
        ${planned.map((p) => p.candidate.post.market)}::text[],
        string_to_array(${planned.map((p) => JSON.stringify(p.candidate.reasons)).join('\u001e')}, chr(30))::json[],
        ${planned.map((p) => p.riskFlags.join(','))}::text[],
        ${plainArrayLiteral(planned.map((p) => p.priority.score))}::int[],
        ${planned.map((p) => p.priority.level)}::text[],
        ${plainArrayLiteral(planned.map((p) => priorityRank(p.priority.level)))}::smallint[],
        string_to_array(${planned.map((p) => JSON.stringify(p.priority.evidence)).join('\u001e')}, chr(30))::json[],
        ${plainArrayLiteral(created)}::timestamptz[],
        ${plainArrayLiteral(planned.map((p, i) => (p.openedAt === p.candidate.post.createdAt ? created[i] : p.openedAt.toISOString()) as string))}::timestamptz[],
        ${plainArrayLiteral(planned.map((p) => (p.sla.firstResponseMet === null ? 'NULL' : p.sla.firstResponseMet ? 't' : 'f')))}::boolean[],
        ${plainArrayLiteral(planned.map((p) => iso(p.sla.dueAt)))}::timestamptz[],
        ${plainArrayLiteral(planned.map((p) => iso(p.sla.warnAt)))}::timestamptz[],
        ${planned.map((p) => (holdsOnIntake(overflowing, p) ? 'held' : 'open'))}::text[]
      ) AS t(w, c, post_id, cluster_id, similarity, matched, language, market, reasons, flags, score, level, rank,
             evidence, created_at, opened_at, fr_met, due, warn, status)
      ORDER BY t.post_id
      ON CONFLICT (post_id) DO NOTHING
      RETURNING id, post_id, opened_at, workspace_id, campaign_id, status
    ), opened AS (
      INSERT INTO inbox_item_event (item_id, type, at)
      SELECT id, 'opened', opened_at FROM item
      UNION ALL
      SELECT id, 'held', ${now}::timestamptz FROM item WHERE status = 'held'
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
  // An entry whose post got no item here (another run made it meanwhile) leaves the index again.
  const stray = [...indexedHere].filter((postId) => !done.has(postId));
  if (stray.length > 0)
    await sql`DELETE FROM inbox_cluster_entry WHERE post_id = ANY(${stray}::bigint[])`.execute(trx);
  return inserted.rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, campaignId: r.campaign_id }));
}
