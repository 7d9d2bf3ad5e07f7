import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBlueskyConnector,
  type BlueskyConnectorOptions,
} from '../../src/connectors/bluesky/bluesky.connector.ts';
import { driveConnector } from '../support/connector-drive.ts';
import {
  identityChanged,
  likeCreated,
  postCreated,
  postDeleted,
  startJetstreamServer,
  type JetstreamTestServer,
} from '../support/jetstream-server.ts';

const ALICE = 'did:plc:alice2k27gp6kzas5glhz7fim';
const BRAND = 'did:plc:brandmsm7pjl7yta3oig77aa';
const OTHER = 'did:plc:otherwsm7pjl7yta3oig77bb';

let server: JetstreamTestServer;
beforeEach(async () => {
  server = await startJetstreamServer({ handles: { 'nordvik.example': BRAND } });
});
afterEach(async () => {
  await server.close();
});

const connectorFor = (
  terms: { keywords?: string[]; hashtags?: string[]; handles?: string[] },
  tuning: Partial<BlueskyConnectorOptions> = {},
) =>
  createBlueskyConnector({
    settings: {
      jetstreamUrl: server.url,
      resolverUrl: server.httpUrl,
      keywords: terms.keywords ?? [],
      hashtags: terms.hashtags ?? [],
      handles: terms.handles ?? [],
    },
    backoff: { initialMillis: 20, maxMillis: 200 },
    progressEveryMillis: 50,
    ...tuning,
  });

/** Publishes once the connector has subscribed, so live events are not sent into the void. */
async function whenSubscribed(count: number) {
  for (let i = 0; i < 500 && server.subscriptions.length < count; i += 1)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (server.subscriptions.length < count) throw new Error('connector never subscribed');
}

