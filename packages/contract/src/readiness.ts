// API bodies and records for issue #10 (readiness).
import { z } from 'zod';
import { languageCodeSchema, marketCodeSchema } from './domain.ts';

export const readinessLocaleSchema = z.enum(['en', 'es', 'sv']);
export type ReadinessLocaleCode = z.infer<typeof readinessLocaleSchema>;

/** A planning figure: one number, or a range whose low/high are the 10th and 90th percentiles. */
export const readinessEstimateSchema = z.union([
  z.number().nonnegative(),
  z
    .object({ low: z.number().positive(), expected: z.number().positive(), high: z.number().positive() })
    .refine((v) => v.low <= v.expected && v.expected <= v.high, 'expected low ≤ expected ≤ high'),
]);

const rateSchema = z.union([
  z.number().min(0).max(1),
  z
    .object({
      low: z.number().positive().max(1),
      expected: z.number().positive().max(1),
      high: z.number().positive().max(1),
    })
    .refine((v) => v.low <= v.expected && v.expected <= v.high, 'expected low ≤ expected ≤ high'),
]);

export const readinessMarketSchema = z.object({
  market: marketCodeSchema,
  language: languageCodeSchema,
  /** People in this market who will see the campaign. */
  reach: readinessEstimateSchema,
  /** Local time = UTC + offset during the campaign. */
  utcOffsetHours: z.number().min(-14).max(14),
  participationRate: rateSchema.optional(),
  replyRate: rateSchema.optional(),
});

/**
 * The readiness plan of one campaign: forecast figures, service target, crisis scenario and gate
 * settings. Every field has a default, so `{}` is a valid plan (and the assessment says which
 * figures are still defaults).
 */
export const readinessPlanInputSchema = z.object({
  /** Audience per market; empty: one default market per campaign market or language. */
  markets: z.array(readinessMarketSchema).max(100).default([]),
  participationRate: rateSchema.default(0.01),
  replyRate: rateSchema.default(0.3),
  /** First hour of the forecast; null: the campaign's start (or the next full hour). */
  launchAt: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Hours to forecast; null: the campaign's length, else 14 days. */
  durationHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 92)
    .nullable()
    .default(null),
  /** `auto`: past posts in the store when there are at least a day of them, else campaign figures. */
  forecastSource: z.enum(['auto', 'campaign', 'history']).default('auto'),
  /** Multiplier from the past posts to this campaign (e.g. new reach ÷ old reach). */
  historyScale: z.number().positive().max(1000).default(1),
  /** Average handle time; null: from the agents' items per hour, else 300 s. */
  ahtSeconds: z.number().positive().max(86_400).nullable().default(null),
  /** Answer-time threshold; null: the normal-priority SLA policy's first response, else 60 min. */
  targetSeconds: z.number().positive().max(604_800).nullable().default(null),
  serviceLevelTarget: z.number().min(0.01).max(0.99).default(0.8),
  maxOccupancy: z.number().min(0.1).max(1).default(0.85),
  /** Mean patience of a waiting author before giving up; null: never gives up. */
  patienceMinutes: z.number().positive().max(100_000).nullable().default(240),
  crisis: z
    .object({
      /** Hours since launch; null: the forecast's busiest hour. */
      startHour: z.number().int().min(0).nullable().default(null),
      durationHours: z.number().int().min(1).max(168).default(6),
      negativeMultiplier: z.number().min(1).max(1000).default(10),
      /** Share of normal volume that is negative; null: measured in past posts, else 0.15. */
      negativeShare: z.number().min(0).max(1).nullable().default(null),
      /** The backlog must clear within this many hours after the surge. */
      maxHoursToClear: z.number().positive().max(720).default(24),
    })
    .prefault({}),
  /** The workspace user who owns the crisis response for this campaign. */
  crisisOwnerId: z.uuid().nullable().default(null),
  /** Per-question override of which failing questions block the launch. */
  critical: z.record(z.string(), z.boolean()).default({}),
  /** Notes on questions (shown beside the answer; never change it). */
  notes: z.record(z.string(), z.string().max(2000)).default({}),
});
export type ReadinessPlanInput = z.input<typeof readinessPlanInputSchema>;
export type ReadinessPlan = z.output<typeof readinessPlanInputSchema>;

