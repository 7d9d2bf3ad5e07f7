// API bodies and records for issue #4 (alerts).
import { z } from 'zod';

export const alertSeveritySchema = z.enum(['watch', 'warning', 'critical']);
export type AlertSeverityName = z.infer<typeof alertSeveritySchema>;
export const alertChannelLanguageSchema = z.enum(['en', 'es', 'sv']);
export const alertChannelKindSchema = z.enum(['webhook', 'slack', 'email']);
export const alertDeliveryStatusSchema = z.enum([
  'pending',
  'held',
  'sending',
  'delivered',
  'dead',
  'cancelled',
]);

/** The raiser's own translations of an alert's title and summary, per channel language. */
export const alertTextsSchema = z.partialRecord(
  alertChannelLanguageSchema,
  z.object({ title: z.string().max(500), summary: z.string().max(4000) }),
);

export const alertSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  campaignId: z.string().nullable(),
  incidentId: z.string().nullable(),
  kind: z.string(),
  severity: alertSeveritySchema,
  title: z.string(),
  summary: z.string(),
  /** The raiser's own translations of title and summary, when it gave any. */
  texts: alertTextsSchema.nullable(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  /** Whether the signed-in user has seen it (marked read or acknowledged). */
  read: z.boolean(),
});
export type AlertRecord = z.infer<typeof alertSchema>;

export const alertListQuerySchema = z.object({
  status: z.enum(['open', 'acknowledged', 'all']).default('all'),
  campaignId: z.uuid().optional(),
  incidentId: z.uuid().optional(),
  severity: alertSeveritySchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Page on from the previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/, 'expected the "nextCursor" of a previous page')
    .optional(),
});
export type AlertListQuery = z.output<typeof alertListQuerySchema>;

export const alertListSchema = z.object({
  alerts: z.array(alertSchema),
  nextCursor: z.string().nullable(),
});

export const alertCountsSchema = z.object({
  /** Alerts the signed-in user has neither read nor seen acknowledged. */
  unread: z.number().int(),
  /** Alerts nobody has acknowledged. */
  open: z.number().int(),
});

export const alertReadBodySchema = z
  .object({
    alertIds: z.array(z.uuid()).max(500).optional(),
    all: z.boolean().optional(),
  })
  .refine((body) => (body.alertIds !== undefined) !== (body.all === true), {
    message: 'send either "alertIds" (a list) or "all": true',
  });

export const alertDeliveryAttemptSchema = z.object({
  id: z.string(),
  deliveryId: z.string().nullable(),
  channelId: z.string(),
  purpose: z.enum(['alert', 'escalation', 'test']),
  attempt: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const alertDeliverySchema = z.object({
  id: z.string(),
  alertId: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  channelKind: alertChannelKindSchema,
  purpose: z.enum(['alert', 'escalation']),
  status: alertDeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  heldUntil: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  deadAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type AlertDeliveryRecord = z.infer<typeof alertDeliverySchema>;

export const alertDetailSchema = alertSchema.extend({
  deliveries: z.array(alertDeliverySchema.extend({ log: z.array(alertDeliveryAttemptSchema) })),
});

export const deadLetterSchema = alertDeliverySchema.extend({
  alertTitle: z.string(),
  alertSeverity: alertSeveritySchema,
  alertKind: z.string(),
});
export const deadLetterListSchema = z.object({ deliveries: z.array(deadLetterSchema) });
export const deadLetterReplayBodySchema = z
  .object({
    deliveryIds: z.array(z.uuid()).min(1).max(500).optional(),
    all: z.boolean().optional(),
  })
  .refine((body) => (body.deliveryIds !== undefined) !== (body.all === true), {
    message: 'send either "deliveryIds" (a list) or "all": true',
  });
export const deadLetterReplaySchema = z.object({ queued: z.number().int() });

const clockSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time of day HH:MM such as "22:00"');

export const quietHoursSchema = z
  .object({
    start: clockSchema,
    end: clockSchema,
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .min(1)
      .optional(),
  })
  .refine((quiet) => quiet.start !== quiet.end, {
    message: 'quiet hours must not start and end at the same time',
  });

const timeZoneSchema = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA time zone such as "Europe/Stockholm"' },
);

const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).max(2048);

const webhookConfigSchema = z.object({
  url: httpUrlSchema,
  /** Shared HMAC secret; generated (and shown once) when left out on create, kept when left out on update. */
  secret: z.string().min(16).max(256).optional(),
});
const slackConfigSchema = z.object({ url: httpUrlSchema });
const emailConfigSchema = z.object({
  to: z.array(z.email()).min(1).max(50),
  from: z.email(),
  smtp: z.object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    /** `implicit` TLS (port 465), `starttls` required, `opportunistic` STARTTLS, or `none` (a local relay). */
    tls: z.enum(['implicit', 'starttls', 'opportunistic', 'none']).default('starttls'),
    username: z.string().max(255).optional(),
    /** Kept when left out on update. */
    password: z.string().max(1024).optional(),
  }),
});
export type WebhookChannelConfig = z.infer<typeof webhookConfigSchema>;
export type SlackChannelConfig = z.infer<typeof slackConfigSchema>;
export type EmailChannelConfig = z.infer<typeof emailConfigSchema>;

