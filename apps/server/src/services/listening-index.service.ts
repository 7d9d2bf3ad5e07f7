import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import {
  compileSubjectMatcher,
  compileSwitchDetector,
  isCompetitorPitch,
  normaliseHandle,
  type CompetitorTerms,
  type SubjectMentions,
} from '@ombud/core';
import { COUNTER_SLOT } from '../db/counter-slot.ts';
import type { Database } from '../db/schema.ts';
import { textArrayLiteral } from '../db/text-array-literal.ts';
import { jobPostsOf, type JobPosts } from '../pipeline/job-posts.ts';
import { memoised } from '../pipeline/memoised.ts';
import { raiseAlert } from './alerts.service.ts';

/** Text-search configuration per analysed language; other languages are indexed word by word. */
export const TS_CONFIGS: Readonly<Record<string, string>> = { en: 'english', es: 'spanish', sv: 'swedish' };

const COMPLAINT_INTENTS = ['complaint', 'churn_threat', 'request_for_help'];

interface CampaignForListening {
  id: string;
  workspaceId: string;
  name: string;
  languages: string[];
  brandHandles: Set<string>;
  competitors: CompetitorTerms[];
  competitorHandles: Map<string, string>;
  match: (post: { text: string; authorHandle?: string }) => SubjectMentions;
  detectSwitch: (text: string) => { competitor: string; evidence: string } | null;
}

/**
 * What listening keeps for freshly analysed posts: the search row (text vector in the post's
 * language, filter columns, risk flags), brand/competitor mentions with their hourly share-of-voice
 * buckets, and competitor poaching (replies to our complainers, announced switches) with an alert.
 * Idempotent: running it twice for the same posts leaves the same rows and counts.
 */
export async function indexPostsForListening(
  db: Kysely<Database>,
  postIds: readonly string[],
  now: Date,
  jobPosts?: JobPosts,
): Promise<{ indexed: number; mentions: number; poaching: number }> {
  if (postIds.length === 0) return { indexed: 0, mentions: 0, poaching: 0 };
  const ids = [...postIds];
  const posts = jobPosts ? postRowsOf(ids, jobPosts) : await loadPosts(db, ids);
  if (posts.length === 0)
    return { indexed: await upsertSearchRows(db, ids, NO_FLAGS), mentions: 0, poaching: 0 };
  const campaigns = await loadCampaigns(db, [...new Set(posts.map((p) => p.workspace_id))]);
  // Poaching first: the flags it finds for these posts go into their search rows as they are
  // written (an update afterwards rewrote each flagged row and every one of its index entries).
  const poaching = await detectPoaching(db, ids, posts, campaigns, now);
  const indexed = await upsertSearchRows(db, ids, poaching.flags);
  // Last: the share-of-voice buckets are rows concurrent jobs share, locked until the job commits.
  const mentions = await replaceMentions(db, ids, posts, campaigns);
  return { indexed, mentions, poaching: poaching.findings };
}

/** Poaching and switch flags found for posts of the batch, by post id. */
interface BatchFlags {
  poaching: string[];
  switch: string[];
}

const NO_FLAGS: BatchFlags = { poaching: [], switch: [] };

async function upsertSearchRows(db: Kysely<Database>, ids: string[], flags: BatchFlags): Promise<number> {
  return indexSearchRows(db, sql`p.id = ANY(${ids}::bigint[])`, flags);
}

/**
 * Writes the search rows of the analysed posts matching `which` (a condition on `p`, the post).
 * Exported for the benchmark's bulk load, so it indexes exactly as the pipeline does.
 */
