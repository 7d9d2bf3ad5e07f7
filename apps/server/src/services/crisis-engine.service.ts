import { sql, type Kysely, type Transaction } from 'kysely';
import {
  createLanguageCrisisMonitor,
  defaultLanguageMonitorConfig,
  severityRank,
  sharedStoryFeatures,
  storyProfile,
  storySimilarity,
  tokenize,
  type LanguageMonitorState,
  type MonitorReading,
  type Severity,
  type StoryProfile,
} from '@ombud/core';
import type { Database } from '../db/schema.ts';
import {
  firstMinuteByLanguage,
  loadCampaignMinutes,
  type LanguageMinute,
} from '../repositories/crisis-signal.repository.ts';
import { raiseAlert } from './alerts.service.ts';
import { switchCircuitBreaker } from './circuit-breaker.service.ts';
import {
  DEFAULT_PLAYBOOK,
  holdingStatementDraft,
  incidentAlertSummary,
  incidentTitles,
} from './crisis-texts.ts';
import type { PlaybookStep } from '@ombud/contract';

export const POINT_MS = 5 * 60_000;
/** Posts may arrive this late (event time) and still be seen by the monitors. */
export const LATENESS_MS = 5 * 60_000;
/** A new language episode joins an open incident whose last signal is at most this old… */
export const JOIN_WINDOW_MS = 24 * 3_600_000;
/** …when their story profiles (crisis categories, hashtags, links) are at least this similar. */
export const JOIN_SIMILARITY = 0.3;
const TOP_POSTS = 10;
/** Driving posts are looked for from this long before the episode's first alerting point. */
const DRIVER_LOOKBACK_MS = 60 * 60_000;

/** What the monitor row keeps between runs (monitor state plus the incident of the current episode). */
interface StoredMonitor {
  monitor: LanguageMonitorState;
  incidentId: string | null;
  episodeOpenedAt: number | null;
}

export interface EngineRunResult {
  campaignId: string;
  pointsProcessed: number;
  opened: string[];
  joined: string[];
  escalated: string[];
}

/**
 * Feeds every closed 5-minute point of a campaign to its per-language monitors and turns their
 * alerts into incidents: open, join (same story in another language), escalate, trip the circuit
 * breaker. Points close on event time (the newest counted post minus `LATENESS_MS`), so a backfill
 * and a live stream behave the same. Runs under a lock on the campaign's clock row: one run per
 * campaign at a time, and a repeated run finds nothing new to do.
 */
