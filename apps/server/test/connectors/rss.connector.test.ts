import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRssConnector, type RssConnectorOptions } from '../../src/connectors/rss/rss.connector.ts';
import { driveConnector } from '../support/connector-drive.ts';
import {
  atomDocument,
  rdfDocument,
  rss2Document,
  startFeedServer,
  type FeedFixtureItem,
  type FeedTestServer,
} from '../support/feed-server.ts';

let server: FeedTestServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

const item = (n: number, extra: Partial<FeedFixtureItem> = {}): FeedFixtureItem => ({
  id: `https://blog.example/?p=${n}`,
  title: `Entry ${n}`,
  html: `<p>Body of entry <strong>${n}</strong> &amp; more</p>`,
  link: `https://blog.example/entry-${n}/`,
  date: `2026-11-2${n % 10}T10:00:00Z`,
  ...extra,
});

const connectorFor = (feeds: string[], extra: Partial<RssConnectorOptions> = {}) =>
  createRssConnector({ settings: { feeds, pollIntervalSeconds: 0.05 }, ...extra });

const wait = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

describe('RSS/Atom connector against a local feed host', () => {
  it('reads RSS 2.0, Atom 1.0 and RSS 1.0/RDF into records', async () => {
    server.setFeed('/rss', {
      body: rss2Document({ title: 'Consumo Hoy', items: [item(1, { author: 'Ana' })] }),
    });
    server.setFeed('/atom', {
      contentType: 'application/atom+xml',
      body: atomDocument({
        title: 'Nyheter',
        items: [
          item(2, { id: 'tag:nyheter.example,2026:2', title: 'Kaffe &amp; <b>te</b>' }),
          item(3, { id: 'tag:nyheter.example,2026:3', author: 'Karin' }),
        ],
      }),
    });
    server.setFeed('/rdf', {
      body: rdfDocument({ title: 'News', items: [item(4, { id: 'https://news.example/4' })] }),
    });
    const connector = connectorFor([server.url('/rss'), server.url('/atom'), server.url('/rdf')]);
    const { records } = await driveConnector(connector, { until: (r) => r.records.length >= 4 });
    const byId = new Map(records.map((r) => [r['id'], r]));
    expect(byId.get('https://blog.example/?p=1')).toEqual({
      id: 'https://blog.example/?p=1',
      text: 'Entry 1\n\nBody of entry 1 & more\n[…]',
      created_at: '2026-11-21T10:00:00.000Z',
      author: 'Ana',
      platform: 'rss',
      url: 'https://blog.example/entry-1/',
    });
    expect(byId.get('tag:nyheter.example,2026:2')).toMatchObject({
      text: 'Kaffe & te\n\nBody of entry 2 & more',
      author: 'Nyhetsredaktionen',
      url: 'https://blog.example/entry-2/',
    });
    // XHTML content keeps its word order.
    expect(byId.get('tag:nyheter.example,2026:3')).toMatchObject({
      text: 'Entry 3\n\nBody of entry 3 & more',
      author: 'Karin',
    });
    expect(byId.get('https://news.example/4')).toMatchObject({
      text: 'Entry 4\n\nBody of entry 4 & more',
      author: 'editors',
      created_at: '2026-11-24T10:00:00.000Z',
    });
  });

  it('asks again with If-None-Match / If-Modified-Since and gets 304 with nothing new; a new item comes alone', async () => {
    const path = '/feed';
    server.setFeed(path, {
      body: rss2Document({ title: 'Blog', items: [item(1), item(2)] }),
      etag: '"v1"',
      lastModified: 'Mon, 23 Nov 2026 09:00:00 GMT',
    });
    const connector = connectorFor([server.url(path)]);
    const run = driveConnector(connector, { until: (r) => r.records.length >= 3 });
    for (let i = 0; i < 300 && connector.stats.notModified < 2; i += 1) await wait(10);
    const conditional = server.requests.filter((r) => r.status === 304);
    expect(conditional.length).toBeGreaterThanOrEqual(2);
    expect(conditional[0]?.headers['if-none-match']).toBe('"v1"');
    expect(conditional[0]?.headers['if-modified-since']).toBe('Mon, 23 Nov 2026 09:00:00 GMT');
    server.setFeed(path, {
      body: rss2Document({ title: 'Blog', items: [item(3), item(1), item(2)] }),
      etag: '"v2"',
    });
    const { records, batches } = await run;
    expect(records.map((r) => r['id'])).toEqual([
      'https://blog.example/?p=1',
      'https://blog.example/?p=2',
      'https://blog.example/?p=3',
    ]);
    expect(batches).toHaveLength(2);
  });

  it('resumes from its cursor after a restart: nothing missed, nothing twice', async () => {
    const path = '/feed';
    server.setFeed(path, { body: rss2Document({ title: 'Blog', items: [item(1), item(2)] }), etag: '"v1"' });
    const first = await driveConnector(connectorFor([server.url(path)]), {
      until: (r) => r.records.length >= 2,
    });
    server.setFeed(path, {
      body: rss2Document({ title: 'Blog', items: [item(3), item(2), item(1)] }),
      etag: '"v2"',
    });
    const second = await driveConnector(connectorFor([server.url(path)]), {
      cursor: first.cursor,
      until: (r) => r.batches.length >= 1,
    });
    expect(second.records.map((r) => r['id'])).toEqual(['https://blog.example/?p=3']);
    // The first request after the restart already carried the stored validator.
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('hands on each tombstone of its own items once as a deletion; an entry updated after its tombstone stays', async () => {
    const path = '/atom';
    server.setFeed(path, {
      body: atomDocument({ title: 'Blog', items: [item(1), item(2), item(3)] }),
      etag: '"v1"',
    });
    const first = await driveConnector(connectorFor([server.url(path)]), {
      until: (r) => r.records.length >= 3,
    });
    const withTombstones = atomDocument({
      title: 'Blog',
      // Entry 3 was deleted and published again later: its entry is newer than its tombstone.
      items: [item(3, { updated: '2026-11-23T12:00:00Z' })],
      deleted: [
        { ref: item(1).id, when: '2026-11-23T10:00:00Z' },
        { ref: item(2).id, when: '2026-11-23T10:00:00Z' },
        { ref: item(3).id, when: '2026-11-23T11:00:00Z' },
        // Never in this feed: another feed's item is not this feed's to delete.
        { ref: 'https://other-blog.example/?p=7', when: '2026-11-23T10:00:00Z' },
      ],
    });
    server.setFeed(path, { body: withTombstones, etag: '"v2"' });
    const second = await driveConnector(connectorFor([server.url(path)]), {
      cursor: first.cursor,
      until: (r) => r.batches.some((batch) => (batch.deletions ?? []).length > 0),
    });
    expect(second.batches.flatMap((batch) => batch.deletions ?? [])).toEqual([item(1).id, item(2).id]);
    expect(second.records).toEqual([]);

    // The feed still shows the tombstones: asked again, nothing is deleted twice.
    server.setFeed(path, { body: withTombstones, etag: '"v3"' });
    const third = await driveConnector(connectorFor([server.url(path)]), {
      cursor: second.cursor,
      until: () => server.requests.filter((request) => request.path === path).length >= 3,
    });
    expect(third.batches.flatMap((batch) => batch.deletions ?? [])).toEqual([]);
  });

  it('obeys Retry-After on 429 and 503', async () => {
    server.setFeed('/slow', { body: rss2Document({ title: 'Slow', items: [item(1)] }) });
    server.throttle('/slow', { status: 429, retryAfter: '1' });
    const connector = connectorFor([server.url('/slow')]);
    const { records, warnings } = await driveConnector(connector, { until: (r) => r.records.length >= 1 });
    expect(records).toHaveLength(1);
    const [throttled, served] = server.requests;
    expect(throttled?.status).toBe(429);
    expect((served?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(warnings).toEqual([
      expect.objectContaining({ object: { feed: server.url('/slow'), status: 429, retryAfterSeconds: 1 } }),
    ]);

    server.throttle('/slow', { status: 503, retryAfter: new Date(Date.now() + 2000).toUTCString() });
    const again = createRssConnector({
      settings: { feeds: [server.url('/slow')], pollIntervalSeconds: 0.05 },
    });
    const before = server.requests.length;
    await driveConnector(again, { until: (r) => r.records.length >= 1 });
    const after = server.requests.slice(before);
    expect(after[0]?.status).toBe(503);
    expect((after[1]?.at ?? 0) - (after[0]?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('keeps a Retry-After and a back-off in its cursor, so a restart waits them out too', async () => {
    server.setFeed('/busy', { body: rss2Document({ title: 'Busy', items: [item(1)] }) });
    server.throttle('/busy', { status: 429, retryAfter: '2' });
    const metrics = { waits: [] as number[], errors: 0 };
    const first = await driveConnector(connectorFor([server.url('/busy')]), {
      until: (r) => r.batches.length >= 1,
      metrics: { rateLimitWait: (millis) => metrics.waits.push(millis), error: () => (metrics.errors += 1) },
    });
    expect(first.records).toEqual([]);
    expect(first.batches[0]?.stateOnly).toBe(true);
    expect(metrics.waits).toEqual([2000]);
    const throttledAt = server.requests[0]?.at ?? 0;
    const stored = JSON.parse(first.cursor ?? '{}') as { feeds: Record<string, { nextAt: number }> };
    expect(stored.feeds[server.url('/busy')]?.nextAt).toBeGreaterThanOrEqual(throttledAt + 1900);

    // A new run (a restart, another worker taking over) starts from that cursor: it waits too.
    const second = await driveConnector(connectorFor([server.url('/busy')]), {
      cursor: first.cursor,
      until: (r) => r.records.length >= 1,
    });
    expect(second.records.map((r) => r['id'])).toEqual(['https://blog.example/?p=1']);
    expect(server.requests).toHaveLength(2);
    expect((server.requests[1]?.at ?? 0) - throttledAt).toBeGreaterThanOrEqual(1900);
    // A success clears the back-off from the cursor.
    const cleared = JSON.parse(second.cursor ?? '{}') as { feeds: Record<string, { nextAt: number | null }> };
    expect(cleared.feeds[server.url('/busy')]?.nextAt).toBeNull();

    // Failures back off exponentially, and the count survives a restart as well.
    server.setFeed('/down', { body: rss2Document({ title: 'Down', items: [item(2)] }) });
    const down = server.url('/down');
    const broken = createRssConnector({
      settings: { feeds: [down], pollIntervalSeconds: 1 },
      fetch: () => Promise.reject(new Error('connection refused')),
    });
    const failed = await driveConnector(broken, {
      until: (r) => r.batches.length >= 2,
      metrics: { rateLimitWait: () => undefined, error: () => (metrics.errors += 1) },
      timeoutMillis: 10_000,
    });
    expect(metrics.errors).toBe(2);
    const state = (
      JSON.parse(failed.cursor ?? '{}') as { feeds: Record<string, { nextAt: number; failures: number }> }
    ).feeds[down];
    expect(state?.failures).toBe(2);
    // Second failure: 1 s × 2.
    expect((state?.nextAt ?? 0) - Date.now()).toBeGreaterThan(1000);
    const before = server.requests.length;
    const resumed = driveConnector(connectorFor([down]), {
      cursor: failed.cursor,
      until: (r) => r.records.length >= 1,
    });
    await wait(500);
    expect(server.requests.length).toBe(before);
    expect((await resumed).records).toHaveLength(1);
  });

  it("takes the feed's ttl and sy:updatePeriod as a lower bound on how often it is asked", async () => {
    server.setFeed('/ttl', { body: rss2Document({ title: 'Rare', items: [item(1)], ttlMinutes: 1 }) });
    server.setFeed('/sy', {
      body: rss2Document({
        title: 'Daily',
        items: [item(2)],
        updatePeriod: { period: 'daily', frequency: 2 },
      }),
    });
    const connector = connectorFor([server.url('/ttl'), server.url('/sy')]);
    await driveConnector(connector, {
      until: (r) => r.records.length >= 2,
      onBatch: () => wait(300),
    });
    // With a 50 ms interval and no hints this would be ~12 requests.
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/sy', '/ttl']);
  });

  it('handles hostile content: scripts dropped, entities and CDATA decoded once, billion laughs not expanded', async () => {
    const laughs = `<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>`;
    server.setFeed('/evil', {
      body: `<?xml version="1.0"?>${laughs}<rss version="2.0"><channel><title>Evil &amp; co</title>
<item><guid>https://evil.example/1</guid><title>&lol9; &xxe;</title>
<description><![CDATA[<p onclick="x()">Hello <script>document.cookie</script>w&ouml;rld &amp;lt;b&amp;gt;</p><style>p{}</style><img src=x onerror=alert(1)>]]></description></item>
<item><guid>https://evil.example/2</guid><title>Escaped &lt;script&gt;alert(2)&lt;/script&gt; title</title>
<description>&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;Caf&amp;eacute; &amp;amp; t&amp;#233;</description></item>
</channel></rss>`,
    });
    const { records } = await driveConnector(connectorFor([server.url('/evil')]), {
      until: (r) => r.records.length >= 2,
    });
    expect(records.map((r) => r['text'])).toEqual([
      '&lol9; &xxe;\n\nHello wörld &lt;b&gt;',
      'Escaped title\n\nCafé & té',
    ]);
    expect(records[0]?.['author']).toBe('Evil & co');
  });

  it('reports malformed items with feed, index and reason, and keeps the good ones', async () => {
    const broken = `<item><title>Broken <b>unclosed</title><guid>https://blog.example/?p=8</guid></item>
<item><guid>https://blog.example/?p=9</guid><pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate></item>`;
    server.setFeed('/broken', {
      body: rss2Document({ title: 'Blog', items: [item(1)], extraItemXml: broken }),
    });
    server.setFeed('/garbage', { body: 'this is not xml at all' });
    server.setFeed('/ok', { body: rss2Document({ title: 'Other', items: [item(5)] }) });
    const feeds = [server.url('/broken'), server.url('/garbage'), server.url('/ok')];
    const connector = connectorFor(feeds);
    const { records, warnings } = await driveConnector(connector, { until: (r) => r.records.length >= 2 });
    expect(records.map((r) => r['id']).sort()).toEqual([
      'https://blog.example/?p=1',
      'https://blog.example/?p=5',
    ]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        {
          message: 'feed is malformed; reading what can be read',
          object: {
            feed: feeds[0],
            item: null,
            reason: expect.stringMatching(/not well-formed XML \(line \d+/),
          },
        },
        {
          message: 'feed item skipped',
          object: {
            feed: feeds[0],
            item: 1,
            reason: expect.stringMatching(/not well-formed \(Expected closing tag 'b'/),
          },
        },
        {
          message: 'feed item skipped',
          object: {
            feed: feeds[0],
            item: 2,
            reason: '"https://blog.example/?p=9" has neither a title nor a description',
          },
        },
        {
          message: 'feed unreadable',
          object: { feed: feeds[1], reason: expect.stringMatching(/not well-formed|not an RSS/) },
        },
      ]),
    );
    expect(connector.stats.itemProblems).toBe(2);
  });

  it('prefixes ids that are only unique within their feed', async () => {
    server.setFeed('/a', { body: rss2Document({ title: 'A', items: [item(1, { id: '42' })] }) });
    server.setFeed('/b', { body: rss2Document({ title: 'B', items: [item(1, { id: '42' })] }) });
    const { records } = await driveConnector(connectorFor([server.url('/a'), server.url('/b')]), {
      until: (r) => r.records.length >= 2,
    });
    expect(records.map((r) => r['id']).sort()).toEqual([`${server.url('/a')}#42`, `${server.url('/b')}#42`]);
  });
});
