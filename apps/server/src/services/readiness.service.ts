import { sql, type Kysely } from 'kysely';
import type {
  Campaign,
  ReadinessAssessmentResponse,
  ReadinessDecision,
  ReadinessDecisionInput,
  ReadinessPlan,
} from '@ombud/contract';
import {
  QUESTION_IDS,
  QUESTION_TEXTS,
  RISK_TEXTS,
  applyCrisisScenario,
  assessReadiness,
  checkCapacity,
  createSeededRandom,
  describeFinding,
  findCoverageGaps,
  forecastFromCampaign,
  forecastFromHistory,
  poolsFromStaffingPlan,
  staffingPlan,
  type AgentPool,
  type CheckAnswer,
  type Finding,
  type MarketAudience,
  type ReadinessLocale,
  type VolumeForecast,
} from '@ombud/core';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findCampaign } from '../repositories/campaign.repository.ts';
import {
  findReadinessPlan,
  insertReadinessDecision,
  listReadinessDecisions,
} from '../repositories/readiness.repository.ts';
import {
  checkAdvocateBrief,
  checkAgentLanguages,
  checkAlertChannel,
  checkBannedClaims,
  checkBrandBrief,
  checkCompetitorListening,
  checkCompetitors,
  checkConsentText,
  checkDisclosures,
  checkFactSheet,
  checkHoldingStatements,
  checkKeyMessages,
  checkPlaybook,
  checkRedactionPolicy,
  checkReplyTemplates,
  checkSlaPolicy,
  loadAgents,
  loadSlaPolicies,
  type AgentRow,
  type EvidenceContext,
} from './readiness-evidence.ts';

const HOUR_MS = 3_600_000;
const DEFAULT_DURATION_HOURS = 14 * 24;
const DEFAULT_REACH = 100_000;
const DEFAULT_AHT_SECONDS = 300;
const DEFAULT_TARGET_SECONDS = 3600;
const DEFAULT_NEGATIVE_SHARE = 0.15;
const SIMULATION_RUNS = 10;
const SIMULATION_SEED = 20261123;
/** Intents that make a post an inbox item a person must answer. */
const NEEDS_REPLY_INTENTS = ['complaint', 'question', 'request_for_help', 'churn_threat'];

/** Where a market's posts come from when the plan does not say: main language and UTC offset (standard time). */
const MARKET_DEFAULTS: Readonly<Record<string, { language: string; utcOffsetHours: number }>> = {
  US: { language: 'en', utcOffsetHours: -5 },
  CA: { language: 'en', utcOffsetHours: -5 },
  GB: { language: 'en', utcOffsetHours: 0 },
  IE: { language: 'en', utcOffsetHours: 0 },
  AU: { language: 'en', utcOffsetHours: 10 },
  NZ: { language: 'en', utcOffsetHours: 12 },
  ES: { language: 'es', utcOffsetHours: 1 },
  MX: { language: 'es', utcOffsetHours: -6 },
  AR: { language: 'es', utcOffsetHours: -3 },
  CO: { language: 'es', utcOffsetHours: -5 },
  CL: { language: 'es', utcOffsetHours: -4 },
  PE: { language: 'es', utcOffsetHours: -5 },
  SE: { language: 'sv', utcOffsetHours: 1 },
  FI: { language: 'fi', utcOffsetHours: 2 },
  NO: { language: 'no', utcOffsetHours: 1 },
  DK: { language: 'da', utcOffsetHours: 1 },
  DE: { language: 'de', utcOffsetHours: 1 },
  FR: { language: 'fr', utcOffsetHours: 1 },
  IT: { language: 'it', utcOffsetHours: 1 },
  PT: { language: 'pt', utcOffsetHours: 0 },
  BR: { language: 'pt', utcOffsetHours: -3 },
};

export interface ReadinessOptions {
  readonly now: Date;
  readonly locale: ReadinessLocale;
}

/** Past posts of a campaign per hour and language, with how many needed an answer. */
interface PostHistory {
  readonly campaignName: string;
  readonly posts: number;
  readonly hours: number;
  readonly needsReplyShare: number;
  readonly negativeShare: number | null;
  readonly perHour: Record<string, number>[];
}

