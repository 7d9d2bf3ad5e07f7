// API calls of the advocate portal: every call carries the advocate's link token, never a session.
import {
  brandFindingsSchema,
  joinedSchema,
  joinInfoSchema,
  PORTAL_TOKEN_HEADER,
  portalBriefSchema,
  portalDraftSchema,
  portalMeSchema,
  portalNoticeSchema,
  type JoinRequest,
} from '@ombud/contract';
import { z } from 'zod';
import { request } from './api-client.ts';

const id = (value: string) => encodeURIComponent(value);

export interface PortalCheck {
  campaignId: string;
  text: string;
  language?: string | undefined;
  market?: string | undefined;
}

/** The portal's calls for one advocate link token. */
export function portalApi(token: string) {
  const headers = { [PORTAL_TOKEN_HEADER]: token };
  return {
    me: (signal?: AbortSignal) => request(portalMeSchema, '/api/portal/me', { headers, signal }),
    setContact: (contact: boolean) =>
      request(portalMeSchema, '/api/portal/consent', { method: 'POST', headers, body: { contact } }),
    brief: (campaignId: string, language: string, signal?: AbortSignal) =>
      request(portalBriefSchema, `/api/portal/campaigns/${id(campaignId)}/brief`, {
        headers,
        query: { language },
        signal,
      }),
    check: (body: PortalCheck) =>
      request(brandFindingsSchema, '/api/portal/check', { method: 'POST', headers, body }),
    drafts: (signal?: AbortSignal) =>
      request(z.array(portalDraftSchema), '/api/portal/drafts', { headers, signal }),
    submit: (body: PortalCheck) =>
      request(portalDraftSchema, '/api/portal/drafts', { method: 'POST', headers, body }),
    resubmit: (draftId: string, text: string) =>
      request(portalDraftSchema, `/api/portal/drafts/${id(draftId)}/versions`, {
        method: 'POST',
        headers,
        body: { text },
      }),
    notices: (signal?: AbortSignal) =>
      request(z.array(portalNoticeSchema), '/api/portal/notices', { headers, signal }),
    answer: (noticeId: string, answer: 'acknowledge' | 'corrected') =>
      request(portalNoticeSchema, `/api/portal/notices/${id(noticeId)}/${answer}`, {
        method: 'POST',
        headers,
        body: {},
      }),
  };
}

/** The public join link: what the campaign asks, and joining with consent. */
export const joinApi = {
  info: (token: string, signal?: AbortSignal) =>
    request(joinInfoSchema, `/api/portal/join/${id(token)}`, { signal }),
  join: (token: string, body: JoinRequest) =>
    request(joinedSchema, `/api/portal/join/${id(token)}`, { method: 'POST', body }),
};
