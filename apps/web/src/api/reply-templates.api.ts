// API calls of the reply-template settings screen, checked with the contract.
import { inboxTemplateSchema, type inboxTemplateInputSchema } from '@ombud/contract';
import type { z } from 'zod';
import { request } from './api-client.ts';
import { inboxApi } from './inbox.api.ts';

export type ReplyTemplateInput = z.input<typeof inboxTemplateInputSchema>;

const path = (id: string) => `/api/inbox/templates/${encodeURIComponent(id)}`;

export const replyTemplatesApi = {
  list: () => inboxApi.templates(undefined),
  create: (body: ReplyTemplateInput) =>
    request(inboxTemplateSchema, '/api/inbox/templates', { method: 'POST', body }),
  update: (id: string, body: ReplyTemplateInput) =>
    request(inboxTemplateSchema, path(id), { method: 'PUT', body }),
  retire: (id: string) => request(null, path(id), { method: 'DELETE' }),
};