export const readinessFindingSchema = z.object({
  code: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  text: z.string(),
});

export const readinessAnswerStatusSchema = z.enum(['pass', 'partial', 'fail', 'not_configured']);

export const readinessQuestionResultSchema = z.object({
  id: z.string(),
  risk: z.string(),
  weight: z.number(),
  critical: z.boolean(),
  status: readinessAnswerStatusSchema,
  question: z.string(),
  explanation: z.string(),
  fix: z.string().nullable(),
  evidence: z.array(readinessFindingSchema),
  note: z.string().nullable(),
});

export const readinessRiskResultSchema = z.object({
  risk: z.string(),
  title: z.string(),
  explanation: z.string(),
  score: z.number(),
  level: z.enum(['low', 'medium', 'high']),
  failing: z.number().int(),
  criticalFailing: z.number().int(),
});

export const readinessDecisionInputSchema = z.object({
  decision: z.enum(['go', 'no_go']),
  reason: z.string().trim().min(3).max(4000),
});
export type ReadinessDecisionInput = z.infer<typeof readinessDecisionInputSchema>;

export const readinessDecisionSchema = readinessDecisionInputSchema.extend({
  id: z.string(),
  campaignId: z.string(),
  signedBy: z.string().nullable(),
  signedByName: z.string(),
  gateBlocked: z.boolean(),
  failingCritical: z.array(z.string()),
  score: z.number(),
  signedAt: z.string(),
});
export type ReadinessDecision = z.infer<typeof readinessDecisionSchema>;

const bandSchema = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });

export const readinessAssessmentSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  locale: readinessLocaleSchema,
  assessedAt: z.string(),
  score: z.number(),
  gate: z.object({
    blocked: z.boolean(),
    failingCritical: z.array(z.string()),
    latestDecision: readinessDecisionSchema.nullable(),
  }),
  risks: z.array(readinessRiskResultSchema),
  questions: z.array(readinessQuestionResultSchema),
  openActions: z.array(
    z.object({
      id: z.string(),
      risk: z.string(),
      critical: z.boolean(),
      status: z.string(),
      fix: z.string(),
    }),
  ),
  forecast: z.object({
    source: z.enum(['campaign', 'history']),
    usesDefaults: z.boolean(),
    launchAt: z.string(),
    languages: z.array(z.string()),
    totals: z.record(z.string(), bandSchema),
    hours: z.array(
      z.object({ hour: z.number(), at: z.string(), arrivals: z.record(z.string(), bandSchema) }),
    ),
  }),
  capacity: z.object({
    targetSeconds: z.number(),
    serviceLevelTarget: z.number(),
    ahtSeconds: z.number(),
    agents: z.number().int(),
    staffing: z.object({
      peakAgents: z.record(z.string(), z.number()),
      totalAgentHours: z.number(),
      hours: z.array(z.object({ hour: z.number(), needed: z.number(), onDuty: z.number() })),
    }),
    simulated: z
      .object({
        serviceLevel: z.number().nullable(),
        abandonmentRate: z.number().nullable(),
        peakBacklog: z.number(),
        hoursBelowTarget: z.number().int(),
        hours: z.array(
          z.object({
            hour: z.number(),
            serviceLevel: z.number().nullable(),
            backlog: z.number(),
            timeToClearSeconds: z.number().nullable(),
          }),
        ),
      })
      .nullable(),
  }),
  crisis: z.object({
    startHour: z.number().int(),
    durationHours: z.number().int(),
    negativeMultiplier: z.number(),
    negativeShare: z.number(),
    firstBreak: z.object({ kind: z.string(), hour: z.number(), language: z.string().optional() }).nullable(),
    peakBacklog: z.number(),
    backlogAtEnd: z.number(),
    hours: z.array(z.object({ hour: z.number(), baseline: z.number(), crisis: z.number() })),
    evidence: z.array(readinessFindingSchema),
  }),
});
export type ReadinessAssessmentResponse = z.infer<typeof readinessAssessmentSchema>;
