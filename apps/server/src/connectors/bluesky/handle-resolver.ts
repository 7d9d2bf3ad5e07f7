// Handle → DID through the XRPC method `com.atproto.identity.resolveHandle` on a configurable
// PDS/AppView, cached so reconnects do not ask again.
import { z } from 'zod';

const resolveHandleResponse = z.object({ did: z.string().startsWith('did:') });

export type HandleResolution = { ok: true; did: string } | { ok: false; reason: string; retryable: boolean };

export interface HandleResolver {
  resolve(handle: string, signal: AbortSignal): Promise<HandleResolution>;
}

export const normaliseBlueskyHandle = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

export function createHandleResolver(options: {
  serviceUrl: string;
  fetch?: typeof fetch;
  cacheMillis?: number;
  now?: () => number;
}): HandleResolver {
  const fetchImpl = options.fetch ?? fetch;
  const cacheMillis = options.cacheMillis ?? 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { did: string; until: number }>();
  return {
    async resolve(rawHandle, signal) {
      const handle = normaliseBlueskyHandle(rawHandle);
      const cached = cache.get(handle);
      if (cached && cached.until > now()) return { ok: true, did: cached.did };
      const url = new URL('/xrpc/com.atproto.identity.resolveHandle', options.serviceUrl);
      url.searchParams.set('handle', handle);
      let response: Response;
      try {
        response = await fetchImpl(url, { signal, headers: { accept: 'application/json' } });
      } catch (error) {
        return {
          ok: false,
          reason: `cannot reach ${url.origin}: ${(error as Error).message}`,
          retryable: true,
        };
      }
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const message =
          typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : '';
        // XRPC answers 400 for a handle that does not resolve: asking again will not help.
        const retryable = response.status === 429 || response.status >= 500;
        return {
          ok: false,
          reason: `@${handle}: ${response.status}${message ? ` ${message}` : ''}`,
          retryable,
        };
      }
      const parsed = resolveHandleResponse.safeParse(body);
      if (!parsed.success)
        return { ok: false, reason: `@${handle}: the answer has no DID`, retryable: false };
      cache.set(handle, { did: parsed.data.did, until: now() + cacheMillis });
      return { ok: true, did: parsed.data.did };
    },
  };
}
