// API calls of the crisis screen, each response checked with the contract's zod schema.
import type { userSummarySchema } from '@ombud/contract';
import {
  circuitBreakerSchema,
  incidentDetailSchema,
  incidentSummarySchema,
  postListItemSchema,
  signalPointSchema,
  type IncidentStatus,
} from '@ombud/contract';
import { z } from 'zod';
import { request } from './api-client.ts';

const incidentListSchema = z.array(incidentSummarySchema);
const driverListSchema = z.array(postListItemSchema);
const signalListSchema = z.array(signalPointSchema);

export type CircuitBreaker = z.infer<typeof circuitBreakerSchema>;
export type DriverPost = z.infer<typeof postListItemSchema>;
export type SignalPoint = z.infer<typeof signalPointSchema>;
export type TeamMember = z.infer<typeof userSummarySchema>;

export interface IncidentUpdate {
  status?: IncidentStatus;
  ownerId?: string | null;
  note?: string;
}

/** The crisis room's calls: incidents, their driving posts, signals, playbook, statements, breaker. */
export const crisisApi = {
  incidents: (signal?: AbortSignal) =>
    request(incidentListSchema, '/api/incidents', { query: { limit: 100 }, signal }),
  incident: (id: string, signal?: AbortSignal) =>
    request(incidentDetailSchema, `/api/incidents/${encodeURIComponent(id)}`, { signal }),
  drivers: (id: string, signal?: AbortSignal) =>
    request(driverListSchema, `/api/incidents/${encodeURIComponent(id)}/posts`, { signal }),
  signals: (
    query: { campaignId: string; from: string; to: string; resolution: 'hour' | 'day' },
    signal?: AbortSignal,
  ) => request(signalListSchema, '/api/signals', { query: { ...query }, signal }),
  update: (id: string, body: IncidentUpdate) =>
    request(incidentDetailSchema, `/api/incidents/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  setStep: (id: string, key: string, done: boolean) =>
    request(
      incidentDetailSchema,
      `/api/incidents/${encodeURIComponent(id)}/steps/${encodeURIComponent(key)}`,
      { method: 'PUT', body: { done } },
    ),
  saveStatement: (id: string, language: string, text: string) =>
    request(
      incidentDetailSchema,
      `/api/incidents/${encodeURIComponent(id)}/statements/${encodeURIComponent(language)}`,
      { method: 'PUT', body: { text } },
    ),
  approveStatement: (id: string, language: string) =>
    request(
      incidentDetailSchema,
      `/api/incidents/${encodeURIComponent(id)}/statements/${encodeURIComponent(language)}/approve`,
      { method: 'POST', body: {} },
    ),
  breaker: (campaignId: string, signal?: AbortSignal) =>
    request(circuitBreakerSchema, `/api/campaigns/${encodeURIComponent(campaignId)}/circuit-breaker`, {
      signal,
    }),
  switchBreaker: (
    campaignId: string,
    body: { publishingPaused?: boolean; preModeration?: boolean; reason: string },
  ) =>
    request(circuitBreakerSchema, `/api/campaigns/${encodeURIComponent(campaignId)}/circuit-breaker`, {
      method: 'POST',
      body,
    }),
};