export async function runCrisisEngine(
  db: Kysely<Database>,
  campaignId: string,
  now: Date,
): Promise<EngineRunResult> {
  return db.transaction().execute(async (trx) => {
    const result: EngineRunResult = { campaignId, pointsProcessed: 0, opened: [], joined: [], escalated: [] };
    // Most runs find no point to close (in a live stream one closes every five minutes). They look
    // without locking the clock: a lock taken here would be held until the job commits, and every
    // job of the campaign would queue behind it.
    const seen = await trx
      .selectFrom('crisis_clock')
      .select(['workspace_id', 'processed_until'])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    if (!seen) return result;
    const counted = await countedMinutes(trx, campaignId);
    if (counted === null) return result;
    let closeUntil = Math.floor((counted.last.getTime() - LATENESS_MS) / POINT_MS) * POINT_MS;
    const openFrom =
      seen.processed_until?.getTime() ?? Math.floor(counted.first.getTime() / POINT_MS) * POINT_MS;
    if (openFrom >= closeUntil) return result;
    // A point also waits for posts that are stored but not yet analysed and counted (another job
    // may hold them, or ran out of order): the monitors must never see a half-filled point. Not for
    // a post whose job failed too often and was set aside (`ombud_jobs_failed`): nothing will count
    // it, and waiting for it would stop crisis detection for the campaign.
    const pending = await trx
      .selectFrom('post as p')
      .innerJoin('post_campaign as pc', (join) =>
        join.onRef('pc.post_id', '=', 'p.id').on('pc.campaign_id', '=', campaignId),
      )
      .select(sql<Date | null>`min(p.created_at)`.as('first'))
      .where('p.workspace_id', '=', seen.workspace_id)
      .where('p.created_at', '>=', seen.processed_until ?? new Date(0))
      // Posts after the points that would close cannot hold them back.
      .where('p.created_at', '<', new Date(closeUntil))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('job as j')
              .select('j.id')
              .where('j.status', '=', 'failed')
              .where('j.name', '=', 'post.ingested')
              .where(sql<boolean>`j.payload->'postIds' @> jsonb_build_array(p.id::text)`),
          ),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('signal_post as s')
              .select('s.post_id')
              .whereRef('s.post_id', '=', 'p.id')
              .where('s.campaign_id', '=', campaignId),
          ),
        ),
      )
      .executeTakeFirst();
    if (pending?.first) {
      closeUntil = Math.min(closeUntil, Math.floor(new Date(pending.first).getTime() / POINT_MS) * POINT_MS);
    }
    if (openFrom >= closeUntil) return result;
    // A point is due: one run at a time closes it, and a run that waited here finds it done.
    const clock = await trx
      .selectFrom('crisis_clock')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .forUpdate()
      .executeTakeFirst();
    if (!clock) return result;
    if (clock.processed_until && clock.processed_until.getTime() >= closeUntil) return result;

    const campaign = await trx
      .selectFrom('campaign')
      .select(['id', 'workspace_id', 'name'])
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const settings = await loadSettings(trx, campaignId);
    const monitors = await trx
      .selectFrom('crisis_monitor')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .execute();
    const firsts = await firstMinuteByLanguage(trx, campaignId, new Date(closeUntil));
    const config = defaultLanguageMonitorConfig({ openAt: settings.openAt });

    const starts = new Map<string, number>();
    for (const [language, first] of firsts) {
      if (language === 'und') continue;
      starts.set(language, Math.floor(first.getTime() / POINT_MS) * POINT_MS);
    }
    for (const m of monitors) starts.set(m.language, m.processed_until.getTime());
    const from = Math.min(...starts.values());
    if (!Number.isFinite(from) || from >= closeUntil) return result;
    const minutes = await loadCampaignMinutes(trx, campaignId, new Date(from), new Date(closeUntil));
    const byLanguage = new Map<string, LanguageMinute[]>();
    for (const m of minutes) {
      const list = byLanguage.get(m.language) ?? [];
      list.push(m);
      byLanguage.set(m.language, list);
    }

    interface LanguageRun {
      language: string;
      start: number;
      monitor: ReturnType<typeof createLanguageCrisisMonitor>;
      incidentId: string | null;
      episodeOpenedAt: number | null;
      criticalSince: number | null;
      level: string;
      points: Map<number, { posts: number; negative: number; risk: number }>;
    }
    const runs: LanguageRun[] = [];
    for (const [language, start] of [...starts.entries()].sort()) {
      if (start >= closeUntil) continue;
      const row = monitors.find((m) => m.language === language);
      const stored = row ? (row.state as unknown as StoredMonitor) : null;
      const points = new Map<number, { posts: number; negative: number; risk: number }>();
      for (const m of byLanguage.get(language) ?? []) {
        const t = Math.floor(m.minute.getTime() / POINT_MS) * POINT_MS;
        if (t < start) continue;
        const p = points.get(t) ?? { posts: 0, negative: 0, risk: 0 };
        p.posts += m.posts;
        p.negative += m.negative;
        p.risk += m.risk;
        points.set(t, p);
      }
      runs.push({
        language,
        start,
        monitor: createLanguageCrisisMonitor(config, stored?.monitor),
        incidentId: stored?.incidentId ?? null,
        episodeOpenedAt: stored?.episodeOpenedAt ?? null,
        criticalSince: row?.critical_since?.getTime() ?? null,
        level: row?.level ?? 'normal',
        points,
      });
    }

    // Time is the outer loop, so languages are seen in the order things happened: the language
    // where a story starts opens the incident and the others join it.
    for (let t = Math.min(...runs.map((r) => r.start)); t < closeUntil; t += POINT_MS) {
      for (const run of runs) {
        if (t < run.start) continue;
        const { language } = run;
        const p = run.points.get(t) ?? { posts: 0, negative: 0, risk: 0 };
        const reading = run.monitor.update({ time: t, ...p });
        result.pointsProcessed++;
        const pointEnd = new Date(t + POINT_MS);
        if (!reading.episode) {
          run.incidentId = null;
          run.episodeOpenedAt = null;
        }
        if (reading.alert && reading.episode) {
          run.episodeOpenedAt = reading.episode.openedAt;
          const outcome = await openOrJoin(trx, {
            campaign,
            language,
            reading,
            at: pointEnd,
            episodeStart: new Date(reading.episode.openedAt),
            playbook: settings.playbook,
            now,
          });
          run.incidentId = outcome.incidentId;
          (outcome.joined ? result.joined : result.opened).push(outcome.incidentId);
        } else if (run.incidentId && reading.level !== run.level) {
          await recordSignal(trx, run.incidentId, language, reading, pointEnd);
          if (severityRank(reading.level) >= severityRank('warning')) {
            const escalated = await escalate(trx, run.incidentId, campaign, language, reading, pointEnd, now);
            if (escalated) result.escalated.push(run.incidentId);
          }
        }
        if (run.incidentId && severityRank(reading.level) >= severityRank('warning')) {
          await trx
            .updateTable('incident')
            .set({ last_signal_at: sql`GREATEST(last_signal_at, ${pointEnd})` })
            .where('id', '=', run.incidentId)
            .execute();
        }
        run.level = reading.level;
        run.criticalSince = reading.level === 'critical' ? (run.criticalSince ?? t) : null;
        if (
          run.incidentId &&
          run.criticalSince !== null &&
          t + POINT_MS - run.criticalSince >= settings.breakerPersistMinutes * 60_000 &&
          (settings.breakerPausePublishing || settings.breakerPreModeration)
        ) {
          await tripBreaker(trx, campaign, run.incidentId, settings, language, pointEnd);
        }
      }
    }
    for (const run of runs) {
      const state: StoredMonitor = {
        monitor: run.monitor.snapshot(),
        incidentId: run.incidentId,
        episodeOpenedAt: run.episodeOpenedAt,
      };
      const values = {
        state: JSON.stringify(state),
        level: run.level,
        critical_since: run.criticalSince === null ? null : new Date(run.criticalSince),
        processed_until: new Date(closeUntil),
      };
      await trx
        .insertInto('crisis_monitor')
        .values({
          campaign_id: campaignId,
          language: run.language,
          workspace_id: campaign.workspace_id,
          ...values,
        })
        .onConflict((c) => c.columns(['campaign_id', 'language']).doUpdateSet(values))
        .execute();
    }
    await trx
      .updateTable('crisis_clock')
      .set({ processed_until: new Date(closeUntil) })
      .where('campaign_id', '=', campaignId)
      .execute();
    return result;
  });
}

