// API bodies and records for issue #4 (crisis): signals, incidents, playbooks, circuit breaker, drills.
import { z } from 'zod';
import { judgementParamsSchema } from './judgements.ts';

export const crisisSeveritySchema = z.enum(['watch', 'warning', 'critical']);
export type CrisisSeverity = z.infer<typeof crisisSeveritySchema>;
export const incidentStatusSchema = z.enum(['open', 'acknowledged', 'resolved']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;

const localisedTextSchema = z.object({
  en: z.string().trim().min(1).max(500),
  es: z.string().trim().min(1).max(500),
  sv: z.string().trim().min(1).max(500),
});

// ---------------------------------------------------------------- signals

export const signalQuerySchema = z.object({
  campaignId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  resolution: z.enum(['minute', 'hour', 'day']).default('hour'),
  language: z.string().min(2).max(8).optional(),
  sentiment: z.enum(['positive', 'neutral', 'negative']).optional(),
  source: z.string().min(1).max(40).optional(),
  /** Comma-separated: language, sentiment, source. */
  groupBy: z
    .string()
    .regex(
      /^((language|sentiment|source)(,(language|sentiment|source))*)?$/,
      'use language, sentiment or source',
    )
    .optional(),
});

export const signalPointSchema = z.object({
  time: z.string(),
  language: z.string().nullable(),
  sentiment: z.string().nullable(),
  source: z.string().nullable(),
  posts: z.number(),
  riskPosts: z.number(),
  negative: z.number(),
  engagement: z.number(),
});
export type SignalPoint = z.infer<typeof signalPointSchema>;

export const monitorStatusSchema = z.object({
  campaignId: z.string(),
  language: z.string(),
  level: z.enum(['normal', 'watch', 'warning', 'critical']),
  processedUntil: z.string(),
  criticalSince: z.string().nullable(),
});

// ---------------------------------------------------------------- playbook and settings

export const playbookStepSchema = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'use lower-case letters, digits and dashes'),
  title: localisedTextSchema,
});
export type PlaybookStep = z.infer<typeof playbookStepSchema>;

export const playbookSchema = z.object({
  campaignId: z.string(),
  custom: z.boolean(),
  steps: z.array(playbookStepSchema),
});

export const playbookInputSchema = z.object({
  steps: z
    .array(playbookStepSchema)
    .min(1)
    .max(40)
    .refine((steps) => new Set(steps.map((s) => s.key)).size === steps.length, 'step keys must be unique'),
});

export const crisisSettingsSchema = z.object({
  campaignId: z.string(),
  /** Incidents open when a language reaches this level. */
  openAt: crisisSeveritySchema,
  /** Circuit breaker: what a critical incident that persists switches on. */
  breakerPausePublishing: z.boolean(),
  breakerPreModeration: z.boolean(),
  breakerPersistMinutes: z.number().int(),
});
export type CrisisSettings = z.infer<typeof crisisSettingsSchema>;

export const crisisSettingsInputSchema = z.object({
  openAt: crisisSeveritySchema.default('warning'),
  breakerPausePublishing: z.boolean().default(false),
  breakerPreModeration: z.boolean().default(false),
  breakerPersistMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(15),
});

// ---------------------------------------------------------------- circuit breaker

export const circuitBreakerSchema = z.object({
  campaignId: z.string(),
  publishingPaused: z.boolean(),
  preModeration: z.boolean(),
  incidentId: z.string().nullable(),
  updatedAt: z.string().nullable(),
  switches: z.array(
    z.object({
      switch: z.enum(['publishing_paused', 'pre_moderation']),
      turnedOn: z.boolean(),
      actorId: z.string().nullable(),
      incidentId: z.string().nullable(),
      /** A person's own words, or the engine's English reason. */
      reason: z.string(),
      /** The engine's reason as a code + parameters of the contract's judgements; null for a person's switch. */
      reasonCode: z.string().nullable(),
      reasonParams: judgementParamsSchema.nullable(),
      at: z.string(),
    }),
  ),
});

export const circuitBreakerInputSchema = z
  .object({
    publishingPaused: z.boolean().optional(),
    preModeration: z.boolean().optional(),
    reason: z.string().trim().min(1, 'say why').max(500),
  })
  .refine((b) => b.publishingPaused !== undefined || b.preModeration !== undefined, {
    message: 'set publishingPaused and/or preModeration',
  });