export async function indexSearchRows(
  db: Kysely<Database>,
  which: RawBuilder<unknown>,
  flags: BatchFlags = NO_FLAGS,
): Promise<number> {
  const result = await sql`
    INSERT INTO listening_post (post_id, workspace_id, created_at, language, ts_config, market, source_id,
      author_id, sentiment, sentiment_score, intents, aspects, risk_flags, engagement, tsv)
    SELECT p.id, p.workspace_id, p.created_at, a.language, c.cfg, p.market, p.source_id, p.author_id,
      a.sentiment, a.sentiment_score, a.intents, a.aspects,
      array_remove(ARRAY[
        CASE WHEN a.toxicity <> 'none' THEN 'toxic' END,
        CASE WHEN 'churn_threat' = ANY(a.intents) THEN 'churn_threat' END,
        CASE WHEN 'safety' = ANY(a.aspects) AND a.sentiment = 'negative' THEN 'safety' END,
        CASE WHEN p.id = ANY(${flags.poaching}::bigint[]) THEN 'poaching' END,
        CASE WHEN p.id = ANY(${flags.switch}::bigint[]) THEN 'switch' END
      ], NULL),
      least(2000000000, coalesce(${metric('likes')}, 0) + coalesce(${metric('reposts')}, 0) + coalesce(${metric('replies')}, 0))::int,
      to_tsvector(c.cfg::regconfig, p.text)
    FROM post p
    JOIN post_analysis a ON a.post_id = p.id
    CROSS JOIN LATERAL (SELECT CASE a.language WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish'
      WHEN 'sv' THEN 'swedish' ELSE 'simple' END AS cfg) c
    WHERE ${which}
    ON CONFLICT (post_id) DO UPDATE SET language = EXCLUDED.language, ts_config = EXCLUDED.ts_config,
      market = EXCLUDED.market, sentiment = EXCLUDED.sentiment, sentiment_score = EXCLUDED.sentiment_score,
      intents = EXCLUDED.intents, aspects = EXCLUDED.aspects,
      -- Poaching flags are found after this row is written; keep them across re-runs.
      risk_flags = EXCLUDED.risk_flags || ARRAY(SELECT f FROM unnest(listening_post.risk_flags) f
        WHERE f IN ('poaching', 'switch') AND NOT f = ANY(EXCLUDED.risk_flags)),
      engagement = EXCLUDED.engagement, tsv = EXCLUDED.tsv`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

function metric(name: string) {
  // Counts come from strangers' exports: only plain non-negative integers are read.
  return sql`CASE WHEN p.metrics->>${name} ~ '^[0-9]{1,9}$' THEN (p.metrics->>${name})::bigint END`;
}

interface PostRow {
  id: string;
  workspace_id: string;
  text: string;
  handle: string;
  created_at: Date;
  market: string | null;
  language: string;
  sentiment: string;
  aspects: string[];
  campaign_ids: string[];
}

/** The rows `loadPosts` reads, from what the job's analysis already holds. */
function postRowsOf(ids: readonly string[], jobPosts: JobPosts): PostRow[] {
  return jobPostsOf(ids, jobPosts).map((post) => ({
    id: post.id,
    workspace_id: post.workspaceId,
    text: post.text,
    handle: post.authorHandle,
    created_at: post.createdAt,
    market: post.market,
    language: post.analysis.language.language,
    sentiment: post.analysis.sentiment.label,
    aspects: post.analysis.aspects.map((aspect) => aspect.aspect),
    campaign_ids: post.campaignIds,
  }));
}

async function loadPosts(db: Kysely<Database>, ids: string[]): Promise<PostRow[]> {
  const result = await sql<PostRow>`
    SELECT p.id::text AS id, p.workspace_id, p.text, au.handle, p.created_at, p.market, a.language,
      a.sentiment, a.aspects,
      ARRAY(SELECT pc.campaign_id::text FROM post_campaign pc WHERE pc.post_id = p.id) AS campaign_ids
    FROM post p JOIN author au ON au.id = p.author_id JOIN post_analysis a ON a.post_id = p.id
    WHERE p.id = ANY(${ids}::bigint[])`.execute(db);
  return result.rows;
}

async function loadCampaigns(db: Kysely<Database>, workspaceIds: string[]): Promise<CampaignForListening[]> {
  const rows = await db
    .selectFrom('campaign')
    .select(['id', 'workspace_id', 'name', 'hashtags', 'keywords', 'handles', 'languages', 'competitors'])
    .where('workspace_id', 'in', workspaceIds)
    .execute();
  return rows.map((row) => {
    const competitors = parseCompetitors(row.competitors);
    const competitorHandles = new Map<string, string>();
    for (const c of competitors) for (const h of c.handles) competitorHandles.set(normaliseHandle(h), c.name);
    return {
      id: row.id,
      workspaceId: row.workspace_id,
      name: row.name,
      languages: row.languages,
      brandHandles: new Set(row.handles.map(normaliseHandle)),
      competitors,
      competitorHandles,
      match: memoised(compileSubjectMatcher(row, competitors), (post) =>
        post.authorHandle === undefined ? `\u0001${post.text}` : `${post.authorHandle}\u0000${post.text}`,
      ),
      detectSwitch: memoised(compileSwitchDetector(competitors), (text) => text),
    };
  });
}

/** The campaign's competitors as stored (JSON); malformed entries are skipped, never trusted. */
export function parseCompetitors(value: unknown): CompetitorTerms[] {
  if (!Array.isArray(value)) return [];
  const out: CompetitorTerms[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, handles, keywords } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name.trim() === '') continue;
    const strings = (list: unknown) =>
      Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
    out.push({ name: name.trim(), handles: strings(handles), keywords: strings(keywords) });
  }
  return out;
}