describe('Bluesky connector over a local Jetstream', () => {
  it('keeps posts matching keywords or hashtags (text or facet tags, any case or accent) and maps them', async () => {
    const connector = connectorFor({ keywords: ['kettle pro'], hashtags: ['#MiHistoria'] });
    const run = driveConnector(connector, { until: (r) => r.records.length >= 3 });
    await whenSubscribed(1);
    expect(server.subscriptions[0]?.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(server.subscriptions[0]?.has('wantedDids')).toBe(false);
    server.publish([
      identityChanged({ did: ALICE, handle: 'alice.bsky.social' }),
      postCreated({ did: ALICE, rkey: '3kaaa1', text: 'My KÉTTLE PRO broke again', langs: ['es', 'en'] }),
      postCreated({ did: OTHER, rkey: '3kaaa2', text: 'Nothing to see here' }),
      likeCreated({ did: OTHER, rkey: '3klike', subject: `at://${ALICE}/app.bsky.feed.post/3kaaa1` }),
      postCreated({ did: OTHER, rkey: '3kaaa3', text: 'Our story', tags: ['mihistória'] }),
      postCreated({ did: OTHER, rkey: '3kaaa4', text: 'the kettle proper is not it' }),
      postCreated({
        did: OTHER,
        rkey: '3kaaa5',
        text: 'Same here #MIHISTORIA',
        replyTo: `at://${ALICE}/app.bsky.feed.post/3kaaa1`,
      }),
    ]);
    const { records } = await run;
    expect(records.map((r) => r['id'])).toEqual([
      `at://${ALICE}/app.bsky.feed.post/3kaaa1`,
      `at://${OTHER}/app.bsky.feed.post/3kaaa3`,
      `at://${OTHER}/app.bsky.feed.post/3kaaa5`,
    ]);
    expect(records[0]).toMatchObject({
      author: 'alice.bsky.social',
      text: 'My KÉTTLE PRO broke again',
      created_at: '2026-11-20T10:00:00.000Z',
      lang: 'es',
      platform: 'bluesky',
      url: `https://bsky.app/profile/${ALICE}/post/3kaaa1`,
    });
    expect(records[1]?.['author']).toBe(OTHER);
    expect(records[2]?.['reply_to']).toBe(`at://${ALICE}/app.bsky.feed.post/3kaaa1`);
    expect(connector.stats.filteredOut).toBe(2);
  });

  it('with only handles, resolves them once and asks Jetstream for those DIDs alone', async () => {
    const connector = connectorFor({ handles: ['@Nordvik.example', 'ghost.example'] });
    const first = driveConnector(connector, { until: (r) => r.records.length >= 1 });
    await whenSubscribed(1);
    expect(server.subscriptions[0]?.getAll('wantedDids')).toEqual([BRAND]);
    server.publish([
      postCreated({ did: OTHER, rkey: '3kbbb1', text: 'not the brand' }),
      postCreated({ did: BRAND, rkey: '3kbbb2', text: 'Service update for everyone' }),
    ]);
    const result = await first;
    expect(result.records.map((r) => r['id'])).toEqual([`at://${BRAND}/app.bsky.feed.post/3kbbb2`]);
    expect(result.records[0]?.['author']).toBe('nordvik.example');
    expect(result.warnings.map((w) => w.message)).toContain('bluesky handle does not resolve; skipped');

    // A second run of the same connector reuses the cached DID.
    const calls = server.resolveCalls.filter((h) => h === 'nordvik.example').length;
    await driveConnector(connector, { cursor: result.cursor, until: (r) => r.records.length >= 1 });
    expect(server.resolveCalls.filter((h) => h === 'nordvik.example').length).toBe(calls);
  });

  it('fails loudly when no handle resolves and there is nothing else to filter by', async () => {
    const connector = connectorFor({ handles: ['ghost.example'] });
    await expect(driveConnector(connector, { until: () => false })).rejects.toThrow(
      /none of the configured handles/,
    );
  });

  it('reconnects from its cursor after the server drops the socket, missing nothing', async () => {
    const connector = connectorFor({ keywords: ['nordvik'] });
    const run = driveConnector(connector, { until: (r) => r.records.length >= 6 });
    await whenSubscribed(1);
    const make = (n: number) => postCreated({ did: ALICE, rkey: `3kccc${n}`, text: `nordvik ${n}` });
    server.publish([make(1), make(2), make(3)]);
    for (let i = 0; i < 200 && connector.stats.matched < 3; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    server.dropAll();
    server.publish([make(4), make(5), make(6)]); // while nobody is connected
    const { records } = await run;
    expect(records.map((r) => r['text'])).toEqual([
      'nordvik 1',
      'nordvik 2',
      'nordvik 3',
      'nordvik 4',
      'nordvik 5',
      'nordvik 6',
    ]);
    expect(server.subscriptions.length).toBeGreaterThanOrEqual(2);
    expect(Number(server.subscriptions[1]?.get('cursor'))).toBeGreaterThan(0);
  });

  it('keeps its buffer bounded under a flood with a slow consumer, then resumes and loses nothing', async () => {
    const connector = connectorFor({ keywords: ['flood'] }, { bufferLimit: 50, batchSize: 20 });
    const total = 1500;
    const run = driveConnector(connector, {
      until: (r) => r.records.length >= total,
      onBatch: () => new Promise((resolve) => setTimeout(resolve, 5)),
      timeoutMillis: 40_000,
    });
    await whenSubscribed(1);
    server.publish(
      Array.from({ length: total }, (_, n) =>
        postCreated({ did: ALICE, rkey: `3kflood${n}`, text: `flood ${n}` }),
      ),
    );
    const { records } = await run;
    expect(connector.stats.maxBuffered).toBeLessThanOrEqual(50);
    expect(connector.stats.overflows).toBeGreaterThan(0);
    expect(connector.stats.connections).toBeGreaterThan(1);
    const ids = records.map((r) => r['id']);
    expect(new Set(ids).size).toBe(total);
    expect(ids.length).toBe(total);
  });

  it('skips malformed frames and posts with a clear warning, keeps the good ones, survives deletes', async () => {
    const connector = connectorFor({ keywords: ['nordvik'] });
    const run = driveConnector(connector, { until: (r) => r.records.length >= 2 });
    await whenSubscribed(1);
    server.publishRaw('{"did": "did:plc:x", "time_us": 12, "kind": "commit"'); // truncated JSON
    const broken = postCreated({ did: ALICE, rkey: '3kddd1', text: 'nordvik' });
    if (broken.kind === 'commit' && broken.commit.record) delete broken.commit.record['text'];
    server.publish([
      postCreated({ did: ALICE, rkey: '3kddd0', text: 'nordvik first' }),
      broken,
      postDeleted({ did: ALICE, rkey: '3kddd0' }),
      postCreated({ did: ALICE, rkey: '3kddd2', text: 'nordvik <script>alert(1)</script>' }),
    ]);
    const { records, warnings } = await run;
    expect(records.map((r) => r['text'])).toEqual(['nordvik first', 'nordvik <script>alert(1)</script>']);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: 'jetstream frame skipped',
          object: { reason: 'not valid JSON', time_us: null },
        }),
        expect.objectContaining({
          message: 'bluesky post skipped',
          object: expect.objectContaining({ uri: `at://${ALICE}/app.bsky.feed.post/3kddd1` }),
        }),
      ]),
    );
    expect(connector.stats.deletes).toBe(1);
  });

  it('asks Jetstream to leave out events larger than it accepts, so one cannot stall the stream', async () => {
    const connector = connectorFor({ keywords: ['nordvik'] }, { maxMessageBytes: 4096 });
    const run = driveConnector(connector, { until: (r) => r.records.length >= 1 });
    await whenSubscribed(1);
    expect(server.subscriptions[0]?.get('maxMessageSizeBytes')).toBe('4096');
    server.publish([
      postCreated({ did: ALICE, rkey: '3kbig1', text: `nordvik ${'x'.repeat(10_000)}` }),
      postCreated({ did: ALICE, rkey: '3kbig2', text: 'nordvik small' }),
    ]);
    const { records } = await run;
    expect(records.map((r) => r['text'])).toEqual(['nordvik small']);
    expect(connector.stats.connections).toBe(1);
  });

  it('moves its cursor on while events arrive that match nothing', async () => {
    const connector = connectorFor({ keywords: ['nordvik'] });
    const run = driveConnector(connector, { until: (r) => r.batches.some((b) => b.cursor !== null) });
    await whenSubscribed(1);
    const events = [postCreated({ did: OTHER, rkey: '3keee1', text: 'unrelated' })];
    server.publish(events);
    const { batches } = await run;
    expect(batches.at(-1)).toEqual({ records: [], cursor: String(events[0]?.time_us) });
  });
});
