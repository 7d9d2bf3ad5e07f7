// API calls of the team screen beyond listing and adding members (api-client.ts).
import { userSummarySchema, type UpdateUserRequest } from '@ombud/contract';
import { request } from './api-client.ts';

const path = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const teamApi = {
  update: (id: string, body: UpdateUserRequest) =>
    request(userSummarySchema, path(id), { method: 'PATCH', body }),
  remove: (id: string) => request(null, path(id), { method: 'DELETE' }),
};