interface MentionRow {
  post_id: string;
  campaign_id: string;
  subject: string;
  created_at: Date;
  language: string;
  market: string;
  sentiment: string;
  aspects: string[];
}

function mentionsFor(post: PostRow, campaigns: readonly CampaignForListening[]): MentionRow[] {
  const out: MentionRow[] = [];
  for (const campaign of campaigns) {
    if (campaign.workspaceId !== post.workspace_id) continue;
    const linked = post.campaign_ids.includes(campaign.id);
    // Posts outside the campaign count only when they are in its languages (competitor chatter).
    if (!linked && campaign.languages.length > 0 && !campaign.languages.includes(post.language)) continue;
    const found = campaign.match({ text: post.text, authorHandle: post.handle });
    const subjects = [...(linked || found.brand ? [''] : []), ...found.competitors];
    for (const subject of subjects) {
      out.push({
        post_id: post.id,
        campaign_id: campaign.id,
        subject,
        created_at: post.created_at,
        language: post.language,
        market: post.market ?? '',
        sentiment: post.sentiment,
        aspects: post.aspects,
      });
    }
  }
  return out;
}

/** Replaces the posts' mention rows and moves the bucket counts by the difference, in one transaction. */
async function replaceMentions(
  db: Kysely<Database>,
  ids: string[],
  posts: readonly PostRow[],
  campaigns: readonly CampaignForListening[],
): Promise<number> {
  const fresh = posts.flatMap((post) => mentionsFor(post, campaigns));
  await db.transaction().execute(async (trx) => {
    const removed = (
      await sql<MentionFacts>`
        DELETE FROM listening_mention WHERE post_id = ANY(${ids}::bigint[])
        RETURNING campaign_id, subject, created_at, language, market, sentiment, aspects`.execute(trx)
    ).rows;
    if (fresh.length > 0) {
      // One array per column for the whole batch, read back by position: cheaper to send than eight
      // parameters per row, and cheaper for the server to take apart than a JSON document of rows.
      await sql`
        INSERT INTO listening_mention (post_id, campaign_id, subject, created_at, language, market, sentiment, aspects)
        SELECT m.post_id, m.campaign_id, m.subject, m.created_at, m.language, m.market, m.sentiment, m.aspects::text[]
        FROM unnest(${fresh.map((m) => m.post_id)}::bigint[], ${fresh.map((m) => m.campaign_id)}::uuid[],
          ${fresh.map((m) => m.subject)}::text[], ${fresh.map((m) => new Date(m.created_at).toISOString())}::timestamptz[],
          ${fresh.map((m) => m.language)}::text[], ${fresh.map((m) => m.market)}::text[],
          ${fresh.map((m) => m.sentiment)}::text[], ${fresh.map((m) => textArrayLiteral(m.aspects))}::text[])
          AS m(post_id, campaign_id, subject, created_at, language, market, sentiment, aspects)`.execute(trx);
    }
    await applyBucketDeltas(trx, removed, fresh);
  });
  return fresh.length;
}

type MentionFacts = Pick<
  MentionRow,
  'campaign_id' | 'subject' | 'created_at' | 'language' | 'market' | 'sentiment' | 'aspects'
>;

