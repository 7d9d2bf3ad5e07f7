import type { Kysely } from 'kysely';
import { detectNarratives, trendingTerms } from '@ombud/core';
import type {
  Influencers,
  ListeningFilter,
  Narratives,
  Poaching,
  ShareOfVoice,
  listeningRangeQuerySchema,
} from '@ombud/contract';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findCampaign } from '../repositories/campaign.repository.ts';
import {
  loadAspectComparison,
  loadCampaignPostsForText,
  loadInfluencers,
  loadPoaching,
  loadPostSummaries,
  loadShareOfVoice,
  type PostSummaryRow,
  type RangeFilter,
} from '../repositories/listening-insight.repository.ts';
import { findSavedSearch } from '../repositories/listening-saved.repository.ts';
import { normaliseHandle } from '@ombud/core';
import { parseCompetitors } from './listening-index.service.ts';

type RangeQuery = z.infer<typeof listeningRangeQuerySchema>;

const MAX_RANGE_DAYS = 400;
/** Posts clustered at once; beyond this an even sample is used (and the answer says so). */
export const NARRATIVE_POST_CAP = 100_000;

const csvList = (value: string | undefined) =>
  value === undefined ? undefined : [...new Set(value.split(',').filter(Boolean))];

async function campaignInWorkspace(db: Kysely<Database>, workspaceId: string, campaignId: string) {
  const campaign = await findCampaign(db, workspaceId, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', `campaignId: no campaign ${campaignId} in this workspace`);
  return campaign;
}

function rangeFilter(query: RangeQuery): RangeFilter {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!(to > from)) throw new AppError('VALIDATION_FAILED', 'to: must be later than from');
  if (to - from > MAX_RANGE_DAYS * 86_400_000)
    throw new AppError('VALIDATION_FAILED', `from/to: at most ${MAX_RANGE_DAYS} days at once`);
  return {
    campaignId: query.campaignId,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    languages: csvList(query.language),
    markets: csvList(query.market),
  };
}

/** A saved search's filter narrowed by the request's own parameters. */
export async function resolveFilter(
  db: Kysely<Database>,
  workspaceId: string,
  query: ListeningFilter & { savedSearchId?: string | undefined },
): Promise<ListeningFilter> {
  const { savedSearchId, ...own } = query;
  const defined = Object.fromEntries(
    Object.entries(own).filter(([, v]) => v !== undefined),
  ) as ListeningFilter;
  let filter: ListeningFilter = defined;
  if (savedSearchId) {
    const saved = await findSavedSearch(db, workspaceId, savedSearchId);
    if (!saved) throw new AppError('NOT_FOUND', `savedSearchId: no saved search ${savedSearchId}`);
    filter = { ...saved.filter, ...defined };
  }
  if (filter.campaignId) await campaignInWorkspace(db, workspaceId, filter.campaignId);
  if (filter.from && filter.to && Date.parse(filter.to) <= Date.parse(filter.from))
    throw new AppError('VALIDATION_FAILED', 'to: must be later than from');
  return filter;
}

