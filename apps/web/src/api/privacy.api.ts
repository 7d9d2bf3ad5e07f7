// API calls of the privacy screen, each response checked with the contract's zod schema.
import {
  auditEntrySchema,
  auditVerificationSchema,
  consentRecordSchema,
  consentTextSchema,
  privacyPolicySchema,
  privacyRequestSchema,
  type ConsentPurpose,
  type LawfulBasis,
} from '@ombud/contract';
import { z } from 'zod';
import { request } from './api-client.ts';

const consentListSchema = z.array(consentRecordSchema);
const requestListSchema = z.array(privacyRequestSchema);
const auditListSchema = z.array(auditEntrySchema);
const consentTextListSchema = z.array(consentTextSchema);

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export interface PolicyUpdate {
  redaction?: 'keep' | 'redact' | 'pseudonymise';
  keepOriginal?: boolean;
  retentionDays?: number | null;
  retentionAction?: 'delete' | 'anonymise';
}

export interface ConsentInput {
  subject: { platform: string; handle: string };
  purpose: ConsentPurpose;
  lawfulBasis: LawfulBasis;
  source: string;
  evidence?: string;
}

const id = (value: string) => encodeURIComponent(value);

/** Where a browser download of a file the server writes (receipts, exports) comes from; same-origin, cookie-authenticated. */
export const privacyDownloads = {
  consentReceipt: (consentId: string) => `/api/privacy/consents/${id(consentId)}/receipt`,
  personReceipts: (authorId: string) => `/api/privacy/consent-receipts?authorId=${id(authorId)}`,
  subjectExport: (requestId: string, format: 'json' | 'csv') =>
    `/api/privacy/requests/${id(requestId)}/export?format=${format}`,
};

/** The privacy screen's calls: policy, consent ledger, data-subject requests, retention, audit log. */
export const privacyApi = {
  policy: (signal?: AbortSignal) => request(privacyPolicySchema, '/api/privacy/policy', { signal }),
  updatePolicy: (body: PolicyUpdate) =>
    request(privacyPolicySchema, '/api/privacy/policy', { method: 'PUT', body }),
  consents: (signal?: AbortSignal) => request(consentListSchema, '/api/privacy/consents', { signal }),
  recordConsent: (body: ConsentInput) =>
    request(consentRecordSchema, '/api/privacy/consents', { method: 'POST', body }),
  withdrawConsent: (consentId: string, source: string) =>
    request(consentRecordSchema, `/api/privacy/consents/${id(consentId)}/withdraw`, {
      method: 'POST',
      body: { source },
    }),
  consentTexts: (signal?: AbortSignal) =>
    request(consentTextListSchema, '/api/privacy/consent-texts', { signal }),
  saveConsentText: (purpose: ConsentPurpose, language: string, text: string) =>
    request(consentTextSchema, `/api/privacy/consent-texts/${id(purpose)}/${id(language)}`, {
      method: 'PUT',
      body: { text },
    }),
  requests: (signal?: AbortSignal) => request(requestListSchema, '/api/privacy/requests', { signal }),
  createRequest: (kind: 'access' | 'erasure', subjects: Array<{ platform: string; handle: string }>) =>
    request(privacyRequestSchema, '/api/privacy/requests', { method: 'POST', body: { kind, subjects } }),
  executeErasure: (requestId: string) =>
    request(privacyRequestSchema, `/api/privacy/requests/${id(requestId)}/execute`, {
      method: 'POST',
      body: {},
    }),
  audit: (signal?: AbortSignal) => request(auditListSchema, '/api/audit', { query: { limit: 50 }, signal }),
  verifyAudit: (signal?: AbortSignal) => request(auditVerificationSchema, '/api/audit/verify', { signal }),
};
