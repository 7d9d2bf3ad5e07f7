// API bodies and records for issue #7 (privacy).
import { z } from 'zod';

export const redactionModeSchema = z.enum(['keep', 'redact', 'pseudonymise']);
export type RedactionModeSetting = z.infer<typeof redactionModeSchema>;
export const retentionActionSchema = z.enum(['delete', 'anonymise']);

export const customPatternSettingSchema = z.object({
  type: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'use UPPER_SNAKE_CASE, e.g. ORDER_NUMBER'),
  pattern: z.string().min(1).max(500),
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'flags may only contain i, m, s, u')
    .optional(),
});

export const privacyPolicySchema = z.object({
  workspaceId: z.string(),
  redaction: redactionModeSchema,
  /** Keep the unredacted text apart (readable only with the view_original permission). */
  keepOriginal: z.boolean(),
  retentionDays: z.number().int().positive().nullable(),
  retentionAction: retentionActionSchema,
  customPatterns: z.array(customPatternSettingSchema),
  updatedAt: z.string(),
});
export type PrivacyPolicy = z.infer<typeof privacyPolicySchema>;

export const privacyPolicyUpdateSchema = z
  .object({
    redaction: redactionModeSchema,
    keepOriginal: z.boolean(),
    retentionDays: z.number().int().min(1).max(36_500).nullable(),
    retentionAction: retentionActionSchema,
    customPatterns: z.array(customPatternSettingSchema).max(50),
  })
  .partial()
  .strict();

export const postOriginalSchema = z.object({
  postId: z.string(),
  text: z.string(),
  raw: z.record(z.string(), z.unknown()).nullable(),
  storedAt: z.string(),
});

export const privacyPermissionSchema = z.enum(['view_original']);
export const permissionGrantSchema = z.object({
  userId: z.uuid(),
  permission: privacyPermissionSchema,
});
export const permissionGrantListSchema = z.array(
  permissionGrantSchema.extend({ grantedAt: z.string(), grantedBy: z.string().nullable() }),
);

export const consentPurposeSchema = z.enum(['marketing_reuse', 'contact', 'advocate_programme']);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;
export const lawfulBasisSchema = z.enum([
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
]);
export type LawfulBasis = z.infer<typeof lawfulBasisSchema>;

export const subjectIdentitySchema = z.object({
  platform: z.string().trim().min(1).max(100),
  handle: z.string().trim().min(1).max(200),
});
export type SubjectIdentityInput = z.infer<typeof subjectIdentitySchema>;

