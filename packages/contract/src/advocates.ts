// API bodies and records for issue #6 (advocates and brand consistency): the campaign brief, the
// brand check of a draft, the advocate roster and invitations, the draft review workflow, published
// posts matched to approved drafts, compliance per advocate and corrections.
import { z } from 'zod';
import { briefSchema } from './brief.ts';
import { languageCodeSchema, marketCodeSchema, MAX_POST_TEXT_CHARS } from './domain.ts';
import { judgementParamsSchema } from './judgements.ts';

const uuid = z.uuid();
const isoDate = z.iso.datetime({ offset: true });

// ---- brief --------------------------------------------------------------------------------------

export const campaignBriefSchema = z.object({
  campaignId: z.string(),
  brief: briefSchema,
  /** The key messages, fact sheet, banned claims, disclosures and competitors copied onto the campaign record. */
  synced: z.object({
    keyMessages: z.number().int(),
    facts: z.number().int(),
    bannedClaims: z.number().int(),
    disclosureRules: z.number().int(),
    competitors: z.number().int(),
  }),
});
export type CampaignBrief = z.infer<typeof campaignBriefSchema>;

// ---- brand check --------------------------------------------------------------------------------

/** Languages the brand check's findings are said in (codes and parameters are the same in all). */
export const findingsLanguageSchema = z.enum(['en', 'es', 'sv']);

export const brandCheckRequestSchema = z.object({
  campaignId: uuid,
  text: z.string().trim().min(1).max(MAX_POST_TEXT_CHARS),
  /** The draft's language; detected when absent. */
  language: languageCodeSchema.optional(),
  /** The market it will be published in; the brief's default for the language when absent. */
  market: marketCodeSchema.optional(),
  /** Advocate posts need the market's disclosure (default true: the screen checks advocate drafts). */
  advocate: z.boolean().default(true),
  /** Language of the findings' words (`message`, `evidence.reason`); the draft's language when absent (else en). */
  lang: findingsLanguageSchema.optional(),
});
export type BrandCheckRequest = z.input<typeof brandCheckRequestSchema>;

const evidenceSchema = z.record(z.string(), z.unknown());

export const brandFindingsSchema = z.object({
  language: z.string(),
  market: z.string().nullable(),
  claims: z.array(
    z.object({
      text: z.string(),
      verdict: z.enum(['supported', 'contradicted', 'unverified']),
      factId: z.string().nullable(),
      evidence: evidenceSchema,
    }),
  ),
  disclosure: z.object({
    market: z.string(),
    required: z.boolean(),
    present: z.boolean(),
    ok: z.boolean(),
    evidence: evidenceSchema,
  }),
  onMessage: z.object({
    score: z.number(),
    coverage: z.object({ covered: z.array(z.string()), missing: z.array(z.string()), ratio: z.number() }),
    issues: z.array(
      z.object({
        code: z.string(),
        severity: z.enum(['error', 'warning', 'info']),
        message: z.string(),
        /** `message` as a code + parameters of the contract's judgements (absent on old rows). */
        messageCode: z.string().optional(),
        messageParams: judgementParamsSchema.optional(),
        evidence: z.array(z.string()),
        penalty: z.number(),
      }),
    ),
  }),
  issues: z.array(
    z.object({
      code: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      messageCode: z.string().optional(),
      messageParams: judgementParamsSchema.optional(),
    }),
  ),
});
export type BrandFindings = z.infer<typeof brandFindingsSchema>;

// ---- advocates ----------------------------------------------------------------------------------

export const advocateTrustLevelSchema = z
  .enum(['invited', 'self_joined'])
  .describe('invited: the brand invited them; self_joined: signed up on their own and is not trusted yet.');
export const advocateTrainingStatusSchema = z.enum(['not_started', 'in_progress', 'completed']);
export const advocateStatusSchema = z.enum(['invited', 'active', 'paused', 'removed']);

export const advocateHandleSchema = z.object({
  platform: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .transform((p) => p.toLowerCase()),
  /** With or without the leading @; compared without case. */
  handle: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .transform((h) => h.replace(/^@+/, '').toLowerCase())
    .refine((h) => h.length > 0, 'expected a handle such as "@ana"'),
});

export const advocateConsentSchema = z.object({
  given: z.boolean(),
  /** Where the consent is recorded: a signed agreement, a form id, an invitation. */
  reference: z.string().trim().min(1).max(500).nullable().default(null),
});

