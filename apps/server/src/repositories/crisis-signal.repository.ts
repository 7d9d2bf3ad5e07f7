import { sql, type Kysely, type Transaction } from 'kysely';
import { detectRiskTerms } from '@ombud/core';
import { COUNTER_SLOT } from '../db/counter-slot.ts';
import type { Database } from '../db/schema.ts';
import { textArrayLiteral } from '../db/text-array-literal.ts';
import { jobPostsOf, type JobPosts } from '../pipeline/job-posts.ts';
import { memoised } from '../pipeline/memoised.ts';

/** What one post contributes to one campaign's buckets. */
interface PostSignal {
  postId: string;
  campaignId: string;
  workspaceId: string;
  minute: Date;
  language: string;
  sentiment: string;
  source: string;
  risk: boolean;
  riskCategories: string[];
  engagement: number;
}

const MINUTE_MS = 60_000;

function bucketKey(
  s: Pick<PostSignal, 'campaignId' | 'minute' | 'language' | 'sentiment' | 'source'>,
): string {
  return `${s.campaignId}|${s.minute.toISOString()}|${s.language}|${s.sentiment}|${s.source}`;
}

function sameCount(a: PostSignal, b: PostSignal): boolean {
  return (
    bucketKey(a) === bucketKey(b) &&
    a.risk === b.risk &&
    a.engagement === b.engagement &&
    a.riskCategories.join(',') === b.riskCategories.join(',')
  );
}

/**
 * Counts analysed posts into per-minute buckets (campaign × language × sentiment × source), once
 * per post and campaign: `signal_post` remembers what each post added, so a job delivered twice
 * adds nothing and a re-analysis that changes a post's language or sentiment moves its count.
 * Returns the campaigns whose buckets changed, each with its workspace.
 */
