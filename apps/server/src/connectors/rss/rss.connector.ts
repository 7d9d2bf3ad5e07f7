// RSS/Atom/RDF feeds by polling with conditional GET. Each feed is asked again no sooner than the
// configured interval, the feed's own `ttl`/`sy:updatePeriod`, or a `Retry-After` answer allow.
// The cursor keeps, per feed, the validators (ETag, Last-Modified) and the ids of the items in
// the feed's current window, so a restart neither misses nor repeats an item.
import { z } from 'zod';
import type { Connector, ConnectorBatch, ConnectorRecord, ConnectorRunContext } from '../connector.ts';
import type { ConnectorFactory } from '../registry.ts';
import { parseFeed, type FeedItem } from './feed-parser.ts';

export interface RssConnectorSettings {
  feeds: readonly string[];
  pollIntervalSeconds: number;
}

export interface RssConnectorOptions {
  settings: RssConnectorSettings;
  fetch?: typeof fetch;
  /** Longest wait the feed's own hints may impose (a feed cannot stop itself being read). */
  maxIntervalSeconds?: number;
  maxFeedBytes?: number;
  requestTimeoutMillis?: number;
  userAgent?: string;
}

const feedStateSchema = z.object({
  etag: z.string().max(1000).nullable().default(null),
  lastModified: z.string().max(200).nullable().default(null),
  seen: z.array(z.string()).default([]),
});
type FeedState = z.infer<typeof feedStateSchema>;
const cursorSchema = z.object({ v: z.literal(1), feeds: z.record(z.string(), feedStateSchema) });

/** At most this many item ids are remembered per feed (feeds show their newest 10–100). */
export const SEEN_PER_FEED = 300;

export function parseRssCursor(cursor: string | null): Record<string, FeedState> {
  if (cursor === null) return {};
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(cursor));
    return parsed.success ? parsed.data.feeds : {};
  } catch {
    return {};
  }
}

export interface RssConnectorStats {
  requests: number;
  notModified: number;
  throttled: number;
  itemProblems: number;
}

export interface RssConnector extends Connector {
  readonly stats: Readonly<RssConnectorStats>;
}

export function createRssConnector(options: RssConnectorOptions): RssConnector {
  const stats: RssConnectorStats = { requests: 0, notModified: 0, throttled: 0, itemProblems: 0 };
  return { kind: 'rss', platform: 'rss', stats, run: (context) => pollFeeds(options, stats, context) };
}

/** The registry's entry: item ids are URLs or prefixed with their feed, so all feeds share one source. */
export const rssConnectorFactory: ConnectorFactory<'rss'> = (settings, _secrets, deps) => ({
  connector: createRssConnector({ settings, fetch: deps.fetch }),
  sourceName: 'rss',
});

type PollOutcome =
  | { kind: 'changed'; records: ConnectorRecord[]; state: FeedState; hintSeconds: number | null }
  | { kind: 'not-modified' }
  | { kind: 'retry-after'; seconds: number }
  | { kind: 'failed' };

async function* pollFeeds(
  options: RssConnectorOptions,
  stats: RssConnectorStats,
  context: ConnectorRunContext,
): AsyncGenerator<ConnectorBatch> {
  const { settings } = options;
  const states = parseRssCursor(context.cursor);
  const dueAt = new Map<string, number>(settings.feeds.map((feed) => [feed, 0]));
  const failures = new Map<string, number>();
  const interval = settings.pollIntervalSeconds;
  const maxInterval = Math.max(interval, options.maxIntervalSeconds ?? 24 * 3600);
  while (!context.signal.aborted) {
    let next: string | undefined;
    let nextAt = Number.POSITIVE_INFINITY;
    for (const [feed, at] of dueAt)
      if (at < nextAt) {
        next = feed;
        nextAt = at;
      }
    if (next === undefined) return;
    const now = context.now().getTime();
    if (nextAt > now) {
      await context.sleep(nextAt - now);
      continue;
    }
    const outcome = await pollFeed(next, states[next] ?? null, options, stats, context);
    if (context.signal.aborted) return;
    const after = (seconds: number) => context.now().getTime() + seconds * 1000;
    switch (outcome.kind) {
      case 'not-modified':
        failures.delete(next);
        dueAt.set(next, after(interval));
        break;
      case 'retry-after':
        dueAt.set(next, after(Math.min(maxInterval, Math.max(interval, outcome.seconds))));
        break;
      case 'failed': {
        const count = (failures.get(next) ?? 0) + 1;
        failures.set(next, count);
        dueAt.set(next, after(Math.min(maxInterval, interval * 2 ** Math.min(count - 1, 10))));
        break;
      }
      case 'changed': {
        failures.delete(next);
        states[next] = outcome.state;
        dueAt.set(next, after(Math.min(maxInterval, Math.max(interval, outcome.hintSeconds ?? 0))));
        yield { records: outcome.records, cursor: serialiseCursor(states, settings.feeds) };
        break;
      }
    }
  }
}