async function loadPostHistory(
  db: Kysely<Database>,
  workspaceId: string,
  campaign: Campaign,
  fallbackReplyRate: number,
  maxHours: number,
): Promise<PostHistory | undefined> {
  // This campaign's own posts when it is running; otherwise the most recent campaign with posts.
  const source = await sql<{ id: string; name: string; first: Date }>`
    SELECT c.id, c.name, min(p.created_at) AS first
    FROM campaign c
    JOIN post_campaign pc ON pc.campaign_id = c.id
    JOIN post p ON p.id = pc.post_id
    WHERE c.workspace_id = ${workspaceId}
    GROUP BY c.id, c.name
    ORDER BY (c.id = ${campaign.id}) DESC, max(p.created_at) DESC
    LIMIT 1`.execute(db);
  const chosen = source.rows[0];
  if (!chosen) return undefined;
  const first = new Date(chosen.first);
  const rows = await sql<{
    hour: number;
    language: string;
    posts: number;
    analysed: number;
    needs_reply: number;
    negative: number;
  }>`
    SELECT floor(extract(epoch FROM p.created_at - ${first}::timestamptz) / 3600)::int AS hour,
           coalesce(a.language, p.language, 'und') AS language,
           count(*)::int AS posts,
           count(a.post_id)::int AS analysed,
           count(*) FILTER (WHERE a.sentiment = 'negative'
             OR a.intents && ${NEEDS_REPLY_INTENTS}::text[])::int
             AS needs_reply,
           count(*) FILTER (WHERE a.sentiment = 'negative')::int AS negative
    FROM post p JOIN post_campaign pc ON pc.post_id = p.id
    LEFT JOIN post_analysis a ON a.post_id = p.id
    WHERE pc.campaign_id = ${chosen.id} AND p.workspace_id = ${workspaceId}
      AND p.created_at < ${new Date(first.getTime() + maxHours * HOUR_MS)}::timestamptz
    GROUP BY 1, 2`.execute(db);
  const totals = rows.rows.reduce(
    (sum, row) => ({
      posts: sum.posts + row.posts,
      analysed: sum.analysed + row.analysed,
      needs: sum.needs + row.needs_reply,
      negative: sum.negative + row.negative,
    }),
    { posts: 0, analysed: 0, needs: 0, negative: 0 },
  );
  const share = totals.analysed > 0 ? totals.needs / totals.analysed : fallbackReplyRate;
  const hours = rows.rows.reduce((max, row) => Math.max(max, row.hour + 1), 0);
  const perHour: Record<string, number>[] = Array.from({ length: hours }, () => ({}));
  const languages = new Set(campaign.languages);
  let matching = 0;
  for (const row of rows.rows) {
    // Only the campaign's languages are staffed; posts of other or undetermined languages are left out.
    if (!languages.has(row.language)) continue;
    matching += row.posts;
    const items = row.needs_reply + (row.posts - row.analysed) * share;
    const bucket = perHour[row.hour]!;
    bucket[row.language] = (bucket[row.language] ?? 0) + items;
  }
  for (const bucket of perHour) for (const language of campaign.languages) bucket[language] ??= 0;
  return {
    campaignName: chosen.name,
    posts: matching,
    hours,
    needsReplyShare: share,
    negativeShare: totals.analysed > 0 ? totals.negative / totals.analysed : null,
    perHour,
  };
}

