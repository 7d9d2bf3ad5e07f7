// API calls of the listening screen, each response checked with the contract's zod schema.
import {
  influencersSchema,
  inboxSlaReportSchema,
  listeningSearchResponseSchema,
  narrativesSchema,
  poachingSchema,
  savedSearchSchema,
  shareOfVoiceSchema,
  trendingSchema,
  type ListeningFilter,
} from '@ombud/contract';
import { z } from 'zod';
import { request } from './api-client.ts';

export interface ListeningRange {
  campaignId: string;
  from: string;
  to: string;
}

type Query = Record<string, string | number | undefined>;
const savedSearchList = z.array(savedSearchSchema);

/** The filter as query parameters (empty values are dropped by the client). */
export function filterQuery(filter: ListeningFilter): Query {
  return { ...filter };
}

/** The address of an export of the current search (the browser downloads it with the session cookie). */
export function exportUrl(filter: ListeningFilter, format: 'csv' | 'json'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  params.set('format', format);
  return `/api/listening/search/export?${params.toString()}`;
}

/** Listening: search, saved searches, share of voice, narratives, trending, poaching, influencers. */
export const listeningApi = {
  search: (
    filter: ListeningFilter,
    page: { limit: number; cursor?: string | undefined },
    signal?: AbortSignal,
  ) =>
    request(listeningSearchResponseSchema, '/api/listening/search', {
      query: { ...filterQuery(filter), limit: page.limit, cursor: page.cursor },
      signal,
    }),
  savedSearches: (signal?: AbortSignal) =>
    request(savedSearchList, '/api/listening/saved-searches', { signal }),
  saveSearch: (name: string, filter: ListeningFilter) =>
    request(savedSearchSchema, '/api/listening/saved-searches', { method: 'POST', body: { name, filter } }),
  deleteSavedSearch: (id: string) =>
    request(null, `/api/listening/saved-searches/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  shareOfVoice: (range: ListeningRange, interval: 'hour' | 'day', signal?: AbortSignal) =>
    request(shareOfVoiceSchema, '/api/listening/share-of-voice', { query: { ...range, interval }, signal }),
  narratives: (range: ListeningRange, signal?: AbortSignal) =>
    request(narrativesSchema, '/api/listening/narratives', { query: { ...range }, signal }),
  trending: (range: ListeningRange, signal?: AbortSignal) =>
    request(trendingSchema, '/api/listening/trending', { query: { ...range }, signal }),
  poaching: (range: ListeningRange, signal?: AbortSignal) =>
    request(poachingSchema, '/api/listening/poaching', { query: { ...range, limit: 50 }, signal }),
  influencers: (range: ListeningRange, signal?: AbortSignal) =>
    request(influencersSchema, '/api/listening/influencers', { query: { ...range, limit: 15 }, signal }),
  slaReport: (signal?: AbortSignal) => request(inboxSlaReportSchema, '/api/inbox/reports/sla', { signal }),
};
