// API calls of the inbox screen, each response checked with the contract's zod schema.
import {
  inboxAgentSchema,
  inboxClusterSchema,
  inboxItemDetailSchema,
  inboxItemSchema,
  inboxReplySchema,
  inboxTemplateSchema,
  type InboxPriorityLevel,
} from '@ombud/contract';
import { z } from 'zod';
import { request } from './api-client.ts';

export interface InboxItemsQuery {
  status?: 'open' | 'held' | 'resolved' | undefined;
  assignee?: 'me' | 'none' | undefined;
  language?: string | undefined;
  priority?: InboxPriorityLevel | undefined;
  clusterId?: string | undefined;
  limit: number;
  offset: number;
}

export interface ReplyRequest {
  idempotencyKey: string;
  templateId?: string;
  body?: string;
  variables?: Record<string, string>;
  resolve?: boolean;
}

const itemList = z.array(inboxItemSchema);

/** Every inbox call the dashboard makes. */
export const inboxApi = {
  items: (query: InboxItemsQuery, signal?: AbortSignal) =>
    request(itemList, '/api/inbox/items', { query: { ...query }, signal }),
  atRisk: (limit: number, signal?: AbortSignal) =>
    request(itemList, '/api/inbox/sla/at-risk', { query: { limit }, signal }),
  item: (id: string, signal?: AbortSignal) =>
    request(inboxItemDetailSchema, `/api/inbox/items/${encodeURIComponent(id)}`, { signal }),
  clusters: (signal?: AbortSignal) =>
    request(z.array(inboxClusterSchema), '/api/inbox/clusters', { query: { limit: 100 }, signal }),
  templates: (language: string | undefined) =>
    request(z.array(inboxTemplateSchema), '/api/inbox/templates', {
      query: { language: language === 'en' || language === 'es' || language === 'sv' ? language : undefined },
    }),
  agents: () => request(z.array(inboxAgentSchema), '/api/inbox/agents'),
  pendingReplies: () => request(z.array(inboxReplySchema), '/api/inbox/replies/pending'),
  claim: (id: string) =>
    request(inboxItemSchema, `/api/inbox/items/${encodeURIComponent(id)}/claim`, {
      method: 'POST',
      body: {},
    }),
  assign: (id: string, agentId: string | null) =>
    request(inboxItemSchema, `/api/inbox/items/${encodeURIComponent(id)}/assign`, {
      method: 'POST',
      body: { agentId },
    }),
  reply: (id: string, body: ReplyRequest) =>
    request(inboxReplySchema, `/api/inbox/items/${encodeURIComponent(id)}/reply`, { method: 'POST', body }),
  replyToCluster: (clusterId: string, body: ReplyRequest) =>
    request(inboxReplySchema, `/api/inbox/clusters/${encodeURIComponent(clusterId)}/reply`, {
      method: 'POST',
      body,
    }),
  resolve: (id: string) =>
    request(inboxItemSchema, `/api/inbox/items/${encodeURIComponent(id)}/resolve`, {
      method: 'POST',
      body: { resolution: 'replied' },
    }),
  answeredElsewhere: (id: string, note: string) =>
    request(inboxItemSchema, `/api/inbox/items/${encodeURIComponent(id)}/answered-elsewhere`, {
      method: 'POST',
      body: note.trim() ? { note: note.trim() } : {},
    }),
  reopen: (id: string) =>
    request(inboxItemSchema, `/api/inbox/items/${encodeURIComponent(id)}/reopen`, {
      method: 'POST',
      body: {},
    }),
  approve: (replyId: string) =>
    request(inboxReplySchema, `/api/inbox/replies/${encodeURIComponent(replyId)}/approve`, {
      method: 'POST',
      body: {},
    }),
  reject: (replyId: string) =>
    request(inboxReplySchema, `/api/inbox/replies/${encodeURIComponent(replyId)}/reject`, {
      method: 'POST',
      body: {},
    }),
};

/** Fills `{{name}}` variables for the preview, as the server does (values are never re-expanded). */
export function fillTemplate(body: string, values: Record<string, string>): string {
  return body.replace(
    /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g,
    (whole, name: string) => values[name] ?? whole,
  );
}
