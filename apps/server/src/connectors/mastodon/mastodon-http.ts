// HTTP to one Mastodon instance: bearer token, the instance's rate-limit headers
// (`X-RateLimit-Remaining`/`X-RateLimit-Reset`, and `429` with `Retry-After`), and retries with
// exponential backoff on 5xx answers and network errors. Everything else (4xx) is the caller's.

export interface MastodonHttpOptions {
  instanceUrl: string;
  accessToken: string | undefined;
  fetch: typeof globalThis.fetch;
  /** Abortable wait (the run context's `sleep`); resolves early when `signal` aborts. */
  sleep(millis: number): Promise<void>;
  now(): Date;
  signal: AbortSignal;
  /** First retry delay; doubles per attempt up to `maxRetryMillis` (default 1 s and 60 s). */
  retryBaseMillis?: number;
  maxRetryMillis?: number;
  /** Attempts before giving up on 5xx/network errors (default 6). */
  maxAttempts?: number;
  onWait?: (wait: {
    reason: 'rate-limit' | 'retry-after' | 'server-error' | 'network';
    millis: number;
  }) => void;
}

export class MastodonHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    detail: string,
  ) {
    super(`Mastodon ${url} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'MastodonHttpError';
  }
}

export interface MastodonRequest {
  method?: 'GET' | 'POST';
  /** Path with query (`/api/v1/...`) or an absolute URL on the same instance (from a `Link` header). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Leave the body unread (streaming). */
  stream?: boolean;
  /** Ends this request early (a stream being closed), besides the run's own signal. */
  signal?: AbortSignal;
}

/** Longest wait the instance may ask for before we give up and let the supervisor restart later. */
const MAX_RATE_LIMIT_WAIT_MS = 15 * 60 * 1000;

export function createMastodonHttp(options: MastodonHttpOptions) {
  const base = options.retryBaseMillis ?? 1000;
  const maxRetry = options.maxRetryMillis ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 6;
  let pauseUntil = 0;
  // The instance itself, and the streaming host it announces (GET /api/v2/instance).
  const origins = new Set([new URL(options.instanceUrl).origin]);

  const urlFor = (path: string): string => {
    if (/^https?:\/\//.test(path)) {
      const url = new URL(path);
      if (!origins.has(url.origin))
        throw new Error(`refusing to follow a link off the instance: ${url.origin}`);
      return url.toString();
    }
    return `${options.instanceUrl}${path}`;
  };

  const wait = async (
    reason: Parameters<NonNullable<MastodonHttpOptions['onWait']>>[0]['reason'],
    millis: number,
  ) => {
    if (millis > MAX_RATE_LIMIT_WAIT_MS)
      throw new Error(
        `the instance asks to wait ${Math.round(millis / 1000)} s (${reason}); will restart later`,
      );
    options.onWait?.({ reason, millis });
    await options.sleep(millis);
  };

  /** Sends one request, waiting out rate limits and retrying transient failures. */
  async function request(input: MastodonRequest): Promise<Response> {
    const url = urlFor(input.path);
    const signal = input.signal ? AbortSignal.any([options.signal, input.signal]) : options.signal;
    for (let attempt = 1; ; attempt++) {
      const before = pauseUntil - options.now().getTime();
      if (before > 0) await wait('rate-limit', before);
      if (options.signal.aborted) throw options.signal.reason ?? new Error('aborted');
      let response: Response;
      try {
        response = await options.fetch(url, {
          method: input.method ?? 'GET',
          headers: {
            accept: input.stream ? 'text/event-stream' : 'application/json',
            'user-agent': 'Ombud (+https://github.com/ombud)',
            ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
            ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...input.headers,
          },
          ...(input.body !== undefined ? { body: input.body } : {}),
          signal,
        });
      } catch (error) {
        if (signal.aborted) throw error;
        if (attempt >= maxAttempts) throw error;
        await wait('network', backoff(attempt));
        continue;
      }
      noteRateLimit(response.headers);
      if (response.status === 429) {
        await response.body?.cancel();
        if (attempt >= maxAttempts) throw new MastodonHttpError(429, url, 'still rate limited');
        await wait('retry-after', retryAfterMillis(response.headers) ?? backoff(attempt));
        continue;
      }
      if (response.status >= 500) {
        await response.body?.cancel();
        if (attempt >= maxAttempts) throw new MastodonHttpError(response.status, url, 'server error');
        await wait('server-error', retryAfterMillis(response.headers) ?? backoff(attempt));
        continue;
      }
      if (!response.ok) {
        const detail = await errorDetail(response);
        throw new MastodonHttpError(response.status, url, detail);
      }
      return response;
    }
  }

  function backoff(attempt: number): number {
    const exponential = Math.min(maxRetry, base * 2 ** (attempt - 1));
    return Math.round(exponential * (0.75 + Math.random() * 0.5));
  }

  function retryAfterMillis(headers: Headers): number | undefined {
    const value = headers.get('retry-after');
    if (value !== null) {
      if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
      const date = Date.parse(value);
      if (!Number.isNaN(date)) return Math.max(0, date - options.now().getTime());
    }
    const reset = headers.get('x-ratelimit-reset');
    if (reset !== null) {
      const date = Date.parse(reset);
      if (!Number.isNaN(date)) return Math.max(0, date - options.now().getTime());
    }
    return undefined;
  }

  // Mastodon counts requests per 5 minutes; with none left, wait for the reset it announces.
  function noteRateLimit(headers: Headers): void {
    const remaining = headers.get('x-ratelimit-remaining');
    const reset = headers.get('x-ratelimit-reset');
    if (remaining === null || reset === null) return;
    const left = Number(remaining);
    const resetAt = Date.parse(reset);
    if (Number.isFinite(left) && left <= 0 && !Number.isNaN(resetAt))
      pauseUntil = Math.max(pauseUntil, resetAt);
  }

  /** Lets requests (with the token) go to another origin the instance itself named. */
  function allowOrigin(origin: string): void {
    origins.add(origin);
  }

  return { request, urlFor, allowOrigin };
}

export type MastodonHttp = ReturnType<typeof createMastodonHttp>;

async function errorDetail(response: Response): Promise<string> {
  try {
    const text = (await response.text()).slice(0, 500);
    try {
      const parsed = JSON.parse(text) as { error?: unknown };
      if (typeof parsed.error === 'string') return parsed.error;
    } catch {
      // not JSON: the text itself says what went wrong
    }
    return text;
  } catch {
    return '';
  }
}

/** The URLs of a `Link` header by relation (`next`, `prev`). */
export function parseLinkHeader(value: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!value) return links;
  for (const part of value.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match?.[1] && match[2]) for (const rel of match[2].split(/\s+/)) links[rel] = match[1];
  }
  return links;
}

/** Mastodon ids are decimal strings that grow with time; compares them without losing precision. */
export function compareStatusIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