/** Brand vs competitors: volume and sentiment over time, per language/market, aspects compared. */
export async function shareOfVoice(
  db: Kysely<Database>,
  workspaceId: string,
  query: RangeQuery & { interval: 'hour' | 'day' },
): Promise<ShareOfVoice> {
  const campaign = await campaignInWorkspace(db, workspaceId, query.campaignId);
  const filter = rangeFilter(query);
  const brandName = campaign.keywords[0] ?? campaign.name;
  const label = (subject: string) => (subject === '' ? brandName : subject);
  const [{ series, breakdown }, aspects] = await Promise.all([
    loadShareOfVoice(db, filter, query.interval),
    loadAspectComparison(db, filter),
  ]);
  const totals = new Map<string, { posts: number; positive: number; neutral: number; negative: number }>();
  // Every configured competitor appears, even with no posts: a zero is an answer too.
  for (const subject of ['', ...parseCompetitors(campaign.competitors).map((c) => c.name)])
    totals.set(subject, { posts: 0, positive: 0, neutral: 0, negative: 0 });
  const perPlace = new Map<string, number>();
  for (const row of breakdown) {
    const t = totals.get(row.subject) ?? { posts: 0, positive: 0, neutral: 0, negative: 0 };
    t.posts += row.posts;
    if (row.sentiment === 'positive' || row.sentiment === 'neutral' || row.sentiment === 'negative')
      t[row.sentiment] += row.posts;
    totals.set(row.subject, t);
    const key = JSON.stringify([row.subject, row.language, row.market]);
    perPlace.set(key, (perPlace.get(key) ?? 0) + row.posts);
  }
  const all = [...totals.values()].reduce((sum, t) => sum + t.posts, 0);
  return {
    subjects: [...totals].map(([subject, t]) => ({
      subject: label(subject),
      isBrand: subject === '',
      posts: t.posts,
      share: all === 0 ? 0 : round(t.posts / all, 4),
      sentiment: { positive: t.positive, neutral: t.neutral, negative: t.negative },
      netSentiment: t.posts === 0 ? 0 : round((t.positive - t.negative) / t.posts, 3),
    })),
    series: series.map((row) => ({
      at: new Date(row.at).toISOString(),
      subject: label(row.subject),
      posts: row.posts,
      negative: row.negative,
    })),
    breakdown: [...perPlace].map(([key, posts]) => {
      const [subject = '', language = '', market = ''] = JSON.parse(key) as string[];
      return { subject: label(subject), language, market, posts };
    }),
    aspects: aspects.map((row) => {
      const trend = round((row.negative_second + 1) / (row.negative_first + 1), 2);
      const rising = trend >= 1.5 && row.negative >= 5;
      return {
        aspect: row.aspect,
        subject: label(row.subject),
        posts: row.posts,
        negative: row.negative,
        negativeShare: round(row.negative / row.posts, 3),
        negativeTrend: trend,
        signal: rising ? (row.subject === '' ? 'risk' : 'opportunity') : 'none',
      };
    }),
  };
}

function summary(row: PostSummaryRow | undefined) {
  if (!row) return undefined;
  return {
    id: row.id,
    text: row.text,
    handle: row.handle,
    createdAt: new Date(row.created_at).toISOString(),
    url: row.url,
  };
}

async function textWindow(
  db: Kysely<Database>,
  workspaceId: string,
  query: RangeQuery & { baselineDays: number },
) {
  const campaign = await campaignInWorkspace(db, workspaceId, query.campaignId);
  const filter = rangeFilter(query);
  const baselineFrom = new Date(Date.parse(filter.from) - query.baselineDays * 86_400_000).toISOString();
  const [window, baseline] = await Promise.all([
    loadCampaignPostsForText(db, workspaceId, filter, NARRATIVE_POST_CAP),
    query.baselineDays > 0
      ? loadCampaignPostsForText(
          db,
          workspaceId,
          { ...filter, from: baselineFrom, to: filter.from },
          NARRATIVE_POST_CAP,
        )
      : Promise.resolve({ rows: [], sampled: false }),
  ]);
  const toPost = (row: (typeof window.rows)[number]) => ({
    id: row.id,
    text: row.text,
    language: row.language,
    at: new Date(row.at).getTime(),
    sentiment: row.sentiment,
    sentimentScore: row.sentiment_score,
    engagement: row.engagement,
  });
  // Window and baseline are sampled alike, so rates stay comparable.
  const scale = window.sampled || baseline.sampled;
  return {
    campaign,
    from: Date.parse(filter.from),
    to: Date.parse(filter.to),
    baselineFrom: Date.parse(baselineFrom),
    posts: window.rows.map(toPost),
    baseline: baseline.rows.map(toPost),
    sampled: scale,
    ignore: [...campaign.hashtags, ...campaign.keywords, ...campaign.handles],
  };
}

/** Topics of the conversation in the range, each compared with the baseline days before it. */
export async function narratives(
  db: Kysely<Database>,
  workspaceId: string,
  query: RangeQuery & { baselineDays: number; minPosts?: number | undefined },
): Promise<Narratives> {
  const w = await textWindow(db, workspaceId, query);
  const result = detectNarratives(w.posts, w.baseline, {
    from: w.from,
    to: w.to,
    baselineFrom: w.baselineFrom,
    ignore: w.ignore,
    ...(query.minPosts === undefined ? {} : { minPosts: query.minPosts }),
  });
  const summaries = await loadPostSummaries(
    db,
    workspaceId,
    result.narratives.flatMap((n) => n.representativePostIds),
  );
  return {
    narratives: result.narratives.map((n) => ({
      key: n.key,
      language: n.language,
      label: n.label,
      keyPhrases: n.keyPhrases,
      posts: n.posts,
      share: n.share,
      sentiment: n.sentiment,
      firstSeenAt: new Date(n.firstSeenAt).toISOString(),
      growthRate: n.growthRate,
      momentum: n.momentum,
      isNew: n.isNew,
      baselineExpected: n.baselineExpected,
      series: n.series.map((point) => ({ at: new Date(point.at).toISOString(), posts: point.posts })),
      representativePosts: n.representativePostIds
        .map((id) => summary(summaries.get(id)))
        .filter((s): s is NonNullable<typeof s> => s !== undefined),
    })),
    languages: result.languages,
    sampled: w.sampled,
  };
}