/**
 * The oldest and newest minutes the campaign's signal buckets count (this job's own counts
 * included): points close on the newest. Read from the buckets rather than kept on the clock row,
 * which every job would otherwise update and hold locked until it commits.
 */
async function countedMinutes(
  trx: Transaction<Database>,
  campaignId: string,
): Promise<{ first: Date; last: Date } | null> {
  const row = await trx
    .selectFrom('signal_bucket')
    .select([sql<Date | null>`min(minute)`.as('first'), sql<Date | null>`max(minute)`.as('last')])
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return row?.first && row.last ? { first: new Date(row.first), last: new Date(row.last) } : null;
}

export interface CrisisSettingValues {
  openAt: Severity;
  breakerPausePublishing: boolean;
  breakerPreModeration: boolean;
  breakerPersistMinutes: number;
  playbook: PlaybookStep[] | null;
}

export async function loadSettings(db: Kysely<Database>, campaignId: string): Promise<CrisisSettingValues> {
  const row = await db
    .selectFrom('crisis_setting')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return {
    openAt: row?.open_at ?? 'warning',
    breakerPausePublishing: row?.breaker_pause_publishing ?? false,
    breakerPreModeration: row?.breaker_pre_moderation ?? false,
    breakerPersistMinutes: row?.breaker_persist_minutes ?? 15,
    playbook: (row?.playbook as PlaybookStep[] | null | undefined) ?? null,
  };
}

