import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mastodonConnectorSchema } from '@ombud/contract';
import type { ConnectorBatch, ConnectorRecord } from '../../src/connectors/connector.ts';
import { createMastodonConnector } from '../../src/connectors/mastodon/mastodon.connector.ts';
import { createMastodonReplyPort } from '../../src/connectors/mastodon/mastodon-reply.ts';
import { abortableSleep } from '../../src/services/connector-supervisor.service.ts';
import { startMastodonServer, type MastodonServer } from '../support/mastodon-server.ts';

let server: MastodonServer;
beforeEach(async () => {
  server = await startMastodonServer();
});
afterEach(async () => {
  await server.close();
});

const silent = { info: () => undefined, warn: () => undefined };

function connectorFor(
  settings: Record<string, unknown>,
  options: { streamBufferSize?: number; recheckIntervalMillis?: number } = {},
) {
  const config = mastodonConnectorSchema.parse({
    kind: 'mastodon',
    settings: { instanceUrl: server.url, streaming: false, pollIntervalSeconds: 5, ...settings },
    secrets: { accessToken: 'read-token' },
  });
  return createMastodonConnector({
    settings: config.settings,
    secrets: config.secrets,
    fetch: globalThis.fetch,
    retryBaseMillis: 20,
    streamRetryMillis: 60_000,
    ...options,
  });
}

/** Runs a polling connector until it first goes idle (asks to sleep out its poll interval). */
async function pollOnce(
  settings: Record<string, unknown>,
  cursor: string | null,
  options: { recheckIntervalMillis?: number } = {},
) {
  const controller = new AbortController();
  const batches: ConnectorBatch[] = [];
  const connector = connectorFor(settings, options);
  for await (const batch of connector.run({
    cursor,
    signal: controller.signal,
    now: () => new Date(),
    // The poll interval (5 s) ends the run; shorter waits (rate limits, retries) really wait.
    sleep: async (millis) => {
      if (millis === 5000) controller.abort();
      else await abortableSleep(millis, controller.signal);
    },
    log: silent,
  })) {
    batches.push(batch);
  }
  const records = batches.flatMap((batch) => batch.records);
  const last = [...batches].reverse().find((batch) => batch.cursor !== null);
  return { batches, records, cursor: last?.cursor ?? cursor };
}

const ids = (records: readonly ConnectorRecord[]) => records.map((record) => String(record['id'])).sort();