async function applyBucketDeltas(
  trx: Transaction<Database>,
  removed: readonly MentionFacts[],
  added: readonly MentionFacts[],
): Promise<void> {
  const volume = new Map<string, VolumeBucket>();
  const aspects = new Map<string, AspectBucket>();
  const count = (rows: readonly MentionFacts[], sign: number) => {
    let lastAt = NaN;
    let hour = '';
    for (const row of rows) {
      const at = new Date(row.created_at).getTime();
      // Consecutive posts are mostly in the same hour: its text is made once for them.
      if (Math.floor(at / 3_600_000) !== Math.floor(lastAt / 3_600_000)) {
        hour = new Date(Math.floor(at / 3_600_000) * 3_600_000).toISOString();
      }
      lastAt = at;
      const day = hour.slice(0, 10);
      const v = `${row.campaign_id}\u0000${hour}\u0000${row.subject}\u0000${row.language}\u0000${row.market}\u0000${row.sentiment}`;
      const bucket = volume.get(v);
      if (bucket) bucket.posts += sign;
      else
        volume.set(v, {
          campaign_id: row.campaign_id,
          hour,
          subject: row.subject,
          language: row.language,
          market: row.market,
          sentiment: row.sentiment,
          posts: sign,
        });
      for (const aspect of row.aspects) {
        const k = `${row.campaign_id}\u0000${day}\u0000${row.subject}\u0000${aspect}\u0000${row.sentiment}`;
        const entry = aspects.get(k);
        if (entry) entry.posts += sign;
        else
          aspects.set(k, {
            campaign_id: row.campaign_id,
            day,
            subject: row.subject,
            aspect,
            sentiment: row.sentiment,
            posts: sign,
          });
      }
    }
  };
  count(removed, -1);
  count(added, 1);
  const volumeRows = [...volume.values()].filter((bucket) => bucket.posts !== 0);
  // One array per column, not seven parameters per bucket row: binding those cost more than the upsert.
  // Rows are taken in key order (ORDER BY), as erasure takes them: concurrent jobs cannot deadlock.
  if (volumeRows.length > 0) {
    await sql`
      INSERT INTO listening_sov_bucket (campaign_id, hour, subject, language, market, sentiment, posts, slot)
      SELECT b.campaign_id, b.hour, b.subject, b.language, b.market, b.sentiment, b.posts, ${COUNTER_SLOT}
      FROM unnest(${volumeRows.map((b) => b.campaign_id)}::uuid[], ${volumeRows.map((b) => b.hour)}::timestamptz[],
        ${volumeRows.map((b) => b.subject)}::text[], ${volumeRows.map((b) => b.language)}::text[],
        ${volumeRows.map((b) => b.market)}::text[], ${volumeRows.map((b) => b.sentiment)}::text[],
        ${volumeRows.map((b) => b.posts)}::integer[])
        AS b(campaign_id, hour, subject, language, market, sentiment, posts)
      ORDER BY b.campaign_id, b.hour, b.subject, b.language, b.market, b.sentiment
      ON CONFLICT (campaign_id, hour, subject, language, market, sentiment, slot)
        DO UPDATE SET posts = listening_sov_bucket.posts + EXCLUDED.posts`.execute(trx);
  }
  const aspectRows = [...aspects.values()].filter((bucket) => bucket.posts !== 0);
  if (aspectRows.length > 0) {
    await sql`
      INSERT INTO listening_aspect_bucket (campaign_id, day, subject, aspect, sentiment, posts, slot)
      SELECT b.campaign_id, b.day, b.subject, b.aspect, b.sentiment, b.posts, ${COUNTER_SLOT}
      FROM unnest(${aspectRows.map((b) => b.campaign_id)}::uuid[], ${aspectRows.map((b) => b.day)}::date[],
        ${aspectRows.map((b) => b.subject)}::text[], ${aspectRows.map((b) => b.aspect)}::text[],
        ${aspectRows.map((b) => b.sentiment)}::text[], ${aspectRows.map((b) => b.posts)}::integer[])
        AS b(campaign_id, day, subject, aspect, sentiment, posts)
      ORDER BY b.campaign_id, b.day, b.subject, b.aspect, b.sentiment
      ON CONFLICT (campaign_id, day, subject, aspect, sentiment, slot)
        DO UPDATE SET posts = listening_aspect_bucket.posts + EXCLUDED.posts`.execute(trx);
  }
}

interface VolumeBucket {
  campaign_id: string;
  hour: string;
  subject: string;
  language: string;
  market: string;
  sentiment: string;
  posts: number;
}

interface AspectBucket {
  campaign_id: string;
  day: string;
  subject: string;
  aspect: string;
  sentiment: string;
  posts: number;
}

