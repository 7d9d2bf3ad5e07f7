// API calls of the campaigns settings screen (campaign fields and the brief), checked with the contract.
import {
  campaignBriefSchema,
  campaignSchema,
  disclosureDefaultSchema,
  type BriefInput,
  type CampaignInput,
} from '@ombud/contract';
import { z } from 'zod';
import { ApiError, request } from './api-client.ts';

const path = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

export const campaignsApi = {
  list: () => request(z.array(campaignSchema), '/api/campaigns'),
  create: (body: CampaignInput) => request(campaignSchema, '/api/campaigns', { method: 'POST', body }),
  update: (id: string, body: CampaignInput) => request(campaignSchema, path(id), { method: 'PUT', body }),
  remove: (id: string) => request(null, path(id), { method: 'DELETE' }),
  /** The campaign's brief; null when it has none yet. */
  brief: async (id: string) => {
    try {
      return await request(campaignBriefSchema, `${path(id)}/brief`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  },
  saveBrief: (id: string, body: BriefInput) =>
    request(campaignBriefSchema, `${path(id)}/brief`, { method: 'PUT', body }),
  disclosureDefaults: () => request(z.array(disclosureDefaultSchema), '/api/brief/disclosure-defaults'),
};
