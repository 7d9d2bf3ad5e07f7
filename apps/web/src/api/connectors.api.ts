// API calls of the connectors settings screen, each response checked with the contract's zod schema.
import {
  connectorListSchema,
  connectorSchema,
  type ConnectorRecordView,
  type ConnectorUpdateBody,
} from '@ombud/contract';
import { request } from './api-client.ts';

export type ConnectorView = ConnectorRecordView;

/** A new connector as the screen sends it: the server checks the settings against the kind. */
export interface ConnectorCreateRequest {
  name: string;
  kind: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}

const id = (value: string) => encodeURIComponent(value);

export const connectorsApi = {
  list: (signal?: AbortSignal) => request(connectorListSchema, '/api/connectors', { signal }),
  create: (body: ConnectorCreateRequest) =>
    request(connectorSchema, '/api/connectors', { method: 'POST', body }),
  update: (connectorId: string, body: ConnectorUpdateBody) =>
    request(connectorSchema, `/api/connectors/${id(connectorId)}`, { method: 'PATCH', body }),
  remove: (connectorId: string) => request(null, `/api/connectors/${id(connectorId)}`, { method: 'DELETE' }),
};