export async function countPostSignals(
  db: Kysely<Database>,
  postIds: readonly string[],
  posts?: JobPosts,
): Promise<Map<string, string>> {
  const touched = new Map<string, string>();
  if (postIds.length === 0) return touched;
  const rows = posts ? signalRowsOf(postIds, posts) : await loadSignalRows(db, postIds);
  const riskCategoriesOf = memoised(
    (text: string) => detectRiskTerms(text).categories,
    (text) => text,
  );
  const wanted: PostSignal[] = rows.map((row) => {
    const categories = riskCategoriesOf(row.text);
    const m = row.metrics;
    return {
      postId: String(row.id),
      campaignId: row.campaign_id,
      workspaceId: row.workspace_id,
      minute: new Date(Math.floor(row.created_at.getTime() / MINUTE_MS) * MINUTE_MS),
      language: row.language,
      sentiment: row.sentiment,
      source: row.platform,
      risk: categories.length > 0,
      riskCategories: categories,
      engagement: Math.round((m['likes'] ?? 0) + (m['reposts'] ?? 0) + (m['replies'] ?? 0)),
    };
  });
  if (wanted.length === 0) return touched;

  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('signal_post')
      .selectAll()
      // One array parameter, not one per post: the batch is thousands of posts.
      .where('post_id', '=', sql<string>`ANY(${[...postIds]}::bigint[])`)
      .orderBy('post_id')
      .orderBy('campaign_id')
      .forUpdate()
      .execute();
    const before = new Map(
      existing.map((row) => [
        `${row.post_id}|${row.campaign_id}`,
        {
          postId: String(row.post_id),
          campaignId: row.campaign_id,
          workspaceId: row.workspace_id,
          minute: row.minute,
          language: row.language,
          sentiment: row.sentiment,
          source: row.source,
          risk: row.risk,
          riskCategories: row.risk_categories,
          engagement: row.engagement,
        } satisfies PostSignal,
      ]),
    );
    const deltas = new Map<string, { signal: PostSignal; posts: number; risk: number; engagement: number }>();
    const addDelta = (signal: PostSignal, sign: 1 | -1) => {
      const key = bucketKey(signal);
      const d = deltas.get(key) ?? { signal, posts: 0, risk: 0, engagement: 0 };
      d.posts += sign;
      d.risk += signal.risk ? sign : 0;
      d.engagement += sign * signal.engagement;
      deltas.set(key, d);
    };

    const fresh = wanted.filter((s) => !before.has(`${s.postId}|${s.campaignId}`));
    const changed = wanted.filter((s) => {
      const old = before.get(`${s.postId}|${s.campaignId}`);
      return old !== undefined && !sameCount(old, s);
    });
    if (changed.length === 0) {
      // The usual case, posts counted for the first time: the ledger rows and the buckets they add
      // to in one statement, summed by the server from the rows it actually inserted (no rows sent
      // back, no second batch sent). Buckets are taken in key order, as everywhere they are locked.
      if (fresh.length > 0) await insertAndCount(trx, fresh);
    } else {
      if (fresh.length > 0) {
        // A concurrent run that counted the same post first wins; ON CONFLICT makes this one skip it.
        const inserted = await sql<{ post_id: string; campaign_id: string }>`
          INSERT INTO signal_post (${LEDGER_COLUMNS})
          SELECT ${LEDGER_COLUMNS} FROM ${ledgerRecords(fresh)}
          ON CONFLICT (post_id, campaign_id) DO NOTHING
          RETURNING post_id::text AS post_id, campaign_id`.execute(trx);
        const added = new Set(inserted.rows.map((r) => `${r.post_id}|${r.campaign_id}`));
        for (const s of fresh) if (added.has(`${s.postId}|${s.campaignId}`)) addDelta(s, 1);
      }
      for (const s of changed) {
        const old = before.get(`${s.postId}|${s.campaignId}`);
        if (!old) continue;
        await trx
          .updateTable('signal_post')
          .set({ ...toRow(s), post_id: undefined, campaign_id: undefined } as never)
          .where('post_id', '=', s.postId)
          .where('campaign_id', '=', s.campaignId)
          .execute();
        addDelta(old, -1);
        addDelta(s, 1);
      }
      await applyBucketDeltas(
        trx,
        [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }

    for (const s of wanted) touched.set(s.campaignId, s.workspaceId);
    // The clock row only has to exist (a campaign gets it when it is created): the engine reads the
    // newest counted minute from the buckets, so jobs never update, and lock, this row every job of
    // the campaign shares.
    if (touched.size > 0) {
      const existing = await trx
        .selectFrom('crisis_clock')
        .select('campaign_id')
        .where('campaign_id', 'in', [...touched.keys()])
        .execute();
      const have = new Set(existing.map((row) => row.campaign_id));
      // In campaign order, like every writer of these rows.
      const missing = [...touched]
        .filter(([campaignId]) => !have.has(campaignId))
        .sort(([a], [b]) => (a < b ? -1 : 1));
      if (missing.length > 0)
        await trx
          .insertInto('crisis_clock')
          .values(
            missing.map(([campaignId, workspaceId]) => ({
              campaign_id: campaignId,
              workspace_id: workspaceId,
            })),
          )
          .onConflict((c) => c.column('campaign_id').doNothing())
          .execute();
    }
  });
  return touched;
}

interface SignalSourceRow {
  id: string;
  workspace_id: string;
  campaign_id: string;
  created_at: Date;
  platform: string;
  text: string;
  metrics: Record<string, number>;
  language: string;
  sentiment: string;
}

/** One row per analysed post and campaign it joined. */
async function loadSignalRows(db: Kysely<Database>, postIds: readonly string[]): Promise<SignalSourceRow[]> {
  const rows = await db
    .selectFrom('post as p')
    .innerJoin('post_analysis as a', 'a.post_id', 'p.id')
    .innerJoin('post_campaign as pc', 'pc.post_id', 'p.id')
    .select([
      'p.id',
      'p.workspace_id',
      'pc.campaign_id',
      'p.created_at',
      'p.platform',
      'p.text',
      'p.metrics',
      'a.language',
      'a.sentiment',
    ])
    .where('p.id', 'in', postIds)
    .execute();
  return rows.map((row) => ({ ...row, id: String(row.id) }));
}

/** The same rows from what the job's analysis already holds (the analyses it just stored). */
function signalRowsOf(postIds: readonly string[], posts: JobPosts): SignalSourceRow[] {
  return jobPostsOf(postIds, posts).flatMap((post) =>
    post.campaignIds.map((campaignId) => ({
      id: post.id,
      workspace_id: post.workspaceId,
      campaign_id: campaignId,
      created_at: post.createdAt,
      platform: post.platform,
      text: post.text,
      metrics: post.metrics,
      language: post.analysis.language.language,
      sentiment: post.analysis.sentiment.label,
    })),
  );
}

