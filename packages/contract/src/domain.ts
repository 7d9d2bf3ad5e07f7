import { z } from 'zod';

export const roleSchema = z.enum(['owner', 'analyst', 'agent', 'advocate_manager', 'viewer']);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

/** ISO 639-1 code such as `en`, `es`, `sv`; `und` when unknown. */
export const languageCodeSchema = z
  .string()
  .regex(/^([a-z]{2,3}|und)$/, 'expected a language code such as "en"');
/** ISO 3166-1 alpha-2 market such as `ES`, `SE`, `US`, `GB`. */
export const marketCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'expected a market code such as "SE"');

const perLanguageText = z.record(languageCodeSchema, z.string().min(1));

export const keyMessageSchema = z.object({
  id: z.string().min(1),
  text: perLanguageText,
});

export const factSchema = z.object({
  id: z.string().min(1),
  subject: z.string().min(1),
  text: perLanguageText,
});

export const competitorSchema = z.object({
  name: z.string().min(1),
  handles: z.array(z.string()).default([]),
  keywords: z.array(z.string()).default([]),
});

export const disclosureRuleSchema = z.object({
  market: marketCodeSchema,
  tags: z.array(z.string().min(1)).min(1),
  placement: z.enum(['start', 'anywhere', 'first_chars']),
  firstChars: z.number().int().positive().optional(),
});

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  hashtags: z.array(z.string().trim().min(2)).default([]),
  keywords: z.array(z.string().trim().min(2)).default([]),
  handles: z.array(z.string().trim().min(2)).default([]),
  languages: z.array(languageCodeSchema).default(['en']),
  markets: z.array(marketCodeSchema).default([]),
  startsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  keyMessages: z.array(keyMessageSchema).default([]),
  factSheet: z.array(factSchema).default([]),
  bannedClaims: z.array(z.string().min(1)).default([]),
  requiredDisclosures: z.array(disclosureRuleSchema).default([]),
  competitors: z.array(competitorSchema).default([]),
  /** The full brand brief (see docs/brief.md) when one is attached; validated by its own schema. */
  brief: z.record(z.string(), z.unknown()).nullable().default(null),
});
export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignFields = z.output<typeof campaignInputSchema>;

export const campaignSchema = campaignInputSchema.extend({
  id: z.string(),
  workspaceId: z.string(),
  createdAt: z.string(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const authorSchema = z.object({
  platform: z.string().min(1).max(40),
  handle: z.string().min(1).max(200),
  displayName: z.string().max(400).nullable(),
  followers: z.number().int().min(0).nullable(),
  verified: z.boolean(),
});
export type Author = z.infer<typeof authorSchema>;

export const MAX_POST_TEXT_CHARS = 20_000;

/** A post after field mapping and validation: what ingestion stores. */
export const postInputSchema = z.object({
  externalId: z.string().min(1).max(256),
  platform: z.string().min(1).max(40),
  text: z.string().max(MAX_POST_TEXT_CHARS),
  createdAt: z.string(),
  url: z.string().max(2048).nullable(),
  language: languageCodeSchema.nullable(),
  market: marketCodeSchema.nullable(),
  replyToExternalId: z.string().max(256).nullable(),
  author: authorSchema,
  metrics: z.object({
    likes: z.number().int().min(0).optional(),
    reposts: z.number().int().min(0).optional(),
    replies: z.number().int().min(0).optional(),
    views: z.number().int().min(0).optional(),
  }),
});
export type PostInput = z.infer<typeof postInputSchema>;

export const postSchema = postInputSchema.extend({
  id: z.string(),
  sourceId: z.string(),
  campaignIds: z.array(z.string()),
  ingestedAt: z.string(),
});
export type Post = z.infer<typeof postSchema>;

export const importSummarySchema = z.object({
  batchId: z.string(),
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  problems: z.array(
    z.object({ line: z.number().int(), field: z.string().optional(), code: z.string(), reason: z.string() }),
  ),
  problemsTruncated: z.boolean(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
