// API calls of the advocates screen, each response checked with the contract's zod schema.
import {
  advocateComplianceSchema,
  advocateInvitationSchema,
  advocatePostSchema,
  advocatePortalStatusSchema,
  advocateSchema,
  brandFindingsSchema,
  correctionSchema,
  draftSchema,
  joinLinkCreatedSchema,
  portalLinkCreatedSchema,
  type AdvocateInput,
  type BrandCheckRequest,
  type CorrectionInput,
} from '@ombud/contract';
import { z } from 'zod';
import { request } from './api-client.ts';

const advocateListSchema = z.array(advocateSchema);
const draftListSchema = z.array(draftSchema);
const postListSchema = z.array(advocatePostSchema);
const correctionListSchema = z.array(correctionSchema);

export type AdvocateInvitation = z.infer<typeof advocateInvitationSchema>;
export type Correction = z.infer<typeof correctionSchema>;

const id = (value: string) => encodeURIComponent(value);

/** The advocates screen's calls: roster, invitations, drafts and their review, matched posts, corrections, brand check. */
export const advocatesApi = {
  brandCheck: (body: BrandCheckRequest) =>
    request(brandFindingsSchema, '/api/brand-check', { method: 'POST', body }),
  advocates: (signal?: AbortSignal) => request(advocateListSchema, '/api/advocates', { signal }),
  createAdvocate: (body: AdvocateInput) =>
    request(advocateSchema, '/api/advocates', { method: 'POST', body }),
  portalStatus: (signal?: AbortSignal) =>
    request(z.array(advocatePortalStatusSchema), '/api/advocate-portal-status', { signal }),
  createPortalLink: (advocateId: string) =>
    request(portalLinkCreatedSchema, `/api/advocates/${id(advocateId)}/portal-links`, {
      method: 'POST',
      body: {},
    }),
  revokePortalLinks: (advocateId: string) =>
    request(z.object({ revoked: z.number() }), `/api/advocates/${id(advocateId)}/portal-links`, {
      method: 'DELETE',
    }),
  createJoinLink: (campaignId: string) =>
    request(joinLinkCreatedSchema, `/api/campaigns/${id(campaignId)}/join-links`, {
      method: 'POST',
      body: {},
    }),
  withdrawJoinLinks: (campaignId: string) =>
    request(z.object({ revoked: z.number() }), `/api/campaigns/${id(campaignId)}/join-links`, {
      method: 'DELETE',
    }),
  invite: (advocateId: string) =>
    request(advocateInvitationSchema, `/api/advocates/${id(advocateId)}/invitations`, {
      method: 'POST',
      body: {},
    }),
  posts: (advocateId: string, signal?: AbortSignal) =>
    request(postListSchema, `/api/advocates/${id(advocateId)}/posts`, { signal }),
  compliance: (advocateId: string, signal?: AbortSignal) =>
    request(advocateComplianceSchema, `/api/advocates/${id(advocateId)}/compliance`, { signal }),
  submitDraft: (
    advocateId: string,
    body: { campaignId: string; text: string; language?: string; market?: string },
  ) => request(draftSchema, `/api/advocates/${id(advocateId)}/drafts`, { method: 'POST', body }),
  drafts: (
    query: { campaignId?: string; status?: 'in_review' | 'approved' | 'rejected' },
    signal?: AbortSignal,
  ) => request(draftListSchema, '/api/advocate-drafts', { query: { ...query }, signal }),
  resubmit: (draftId: string, text: string) =>
    request(draftSchema, `/api/advocate-drafts/${id(draftId)}/versions`, { method: 'POST', body: { text } }),
  approve: (draftId: string, body: { note?: string; overrideFindings?: string }) =>
    request(draftSchema, `/api/advocate-drafts/${id(draftId)}/approve`, { method: 'POST', body }),
  reject: (draftId: string, reason: string) =>
    request(draftSchema, `/api/advocate-drafts/${id(draftId)}/reject`, { method: 'POST', body: { reason } }),
  corrections: (campaignId: string, signal?: AbortSignal) =>
    request(correctionListSchema, '/api/corrections', { query: { campaignId }, signal }),
  createCorrection: (body: CorrectionInput) =>
    request(correctionSchema, '/api/corrections', { method: 'POST', body }),
};