export const consentInputSchema = z
  .object({
    /** The person, by stored author id or by platform and handle. */
    authorId: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
    subject: subjectIdentitySchema.optional(),
    purpose: consentPurposeSchema,
    lawfulBasis: lawfulBasisSchema,
    /** Where consent came from: "DM reply", "web form v3", "signed release". */
    source: z.string().trim().min(1).max(500),
    evidence: z.string().trim().max(2000).optional(),
    givenAt: z.iso.datetime({ offset: true }).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((value) => Boolean(value.authorId) !== Boolean(value.subject), {
    message: 'give exactly one of authorId or subject {platform, handle}',
    path: ['authorId'],
  });

/** The language of a consent text: a language code, never `und` (a text is written in one). */
export const consentTextLanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, 'a language code such as en, es or sv');

/** The wording used to ask a person for consent to one purpose, in one language. */
export const consentTextInputSchema = z.object({
  text: z.string().trim().min(1, 'the consent text is empty').max(4000),
});
export const consentTextSchema = z.object({
  purpose: consentPurposeSchema,
  language: consentTextLanguageSchema,
  text: z.string(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
});
export type ConsentText = z.infer<typeof consentTextSchema>;

export const consentWithdrawalSchema = z.object({
  source: z.string().trim().min(1).max(500),
  withdrawnAt: z.iso.datetime({ offset: true }).optional(),
});

export const consentRecordSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  purpose: consentPurposeSchema,
  lawfulBasis: lawfulBasisSchema,
  source: z.string(),
  evidence: z.string().nullable(),
  givenAt: z.string(),
  expiresAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawalSource: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  /** Valid now: given, not expired, not withdrawn. */
  valid: z.boolean(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

/** A consent receipt the person (or an auditor) can keep: what, why, on which basis, since when. */
export const consentReceiptSchema = z.object({
  receiptVersion: z.literal('ombud-consent-receipt/1'),
  receiptId: z.string(),
  issuedAt: z.string(),
  controller: z.object({ workspaceId: z.string(), workspaceName: z.string() }),
  subject: z.object({ authorId: z.string(), platform: z.string(), handle: z.string() }),
  purpose: consentPurposeSchema,
  lawfulBasis: lawfulBasisSchema,
  source: z.string(),
  evidence: z.string().nullable(),
  givenAt: z.string(),
  expiresAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawalSource: z.string().nullable(),
  status: z.enum(['active', 'withdrawn', 'expired']),
  /** SHA-256 over the canonical JSON of the fields above, so a copy can be checked later. */
  digest: z.string(),
});
export type ConsentReceipt = z.infer<typeof consentReceiptSchema>;

export const contentReuseInputSchema = z.object({
  postId: z.string().regex(/^\d{1,18}$/, 'expected a post id'),
  purpose: consentPurposeSchema.default('marketing_reuse'),
});
export const contentReuseSchema = z.object({
  id: z.string(),
  postId: z.string(),
  purpose: consentPurposeSchema,
  consentId: z.string(),
  approvedAt: z.string(),
  /** Whether the consent behind it is still valid (a withdrawal stops further reuse). */
  stillAllowed: z.boolean(),
});

export const privacyRequestKindSchema = z.enum(['access', 'erasure']);
export const privacyRequestInputSchema = z.object({
  kind: privacyRequestKindSchema,
  subjects: z.array(subjectIdentitySchema).min(1).max(20),
});
export const privacyRequestSchema = z.object({
  id: z.string(),
  kind: privacyRequestKindSchema,
  status: z.enum(['pending', 'done', 'rejected']),
  /** Cleared once an erasure is done; the tombstone keeps only a hash. */
  subjects: z.array(subjectIdentitySchema).nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  completedBy: z.string().nullable(),
  completedAt: z.string().nullable(),
  outcome: z.record(z.string(), z.unknown()).nullable(),
});
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;

export const subjectExportSchema = z.object({
  exportVersion: z.literal('ombud-subject-export/1'),
  generatedAt: z.string(),
  subjects: z.array(subjectIdentitySchema),
  authors: z.array(z.record(z.string(), z.unknown())),
  /** Every row in every table that refers to the person (found through foreign keys). */
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  /** Other places the person's handle, name or texts appear (found by searching every text column). */
  mentions: z.array(z.object({ table: z.string(), column: z.string(), value: z.unknown() })),
});
export type SubjectExport = z.infer<typeof subjectExportSchema>;

export const erasureOutcomeSchema = z.object({
  authorsErased: z.number().int(),
  rowsDeleted: z.record(z.string(), z.number().int()),
  cellsScrubbed: z.record(z.string(), z.number().int()),
  tablesSearched: z.number().int(),
  remainingMatches: z.number().int(),
});
export type ErasureOutcome = z.infer<typeof erasureOutcomeSchema>;

export const retentionRunSchema = z.object({
  workspaces: z.number().int(),
  deleted: z.number().int(),
  anonymised: z.number().int(),
});

export const auditEntrySchema = z.object({
  seq: z.string(),
  occurredAt: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeSeq: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  action: z.string().max(100).optional(),
});
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  workspaces: z.number().int(),
  entries: z.number().int(),
  brokenAt: z.object({ workspaceId: z.string(), seq: z.string(), reason: z.string() }).optional(),
});

export const apiKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