describe('Mastodon connector over REST', () => {
  it('starts at the newest page, then pages forward from its cursor: nothing re-read, nothing missed', async () => {
    const first = Array.from({ length: 100 }, () => server.postQuietly('ombud'));
    const run1 = await pollOnce({ hashtags: ['ombud'] }, null);
    expect(ids(run1.records)).toEqual(ids(first.slice(-40).map((s) => ({ id: s.id }))));

    const later = Array.from({ length: 95 }, () => server.postQuietly('ombud'));
    const run2 = await pollOnce({ hashtags: ['#ombud'] }, run1.cursor);
    expect(ids(run2.records)).toEqual(ids(later.map((s) => ({ id: s.id }))));
    expect(run2.batches.length).toBe(3);
    // Paging followed the Link header's `prev` (min_id of each page's newest status).
    const paged = server.requests.filter((r) => r.path.includes('min_id='));
    expect(paged.length).toBe(4);

    const run3 = await pollOnce({ hashtags: ['ombud'] }, run2.cursor);
    expect(run3.records).toEqual([]);
  });

  it('keeps separate cursors per hashtag and reads searches with the token', async () => {
    server.postQuietly('one', { text: 'refund please' });
    server.postQuietly('two');
    const run1 = await pollOnce({ hashtags: ['one', 'two'], searches: ['refund'] }, null);
    expect(run1.records.length).toBe(3); // two hashtag statuses and the search hit (same id as #one's)
    const cursor = JSON.parse(run1.cursor ?? '{}') as {
      tags: Record<string, string>;
      searches: Record<string, string>;
    };
    expect(Object.keys(cursor.tags).sort()).toEqual(['one', 'two']);
    expect(cursor.searches['refund']).toBeDefined();
    expect(server.requests.find((r) => r.path.startsWith('/api/v2/search'))?.authorization).toBe(
      'Bearer read-token',
    );

    const fresh = server.postQuietly('two', { text: 'another refund story' });
    const run2 = await pollOnce({ hashtags: ['one', 'two'], searches: ['refund'] }, run1.cursor);
    expect(ids(run2.records)).toEqual([fresh.id, fresh.id]);
  });

  it('waits out X-RateLimit-Reset when no requests are left, and 429 Retry-After', async () => {
    server.postQuietly('ombud');
    const first = await pollOnce({ hashtags: ['ombud'] }, null);
    const resetAt = new Date(Date.now() + 1200);
    server.setRateLimit({ remaining: 0, resetAt });
    server.postQuietly('ombud');
    const before = server.requests.length;
    const run = await pollOnce({ hashtags: ['ombud'] }, first.cursor);
    expect(run.records.length).toBe(1);
    const made = server.requests.slice(before);
    // The first answer said 0 left: the next request waited for the reset and was not refused.
    expect(made.length).toBe(2);
    expect(made[1]!.at).toBeGreaterThanOrEqual(resetAt.getTime() - 5);

    server.setRateLimit(null);
    server.failNext({ pathPrefix: '/api/v1/timelines', status: 429, headers: { 'retry-after': '1' } });
    server.postQuietly('ombud');
    const start = server.requests.length;
    const limited = await pollOnce({ hashtags: ['ombud'] }, run.cursor);
    expect(limited.records.length).toBe(1);
    const retried = server.requests.slice(start);
    expect(retried[1]!.at - retried[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('retries a 503 and a dropped connection with backoff, then reads the page', async () => {
    server.postQuietly('ombud');
    server.failNext({ pathPrefix: '/api/v1/timelines', status: 503 });
    server.failNext({ pathPrefix: '/api/v1/timelines', status: 502 });
    const run = await pollOnce({ hashtags: ['ombud'] }, null);
    expect(run.records.length).toBe(1);
    expect(server.requests.length).toBe(3);
  });

  it("reads the last day's statuses again: a later edited_at is an edit, a status gone is a deletion", async () => {
    const createdAt = () => new Date(Date.now() - 60_000).toISOString();
    const [kept, edited, deleted] = [1, 2, 3].map(() =>
      server.postQuietly('ombud', { created_at: createdAt() }),
    );
    // Two days old: past the window, never read again.
    const old = server.postQuietly('ombud', {
      created_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    });
    const every = { recheckIntervalMillis: 0 };
    const run1 = await pollOnce({ hashtags: ['ombud'] }, null, every);
    expect(run1.records.length).toBe(4);

    // While no stream is open, and older than the REST cursor: no page brings these again.
    const editedAt = new Date(Date.now() - 1000);
    server.editStatus('ombud', edited!.id, 'Now with a refund story', editedAt, { quietly: true });
    server.deleteStatus('ombud', deleted!.id, { quietly: true });
    server.deleteStatus('ombud', old.id, { quietly: true });
    const before = server.requests.length;
    const run2 = await pollOnce({ hashtags: ['ombud'] }, run1.cursor, every);
    expect(run2.records).toEqual([]);
    expect(run2.batches.flatMap((batch) => batch.edits ?? [])).toEqual([
      {
        record: expect.objectContaining({ id: edited!.id, text: 'Now with a refund story' }),
        editedAt: editedAt.toISOString(),
      },
    ]);
    expect(run2.batches.flatMap((batch) => batch.deletions ?? [])).toEqual([deleted!.id]);
    const reads = server.requests
      .slice(before)
      .filter((request) => request.path.startsWith('/api/v1/statuses'));
    expect(reads.map((request) => request.path)).toEqual([
      // Newest first; the one left out is asked for alone before it counts as deleted.
      `/api/v1/statuses?id[]=${deleted!.id}&id[]=${edited!.id}&id[]=${kept!.id}`,
      `/api/v1/statuses/${deleted!.id}`,
    ]);

    // Handed on once: the next reading finds nothing new, and no longer asks for the deleted one.
    const run3 = await pollOnce({ hashtags: ['ombud'] }, run2.cursor, every);
    expect(run3.batches.flatMap((batch) => [...(batch.edits ?? []), ...(batch.deletions ?? [])])).toEqual([]);
    const again = server.requests.filter((request) => request.path.startsWith('/api/v1/statuses?')).at(-1);
    expect(again?.path).toBe(`/api/v1/statuses?id[]=${edited!.id}&id[]=${kept!.id}`);
  });

  it('deletes nothing when the statuses a multi-status read left out still exist one by one', async () => {
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    const statuses = [1, 2, 3, 4].map(() => server.postQuietly('ombud', { created_at: createdAt }));
    const every = { recheckIntervalMillis: 0 };
    const run1 = await pollOnce({ hashtags: ['ombud'] }, null, every);
    // An instance answering part of the list (maintenance, a bug): none of these is gone.
    for (const status of statuses.slice(1)) server.hideFromMultiStatusRead(status.id);
    const before = server.requests.length;
    const run2 = await pollOnce({ hashtags: ['ombud'] }, run1.cursor, every);
    expect(run2.batches.flatMap((batch) => batch.deletions ?? [])).toEqual([]);
    // One of the left-out statuses was asked for alone, found, and that settled it.
    const single = server.requests
      .slice(before)
      .filter((request) => /^\/api\/v1\/statuses\/\d+$/.test(request.path));
    expect(single.length).toBe(1);
    // Really deleted (404 alone too): deleted.
    server.deleteStatus('ombud', statuses[1]!.id, { quietly: true });
    server.deleteStatus('ombud', statuses[2]!.id, { quietly: true });
    server.deleteStatus('ombud', statuses[3]!.id, { quietly: true });
    const run3 = await pollOnce({ hashtags: ['ombud'] }, run2.cursor, every);
    expect(run3.batches.flatMap((batch) => batch.deletions ?? []).sort()).toEqual(
      statuses
        .slice(1)
        .map((status) => status.id)
        .sort(),
    );
  });

  it('reads statuses one by one on an instance without the multi-status read, and not before it is due', async () => {
    await server.close();
    server = await startMastodonServer({ multiStatusRead: false });
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    const [kept, deleted] = [1, 2].map(() => server.postQuietly('ombud', { created_at: createdAt }));
    const run1 = await pollOnce({ hashtags: ['ombud'] }, null);
    server.deleteStatus('ombud', deleted!.id, { quietly: true });
    // The default interval (15 minutes) has not passed: nothing is read again yet.
    const run2 = await pollOnce({ hashtags: ['ombud'] }, run1.cursor);
    expect(run2.batches.flatMap((batch) => batch.deletions ?? [])).toEqual([]);
    expect(server.requests.filter((request) => request.path.startsWith('/api/v1/statuses'))).toEqual([]);

    const run3 = await pollOnce({ hashtags: ['ombud'] }, run2.cursor, { recheckIntervalMillis: 0 });
    expect(run3.batches.flatMap((batch) => batch.deletions ?? [])).toEqual([deleted!.id]);
    const reads = server.requests.filter((request) => request.path.startsWith('/api/v1/statuses'));
    expect(reads.map((request) => request.path)).toEqual([
      `/api/v1/statuses?id[]=${deleted!.id}&id[]=${kept!.id}`,
      `/api/v1/statuses/${deleted!.id}`,
      `/api/v1/statuses/${kept!.id}`,
    ]);
  });

  it('turns status HTML into text and keeps an escaped <script> as text', async () => {
    const status = server.postQuietly('ombud', {
      text: 'Hello &lt;script&gt;alert(1)&lt;/script&gt;<br>second line',
    });
    const run = await pollOnce({ hashtags: ['ombud'] }, null);
    expect(run.records[0]).toMatchObject({
      id: status.id,
      text: 'Hello <script>alert(1)</script>\nsecond line',
      author: status.account.acct,
      author_name: status.account.display_name,
      author_followers: status.account.followers_count,
      url: status.url,
      platform: 'mastodon',
      tags: ['ombud'],
    });
  });
});

describe('Mastodon connector streaming', () => {
  it('streams updates after catching up, and falls back to REST when the stream drops', async () => {
    const before = server.postQuietly('live');
    const controller = new AbortController();
    const connector = connectorFor({ hashtags: ['live'], streaming: true, pollIntervalSeconds: 5 });
    const seen: string[] = [];
    const runs = connector.run({
      cursor: JSON.stringify({ tags: { live: String(BigInt(before.id) - 1n) }, searches: {} }),
      signal: controller.signal,
      now: () => new Date(),
      sleep: (millis) => abortableSleep(Math.min(millis, 50), controller.signal),
      log: silent,
    });
    const iterator = runs[Symbol.asyncIterator]();
    const next = async () => {
      const result = await iterator.next();
      if (!result.done) seen.push(...result.value.records.map((r) => String(r['id'])));
      return result;
    };
    await next(); // the REST catch-up after the stream opened
    expect(seen).toEqual([before.id]);
    expect(server.openStreams('live')).toBe(1);

    const streamed = server.post('live', { text: 'via the stream' });
    await next();
    expect(seen).toContain(streamed.id);
    expect(server.requests.filter((r) => r.path.startsWith('/api/v1/timelines')).length).toBe(2);

    // The stream drops; a status posted meanwhile is found by REST polling from the cursor.
    server.closeStreams();
    const missed = server.postQuietly('live');
    while (!seen.includes(missed.id)) await next();
    controller.abort();
    await iterator.return?.();
  });

  it('drops the stream when its buffer fills and recovers everything over REST', async () => {
    const start = server.postQuietly('busy');
    const controller = new AbortController();
    const connector = connectorFor({ hashtags: ['busy'], streaming: true }, { streamBufferSize: 3 });
    const runs = connector.run({
      cursor: JSON.stringify({ tags: { busy: start.id }, searches: {} }),
      signal: controller.signal,
      now: () => new Date(),
      sleep: (millis) => abortableSleep(Math.min(millis, 50), controller.signal),
      log: silent,
    });
    const iterator = runs[Symbol.asyncIterator]();
    const seen = new Set<string>();
    // Catch-up finds nothing new; wait until the stream is open, holding the next batch back.
    const pending = iterator.next();
    while (server.openStreams('busy') === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const restBefore = server.requests.filter((r) => r.path.startsWith('/api/v1/timelines')).length;
    const posted = Array.from({ length: 10 }, () => server.post('busy'));
    for (let result = await pending; !result.done; result = await iterator.next()) {
      for (const record of result.value.records) seen.add(String(record['id']));
      if (posted.every((status) => seen.has(status.id))) break;
    }
    expect(posted.every((status) => seen.has(status.id))).toBe(true);
    // The overflow made it read over REST (streaming alone polls no timeline).
    expect(server.requests.filter((r) => r.path.startsWith('/api/v1/timelines')).length).toBeGreaterThan(
      restBefore,
    );
    controller.abort();
    await iterator.return?.();
  });
});

describe('Mastodon streaming host', () => {
  const cases = [
    { api: 'both' as const, asks: '/api/v2/instance' },
    { api: 'v1' as const, asks: '/api/v1/instance' },
  ];
  it.each(cases)('streams from the host the instance names ($asks)', async ({ api, asks }) => {
    const instance = await startMastodonServer({ streamingHost: true, instanceApi: api });
    const controller = new AbortController();
    try {
      expect(new URL(instance.streamingUrl).origin).not.toBe(new URL(instance.url).origin);
      const config = mastodonConnectorSchema.parse({
        kind: 'mastodon',
        settings: { instanceUrl: instance.url, hashtags: ['live'], streaming: true, pollIntervalSeconds: 5 },
        secrets: { accessToken: 'read-token' },
      });
      const connector = createMastodonConnector({
        settings: config.settings,
        secrets: config.secrets,
        fetch: globalThis.fetch,
        retryBaseMillis: 20,
        streamRetryMillis: 60_000,
      });
      const runs = connector.run({
        cursor: JSON.stringify({ tags: { live: '1' }, searches: {} }),
        signal: controller.signal,
        now: () => new Date(),
        sleep: (millis) => abortableSleep(Math.min(millis, 50), controller.signal),
        log: silent,
      });
      const iterator = runs[Symbol.asyncIterator]();
      const pending = iterator.next();
      // The instance's own host does not serve the stream here: only the named host can.
      for (let i = 0; i < 500 && instance.openStreams('live') === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(instance.openStreams('live')).toBe(1);
      expect(instance.requests.some((r) => r.path === asks)).toBe(true);
      const streamed = instance.post('live', { text: 'from the streaming host' });
      const seen: string[] = [];
      for (let result = await pending; !result.done; result = await iterator.next()) {
        seen.push(...result.value.records.map((r) => String(r['id'])));
        if (seen.includes(streamed.id)) break;
      }
      expect(seen).toContain(streamed.id);
      // Only the stream went to the other host, with the token; REST stayed on the instance.
      const stream = instance.requests.find((r) => r.path.startsWith('/api/v1/streaming/hashtag'));
      expect(stream?.authorization).toBe('Bearer read-token');
      controller.abort();
      await iterator.return?.();
    } finally {
      controller.abort();
      await instance.close();
    }
  });

  it('falls back to the instance host when the instance names none', async () => {
    const instance = await startMastodonServer({ instanceApi: 'none' });
    const controller = new AbortController();
    try {
      const config = mastodonConnectorSchema.parse({
        kind: 'mastodon',
        settings: { instanceUrl: instance.url, hashtags: ['live'], streaming: true, pollIntervalSeconds: 5 },
        secrets: { accessToken: 'read-token' },
      });
      const runs = createMastodonConnector({ ...config, fetch: globalThis.fetch, retryBaseMillis: 20 }).run({
        cursor: JSON.stringify({ tags: { live: '1' }, searches: {} }),
        signal: controller.signal,
        now: () => new Date(),
        sleep: (millis) => abortableSleep(Math.min(millis, 50), controller.signal),
        log: silent,
      });
      const iterator = runs[Symbol.asyncIterator]();
      const pending = iterator.next();
      for (let i = 0; i < 500 && instance.openStreams('live') === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(instance.openStreams('live')).toBe(1);
      controller.abort();
      await pending;
      await iterator.return?.();
    } finally {
      controller.abort();
      await instance.close();
    }
  });
});

describe('Mastodon replies', () => {
  it('posts once with the Idempotency-Key even when the answer is lost and the request retried', async () => {
    server.writeTokens.add('write-token');
    const port = createMastodonReplyPort({
      instanceUrl: server.url,
      accessToken: 'write-token',
      fetch: globalThis.fetch,
      retryBaseMillis: 10,
    });
    server.failNext({ pathPrefix: '/api/v1/statuses', status: 503, afterCreate: true });
    const input = { inReplyToExternalId: '42', text: '@ana thanks!', language: 'en', idempotencyKey: 'k-1' };
    const first = await port.reply(input);
    const again = await port.reply(input);
    expect(again).toEqual(first);
    expect(server.published.length).toBe(1);
    expect(server.published[0]).toMatchObject({
      in_reply_to_id: '42',
      language: 'en',
      idempotencyKey: 'k-1',
    });
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey)).toEqual([
      'k-1',
      'k-1',
      'k-1',
    ]);
  });

  it('names the refusal when the token may not post', async () => {
    const port = createMastodonReplyPort({
      instanceUrl: server.url,
      accessToken: 'read-token',
      fetch: globalThis.fetch,
    });
    await expect(
      port.reply({ inReplyToExternalId: '42', text: 'hi', language: null, idempotencyKey: 'k-2' }),
    ).rejects.toThrow(/403.*outside the authorized scopes/);
    expect(server.published.length).toBe(0);
  });
});
