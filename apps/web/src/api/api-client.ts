import {
  campaignSchema,
  createdApiKeySchema,
  errorResponseSchema,
  healthResponseSchema,
  listPostsResponseSchema,
  meResponseSchema,
  overviewResponseSchema,
  setupStatusResponseSchema,
  userSummarySchema,
  type createApiKeyRequestSchema,
  type createUserRequestSchema,
  type loginRequestSchema,
  type setupRequestSchema,
} from '@ombud/contract';
import { z, type ZodType } from 'zod';

/** A failed call: the server's stable error code (or a client-side one) and its message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined>;

/** Fired on `window` when a call made with a session gets 401: the session has ended. */
export const SESSION_ENDED_EVENT = 'ombud:session-ended';
// These answer 401 as part of their normal work (not signed in yet, wrong password).
const AUTH_PATHS = ['/api/auth/me', '/api/auth/login', '/api/setup'];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Extra headers (the advocate portal sends its link token in one). */
  headers?: Record<string, string>;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Calls the API with the session cookie and validates the answer against its contract schema. */
export async function request<T>(
  schema: ZodType<T> | null,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        // Cookie-authenticated writes must be JSON: the server refuses anything a form could send.
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', (error as Error).message);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const parsed = errorResponseSchema.safeParse(body);
    // A portal call's 401 is about the advocate's link, never a team session.
    if (response.status === 401 && !AUTH_PATHS.includes(path) && !path.startsWith('/api/portal/')) {
      window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
    }
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(response.status, code, message, details);
    }
    throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
  }
  if (schema === null || response.status === 204) return undefined as T;
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(response.status, 'BAD_RESPONSE', parsed.error.message);
  return parsed.data;
}

export type SetupRequest = z.input<typeof setupRequestSchema>;
export type LoginRequest = z.input<typeof loginRequestSchema>;
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;
export type CreateApiKeyRequest = z.input<typeof createApiKeyRequestSchema>;
export interface PostsQuery {
  campaignId?: string | undefined;
  language?: string | undefined;
  q?: string | undefined;
  limit?: number;
  before?: string | undefined;
}
export interface OverviewRequest {
  campaignId?: string | undefined;
  days?: number;
  timeZone?: string;
}

const campaignListSchema = z.array(campaignSchema);
const userListSchema = z.array(userSummarySchema);

/** Every API call the dashboard makes, typed by the shared contract. */
export const api = {
  health: () => request(healthResponseSchema, '/api/health'),
  setupStatus: () => request(setupStatusResponseSchema, '/api/setup'),
  setup: (body: SetupRequest) => request(meResponseSchema, '/api/setup', { method: 'POST', body }),
  login: (body: LoginRequest) => request(null, '/api/auth/login', { method: 'POST', body }),
  logout: () => request(null, '/api/auth/logout', { method: 'POST', body: {} }),
  me: () => request(meResponseSchema, '/api/auth/me'),
  campaigns: () => request(campaignListSchema, '/api/campaigns'),
  posts: (query: PostsQuery, signal?: AbortSignal) =>
    request(listPostsResponseSchema, '/api/posts', { query: { ...query }, signal }),
  overview: (query: OverviewRequest, signal?: AbortSignal) =>
    request(overviewResponseSchema, '/api/overview', { query: { ...query }, signal }),
  users: () => request(userListSchema, '/api/users'),
  createUser: (body: CreateUserRequest) => request(userSummarySchema, '/api/users', { method: 'POST', body }),
  createApiKey: (body: CreateApiKeyRequest) =>
    request(createdApiKeySchema, '/api/api-keys', { method: 'POST', body }),
};
