// API calls of the alert channels settings screen, each response checked with the contract's zod schema.
import {
  alertChannelCreatedSchema,
  alertChannelSchema,
  alertListSchema,
  alertRouteSchema,
  alertSchema,
  alertTestPingSchema,
  deadLetterListSchema,
  deadLetterReplaySchema,
  type AlertChannelInput,
  type AlertRouteInput,
} from '@ombud/contract';
import { z } from 'zod';
import { request } from './api-client.ts';

const channelListSchema = z.array(alertChannelSchema);
const routeListSchema = z.array(alertRouteSchema);

export type AlertChannel = z.infer<typeof alertChannelSchema>;
export type AlertTestPing = z.infer<typeof alertTestPingSchema>;

const id = (value: string) => encodeURIComponent(value);

/** The alert settings' calls: channels, test pings, routing rules, dead letters, in-app alerts. */
export const alertsApi = {
  channels: (signal?: AbortSignal) => request(channelListSchema, '/api/alert-channels', { signal }),
  createChannel: (body: AlertChannelInput) =>
    request(alertChannelCreatedSchema, '/api/alert-channels', { method: 'POST', body }),
  replaceChannel: (channelId: string, body: AlertChannelInput) =>
    request(alertChannelCreatedSchema, `/api/alert-channels/${id(channelId)}`, { method: 'PUT', body }),
  deleteChannel: (channelId: string) =>
    request(null, `/api/alert-channels/${id(channelId)}`, { method: 'DELETE' }),
  testChannel: (channelId: string) =>
    request(alertTestPingSchema, `/api/alert-channels/${id(channelId)}/test`, { method: 'POST', body: {} }),
  routes: (signal?: AbortSignal) => request(routeListSchema, '/api/alert-routes', { signal }),
  createRoute: (body: AlertRouteInput) =>
    request(alertRouteSchema, '/api/alert-routes', { method: 'POST', body }),
  deleteRoute: (routeId: string) => request(null, `/api/alert-routes/${id(routeId)}`, { method: 'DELETE' }),
  deadLetters: (signal?: AbortSignal) =>
    request(deadLetterListSchema, '/api/alert-deliveries/dead-letter', { signal }),
  replay: (deliveryId: string) =>
    request(deadLetterReplaySchema, `/api/alert-deliveries/${id(deliveryId)}/replay`, {
      method: 'POST',
      body: {},
    }),
  replayAll: () =>
    request(deadLetterReplaySchema, '/api/alert-deliveries/dead-letter/replay', {
      method: 'POST',
      body: { all: true },
    }),
  alerts: (status: 'open' | 'acknowledged' | 'all', signal?: AbortSignal) =>
    request(alertListSchema, '/api/alerts', { query: { status, limit: 50 }, signal }),
  acknowledge: (alertId: string) =>
    request(alertSchema, `/api/alerts/${id(alertId)}/acknowledge`, { method: 'POST', body: {} }),
};