interface CampaignRef {
  id: string;
  workspace_id: string;
  name: string;
}

interface DriverPost {
  postId: string;
  score: number;
  reasons: string[];
  market: string | null;
}

/**
 * The posts behind a language episode, ranked by reach: those using crisis vocabulary when that
 * drove the alert, else the negative ones, else all; never the campaign's own accounts.
 */
async function driversOf(
  trx: Transaction<Database>,
  campaignId: string,
  language: string,
  from: Date,
  to: Date,
  rules: readonly string[],
): Promise<{ top: DriverPost[]; story: StoryProfile; markets: string[] }> {
  // The campaign's own accounts answer a crisis; they do not drive it.
  const campaign = await trx
    .selectFrom('campaign')
    .select('handles')
    .where('id', '=', campaignId)
    .executeTakeFirst();
  const own = (campaign?.handles ?? []).map((h) => h.replace(/^@/, '').toLowerCase());
  const byRisk = rules.includes('risk-volume-spike');
  const byNegative = !byRisk && rules.some((r) => r.startsWith('negative'));
  let query = trx
    .selectFrom('signal_post as s')
    .innerJoin('post as p', 'p.id', 's.post_id')
    .innerJoin('author as a', 'a.id', 'p.author_id')
    .select([
      's.post_id',
      's.sentiment',
      's.risk',
      's.risk_categories',
      's.engagement',
      'p.text',
      'p.market',
      'a.followers',
    ])
    .where('s.campaign_id', '=', campaignId)
    .where('s.language', '=', language)
    .where('s.minute', '>=', from)
    .where('s.minute', '<', to);
  if (own.length > 0) query = query.where(sql<string>`lower(a.handle)`, 'not in', own);
  if (byRisk) query = query.where('s.risk', '=', true);
  else if (byNegative) query = query.where('s.sentiment', '=', 'negative');
  const rows = await query.execute();
  // The text is read to find hashtags and links for the story profile; it is not stored.
  const story = storyProfile(
    rows.map((r) => {
      const tokens = tokenize(r.text).tokens;
      return {
        riskCategories: r.risk_categories,
        hashtags: tokens.filter((t) => t.kind === 'hashtag').map((t) => t.norm),
        links: tokens.filter((t) => t.kind === 'url').map((t) => t.raw.toLowerCase()),
      };
    }),
  );
  const scored = rows.map((r) => ({
    postId: String(r.post_id),
    score: Math.log1p(r.engagement) + Math.log1p(r.followers ?? 0) / 2 + (r.risk ? 1 : 0),
    reasons: [
      ...(r.risk ? r.risk_categories.map((c) => `risk:${c}`) : []),
      ...(r.sentiment === 'negative' ? ['negative'] : []),
    ],
    market: r.market,
  }));
  scored.sort((a, b) => b.score - a.score || a.postId.localeCompare(b.postId));
  const markets = [...new Set(rows.map((r) => r.market).filter((m): m is string => m !== null))].sort();
  return { top: scored.slice(0, TOP_POSTS), story, markets };
}

function evidenceOf(reading: MonitorReading, language: string, at: Date): Record<string, unknown> {
  return {
    at: at.toISOString(),
    language,
    level: reading.level,
    drivers: reading.drivers,
    signals: reading.drivers.map((rule) => {
      const s = reading.signals[rule];
      return s
        ? {
            rule,
            level: s.level,
            baseline: round(s.evidence.baseline),
            observed: round(s.evidence.observed),
            deviation: round(s.evidence.deviation),
            view: s.evidence.view,
            reason: s.evidence.reason,
          }
        : { rule };
    }),
  };
}

function round(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null;
}

function topCategories(story: StoryProfile): string[] {
  return Object.entries(story)
    .filter(([k]) => k.startsWith('risk:'))
    .sort((a, b) => b[1] - a[1])
    .map(([k]) => k.slice(5));
}