const channelCommon = {
  name: z.string().trim().min(1).max(120),
  language: alertChannelLanguageSchema.default('en'),
  timeZone: timeZoneSchema.default('UTC'),
  /** Non-critical alerts wait until these end; critical ones always go. */
  quietHours: quietHoursSchema.nullable().default(null),
  enabled: z.boolean().default(true),
  maxAttempts: z.number().int().min(1).max(20).default(6),
  backoffSeconds: z.number().int().min(1).max(3600).default(30),
};

export const alertChannelInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...channelCommon, kind: z.literal('webhook'), config: webhookConfigSchema }),
  z.object({ ...channelCommon, kind: z.literal('slack'), config: slackConfigSchema }),
  z.object({ ...channelCommon, kind: z.literal('email'), config: emailConfigSchema }),
]);
export type AlertChannelInput = z.output<typeof alertChannelInputSchema>;

export const alertChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: alertChannelKindSchema,
  language: alertChannelLanguageSchema,
  timeZone: z.string(),
  quietHours: quietHoursSchema.nullable(),
  enabled: z.boolean(),
  maxAttempts: z.number().int(),
  backoffSeconds: z.number().int(),
  /** Settings with secrets masked (`secretSet`, `passwordSet`; Slack URLs shortened). */
  config: z.record(z.string(), z.unknown()),
  lastTestAt: z.string().nullable(),
  /** Last test ping that got through: the evidence that this contact can be reached. */
  lastTestOkAt: z.string().nullable(),
  lastTestError: z.string().nullable(),
  createdAt: z.string(),
});
export type AlertChannelRecord = z.infer<typeof alertChannelSchema>;
/** The create answer: the generated webhook secret appears here once. */
export const alertChannelCreatedSchema = alertChannelSchema.extend({ secret: z.string().optional() });

export const alertTestPingSchema = z.object({
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  at: z.string(),
  durationMs: z.number().int(),
});

export const alertRouteInputSchema = z
  .object({
    /** null: every campaign without rules of its own (and alerts without a campaign). */
    campaignId: z.uuid().nullable().default(null),
    minSeverity: alertSeveritySchema.default('watch'),
    /** Alert kinds covered; empty means every kind. */
    kinds: z.array(z.string().min(1).max(80)).max(50).default([]),
    channelId: z.uuid(),
    escalationChannelId: z.uuid().nullable().default(null),
    escalateAfterMinutes: z.number().int().min(1).max(10080).nullable().default(null),
  })
  .refine((route) => (route.escalationChannelId === null) === (route.escalateAfterMinutes === null), {
    message: 'set both "escalationChannelId" and "escalateAfterMinutes", or neither',
    path: ['escalateAfterMinutes'],
  });
export type AlertRouteInput = z.output<typeof alertRouteInputSchema>;

export const alertRouteSchema = z.object({
  id: z.string(),
  campaignId: z.string().nullable(),
  minSeverity: alertSeveritySchema,
  kinds: z.array(z.string()),
  channelId: z.string(),
  escalationChannelId: z.string().nullable(),
  escalateAfterMinutes: z.number().int().nullable(),
  createdAt: z.string(),
});
export type AlertRouteRecord = z.infer<typeof alertRouteSchema>;