function serialiseCursor(states: Record<string, FeedState>, feeds: readonly string[]): string {
  const kept: Record<string, FeedState> = {};
  for (const feed of feeds) {
    const state = states[feed];
    if (state) kept[feed] = state;
  }
  return JSON.stringify({ v: 1, feeds: kept });
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? null : Math.max(0, Math.ceil((time - now.getTime()) / 1000));
}

async function pollFeed(
  feedUrl: string,
  state: FeedState | null,
  options: RssConnectorOptions,
  stats: RssConnectorStats,
  context: ConnectorRunContext,
): Promise<PollOutcome> {
  const { log } = context;
  const headers: Record<string, string> = {
    accept:
      'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8',
    'user-agent': options.userAgent ?? 'Ombud feed connector',
  };
  if (state?.etag) headers['if-none-match'] = state.etag;
  if (state?.lastModified) headers['if-modified-since'] = state.lastModified;
  stats.requests += 1;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(feedUrl, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(options.requestTimeoutMillis ?? 30_000)]),
    });
  } catch (error) {
    if (!context.signal.aborted)
      log.warn({ feed: feedUrl, reason: (error as Error).message }, 'feed unreachable; retrying later');
    return { kind: 'failed' };
  }
  if (response.status === 304) {
    stats.notModified += 1;
    await response.body?.cancel();
    return { kind: 'not-modified' };
  }
  if (response.status === 429 || response.status === 503) {
    stats.throttled += 1;
    await response.body?.cancel();
    const seconds = retryAfterSeconds(response.headers.get('retry-after'), context.now());
    log.warn({ feed: feedUrl, status: response.status, retryAfterSeconds: seconds }, 'feed asks to wait');
    return seconds === null ? { kind: 'failed' } : { kind: 'retry-after', seconds };
  }
  if (!response.ok) {
    await response.body?.cancel();
    log.warn({ feed: feedUrl, status: response.status }, 'feed answered with an error; retrying later');
    return { kind: 'failed' };
  }
  const body = await readLimited(response, options.maxFeedBytes ?? 5 * 1024 * 1024);
  if (!body.ok) {
    log.warn({ feed: feedUrl, reason: body.reason }, 'feed unreadable');
    return { kind: 'failed' };
  }
  const parsed = parseFeed(body.text);
  if (!parsed.ok) {
    log.warn({ feed: feedUrl, reason: parsed.reason }, 'feed unreadable');
    return { kind: 'failed' };
  }
  for (const problem of parsed.feed.problems) {
    if (problem.item !== null) stats.itemProblems += 1;
    log.warn(
      { feed: feedUrl, item: problem.item, reason: problem.reason },
      problem.item === null ? 'feed is malformed; reading what can be read' : 'feed item skipped',
    );
  }
  const seen = new Set(state?.seen ?? []);
  const fetchedAt = context.now().toISOString();
  const records = parsed.feed.items
    .filter((item) => !seen.has(item.id))
    .map((item) => toRecord(item, feedUrl, parsed.feed.title, fetchedAt));
  const window = parsed.feed.items.map((item) => item.id);
  // Ids that left the feed's window are forgotten; ids still in it are remembered.
  const nextSeen = [...new Set(window)].slice(0, SEEN_PER_FEED);
  return {
    kind: 'changed',
    records,
    state: {
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      seen: nextSeen,
    },
    hintSeconds: parsed.feed.minIntervalSeconds,
  };
}

async function readLimited(
  response: Response,
  maxBytes: number,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return { ok: false, reason: `larger than ${maxBytes} bytes` };
  }
  if (!response.body) return { ok: true, text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: `larger than ${maxBytes} bytes` };
    }
    chunks.push(value);
  }
  return { ok: true, text: decodeFeed(Buffer.concat(chunks), response.headers.get('content-type')) };
}

/**
 * Bytes to text in the feed's declared encoding: the Content-Type charset, else the XML
 * declaration's, else UTF-8 (older Spanish and Swedish feeds still use ISO-8859-1).
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const fromDeclaration = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  const label = fromHeader ?? fromDeclaration ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Feed item ids are only unique within a feed unless they are URLs or URNs. */
export function feedItemId(feedUrl: string, id: string): string {
  return /^(https?:\/\/|urn:|tag:)/i.test(id) ? id : `${feedUrl}#${id}`;
}

function toRecord(
  item: FeedItem,
  feedUrl: string,
  feedTitle: string | null,
  fetchedAt: string,
): ConnectorRecord {
  const record: ConnectorRecord = {
    id: feedItemId(feedUrl, item.id),
    text: item.text,
    // An item without a date is dated when it was first read.
    created_at: item.publishedAt ?? fetchedAt,
    author: item.author ?? feedTitle ?? new URL(feedUrl).host,
    platform: 'rss',
  };
  if (item.link) {
    try {
      const url = new URL(item.link, feedUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') record['url'] = url.toString();
    } catch {
      // An unreadable link is left out; the item is still kept.
    }
  }
  return record;
}