function defaultMarkets(campaign: Campaign): MarketAudience[] {
  const languages = campaign.languages.length > 0 ? campaign.languages : ['en'];
  if (campaign.markets.length === 0) {
    return languages.map((language) => ({
      market: language.toUpperCase(),
      language,
      reach: DEFAULT_REACH,
      utcOffsetHours: 0,
    }));
  }
  return campaign.markets.map((market) => {
    const known = MARKET_DEFAULTS[market];
    const language = known && languages.includes(known.language) ? known.language : languages[0]!;
    return { market, language, reach: DEFAULT_REACH, utcOffsetHours: known?.utcOffsetHours ?? 0 };
  });
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Agents on duty (0/1) in each forecast hour, from weekly hours in the agent's own time zone. */
export function agentOnDuty(agent: AgentRow, launchAt: Date, hours: number): number[] {
  if (agent.working_hours === null) return Array.from({ length: hours }, () => 1);
  const formatIn = (timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  let format: Intl.DateTimeFormat;
  try {
    format = formatIn(agent.time_zone);
  } catch {
    // The inbox validates zones on input; a zone this runtime does not know falls back to UTC.
    format = formatIn('UTC');
  }
  return Array.from({ length: hours }, (_, hour) => {
    // The middle of the hour decides: an agent who works 09:00–17:00 covers the hours 09 … 16.
    const parts = format.formatToParts(new Date(launchAt.getTime() + hour * HOUR_MS + HOUR_MS / 2));
    const weekday =
      parts
        .find((p) => p.type === 'weekday')
        ?.value.toLowerCase()
        .slice(0, 3) ?? '';
    const clock = `${parts.find((p) => p.type === 'hour')?.value}:${parts.find((p) => p.type === 'minute')?.value}`;
    const pad = (value: string) => value.padStart(5, '0');
    const today = agent.working_hours?.[weekday] ?? [];
    const yesterday = agent.working_hours?.[WEEKDAYS[(WEEKDAYS.indexOf(weekday) + 6) % 7] ?? ''] ?? [];
    // A window past midnight (mon 22:00–06:00) runs from Monday evening into Tuesday morning.
    const onToday = today.some((w) =>
      pad(w.start) <= pad(w.end) ? pad(w.start) <= clock && clock < pad(w.end) : clock >= pad(w.start),
    );
    const fromYesterday = yesterday.some((w) => pad(w.start) > pad(w.end) && clock < pad(w.end));
    return onToday || fromYesterday ? 1 : 0;
  });
}

function launchHourOf(plan: ReadinessPlan, campaign: Campaign, now: Date): Date {
  const raw = plan.launchAt ?? campaign.startsAt;
  const at = raw === null ? new Date(now.getTime() + HOUR_MS) : new Date(raw);
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

function durationOf(plan: ReadinessPlan, campaign: Campaign): number {
  if (plan.durationHours !== null) return plan.durationHours;
  if (campaign.startsAt !== null && campaign.endsAt !== null) {
    const hours = Math.round((Date.parse(campaign.endsAt) - Date.parse(campaign.startsAt)) / HOUR_MS);
    if (hours >= 1) return Math.min(hours, 24 * 92);
  }
  return DEFAULT_DURATION_HOURS;
}

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const round = (value: number): number => Math.round(value);

interface ForecastChoice {
  readonly forecast: VolumeForecast;
  readonly source: 'campaign' | 'history';
  readonly usesDefaults: boolean;
  readonly answer: CheckAnswer;
  readonly history: PostHistory | undefined;
}

function chooseForecast(
  plan: ReadinessPlan,
  campaign: Campaign,
  history: PostHistory | undefined,
  launchAt: Date,
  duration: number,
): ForecastChoice {
  const launchUtcHourOfDay = launchAt.getUTCHours();
  const useHistory =
    history !== undefined &&
    history.posts > 0 &&
    (plan.forecastSource === 'history' || (plan.forecastSource === 'auto' && history.hours >= 24));
  if (useHistory) {
    const forecast = forecastFromHistory({
      history: history.perHour.slice(0, duration),
      scale: plan.historyScale,
      launchUtcHourOfDay,
      smoothingHours: 3,
    });
    return {
      forecast,
      source: 'history',
      usesDefaults: false,
      history,
      answer: {
        questionId: 'forecast_parameters_set',
        status: 'pass',
        evidence: [
          {
            code: 'forecast_from_history',
            values: {
              posts: history.posts,
              hours: history.hours,
              campaign: history.campaignName,
              share: percent(history.needsReplyShare),
            },
          },
        ],
      },
    };
  }
  const usesDefaults = plan.markets.length === 0;
  const markets = usesDefaults ? defaultMarkets(campaign) : plan.markets;
  const forecast = forecastFromCampaign({
    markets: markets.map((m) => ({
      market: m.market,
      language: m.language,
      reach: m.reach,
      utcOffsetHours: m.utcOffsetHours,
      ...(m.participationRate === undefined ? {} : { participationRate: m.participationRate }),
      ...(m.replyRate === undefined ? {} : { replyRate: m.replyRate }),
    })),
    participationRate: plan.participationRate,
    replyRate: plan.replyRate,
    durationHours: duration,
    launchUtcHourOfDay,
  });
  const sum = (band: 'p10' | 'p50' | 'p90') =>
    round(Object.values(forecast.totals).reduce((total, value) => total + value[band], 0));
  const fromCampaign: Finding = {
    code: 'forecast_from_campaign',
    values: { markets: markets.length, items: sum('p50'), low: sum('p10'), high: sum('p90') },
  };
  const rate = (value: ReadinessPlan['replyRate']) =>
    typeof value === 'number' ? percent(value) : percent(value.expected);
  return {
    forecast,
    source: 'campaign',
    usesDefaults,
    history,
    answer: usesDefaults
      ? {
          questionId: 'forecast_parameters_set',
          status: 'fail',
          evidence: [
            {
              code: 'forecast_defaults',
              values: {
                reach: DEFAULT_REACH,
                participation: rate(plan.participationRate),
                reply: rate(plan.replyRate),
              },
            },
            fromCampaign,
          ],
        }
      : { questionId: 'forecast_parameters_set', status: 'pass', evidence: [fromCampaign] },
  };
}

/** Everything the readiness screen and report show, computed from the store at `now`. */
export interface ReadinessResult {
  readonly campaign: Campaign;
  readonly plan: ReadinessPlan;
  readonly response: ReadinessAssessmentResponse;
}

/**
 * Assesses a campaign's readiness: collects the evidence for every question from the workspace's
 * configuration, forecasts volume, checks capacity (Erlang C staffing, simulation of the agents'
 * schedules) and a crisis surge, scores the eight risks and reads the gate.
 */
export async function assessCampaignReadiness(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  options: ReadinessOptions,
): Promise<ReadinessResult> {
  const campaign = await findCampaign(db, workspaceId, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${campaignId} in this workspace`);
  const { plan } = await findReadinessPlan(db, workspaceId, campaignId);
  const ctx: EvidenceContext = { db, workspaceId, campaign, now: options.now };

  const answers: CheckAnswer[] = [
    checkKeyMessages(campaign),
    checkFactSheet(campaign),
    checkBannedClaims(campaign),
    await checkAdvocateBrief(ctx),
    checkDisclosures(campaign),
  ];
  const agents = await loadAgents(ctx);
  const slaPolicies = await loadSlaPolicies(ctx);
  answers.push(checkAgentLanguages(campaign, agents), checkSlaPolicy(slaPolicies));
  answers.push(
    await checkHoldingStatements(ctx),
    await checkPlaybook(ctx, plan.crisisOwnerId),
    await checkAlertChannel(ctx),
    await checkReplyTemplates(ctx),
    checkBrandBrief(campaign),
    checkCompetitors(campaign),
    await checkCompetitorListening(ctx),
    await checkRedactionPolicy(ctx),
    await checkConsentText(ctx),
  );

  // Forecast.
  const launchAt = launchHourOf(plan, campaign, options.now);
  const duration = durationOf(plan, campaign);
  const replyRate = typeof plan.replyRate === 'number' ? plan.replyRate : plan.replyRate.expected;
  const history = await loadPostHistory(db, workspaceId, campaign, replyRate, duration);
  const choice = chooseForecast(plan, campaign, history, launchAt, duration);
  const forecast = choice.forecast;
  answers.push(choice.answer);

  // Capacity: the service target, the agents' schedules, Erlang C staffing and the simulation.
  const agentRows = 'rows' in agents ? agents.rows : [];
  const normalPolicy =
    'rows' in slaPolicies ? slaPolicies.rows.find((p) => p.priority_level === 'normal') : undefined;
  const targetSeconds =
    plan.targetSeconds ?? (normalPolicy ? normalPolicy.first_response_minutes * 60 : DEFAULT_TARGET_SECONDS);
  const meanItemsPerHour =
    agentRows.length > 0 ? agentRows.reduce((sum, a) => sum + a.items_per_hour, 0) / agentRows.length : 0;
  const ahtSeconds =
    plan.ahtSeconds ?? (meanItemsPerHour > 0 ? 3600 / meanItemsPerHour : DEFAULT_AHT_SECONDS);
  const staffing = staffingPlan(forecast, {
    targetSeconds,
    serviceLevelTarget: plan.serviceLevelTarget,
    maxOccupancy: plan.maxOccupancy,
    ahtSeconds,
  });
  const hours = forecast.hours.length;
  const agentPools: AgentPool[] = agentRows
    .map((agent) => ({
      id: agent.user_id,
      languages: agent.languages.filter((language) => forecast.languages.includes(language)),
      onDuty: agentOnDuty(agent, launchAt, hours),
    }))
    .filter((pool) => pool.languages.length > 0);
  const onDutyPerHour = Array.from({ length: hours }, (_, hour) =>
    agentPools.reduce((sum, pool) => sum + ((pool.onDuty as number[])[hour] ?? 0), 0),
  );

  if ('missing' in agents) {
    answers.push({ questionId: 'agents_cover_hours', status: 'not_configured', evidence: [agents.missing] });
  } else if (agentRows.length === 0) {
    answers.push({ questionId: 'agents_cover_hours', status: 'fail', evidence: [{ code: 'agents_none' }] });
  } else {
    const coverage = findCoverageGaps(forecast, agentPools);
    answers.push({
      questionId: 'agents_cover_hours',
      status: coverage.covered ? 'pass' : 'fail',
      evidence: coverage.covered
        ? [{ code: 'coverage_ok', values: { languages: forecast.languages.join(', ') } }]
        : coverage.gaps.map((gap) => ({
            code: 'coverage_gap',
            values: {
              language: gap.language,
              hours: gap.hours.length,
              first: new Date(launchAt.getTime() + gap.hours[0]! * HOUR_MS)
                .toISOString()
                .slice(0, 16)
                .replace('T', ' '),
              items: round(gap.expectedItems),
            },
          })),
    });
  }

  const patience =
    plan.patienceMinutes === null
      ? ({ kind: 'infinite' } as const)
      : ({ kind: 'exponential', meanSeconds: plan.patienceMinutes * 60 } as const);
  const handleTime = { kind: 'exponential', meanSeconds: ahtSeconds } as const;
  const breakTarget = { serviceLevelTarget: plan.serviceLevelTarget, maxAbandonmentRate: 0.1 };
  const simulate = (volume: VolumeForecast, pools: readonly AgentPool[]) =>
    checkCapacity(
      { forecast: volume, pools, handleTime, patience, targetSeconds, drainHours: 48 },
      breakTarget,
      { random: createSeededRandom(SIMULATION_SEED), runs: SIMULATION_RUNS },
    );
  const teamHasHours = onDutyPerHour.some((n) => n > 0);
  const baseline = teamHasHours ? simulate(forecast, agentPools) : undefined;
  if ('missing' in agents) {
    answers.push({
      questionId: 'staffing_meets_target',
      status: 'not_configured',
      evidence: [agents.missing],
    });
  } else if (baseline === undefined) {
    answers.push({
      questionId: 'staffing_meets_target',
      status: 'fail',
      evidence: [{ code: 'staffing_without_agents', values: { agentsNeeded: staffing.totalAgentHours } }],
    });
  } else {
    const achieved = baseline.simulation.totals.serviceLevel;
    answers.push({
      questionId: 'staffing_meets_target',
      status: achieved !== null && achieved >= plan.serviceLevelTarget ? 'pass' : 'fail',
      evidence: [
        {
          code: 'staffing_result',
          values: {
            achieved: percent(achieved),
            seconds: round(targetSeconds),
            target: percent(plan.serviceLevelTarget),
            hoursBelow: baseline.breakingPoint.hoursBelowTarget,
            hours,
            backlog: round(baseline.simulation.totals.peakBacklog),
          },
        },
      ],
    });
  }

  // Crisis: negative volume × m for d hours from the busiest hour, against the real team when it
  // has hours, else against the Erlang C staffing (what the plan would field).
  const totalAt = (hour: number) =>
    Object.values(forecast.hours[hour]?.arrivals ?? {}).reduce((sum, band) => sum + band.p50, 0);
  let busiest = 0;
  for (let hour = 1; hour < hours; hour++) if (totalAt(hour) > totalAt(busiest)) busiest = hour;
  const startHour = Math.min(plan.crisis.startHour ?? busiest, hours - 1);
  const negativeShare = plan.crisis.negativeShare ?? history?.negativeShare ?? DEFAULT_NEGATIVE_SHARE;
  const crisisForecast = applyCrisisScenario(forecast, {
    startHour,
    durationHours: plan.crisis.durationHours,
    negativeMultiplier: plan.crisis.negativeMultiplier,
    negativeShare,
  });
  const crisisPools = teamHasHours ? agentPools : poolsFromStaffingPlan(staffing);
  const crisisBaseline = baseline ?? simulate(forecast, crisisPools);
  const crisisCheck = simulate(crisisForecast, crisisPools);
  const breaking = crisisCheck.breakingPoint;
  const crisisEvidence: Finding[] = [];
  const firstBreak = breaking.firstBreak;
  if (firstBreak?.kind === 'service-level' && breaking.firstServiceLevelMiss) {
    crisisEvidence.push({
      code: 'crisis_breaks_service_level',
      values: {
        language: breaking.firstServiceLevelMiss.language,
        hour: breaking.firstServiceLevelMiss.hour,
        value: percent(breaking.firstServiceLevelMiss.value),
      },
    });
  } else if (firstBreak?.kind === 'abandonment' && breaking.firstAbandonmentBreach) {
    crisisEvidence.push({
      code: 'crisis_breaks_abandonment',
      values: {
        language: breaking.firstAbandonmentBreach.language,
        hour: breaking.firstAbandonmentBreach.hour,
        value: percent(breaking.firstAbandonmentBreach.value),
      },
    });
  }
  const neverClears = crisisCheck.simulation.hours.find((h) => h.timeToClearSeconds === null);
  const crisisEnd = startHour + plan.crisis.durationHours;
  const longestClear = crisisCheck.simulation.hours
    .filter((h) => h.hour >= startHour && h.hour < crisisEnd + 1)
    .reduce((max, h) => Math.max(max, h.timeToClearSeconds ?? Number.POSITIVE_INFINITY), 0);
  const hoursToClear = Math.round((longestClear / 3600) * 10) / 10;
  const peakCrisisBacklog = Math.max(0, ...crisisCheck.simulation.hours.map((h) => h.backlogAtEnd));
  let crisisStatus: CheckAnswer['status'];
  if (neverClears) {
    crisisEvidence.push({
      code: 'crisis_backlog_never_clears',
      values: { hour: neverClears.hour, backlog: round(breaking.backlogAtEnd) },
    });
    crisisStatus = 'fail';
  } else if (hoursToClear > plan.crisis.maxHoursToClear) {
    crisisEvidence.push({
      code: 'crisis_backlog_slow',
      values: { backlog: round(peakCrisisBacklog), hoursToClear, limit: plan.crisis.maxHoursToClear },
    });
    crisisStatus = 'fail';
  } else {
    crisisEvidence.push({
      code: 'crisis_absorbed',
      values: { backlog: round(peakCrisisBacklog), hoursToClear },
    });
    crisisStatus = 'pass';
  }
  if (!teamHasHours) {
    // The recommended staffing shows what would break; with nobody to field it the answer is no.
    crisisEvidence.push({ code: 'crisis_without_team' });
    crisisStatus = 'fail';
  }
  answers.push({ questionId: 'crisis_scenario_absorbed', status: crisisStatus, evidence: crisisEvidence });

  const assessment = assessReadiness(answers, {
    critical: plan.critical,
  });
  const decisions = await listReadinessDecisions(db, workspaceId, campaignId);
  const locale = options.locale;
  const localize = (finding: Finding) => ({
    code: finding.code,
    ...(finding.values === undefined ? {} : { values: { ...finding.values } }),
    text: describeFinding(finding, locale),
  });
  const at = (hour: number) => new Date(launchAt.getTime() + hour * HOUR_MS).toISOString();
  const windowFrom = Math.max(0, startHour - 6);
  const windowTo = Math.min(
    crisisCheck.simulation.hours.length,
    crisisEnd + Math.ceil(plan.crisis.maxHoursToClear) + 6,
  );

  const response: ReadinessAssessmentResponse = {
    campaignId: campaign.id,
    campaignName: campaign.name,
    locale,
    assessedAt: options.now.toISOString(),
    score: assessment.score,
    gate: {
      blocked: assessment.gate.blocked,
      failingCritical: [...assessment.gate.failingCritical],
      latestDecision: decisions[0] ?? null,
    },
    risks: assessment.risks.map((risk) => ({
      ...risk,
      title: RISK_TEXTS[risk.risk].title[locale],
      explanation: RISK_TEXTS[risk.risk].explanation[locale],
    })),
    questions: assessment.questions.map((q) => ({
      id: q.id,
      risk: q.risk,
      weight: q.weight,
      critical: q.critical,
      status: q.status,
      question: QUESTION_TEXTS[q.id].question[locale],
      explanation: QUESTION_TEXTS[q.id].explanation[locale],
      fix: q.status === 'pass' ? null : QUESTION_TEXTS[q.id].fix[locale],
      evidence: q.evidence.map(localize),
      note: plan.notes[q.id] ?? null,
    })),
    openActions: assessment.openActions.map((action) => ({
      id: action.questionId,
      risk: action.risk,
      critical: action.critical,
      status: action.status,
      fix: QUESTION_TEXTS[action.questionId].fix[locale],
    })),
    forecast: {
      source: choice.source,
      usesDefaults: choice.usesDefaults,
      launchAt: launchAt.toISOString(),
      languages: [...forecast.languages],
      totals: { ...forecast.totals },
      hours: forecast.hours.map((hour) => ({
        hour: hour.hour,
        at: at(hour.hour),
        arrivals: { ...hour.arrivals },
      })),
    },
    capacity: {
      targetSeconds,
      serviceLevelTarget: plan.serviceLevelTarget,
      ahtSeconds,
      agents: agentPools.length,
      staffing: {
        peakAgents: { ...staffing.peakAgents },
        totalAgentHours: staffing.totalAgentHours,
        hours: staffing.hours.map((hour) => ({
          hour: hour.hour,
          needed: hour.totalAgents,
          onDuty: onDutyPerHour[hour.hour] ?? 0,
        })),
      },
      simulated:
        baseline === undefined
          ? null
          : {
              serviceLevel: baseline.simulation.totals.serviceLevel,
              abandonmentRate: baseline.simulation.totals.abandonmentRate,
              peakBacklog: baseline.simulation.totals.peakBacklog,
              hoursBelowTarget: baseline.breakingPoint.hoursBelowTarget,
              hours: baseline.simulation.hours.slice(0, hours).map((hour) => ({
                hour: hour.hour,
                serviceLevel: hour.serviceLevel,
                backlog: hour.backlogAtEnd,
                timeToClearSeconds: hour.timeToClearSeconds,
              })),
            },
    },
    crisis: {
      startHour,
      durationHours: plan.crisis.durationHours,
      negativeMultiplier: plan.crisis.negativeMultiplier,
      negativeShare,
      firstBreak: firstBreak === null ? null : { ...firstBreak },
      peakBacklog: peakCrisisBacklog,
      backlogAtEnd: breaking.backlogAtEnd,
      hours: crisisCheck.simulation.hours.slice(windowFrom, windowTo).map((hour) => ({
        hour: hour.hour,
        baseline: crisisBaseline.simulation.hours[hour.hour]?.backlogAtEnd ?? 0,
        crisis: hour.backlogAtEnd,
      })),
      evidence: crisisEvidence.map(localize),
    },
  };
  return { campaign, plan, response };
}

/** Question ids in questionnaire order (for validating plan overrides). */
export const READINESS_QUESTION_IDS: readonly string[] = QUESTION_IDS;

/**
 * Records a signed go/no-go decision. A `go` is refused while the gate is blocked: the failing
 * critical questions are named so the signer knows what to fix (or which gate setting to change).
 */
export async function signReadinessDecision(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  input: ReadinessDecisionInput,
  signer: { id: string | null; name: string },
  options: ReadinessOptions,
): Promise<ReadinessDecision> {
  const { response } = await assessCampaignReadiness(db, workspaceId, campaignId, options);
  if (input.decision === 'go' && response.gate.blocked) {
    throw new AppError(
      'CONFLICT',
      `launch is blocked: critical readiness questions fail (${response.gate.failingCritical.join(', ')}); ` +
        'fix them, or mark them non-critical in the readiness plan, before signing "go"',
      { failingCritical: response.gate.failingCritical },
    );
  }
  return insertReadinessDecision(db, workspaceId, campaignId, {
    ...input,
    signedBy: signer.id,
    signedByName: signer.name,
    gateBlocked: response.gate.blocked,
    failingCritical: response.gate.failingCritical,
    score: response.score,
    signedAt: options.now,
  });
}
