// API calls of the readiness screen, each response checked with the contract's zod schema.
import {
  readinessAssessmentSchema,
  readinessDecisionSchema,
  type ReadinessDecisionInput,
} from '@ombud/contract';
import { z } from 'zod';
import type { UiLocale } from '../i18n/i18n.tsx';
import { request } from './api-client.ts';

const decisionListSchema = z.array(readinessDecisionSchema);

export type ReadinessAssessment = z.infer<typeof readinessAssessmentSchema>;
export type ReadinessDecision = z.infer<typeof readinessDecisionSchema>;

const base = (campaignId: string) => `/api/readiness/${encodeURIComponent(campaignId)}`;

/** The readiness screen's calls: assessment in the UI language, decisions, report links. */
export const readinessApi = {
  assessment: (campaignId: string, lang: UiLocale, signal?: AbortSignal) =>
    request(readinessAssessmentSchema, base(campaignId), { query: { lang }, signal }),
  decisions: (campaignId: string, signal?: AbortSignal) =>
    request(decisionListSchema, `${base(campaignId)}/decisions`, { signal }),
  sign: (campaignId: string, body: ReadinessDecisionInput) =>
    request(readinessDecisionSchema, `${base(campaignId)}/decisions`, { method: 'POST', body }),
  reportUrl: (campaignId: string, format: 'html' | 'pdf', lang: UiLocale) =>
    `${base(campaignId)}/report.${format}?lang=${lang}`,
};