// ---------------------------------------------------------------- incidents

export const incidentListQuerySchema = z.object({
  campaignId: z.uuid().optional(),
  status: incidentStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const incidentSummarySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  title: z.string(),
  titles: z.object({ en: z.string(), es: z.string(), sv: z.string() }),
  status: incidentStatusSchema,
  severity: crisisSeveritySchema,
  languages: z.array(z.string()),
  markets: z.array(z.string()),
  ownerId: z.string().nullable(),
  startedAt: z.string(),
  detectedAt: z.string(),
  lastSignalAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const incidentEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actorId: z.string().nullable(),
  language: z.string().nullable(),
  severity: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const incidentDetailSchema = incidentSummarySchema.extend({
  story: z.record(z.string(), z.number()),
  evidence: z.array(z.unknown()),
  episodes: z.array(
    z.object({
      language: z.string(),
      detectedAt: z.string(),
      episodeStartedAt: z.string(),
      peak: crisisSeveritySchema,
      joinedBy: z.string(),
    }),
  ),
  posts: z.array(
    z.object({
      postId: z.string(),
      language: z.string(),
      score: z.number(),
      reasons: z.array(z.string()),
    }),
  ),
  playbook: z.array(
    z.object({
      key: z.string(),
      position: z.number(),
      title: z.record(z.string(), z.string()),
      doneAt: z.string().nullable(),
      doneBy: z.string().nullable(),
    }),
  ),
  statements: z.array(
    z.object({
      id: z.string(),
      language: z.string(),
      text: z.string(),
      status: z.enum(['draft', 'approved']),
      draftedBy: z.string().nullable(),
      approvedBy: z.string().nullable(),
      approvedAt: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
  timeline: z.array(incidentEventSchema),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export const incidentUpdateSchema = z
  .object({
    status: incidentStatusSchema.optional(),
    /** A user id of the workspace, or null to clear. */
    ownerId: z.uuid().nullable().optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((b) => b.status !== undefined || b.ownerId !== undefined || b.note !== undefined, {
    message: 'set status, ownerId or note',
  });

export const playbookStepUpdateSchema = z.object({ done: z.boolean() });

export const holdingStatementInputSchema = z.object({ text: z.string().trim().min(1).max(5000) });

export const incidentResponseInputSchema = z.object({
  /** What was done: a reply sent, a statement published… (a note, not the post text). */
  note: z.string().trim().min(1).max(2000),
});

// ---------------------------------------------------------------- drills

export const drillInputSchema = z.object({
  campaignId: z.uuid(),
  scenario: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('generated'),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .default(20261123),
        /** Days of ordinary traffic before the onset, so the detectors have a baseline. */
        baselineDays: z.number().int().min(2).max(10).default(8),
        /** Hours of the crisis to replay after its onset. */
        hours: z.number().min(0.5).max(24).default(6),
      }),
      z.object({
        kind: z.literal('recorded'),
        /** Replays the campaign's own posts from this window, shifted to end now. */
        from: z.iso.datetime({ offset: true }),
        to: z.iso.datetime({ offset: true }),
        /** The onset of the recorded crisis (inside the window). */
        onset: z.iso.datetime({ offset: true }),
      }),
    ])
    .default({ kind: 'generated', seed: 20261123, baselineDays: 8, hours: 6 }),
});
export type DrillInput = z.infer<typeof drillInputSchema>;

export const drillSchema = z.object({
  id: z.string(),
  sourceCampaignId: z.string().nullable(),
  sandboxCampaignId: z.string(),
  scenario: z.record(z.string(), z.unknown()),
  onsetAt: z.string(),
  startedAt: z.string(),
  posts: z.number(),
  incidentId: z.string().nullable(),
  /** Simulated minutes from the onset to the incident (detection latency). */
  minutesToAlert: z.number().nullable(),
  /** Wall-clock minutes from the incident being raised to its acknowledgement. */
  minutesToAcknowledge: z.number().nullable(),
  /** Wall-clock minutes from the incident being raised to the first response (approved statement or logged reply). */
  minutesToFirstResponse: z.number().nullable(),
});
export type Drill = z.infer<typeof drillSchema>;
