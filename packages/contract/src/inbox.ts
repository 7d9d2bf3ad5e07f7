// API bodies and records for issue #5 (inbox).
import { z } from 'zod';
import { languageCodeSchema, marketCodeSchema } from './domain.ts';
import { evidenceSchema } from './judgements.ts';

export const inboxPriorityLevelSchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type InboxPriorityLevel = z.infer<typeof inboxPriorityLevelSchema>;
export const inboxItemStatusSchema = z.enum(['open', 'held', 'resolved']);
export const inboxResolutionSchema = z.enum(['replied', 'answered_elsewhere', 'auto_replied', 'dismissed']);
export const inboxRiskFlagSchema = z.enum([
  'personal_data',
  'contradicted_claim',
  'crisis_cluster',
  'toxicity_threat',
]);
/** Languages the reply templates exist in. */
export const inboxReplyLanguageSchema = z.enum(['en', 'es', 'sv']);

/** bigint ids travel as decimal strings. */
export const inboxIdSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'expected a numeric id such as "42"');

const clockSchema = z
  .string()
  .regex(/^((?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$/, 'expected HH:MM (00:00–24:00)');
export const businessWindowSchema = z.object({ start: clockSchema, end: clockSchema });
const weekdayHours = z.array(businessWindowSchema).max(4);
export const weeklyHoursSchema = z
  .object({
    mon: weekdayHours,
    tue: weekdayHours,
    wed: weekdayHours,
    thu: weekdayHours,
    fri: weekdayHours,
    sat: weekdayHours,
    sun: weekdayHours,
  })
  .partial();
const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as "Europe/Stockholm"');
export const businessCalendarSchema = z.object({
  timeZone: timeZoneSchema,
  hours: weeklyHoursSchema,
  closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
export type BusinessCalendarInput = z.infer<typeof businessCalendarSchema>;

export const inboxSlaTargetSchema = z.object({
  state: z.enum(['running', 'warning', 'breached', 'met', 'paused']),
  targetMinutes: z.number(),
  elapsedMinutes: z.number(),
  remainingMinutes: z.number(),
  dueAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});

export const inboxItemSchema = z.object({
  id: z.string(),
  campaignId: z.uuid(),
  postId: z.string(),
  clusterId: z.string().nullable(),
  language: z.string(),
  market: z.string().nullable(),
  status: inboxItemStatusSchema,
  resolution: inboxResolutionSchema.nullable(),
  riskFlags: z.array(z.string()),
  priority: z.object({ score: z.number(), level: inboxPriorityLevelSchema }),
  assigneeId: z.uuid().nullable(),
  postCreatedAt: z.string(),
  openedAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  slaDueAt: z.string().nullable(),
  /** The post as written by a stranger: plain text, never HTML. */
  text: z.string(),
  authorHandle: z.string(),
  platform: z.string(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxItemDetailSchema = inboxItemSchema.extend({
  reasons: z.array(evidenceSchema),
  priorityEvidence: z.array(evidenceSchema),
  /** Priority scored again now, with the age against the SLA. */
  currentPriority: z.object({
    score: z.number(),
    level: inboxPriorityLevelSchema,
    evidence: z.array(evidenceSchema),
  }),
  assignmentEvidence: z.array(evidenceSchema),
  cluster: z
    .object({
      id: z.string(),
      size: z.number(),
      similarity: z.number().nullable(),
      matchedPostId: z.string().nullable(),
    })
    .nullable(),
  sla: z.object({ firstResponse: inboxSlaTargetSchema, resolution: inboxSlaTargetSchema }),
  events: z.array(z.object({ type: z.string(), at: z.string(), actorId: z.string().nullable() })),
  replies: z.array(
    z.object({
      id: z.uuid(),
      status: z.string(),
      body: z.string(),
      createdAt: z.string(),
      automatic: z.boolean(),
    }),
  ),
});
export type InboxItemDetail = z.infer<typeof inboxItemDetailSchema>;

export const inboxItemListQuerySchema = z.object({
  status: inboxItemStatusSchema.optional(),
  campaignId: z.uuid().optional(),
  clusterId: inboxIdSchema.optional(),
  language: languageCodeSchema.optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  priority: inboxPriorityLevelSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Items to skip in queue order (the dashboard pages through long queues). */
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const inboxClusterSchema = z.object({
  id: z.string(),
  campaignId: z.uuid(),
  language: z.string(),
  languages: z.array(z.string()),
  representativePostId: z.string().nullable(),
  representativeText: z.string().nullable(),
  size: z.number(),
  openItems: z.number(),
  /** Members whose posts arrived in the last hour, and in the hour before. */
  growth: z.object({ lastHour: z.number(), previousHour: z.number() }),
  maxPriorityScore: z.number(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type InboxCluster = z.infer<typeof inboxClusterSchema>;

export const inboxAgentInputSchema = z.object({
  languages: z.array(languageCodeSchema).min(1),
  markets: z.array(marketCodeSchema).default([]),
  timeZone: timeZoneSchema.default('UTC'),
  /** Weekly working hours in `timeZone`; null: always on shift while available. */
  workingHours: weeklyHoursSchema.nullable().default(null),
  maxLoad: z.number().int().min(0).max(1000),
  itemsPerHour: z.number().int().min(0).max(1000).default(6),
  available: z.boolean().default(true),
});
export type InboxAgentInput = z.infer<typeof inboxAgentInputSchema>;
export const inboxAgentSchema = inboxAgentInputSchema.extend({
  userId: z.uuid(),
  displayName: z.string(),
  onShift: z.boolean(),
  load: z.number(),
});
export type InboxAgent = z.infer<typeof inboxAgentSchema>;

export const inboxSlaPolicyInputSchema = z.object({
  firstResponseMinutes: z.number().int().min(1).max(525_600),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  warnBeforeMinutes: z.number().int().min(0).max(525_600).default(15),
  /** Business hours the clock runs in; null: around the clock. */
  calendar: businessCalendarSchema.nullable().default(null),
});
export const inboxSlaPolicySchema = inboxSlaPolicyInputSchema.extend({
  priorityLevel: inboxPriorityLevelSchema,
  isDefault: z.boolean(),
});
export type InboxSlaPolicy = z.infer<typeof inboxSlaPolicySchema>;

export const inboxTemplateKindSchema = z.enum(['template', 'saved', 'faq']);
export const inboxTemplateInputSchema = z.object({
  kind: inboxTemplateKindSchema.default('template'),
  name: z.string().trim().min(1).max(120),
  language: inboxReplyLanguageSchema,
  body: z.string().min(1).max(2000),
  /** FAQ only: every term must occur in a cluster's representative post for an automatic reply. */
  matchTerms: z.array(z.string().trim().min(2).max(60)).max(10).default([]),
});
export const inboxTemplateSchema = inboxTemplateInputSchema.extend({
  id: z.uuid(),
  variables: z.array(z.string()),
  ownerId: z.uuid().nullable(),
  approved: z.boolean(),
  createdAt: z.string(),
});
export type InboxTemplate = z.infer<typeof inboxTemplateSchema>;

export const inboxReplyInputSchema = z
  .object({
    /** Sending again with the same key never sends twice: the first reply is returned. */
    idempotencyKey: z.string().min(8).max(200),
    templateId: z.uuid().optional(),
    body: z.string().min(1).max(2000).optional(),
    /** Extra template values; `author`, `agent` and `campaign` are filled per recipient. */
    variables: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), z.string().max(500)).default({}),
    resolve: z.boolean().default(true),
  })
  .refine((body) => (body.templateId === undefined) !== (body.body === undefined), {
    message: 'send either templateId or body, not both',
  });
export type InboxReplyInput = z.infer<typeof inboxReplyInputSchema>;

export const inboxReplySchema = z.object({
  id: z.uuid(),
  targetKind: z.enum(['item', 'cluster']),
  itemId: z.string().nullable(),
  clusterId: z.string().nullable(),
  status: z.enum(['pending_approval', 'sent', 'rejected']),
  body: z.string(),
  riskReasons: z.array(evidenceSchema),
  authorId: z.uuid().nullable(),
  approverId: z.uuid().nullable(),
  recipients: z.number(),
  automatic: z.boolean(),
  createdAt: z.string(),
  /** True when this request found an earlier reply with the same idempotency key. */
  replayed: z.boolean(),
});
export type InboxReply = z.infer<typeof inboxReplySchema>;

export const inboxAssignInputSchema = z.object({ agentId: z.uuid().nullable() });
export const inboxResolveInputSchema = z.object({
  resolution: z.enum(['replied', 'answered_elsewhere', 'dismissed']).default('replied'),
  /** Where it was answered ("answered elsewhere"): a link or a short note. */
  note: z.string().max(500).optional(),
});

export const needsHumanRulesSchema = z.object({
  intents: z.array(z.string()).default(['question', 'complaint', 'request_for_help', 'churn_threat']),
  minIntentConfidence: z.number().min(0).max(1).default(0.5),
  negativeWithReach: z
    .object({ maxSentimentScore: z.number().min(-1).max(1), minFollowers: z.number().int().min(0) })
    .nullable()
    .default({ maxSentimentScore: -0.4, minFollowers: 1000 }),
  riskFlags: z.array(inboxRiskFlagSchema).default([...inboxRiskFlagSchema.options]),
});
export type NeedsHumanRulesInput = z.infer<typeof needsHumanRulesSchema>;

export const inboxCampaignSettingsSchema = z.object({
  campaignId: z.uuid(),
  rules: needsHumanRulesSchema,
  overflow: z.object({ active: z.boolean(), since: z.string().nullable(), evidence: z.array(z.string()) }),
});

export const inboxSlaReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.number(),
  firstResponse: z.object({
    responded: z.number(),
    metShare: z.number().nullable(),
    p50Minutes: z.number().nullable(),
    p90Minutes: z.number().nullable(),
  }),
  resolution: z.object({ resolved: z.number(), metShare: z.number().nullable() }),
  backlog: z.object({
    open: z.number(),
    held: z.number(),
    unassigned: z.number(),
    breached: z.number(),
    byLevel: z.record(z.string(), z.number()),
    byLanguage: z.record(z.string(), z.number()),
  }),
});
export type InboxSlaReport = z.infer<typeof inboxSlaReportSchema>;

export const inboxNoticeSchema = z.object({
  id: z.string(),
  campaignId: z.uuid().nullable(),
  kind: z.string(),
  /** The same notice in en, es and sv. */
  title: z.record(z.string(), z.string()),
  body: z.record(z.string(), z.string()),
  createdAt: z.string(),
});

export const inboxRebalanceResultSchema = z.object({
  moves: z.array(
    z.object({
      itemId: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      reason: z.string(),
      evidence: z.array(evidenceSchema),
    }),
  ),
});

export const inboxOverflowResultSchema = z.object({
  campaignId: z.uuid(),
  overflow: z.boolean(),
  changed: z.boolean(),
  forecastBacklog: z.number(),
  capacity: z.number(),
  evidence: z.array(z.string()),
  held: z.number(),
  released: z.number(),
  autoReplies: z.number(),
});