function toRow(s: PostSignal) {
  return {
    post_id: s.postId,
    campaign_id: s.campaignId,
    workspace_id: s.workspaceId,
    minute: s.minute,
    language: s.language,
    sentiment: s.sentiment,
    source: s.source,
    risk: s.risk,
    risk_categories: s.riskCategories,
    engagement: s.engagement,
  };
}

/** The end of an insert into signal_bucket: a bucket that exists already adds the new counts. */
const ADD_TO_BUCKET = sql`
  ON CONFLICT (campaign_id, minute, language, sentiment, source, slot) DO UPDATE SET
    posts = signal_bucket.posts + EXCLUDED.posts,
    risk_posts = signal_bucket.risk_posts + EXCLUDED.risk_posts,
    engagement = signal_bucket.engagement + EXCLUDED.engagement`;

const LEDGER_COLUMNS = sql.raw(
  'post_id, campaign_id, workspace_id, minute, language, sentiment, source, risk, risk_categories, engagement',
);

/**
 * The ledger rows as one array per column, read back by position with `unnest`: the server parses
 * each value once (a JSON document of the rows cost it twice as much to take apart).
 */
function ledgerRecords(signals: readonly PostSignal[]) {
  return sql`unnest(
      ${signals.map((s) => s.postId)}::bigint[], ${signals.map((s) => s.campaignId)}::uuid[],
      ${signals.map((s) => s.workspaceId)}::uuid[], ${signals.map((s) => s.minute.toISOString())}::timestamptz[],
      ${signals.map((s) => s.language)}::text[], ${signals.map((s) => s.sentiment)}::text[],
      ${signals.map((s) => s.source)}::text[], ${signals.map((s) => s.risk)}::boolean[],
      ${signals.map((s) => textArrayLiteral(s.riskCategories))}::text[], ${signals.map((s) => s.engagement)}::integer[]
    ) AS r(post_id, campaign_id, workspace_id, minute, language, sentiment, source, risk, risk_categories_literal,
           engagement)
    CROSS JOIN LATERAL (SELECT r.risk_categories_literal::text[] AS risk_categories) c`;
}

/**
 * Writes the ledger rows of posts counted for the first time and adds what the inserted ones
 * contribute to their buckets. A row a concurrent run inserted first is skipped (ON CONFLICT) and
 * so adds nothing here.
 */
async function insertAndCount(trx: Transaction<Database>, fresh: readonly PostSignal[]): Promise<void> {
  await sql`
    WITH added AS (
      INSERT INTO signal_post (${LEDGER_COLUMNS})
      SELECT ${LEDGER_COLUMNS} FROM ${ledgerRecords(fresh)}
      ON CONFLICT (post_id, campaign_id) DO NOTHING
      RETURNING workspace_id, campaign_id, minute, language, sentiment, source, risk, engagement
    )
    INSERT INTO signal_bucket (workspace_id, campaign_id, minute, language, sentiment, source, posts, risk_posts,
                               engagement, slot)
    SELECT workspace_id, campaign_id, minute, language, sentiment, source, count(*), count(*) FILTER (WHERE risk),
           sum(engagement), ${COUNTER_SLOT}
    FROM added
    GROUP BY workspace_id, campaign_id, minute, language, sentiment, source
    ORDER BY campaign_id, minute, language, sentiment, source
    ${ADD_TO_BUCKET}`.execute(trx);
}

async function applyBucketDeltas(
  trx: Transaction<Database>,
  deltas: [string, { signal: PostSignal; posts: number; risk: number; engagement: number }][],
): Promise<void> {
  const rows = deltas
    .filter(([, d]) => d.posts !== 0 || d.risk !== 0 || d.engagement !== 0)
    .map(([, d]) => ({
      workspace_id: d.signal.workspaceId,
      campaign_id: d.signal.campaignId,
      minute: d.signal.minute,
      language: d.signal.language,
      sentiment: d.signal.sentiment,
      source: d.signal.source,
      posts: d.posts,
      risk_posts: d.risk,
      engagement: d.engagement,
    }));
  if (rows.length === 0) return;
  // One JSON parameter, not nine per bucket: binding thousands of parameters cost more than the upsert.
  await sql`
    INSERT INTO signal_bucket (workspace_id, campaign_id, minute, language, sentiment, source, posts, risk_posts,
                               engagement, slot)
    SELECT b.workspace_id, b.campaign_id, b.minute, b.language, b.sentiment, b.source, b.posts, b.risk_posts,
           b.engagement, ${COUNTER_SLOT}
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS b(workspace_id uuid, campaign_id uuid, minute timestamptz, language text, sentiment text, source text,
           posts integer, risk_posts integer, engagement bigint)
    -- Locked in the order first counts and erasures take them (no deadlock with either).
    ORDER BY b.campaign_id, b.minute, b.language, b.sentiment, b.source
    ${ADD_TO_BUCKET}`.execute(trx);
}