interface ReplyRow {
  reply_id: string;
  workspace_id: string;
  reply_text: string;
  reply_handle: string;
  reply_at: Date;
  parent_id: string;
  parent_text: string;
  parent_handle: string;
  parent_sentiment: string | null;
  parent_intents: string[] | null;
  parent_campaign_ids: string[];
}

interface Finding {
  post_id: string;
  campaign_id: string;
  workspace_id: string;
  competitor: string;
  kind: 'competitor_reply' | 'suspected_staff_reply' | 'switch_announcement';
  target_post_id: string | null;
  target_is_complaint: boolean;
  evidence: string;
  created_at: Date;
}

async function detectPoaching(
  db: Kysely<Database>,
  ids: string[],
  posts: readonly PostRow[],
  campaigns: readonly CampaignForListening[],
  now: Date,
): Promise<{ findings: number; flags: BatchFlags }> {
  const withCompetitors = campaigns.filter((c) => c.competitors.length > 0);
  if (withCompetitors.length === 0) return { findings: 0, flags: NO_FLAGS };
  const findings: Finding[] = [];

  // Replies in either direction: a new reply to a stored post, or a stored reply to a new post.
  const replies = await sql<ReplyRow>`
    SELECT r.id::text AS reply_id, r.workspace_id, r.text AS reply_text, ra.handle AS reply_handle,
      r.created_at AS reply_at, p.id::text AS parent_id, p.text AS parent_text, pa.handle AS parent_handle,
      an.sentiment AS parent_sentiment, an.intents AS parent_intents,
      ARRAY(SELECT pc.campaign_id::text FROM post_campaign pc WHERE pc.post_id = p.id) AS parent_campaign_ids
    FROM post r
    JOIN post p ON p.source_id = r.source_id AND p.external_id = r.reply_to_external_id
    JOIN author ra ON ra.id = r.author_id
    JOIN author pa ON pa.id = p.author_id
    LEFT JOIN post_analysis an ON an.post_id = p.id
    WHERE r.reply_to_external_id IS NOT NULL AND r.id = ANY(${ids}::bigint[])
    UNION
    SELECT r.id::text, r.workspace_id, r.text, ra.handle, r.created_at, p.id::text, p.text, pa.handle,
      an.sentiment, an.intents,
      ARRAY(SELECT pc.campaign_id::text FROM post_campaign pc WHERE pc.post_id = p.id)
    FROM post p
    JOIN post r ON r.source_id = p.source_id AND r.reply_to_external_id = p.external_id
    JOIN author ra ON ra.id = r.author_id
    JOIN author pa ON pa.id = p.author_id
    LEFT JOIN post_analysis an ON an.post_id = p.id
    WHERE p.id = ANY(${ids}::bigint[])`.execute(db);

  for (const reply of replies.rows) {
    const replyHandle = normaliseHandle(reply.reply_handle);
    const parentHandle = normaliseHandle(reply.parent_handle);
    for (const campaign of withCompetitors) {
      if (campaign.workspaceId !== reply.workspace_id) continue;
      // The parent must be one of ours: in the campaign or naming the brand, and not written by us
      // or by a competitor.
      if (campaign.brandHandles.has(parentHandle) || campaign.competitorHandles.has(parentHandle)) continue;
      const ours =
        reply.parent_campaign_ids.includes(campaign.id) ||
        campaign.match({ text: reply.parent_text, authorHandle: reply.parent_handle }).brand;
      if (!ours) continue;
      const complaint =
        reply.parent_sentiment === 'negative' ||
        (reply.parent_intents ?? []).some((intent) => COMPLAINT_INTENTS.includes(intent));
      const account = campaign.competitorHandles.get(replyHandle);
      let competitor: string | undefined;
      let kind: Finding['kind'] | undefined;
      let evidence = '';
      if (account !== undefined) {
        competitor = account;
        kind = 'competitor_reply';
        evidence = `author:@${replyHandle}`;
      } else if (!campaign.brandHandles.has(replyHandle) && complaint) {
        const pitched = campaign.competitors.find((c) => isCompetitorPitch(reply.reply_text, c));
        if (pitched !== undefined) {
          competitor = pitched.name;
          kind = 'suspected_staff_reply';
          evidence = `pitch:${pitched.name}`;
        }
      }
      if (competitor === undefined || kind === undefined) continue;
      findings.push({
        post_id: reply.reply_id,
        campaign_id: campaign.id,
        workspace_id: reply.workspace_id,
        competitor,
        kind,
        target_post_id: reply.parent_id,
        target_is_complaint: complaint,
        evidence,
        created_at: reply.reply_at,
      });
    }
  }

  for (const post of posts) {
    const handle = normaliseHandle(post.handle);
    for (const campaign of withCompetitors) {
      if (campaign.workspaceId !== post.workspace_id) continue;
      if (campaign.competitorHandles.has(handle) || campaign.brandHandles.has(handle)) continue;
      const found = campaign.detectSwitch(post.text);
      if (found === null) continue;
      const ours = post.campaign_ids.includes(campaign.id) || campaign.match({ text: post.text }).brand;
      if (!ours && campaign.languages.length > 0 && !campaign.languages.includes(post.language)) continue;
      findings.push({
        post_id: post.id,
        campaign_id: campaign.id,
        workspace_id: post.workspace_id,
        competitor: found.competitor,
        kind: 'switch_announcement',
        target_post_id: null,
        target_is_complaint: false,
        evidence: found.evidence,
        created_at: post.created_at,
      });
    }
  }
  if (findings.length === 0) return { findings: 0, flags: NO_FLAGS };

  const inserted = await db
    .insertInto('listening_poaching')
    .values(findings)
    .onConflict((oc) => oc.columns(['post_id', 'campaign_id', 'competitor', 'kind']).doNothing())
    .returning(['post_id', 'campaign_id', 'workspace_id', 'competitor', 'kind', 'created_at'])
    .execute();
  // Posts of this batch get their flags in the search row about to be written; an earlier post a
  // new reply or switch is found for already has its row.
  const batch = new Set(ids.map(String));
  const flags: BatchFlags = { poaching: [], switch: [] };
  const flag = async (kind: 'poaching' | 'switch', postIds: string[]) => {
    flags[kind] = [...new Set(postIds.filter((id) => batch.has(id)))];
    const earlier = [...new Set(postIds.filter((id) => !batch.has(id)))];
    if (earlier.length === 0) return;
    await sql`UPDATE listening_post SET risk_flags = array_append(risk_flags, ${kind})
      WHERE post_id = ANY(${earlier}::bigint[]) AND NOT ${kind} = ANY(risk_flags)`.execute(db);
  };
  await flag(
    'poaching',
    findings.filter((f) => f.kind !== 'switch_announcement').map((f) => f.post_id),
  );
  await flag(
    'switch',
    findings.filter((f) => f.kind === 'switch_announcement').map((f) => f.post_id),
  );

  // One alert per campaign, competitor and UTC day; later findings that day fold into it.
  const groups = new Map<string, { first: (typeof inserted)[number]; replies: number; switches: number }>();
  for (const row of inserted) {
    const day = new Date(row.created_at).toISOString().slice(0, 10);
    const key = `${row.campaign_id}:${row.competitor}:${day}`;
    const group = groups.get(key) ?? { first: row, replies: 0, switches: 0 };
    if (row.kind === 'switch_announcement') group.switches += 1;
    else group.replies += 1;
    groups.set(key, group);
  }
  for (const [key, group] of groups) {
    const campaign = campaigns.find((c) => c.id === group.first.campaign_id);
    const day = key.slice(key.lastIndexOf(':') + 1);
    const parts = [
      group.replies > 0 ? `${group.replies} repl${group.replies === 1 ? 'y' : 'ies'} to our customers` : null,
      group.switches > 0
        ? `${group.switches} post${group.switches === 1 ? '' : 's'} announcing a switch`
        : null,
    ].filter((part): part is string => part !== null);
    await raiseAlert(
      db,
      {
        workspaceId: group.first.workspace_id,
        campaignId: group.first.campaign_id,
        incidentId: null,
        kind: 'competitor.poaching',
        severity: group.replies > 0 ? 'warning' : 'watch',
        title: `${group.first.competitor} is approaching ${campaign?.name ?? 'the campaign'}'s customers`,
        summary: `${day}: ${parts.join(' and ')} (first seen). See Listening → Competitors for every post.`,
        dedupeKey: `listening.poaching:${key}`,
      },
      now,
    );
  }
  return { findings: findings.length, flags };
}