function mergeStory(a: StoryProfile, b: StoryProfile): StoryProfile {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

async function openOrJoin(
  trx: Transaction<Database>,
  input: {
    campaign: CampaignRef;
    language: string;
    reading: MonitorReading;
    at: Date;
    episodeStart: Date;
    playbook: PlaybookStep[] | null;
    now: Date;
  },
): Promise<{ incidentId: string; joined: boolean }> {
  const { campaign, language, reading, at } = input;
  const severity = reading.level as Severity;
  const drivers = await driversOf(
    trx,
    campaign.id,
    language,
    new Date(input.episodeStart.getTime() - DRIVER_LOOKBACK_MS),
    at,
    reading.drivers,
  );
  const evidence = evidenceOf(reading, language, at);
  const reason = (evidence['signals'] as { reason?: string }[])[0]?.reason ?? reading.drivers.join(', ');

  // Join rule: an unresolved incident of the campaign with a signal in the last 24 h that already
  // covers this language, or whose story (crisis categories, hashtags, links) is similar enough.
  const candidates = await trx
    .selectFrom('incident')
    .select(['id', 'languages', 'story', 'severity', 'markets'])
    .where('campaign_id', '=', campaign.id)
    .where('status', '<>', 'resolved')
    .where('last_signal_at', '>=', new Date(at.getTime() - JOIN_WINDOW_MS))
    .orderBy('detected_at')
    .execute();
  let best: {
    id: string;
    similarity: number;
    sameLanguage: boolean;
    row: (typeof candidates)[number];
  } | null = null;
  for (const c of candidates) {
    const sameLanguage = c.languages.includes(language);
    const similarity = storySimilarity(drivers.story, c.story);
    if (!sameLanguage && similarity < JOIN_SIMILARITY) continue;
    const rank = (sameLanguage ? 1 : 0) + similarity;
    if (!best || rank > (best.sameLanguage ? 1 : 0) + best.similarity)
      best = { id: c.id, similarity, sameLanguage, row: c };
  }

  if (best) {
    const row = best.row;
    const languages = row.languages.includes(language) ? row.languages : [...row.languages, language];
    const newSeverity = severityRank(severity) > severityRank(row.severity) ? severity : row.severity;
    await trx
      .updateTable('incident')
      .set({
        languages,
        markets: [...new Set([...row.markets, ...drivers.markets])].sort(),
        story: JSON.stringify(mergeStory(row.story, drivers.story)),
        severity: newSeverity,
        evidence: sql`evidence || ${JSON.stringify([evidence])}::jsonb`,
        last_signal_at: sql`GREATEST(last_signal_at, ${at})`,
      })
      .where('id', '=', row.id)
      .execute();
    await addEpisode(
      trx,
      row.id,
      language,
      at,
      input.episodeStart,
      severity,
      best.sameLanguage ? 'same-language' : 'story',
    );
    await addPosts(trx, row.id, language, drivers.top);
    await addEvent(
      trx,
      row.id,
      at,
      best.sameLanguage ? 'episode_joined' : 'language_joined',
      language,
      severity,
      {
        similarity: Math.round(best.similarity * 1000) / 1000,
        shared: sharedStoryFeatures(drivers.story, row.story),
        evidence,
      },
    );
    await ensureStatement(trx, row.id, language, campaign.name);
    if (!best.sameLanguage || severityRank(newSeverity) > severityRank(row.severity)) {
      await alertFor(trx, campaign, row.id, {
        event: best.sameLanguage ? 'escalated' : 'spread',
        severity: newSeverity,
        languages,
        reason,
        dedupeKey: best.sameLanguage
          ? `incident:${row.id}:severity:${newSeverity}`
          : `incident:${row.id}:language:${language}`,
        at,
        now: input.now,
      });
    }
    return { incidentId: row.id, joined: true };
  }

  const rule = reading.drivers[0] ?? 'volume-spike';
  const titles = incidentTitles({
    campaignName: campaign.name,
    rule,
    languages: [language],
    categories: topCategories(drivers.story),
  });
  const incident = await trx
    .insertInto('incident')
    .values({
      workspace_id: campaign.workspace_id,
      campaign_id: campaign.id,
      title: titles.en,
      severity,
      languages: [language],
      markets: drivers.markets,
      story: JSON.stringify(drivers.story),
      evidence: JSON.stringify([evidence]),
      started_at: input.episodeStart,
      detected_at: at,
      last_signal_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addEpisode(trx, incident.id, language, at, input.episodeStart, severity, 'opened');
  await addPosts(trx, incident.id, language, drivers.top);
  await addEvent(trx, incident.id, at, 'opened', language, severity, { titles, evidence });
  const steps = input.playbook ?? DEFAULT_PLAYBOOK;
  await trx
    .insertInto('incident_step')
    .values(
      steps.map((step, position) => ({
        incident_id: incident.id,
        step_key: step.key,
        position,
        title: JSON.stringify(step.title),
      })),
    )
    .execute();
  await ensureStatement(trx, incident.id, language, campaign.name);
  await alertFor(trx, campaign, incident.id, {
    event: 'opened',
    severity,
    languages: [language],
    reason,
    dedupeKey: `incident:${incident.id}:opened`,
    title: titles.en,
    localTitles: titles,
    at,
    now: input.now,
  });
  return { incidentId: incident.id, joined: false };
}

async function escalate(
  trx: Transaction<Database>,
  incidentId: string,
  campaign: CampaignRef,
  language: string,
  reading: MonitorReading,
  at: Date,
  now: Date,
): Promise<boolean> {
  const row = await trx
    .selectFrom('incident')
    .select(['severity', 'languages', 'status'])
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  if (row.status === 'resolved' || severityRank(reading.level) <= severityRank(row.severity)) return false;
  const severity = reading.level as Severity;
  const evidence = evidenceOf(reading, language, at);
  await trx
    .updateTable('incident')
    .set({ severity, evidence: sql`evidence || ${JSON.stringify([evidence])}::jsonb` })
    .where('id', '=', incidentId)
    .execute();
  await trx
    .updateTable('incident_language')
    .set({ peak: severity })
    .where('incident_id', '=', incidentId)
    .where('language', '=', language)
    .execute();
  const episode = await trx
    .selectFrom('incident_language')
    .select(sql<Date>`max(episode_started_at)`.as('start'))
    .where('incident_id', '=', incidentId)
    .where('language', '=', language)
    .executeTakeFirst();
  if (episode?.start) {
    const drivers = await driversOf(
      trx,
      campaign.id,
      language,
      new Date(new Date(episode.start).getTime() - DRIVER_LOOKBACK_MS),
      at,
      reading.drivers,
    );
    await addPosts(trx, incidentId, language, drivers.top);
  }
  await addEvent(trx, incidentId, at, 'escalated', language, severity, { from: row.severity, evidence });
  await alertFor(trx, campaign, incidentId, {
    event: 'escalated',
    severity,
    languages: row.languages,
    reason: (evidence['signals'] as { reason?: string }[])[0]?.reason ?? reading.drivers.join(', '),
    dedupeKey: `incident:${incidentId}:severity:${severity}`,
    at,
    now,
  });
  return true;
}

async function recordSignal(
  trx: Transaction<Database>,
  incidentId: string,
  language: string,
  reading: MonitorReading,
  at: Date,
): Promise<void> {
  await addEvent(trx, incidentId, at, 'signal', language, reading.level === 'normal' ? null : reading.level, {
    level: reading.level,
    evidence: evidenceOf(reading, language, at),
  });
}

async function tripBreaker(
  trx: Transaction<Database>,
  campaign: CampaignRef,
  incidentId: string,
  settings: CrisisSettingValues,
  language: string,
  at: Date,
): Promise<void> {
  const current = await trx
    .selectFrom('circuit_breaker')
    .selectAll()
    .where('campaign_id', '=', campaign.id)
    .executeTakeFirst();
  const wantPause = settings.breakerPausePublishing && !current?.publishing_paused;
  const wantPre = settings.breakerPreModeration && !current?.pre_moderation;
  // Only the first trip of an incident is automatic; a person who switched it back off decides.
  const already = await trx
    .selectFrom('circuit_breaker_switch')
    .select('id')
    .where('incident_id', '=', incidentId)
    .where('actor_id', 'is', null)
    .executeTakeFirst();
  if ((!wantPause && !wantPre) || already) return;
  await switchCircuitBreaker(trx, {
    workspaceId: campaign.workspace_id,
    campaignId: campaign.id,
    incidentId,
    actorId: null,
    ...(wantPause ? { publishingPaused: true } : {}),
    ...(wantPre ? { preModeration: true } : {}),
    reason: `critical incident persisted ${settings.breakerPersistMinutes} min (${language})`,
    reasonCode: 'breaker.persisted',
    reasonParams: { minutes: settings.breakerPersistMinutes, language },
    at,
  });
}

async function addEpisode(
  trx: Transaction<Database>,
  incidentId: string,
  language: string,
  at: Date,
  episodeStart: Date,
  peak: Severity,
  joinedBy: string,
): Promise<void> {
  await trx
    .insertInto('incident_language')
    .values({
      incident_id: incidentId,
      language,
      detected_at: at,
      episode_started_at: episodeStart,
      peak,
      joined_by: joinedBy,
    })
    .onConflict((c) => c.columns(['incident_id', 'language', 'episode_started_at']).doNothing())
    .execute();
}

async function addPosts(
  trx: Transaction<Database>,
  incidentId: string,
  language: string,
  posts: DriverPost[],
): Promise<void> {
  if (posts.length === 0) return;
  await trx
    .insertInto('incident_post')
    .values(
      posts.map((p) => ({
        incident_id: incidentId,
        post_id: p.postId,
        language,
        score: Math.round(p.score * 1000) / 1000,
        reasons: p.reasons,
      })),
    )
    .onConflict((c) => c.columns(['incident_id', 'post_id']).doNothing())
    .execute();
}

export async function addEvent(
  db: Kysely<Database>,
  incidentId: string,
  at: Date,
  kind: string,
  language: string | null,
  severity: string | null,
  data: Record<string, unknown>,
  actorId: string | null = null,
): Promise<void> {
  await db
    .insertInto('incident_event')
    .values({
      incident_id: incidentId,
      at,
      kind,
      actor_id: actorId,
      language,
      severity,
      data: JSON.stringify(data),
    })
    .execute();
}

async function ensureStatement(
  trx: Transaction<Database>,
  incidentId: string,
  language: string,
  campaignName: string,
): Promise<void> {
  await trx
    .insertInto('holding_statement')
    .values({
      incident_id: incidentId,
      language,
      text: holdingStatementDraft(language, campaignName),
      updated_at: new Date(),
    })
    .onConflict((c) => c.columns(['incident_id', 'language']).doNothing())
    .execute();
}

async function alertFor(
  trx: Transaction<Database>,
  campaign: CampaignRef,
  incidentId: string,
  input: {
    event: 'opened' | 'escalated' | 'spread';
    severity: Severity;
    languages: readonly string[];
    reason: string;
    dedupeKey: string;
    title?: string;
    /** The title in each UI language, when there is one per language. */
    localTitles?: Readonly<Record<'en' | 'es' | 'sv', string>>;
    /** Event time of the signal (simulated time in a replay); `now` is the wall clock. */
    at?: Date;
    now: Date;
  },
): Promise<void> {
  const summary = incidentAlertSummary('en', input);
  const { alertId } = await raiseAlert(
    trx,
    {
      workspaceId: campaign.workspace_id,
      campaignId: campaign.id,
      incidentId,
      kind: `incident.${input.event}`,
      severity: input.severity,
      title: input.title ?? `${campaign.name}: ${summary.split(':')[0]}`,
      summary,
      dedupeKey: input.dedupeKey,
      // Channels in Spanish or Swedish get the alert in their language.
      texts: Object.fromEntries(
        (['es', 'sv'] as const).map((locale) => {
          const localSummary = incidentAlertSummary(locale, input);
          return [
            locale,
            {
              title: input.title ?? `${campaign.name}: ${localSummary.split(':')[0]}`,
              summary: localSummary,
            },
          ];
        }),
      ),
    },
    input.now,
  );
  await addEvent(trx, incidentId, input.at ?? input.now, 'alert_raised', null, input.severity, {
    alertId,
    kind: `incident.${input.event}`,
    summaries: { en: summary, es: incidentAlertSummary('es', input), sv: incidentAlertSummary('sv', input) },
  });
}