/** Phrases and hashtags above their baseline rate. */
export async function trending(
  db: Kysely<Database>,
  workspaceId: string,
  query: RangeQuery & { baselineDays: number },
) {
  const w = await textWindow(db, workspaceId, query);
  return trendingTerms([...w.posts, ...w.baseline], {
    from: w.from,
    to: w.to,
    baselineFrom: w.baselineFrom,
    ignore: w.ignore,
  });
}

/** Competitor replies to our customers and announced switches, newest first, with the post replied to. */
export async function poaching(
  db: Kysely<Database>,
  workspaceId: string,
  query: {
    campaignId: string;
    from?: string | undefined;
    to?: string | undefined;
    kind?: string | undefined;
    limit: number;
  },
): Promise<Poaching> {
  await campaignInWorkspace(db, workspaceId, query.campaignId);
  const { rows, totals } = await loadPoaching(db, workspaceId, query);
  const summaries = await loadPostSummaries(db, workspaceId, [
    ...rows.map((r) => r.post_id),
    ...rows.flatMap((r) => (r.target_post_id ? [r.target_post_id] : [])),
  ]);
  const byCompetitor = new Map<string, Poaching['totals'][number]>();
  for (const t of totals) {
    const entry = byCompetitor.get(t.competitor) ?? {
      competitor: t.competitor,
      competitorReplies: 0,
      suspectedStaffReplies: 0,
      switchAnnouncements: 0,
    };
    if (t.kind === 'competitor_reply') entry.competitorReplies += t.n;
    else if (t.kind === 'suspected_staff_reply') entry.suspectedStaffReplies += t.n;
    else entry.switchAnnouncements += t.n;
    byCompetitor.set(t.competitor, entry);
  }
  const findings: Poaching['findings'] = [];
  for (const row of rows) {
    const post = summaries.get(row.post_id);
    if (!post) continue;
    const target = row.target_post_id ? summaries.get(row.target_post_id) : undefined;
    findings.push({
      competitor: row.competitor,
      kind: row.kind,
      evidence: row.evidence,
      createdAt: new Date(row.created_at).toISOString(),
      post: { ...(summary(post) as NonNullable<ReturnType<typeof summary>>), externalId: post.external_id },
      target: target
        ? {
            ...(summary(target) as NonNullable<ReturnType<typeof summary>>),
            externalId: target.external_id,
            isComplaint: row.target_is_complaint,
          }
        : null,
    });
  }
  return { totals: [...byCompetitor.values()], findings };
}

/** Authors ranked by reach and engagement on the campaign, with their sentiment. */
export async function influencers(
  db: Kysely<Database>,
  workspaceId: string,
  query: RangeQuery & { sort: 'score' | 'reach' | 'engagement'; limit: number },
): Promise<Influencers> {
  const campaign = await campaignInWorkspace(db, workspaceId, query.campaignId);
  const rows = await loadInfluencers(db, workspaceId, rangeFilter(query), query.sort, query.limit);
  const brand = new Set(campaign.handles.map(normaliseHandle));
  const competitor = new Set(
    parseCompetitors(campaign.competitors).flatMap((c) => c.handles.map(normaliseHandle)),
  );
  return {
    authors: rows.map((row) => {
      const handle = normaliseHandle(row.handle);
      return {
        handle: row.handle,
        displayName: row.display_name,
        platform: row.platform,
        followers: row.followers,
        verified: row.verified,
        posts: row.posts,
        engagement: row.engagement,
        score: round(row.score, 3),
        sentiment: {
          positive: row.positive,
          neutral: row.neutral,
          negative: row.negative,
          meanScore: round(row.mean_score, 3),
        },
        role: brand.has(handle) ? 'brand' : competitor.has(handle) ? 'competitor' : 'community',
      };
    }),
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