export const advocateInputSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable().default(null),
  languages: z.array(languageCodeSchema).min(1),
  /** The language notices are written in; the first of `languages` when absent. */
  language: languageCodeSchema.optional(),
  markets: z.array(marketCodeSchema).default([]),
  handles: z.array(advocateHandleSchema).default([]),
  trustLevel: advocateTrustLevelSchema.default('self_joined'),
  trainingStatus: advocateTrainingStatusSchema.default('not_started'),
  consent: advocateConsentSchema.default({ given: false, reference: null }),
});
export type AdvocateInput = z.input<typeof advocateInputSchema>;
export type AdvocateFields = z.output<typeof advocateInputSchema>;

export const advocatePatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    email: z.email().max(320).nullable(),
    languages: z.array(languageCodeSchema).min(1),
    language: languageCodeSchema,
    markets: z.array(marketCodeSchema),
    handles: z.array(advocateHandleSchema),
    trustLevel: advocateTrustLevelSchema,
    trainingStatus: advocateTrainingStatusSchema,
    status: advocateStatusSchema,
    consent: advocateConsentSchema,
  })
  .partial();
export type AdvocatePatch = z.input<typeof advocatePatchSchema>;

export const advocateSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  languages: z.array(z.string()),
  language: z.string(),
  markets: z.array(z.string()),
  handles: z.array(z.object({ platform: z.string(), handle: z.string() })),
  trustLevel: advocateTrustLevelSchema,
  trainingStatus: advocateTrainingStatusSchema,
  status: advocateStatusSchema,
  consent: z.object({ given: z.boolean(), reference: z.string().nullable(), at: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Advocate = z.infer<typeof advocateSchema>;

export const advocateInvitationSchema = z.object({
  id: z.string(),
  advocateId: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  expiresAt: z.string(),
});

export const invitationAcceptSchema = z.object({
  token: z.string().min(20).max(200),
  /** The advocate agrees to the programme terms (disclosure, review of drafts, processing of their posts). */
  consent: z.literal(true, { error: 'the invitation is accepted only with consent: true' }),
  handles: z.array(advocateHandleSchema).max(20).default([]),
});

export const invitationAcceptedSchema = z.object({
  advocateId: z.string(),
  status: advocateStatusSchema,
  /** The advocate's personal portal link token, shown once (only its hash is stored). */
  portalToken: z.string().optional(),
  portalExpiresAt: z.string().optional(),
});

// ---- drafts -------------------------------------------------------------------------------------

export const draftStatusSchema = z.enum(['in_review', 'approved', 'rejected']);

export const draftSubmitSchema = z.object({
  campaignId: uuid,
  text: z.string().trim().min(1).max(MAX_POST_TEXT_CHARS),
  language: languageCodeSchema.optional(),
  market: marketCodeSchema.optional(),
  platform: z.string().trim().min(1).max(40).optional(),
});

export const draftResubmitSchema = z.object({
  text: z.string().trim().min(1).max(MAX_POST_TEXT_CHARS),
  language: languageCodeSchema.optional(),
  market: marketCodeSchema.optional(),
});

export const draftApproveSchema = z.object({
  /** When it may be published; the campaign's publishing pause (crisis) is checked for this moment. */
  publishAt: isoDate.optional(),
  note: z.string().trim().max(2000).optional(),
  /** Approve although the brand check found errors; the reason is recorded. */
  overrideFindings: z.string().trim().min(3).max(2000).optional(),
});

export const draftRejectSchema = z.object({
  reason: z.string().trim().min(3, 'say why, so the advocate can fix it').max(2000),
});

export const draftVersionSchema = z.object({
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
  decidedBy: z.string().nullable(),
});

export const draftSchema = z.object({
  id: z.string(),
  advocateId: z.string(),
  campaignId: z.string(),
  platform: z.string().nullable(),
  status: draftStatusSchema,
  currentVersion: z.number().int(),
  approvedVersion: z.number().int().nullable(),
  publishAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  versions: z.array(draftVersionSchema),
});
export type Draft = z.infer<typeof draftSchema>;

export const draftListQuerySchema = z.object({
  campaignId: uuid.optional(),
  advocateId: uuid.optional(),
  status: draftStatusSchema.optional(),
});

// ---- published posts and compliance -------------------------------------------------------------

export const advocatePostOutcomeSchema = z
  .enum(['as_approved', 'edited_after_approval', 'no_approved_draft'])
  .describe('How a published advocate post compares with the drafts approved for it.');

export const advocatePostSchema = z.object({
  postId: z.string(),
  advocateId: z.string(),
  campaignId: z.string().nullable(),
  draftId: z.string().nullable(),
  draftVersion: z.number().int().nullable(),
  similarity: z.number().nullable(),
  outcome: advocatePostOutcomeSchema,
  disclosureRemoved: z.boolean(),
  disclosureOk: z.boolean(),
  contradictedClaims: z.number().int(),
  evidence: z.record(z.string(), z.unknown()),
  reach: z.number().int(),
  engagement: z.number().int(),
  publishedAt: z.string(),
  checkedAt: z.string(),
});
export type AdvocatePost = z.infer<typeof advocatePostSchema>;

export const advocateComplianceSchema = z.object({
  advocateId: z.string(),
  posts: z.number().int(),
  asApproved: z.number().int(),
  editedAfterApproval: z.number().int(),
  noApprovedDraft: z.number().int(),
  disclosureRemoved: z.number().int(),
  disclosureProblems: z.number().int(),
  contradictedClaims: z.number().int(),
  /** Share of published posts that went out as approved with their disclosure in place (null before any post). */
  complianceRate: z.number().nullable(),
  reach: z.number().int(),
  engagement: z.number().int(),
  drafts: z.object({ inReview: z.number().int(), approved: z.number().int(), rejected: z.number().int() }),
  corrections: z.object({ sent: z.number().int(), corrected: z.number().int(), repeated: z.number().int() }),
});
export type AdvocateCompliance = z.infer<typeof advocateComplianceSchema>;

// ---- corrections --------------------------------------------------------------------------------

export const correctionInputSchema = z
  .object({
    campaignId: uuid,
    /** A fact id alone: the approved fact itself was wrong. With `claimText`: narrows the claim to that fact. */
    factId: z.string().trim().min(1).optional(),
    /** A wrong claim in circulation, e.g. "60-day returns". */
    claimText: z.string().trim().min(3).max(500).optional(),
    language: languageCodeSchema.optional(),
    /** The approved correction per language; defaults to the fact's approved wording for a circulating claim. */
    correction: z.record(languageCodeSchema, z.string().trim().min(1).max(2000)).optional(),
    reason: z.string().trim().max(2000).optional(),
    /** Only posts published from this moment on (default: the campaign's start). */
    since: isoDate.optional(),
  })
  .refine((c) => c.factId !== undefined || c.claimText !== undefined, {
    message: 'give factId (a fact found wrong) or claimText (a wrong claim), or both',
    path: ['claimText'],
  });
export type CorrectionInput = z.input<typeof correctionInputSchema>;

export const correctionNoticeStatusSchema = z.enum(['sent', 'corrected', 'repeated']);

export const correctionNoticeSchema = z.object({
  id: z.string(),
  advocateId: z.string(),
  advocateName: z.string(),
  language: z.string(),
  subject: z.string(),
  body: z.string(),
  posts: z.array(z.string()),
  status: correctionNoticeStatusSchema,
  sentAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByPostId: z.string().nullable(),
  /** E-mail delivery: portal_only when there is no address, no consent to be contacted or no SMTP. */
  delivery: z.object({
    status: z.enum(['pending', 'sending', 'delivered', 'failed', 'portal_only']),
    attempts: z.number().int(),
    error: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  }),
  /** The advocate's own answers in the portal. */
  readAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  advocateCorrectedAt: z.string().nullable(),
});

export const correctionSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  mode: z.enum(['fact', 'claim']),
  factId: z.string().nullable(),
  claimText: z.string().nullable(),
  correction: z.record(z.string(), z.string()),
  reason: z.string().nullable(),
  createdAt: z.string(),
  scanned: z.number().int(),
  matches: z.array(
    z.object({
      postId: z.string(),
      advocateId: z.string().nullable(),
      kind: z.enum(['wording', 'claim', 'near_duplicate']),
      similarity: z.number().nullable(),
      seedPostId: z.string().nullable(),
      span: z.tuple([z.number(), z.number()]).nullable(),
    }),
  ),
  notices: z.array(correctionNoticeSchema),
});
export type Correction = z.infer<typeof correctionSchema>;

export const noticeResolveSchema = z.object({ status: correctionNoticeStatusSchema });
