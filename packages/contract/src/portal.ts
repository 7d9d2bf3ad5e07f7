import { z } from 'zod';
import {
  advocateHandleSchema,
  brandFindingsSchema,
  draftStatusSchema,
  findingsLanguageSchema,
} from './advocates.ts';
import { languageCodeSchema, marketCodeSchema, MAX_POST_TEXT_CHARS } from './domain.ts';

// The advocate portal (issue #6): what an advocate sees and does through their personal link, and
// the team's view of portal links, campaign join links and notice delivery. No team data here:
// portal records carry no user ids, no other advocate and no roster.

const uuid = z.uuid();

/** A portal token as it travels in the `X-Ombud-Portal` header or the `/portal/:token` page. */
export const portalTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{30,100}$/, 'not a portal link token');
export const PORTAL_TOKEN_HEADER = 'x-ombud-portal';

// ---- team side ----------------------------------------------------------------------------------

export const portalLinkCreatedSchema = z.object({
  id: z.string(),
  advocateId: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  /** Path of the portal page in the web app. */
  path: z.string(),
  expiresAt: z.string(),
});
export type PortalLinkCreated = z.infer<typeof portalLinkCreatedSchema>;

export const portalLinkCreateSchema = z.object({
  days: z.number().int().min(1).max(180).default(30),
});

export const portalLinkStatusSchema = z.enum(['none', 'active', 'expired', 'revoked']);

export const advocatePortalStatusSchema = z.object({
  advocateId: z.string(),
  portal: z.object({
    status: portalLinkStatusSchema,
    activeLinks: z.number().int(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  }),
  notices: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    portalOnly: z.number().int(),
    read: z.number().int(),
    acknowledged: z.number().int(),
    advocateCorrected: z.number().int(),
    corrected: z.number().int(),
    lastError: z.string().nullable(),
  }),
});
export type AdvocatePortalStatus = z.infer<typeof advocatePortalStatusSchema>;

export const joinLinkCreatedSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  token: z.string(),
  path: z.string(),
  expiresAt: z.string(),
});

export const joinLinkCreateSchema = z.object({ days: z.number().int().min(1).max(365).default(90) });

// ---- self-join (public, the join token is the credential) ---------------------------------------

export const joinInfoSchema = z.object({
  campaignName: z.string(),
  brand: z.string(),
  languages: z.array(z.string()),
  markets: z.array(z.string()),
  /** The programme's terms per language (en, es, sv). */
  terms: z.record(z.string(), z.string()),
});
export type JoinInfo = z.infer<typeof joinInfoSchema>;

export const joinRequestSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  language: languageCodeSchema,
  markets: z.array(marketCodeSchema).min(1).max(20),
  handles: z
    .array(advocateHandleSchema)
    .min(1, 'give at least one handle: consent is recorded per handle')
    .max(20),
  /** Agreement to the programme's terms (disclosure, review of every draft, processing of their posts). */
  consent: z.literal(true, { error: 'joining needs consent: true to the programme terms' }),
  /** Agreement to be contacted by e-mail (correction notices). */
  contact: z.boolean().default(false),
});
export type JoinRequest = z.input<typeof joinRequestSchema>;

export const joinedSchema = z.object({
  advocateId: z.string(),
  portalToken: z.string(),
  portalExpiresAt: z.string(),
});

// ---- portal (scoped to one advocate by their token) ---------------------------------------------

export const portalMeSchema = z.object({
  advocate: z.object({
    displayName: z.string(),
    language: z.string(),
    languages: z.array(z.string()),
    markets: z.array(z.string()),
    trustLevel: z.string(),
    trainingStatus: z.string(),
    status: z.string(),
    hasEmail: z.boolean(),
  }),
  contactConsent: z.boolean(),
  campaigns: z.array(z.object({ id: z.string(), name: z.string() })),
  linkExpiresAt: z.string(),
});
export type PortalMe = z.infer<typeof portalMeSchema>;

export const portalBriefQuerySchema = z.object({
  language: languageCodeSchema.optional(),
  market: marketCodeSchema.optional(),
});

export const portalBriefSchema = z.object({
  campaignId: z.string(),
  campaignName: z.string(),
  brand: z.string(),
  product: z.string().nullable(),
  language: z.string(),
  market: z.string().nullable(),
  hashtags: z.array(z.string()),
  keyMessages: z.array(z.object({ id: z.string(), text: z.string() })),
  facts: z.array(z.object({ id: z.string(), subject: z.string(), text: z.string() })),
  bannedPhrases: z.array(z.string()),
  disclosure: z
    .object({
      market: z.string(),
      tags: z.array(z.string()),
      placement: z.enum(['start', 'first_chars', 'anywhere']),
      firstChars: z.number().int().nullable(),
    })
    .nullable(),
});
export type PortalBrief = z.infer<typeof portalBriefSchema>;

export const portalCheckSchema = z.object({
  campaignId: uuid,
  text: z.string().trim().min(1).max(MAX_POST_TEXT_CHARS),
  language: languageCodeSchema.optional(),
  market: marketCodeSchema.optional(),
});

/** POST /api/portal/check: a draft to check, and the language of the findings' words (the advocate's own when absent). */
export const portalCheckRequestSchema = portalCheckSchema.extend({
  lang: findingsLanguageSchema.optional(),
});

export const portalDraftSubmitSchema = portalCheckSchema.extend({
  platform: z.string().trim().min(1).max(40).optional(),
});

export const portalDraftResubmitSchema = z.object({
  text: z.string().trim().min(1).max(MAX_POST_TEXT_CHARS),
  language: languageCodeSchema.optional(),
  market: marketCodeSchema.optional(),
});

export const portalDraftSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  platform: z.string().nullable(),
  status: draftStatusSchema,
  currentVersion: z.number().int(),
  approvedVersion: z.number().int().nullable(),
  publishAt: z.string().nullable(),
  updatedAt: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      text: z.string(),
      language: z.string(),
      market: z.string().nullable(),
      findings: brandFindingsSchema,
      errors: z.number().int(),
      submittedAt: z.string(),
      decision: z.enum(['approved', 'rejected']).nullable(),
      reason: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
});
export type PortalDraft = z.infer<typeof portalDraftSchema>;

export const portalNoticeSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  language: z.string(),
  subject: z.string(),
  body: z.string(),
  correction: z.string(),
  posts: z.number().int(),
  status: z.enum(['sent', 'corrected', 'repeated']),
  sentAt: z.string(),
  deliveryStatus: z.enum(['pending', 'sending', 'delivered', 'failed', 'portal_only']),
  readAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  advocateCorrectedAt: z.string().nullable(),
});
export type PortalNotice = z.infer<typeof portalNoticeSchema>;

export const portalConsentSchema = z.object({ contact: z.boolean() });