export type SignalResolution = 'minute' | 'hour' | 'day';

export interface SignalQuery {
  workspaceId: string;
  campaignId?: string | undefined;
  from: Date;
  to: Date;
  resolution: SignalResolution;
  language?: string | undefined;
  sentiment?: string | undefined;
  source?: string | undefined;
  /** Split the series by these dimensions (none: one total per time). */
  groupBy: readonly ('language' | 'sentiment' | 'source')[];
}

export interface SignalRow {
  time: string;
  language: string | null;
  sentiment: string | null;
  source: string | null;
  posts: number;
  riskPosts: number;
  negative: number;
  engagement: number;
}

/** Sums buckets to minute, hour or day resolution (UTC), optionally split by dimension. */
export async function querySignals(db: Kysely<Database>, q: SignalQuery): Promise<SignalRow[]> {
  const unit = q.resolution;
  const dims = new Set(q.groupBy);
  const time = sql<Date>`date_trunc(${sql.lit(unit)}, minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
  let query = db
    .selectFrom('signal_bucket')
    .select([
      time.as('time'),
      (dims.has('language') ? sql<string | null>`language` : sql<string | null>`NULL::text`).as('language'),
      (dims.has('sentiment') ? sql<string | null>`sentiment` : sql<string | null>`NULL::text`).as(
        'sentiment',
      ),
      (dims.has('source') ? sql<string | null>`source` : sql<string | null>`NULL::text`).as('source'),
      sql<number>`sum(posts)::int`.as('posts'),
      sql<number>`sum(risk_posts)::int`.as('risk_posts'),
      sql<number>`COALESCE(sum(posts) FILTER (WHERE sentiment = 'negative'), 0)::int`.as('negative'),
      sql<string>`sum(engagement)::text`.as('engagement'),
    ])
    .where('workspace_id', '=', q.workspaceId)
    .where('minute', '>=', q.from)
    .where('minute', '<', q.to);
  if (q.campaignId) query = query.where('campaign_id', '=', q.campaignId);
  if (q.language) query = query.where('language', '=', q.language);
  if (q.sentiment) query = query.where('sentiment', '=', q.sentiment);
  if (q.source) query = query.where('source', '=', q.source);
  const rows = await query
    .groupBy(sql`1, 2, 3, 4`)
    .orderBy(sql`1, 2, 3, 4`)
    .execute();
  return rows.map((r) => ({
    time: new Date(r.time).toISOString(),
    language: r.language,
    sentiment: r.sentiment,
    source: r.source,
    posts: r.posts,
    riskPosts: r.risk_posts,
    negative: r.negative,
    engagement: Number(r.engagement),
  }));
}

export interface LanguageMinute {
  language: string;
  minute: Date;
  posts: number;
  negative: number;
  risk: number;
}

/** Per-minute totals of one campaign by language over [from, to): the monitors' input. */
export async function loadCampaignMinutes(
  db: Kysely<Database>,
  campaignId: string,
  from: Date,
  to: Date,
): Promise<LanguageMinute[]> {
  const rows = await db
    .selectFrom('signal_bucket')
    .select([
      'language',
      'minute',
      sql<number>`sum(posts)::int`.as('posts'),
      sql<number>`COALESCE(sum(posts) FILTER (WHERE sentiment = 'negative'), 0)::int`.as('negative'),
      sql<number>`sum(risk_posts)::int`.as('risk'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('minute', '>=', from)
    .where('minute', '<', to)
    .groupBy(['language', 'minute'])
    .orderBy('minute')
    .execute();
  return rows;
}

/** First bucket minute per language of a campaign (where each language's monitor starts). */
export async function firstMinuteByLanguage(
  db: Kysely<Database>,
  campaignId: string,
  before: Date,
): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom('signal_bucket')
    .select(['language', sql<Date>`min(minute)`.as('first')])
    .where('campaign_id', '=', campaignId)
    .where('minute', '<', before)
    .groupBy('language')
    .execute();
  return new Map(rows.map((r) => [r.language, new Date(r.first)]));
}
