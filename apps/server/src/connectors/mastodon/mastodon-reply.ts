// Publishing an inbox reply on Mastodon: `POST /api/v1/statuses` with the `Idempotency-Key`
// header, so a retry of the same reply (after a timeout or a crash) is not posted twice; Mastodon
// remembers the key for an hour and answers a repeat with the status it already created.
import type { ReplyPort } from '../connector.ts';
import { createMastodonHttp } from './mastodon-http.ts';

export interface MastodonReplyOptions {
  instanceUrl: string;
  accessToken: string;
  fetch: typeof globalThis.fetch;
  retryBaseMillis?: number;
}

export function createMastodonReplyPort(options: MastodonReplyOptions): ReplyPort {
  return {
    async reply(input) {
      const signal = input.signal ?? new AbortController().signal;
      const http = createMastodonHttp({
        instanceUrl: options.instanceUrl,
        accessToken: options.accessToken,
        fetch: options.fetch,
        now: () => new Date(),
        signal,
        sleep: (millis) => abortableSleep(millis, signal),
        ...(options.retryBaseMillis !== undefined ? { retryBaseMillis: options.retryBaseMillis } : {}),
        maxAttempts: 4,
      });
      const response = await http.request({
        method: 'POST',
        path: '/api/v1/statuses',
        headers: input.idempotencyKey ? { 'idempotency-key': input.idempotencyKey } : {},
        body: JSON.stringify({
          status: input.text,
          in_reply_to_id: input.inReplyToExternalId,
          ...(input.language ? { language: input.language } : {}),
        }),
      });
      const status = (await response.json()) as { id?: unknown; url?: unknown; uri?: unknown };
      if (typeof status.id !== 'string') throw new Error('Mastodon answered the reply without a status id');
      const url =
        typeof status.url === 'string' ? status.url : typeof status.uri === 'string' ? status.uri : null;
      return { externalId: status.id, url };
    },
  };
}

function abortableSleep(millis: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, millis);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
