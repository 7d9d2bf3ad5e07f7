// RSS/Atom/RDF feeds by polling with conditional GET. Each feed is asked again no sooner than the
// configured interval, the feed's own `ttl`/`sy:updatePeriod`, or a `Retry-After` answer allow.
// The cursor keeps, per feed, the validators (ETag, Last-Modified), the ids of the items in the
// feed's current window with a fingerprint of each item's text (a changed text is an edit), and,
// while the feed is backed off, when it may be asked again and its failure count: a restart
// neither misses nor repeats an item and still honours a `Retry-After` or a back-off. Entries the
// feed marks deleted (Atom tombstones, RFC 6721) are handed on as deletions, each once.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type {
  Connector,
  ConnectorBatch,
  ConnectorEdit,
  ConnectorRecord,
  ConnectorRunContext,
} from '../connector.ts';
import type { ConnectorFactory } from '../registry.ts';
import { parseFeed, type FeedItem, type ParsedFeed } from './feed-parser.ts';

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
  /** Fingerprints of the items in `seen`, index by index (empty in cursors written before edits). */
  hashes: z.array(z.string()).default([]),
  /** While backed off (Retry-After, failures): when the feed may be asked again (epoch ms). */
  nextAt: z.number().nullable().default(null),
  /** Failed requests in a row (sets the back-off). */
  failures: z.number().int().nonnegative().default(0),
  /** Ids of the feed's tombstones already handed on as deletions (while the feed still shows them). */
  deleted: z.array(z.string()).default([]),
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
  | {
      kind: 'changed';
      records: ConnectorRecord[];
      edits: ConnectorEdit[];
      deletions: string[];
      state: FeedState;
      hintSeconds: number | null;
    }
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
  // A restart honours the waits the previous run stored (Retry-After, back-off, the interval).
  const dueAt = new Map<string, number>(settings.feeds.map((feed) => [feed, states[feed]?.nextAt ?? 0]));
  const failures = new Map<string, number>();
  for (const feed of settings.feeds) {
    const count = states[feed]?.failures ?? 0;
    if (count > 0) failures.set(feed, count);
  }
  const emptyState = (): FeedState => ({
    etag: null,
    lastModified: null,
    seen: [],
    hashes: [],
    nextAt: null,
    failures: 0,
    deleted: [],
  });
  /**
   * Sets when the feed is due. A back-off is kept in the feed's state for the next run; an ordinary
   * interval is not (a restart asks at once, conditionally). True when the stored state changed.
   */
  const schedule = (feed: string, at: number, backedOff: boolean): boolean => {
    dueAt.set(feed, at);
    const state = states[feed] ?? emptyState();
    const nextAt = backedOff ? at : null;
    const count = failures.get(feed) ?? 0;
    if (state.nextAt === nextAt && state.failures === count && states[feed]) return false;
    states[feed] = { ...state, nextAt, failures: count };
    return true;
  };
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
    const stateOnly = (): ConnectorBatch => ({
      records: [],
      cursor: serialiseCursor(states, settings.feeds),
      stateOnly: true,
    });
    switch (outcome.kind) {
      case 'not-modified':
        failures.delete(next);
        // Only a back-off that is over needs clearing from the stored cursor.
        if (states[next] && schedule(next, after(interval), false)) yield stateOnly();
        else dueAt.set(next, after(interval));
        break;
      case 'retry-after': {
        const seconds = Math.min(maxInterval, Math.max(interval, outcome.seconds));
        context.metrics?.rateLimitWait(seconds * 1000);
        schedule(next, after(seconds), true);
        yield stateOnly();
        break;
      }
      case 'failed': {
        const count = (failures.get(next) ?? 0) + 1;
        failures.set(next, count);
        context.metrics?.error();
        schedule(next, after(Math.min(maxInterval, interval * 2 ** Math.min(count - 1, 10))), true);
        yield stateOnly();
        break;
      }
      case 'changed': {
        failures.delete(next);
        states[next] = outcome.state;
        schedule(next, after(Math.min(maxInterval, Math.max(interval, outcome.hintSeconds ?? 0))), false);
        yield {
          records: outcome.records,
          ...(outcome.edits.length > 0 ? { edits: outcome.edits } : {}),
          ...(outcome.deletions.length > 0 ? { deletions: outcome.deletions } : {}),
          cursor: serialiseCursor(states, settings.feeds),
        };
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
  const seen = new Map<string, string | undefined>(
    (state?.seen ?? []).map((id, index) => [id, state?.hashes[index]]),
  );
  const fetchedAt = context.now().toISOString();
  const records: ConnectorRecord[] = [];
  const edits: ConnectorEdit[] = [];
  const fingerprints = new Map<string, string>();
  const { deletions, tombstoned } = deletedItems(feedUrl, parsed.feed, state);
  for (const item of parsed.feed.items) {
    if (tombstoned.has(item.id)) continue;
    const fingerprint = itemFingerprint(item);
    if (fingerprints.has(item.id)) continue;
    fingerprints.set(item.id, fingerprint);
    if (!seen.has(item.id)) {
      records.push(toRecord(item, feedUrl, parsed.feed.title, fetchedAt));
      continue;
    }
    const before = seen.get(item.id);
    // A known item whose text changed is an edit, versioned by its `updated` time when it gives one.
    if (before !== undefined && before !== fingerprint)
      edits.push({
        record: toRecord(item, feedUrl, parsed.feed.title, fetchedAt),
        editedAt: item.updatedAt ?? fetchedAt,
      });
  }
  // Ids that left the feed's window are forgotten; ids still in it are remembered.
  const nextSeen = [...fingerprints.keys()].slice(0, SEEN_PER_FEED);
  return {
    kind: 'changed',
    records,
    edits,
    deletions,
    state: {
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      seen: nextSeen,
      hashes: nextSeen.map((id) => fingerprints.get(id) ?? ''),
      nextAt: state?.nextAt ?? null,
      failures: 0,
      deleted: [...tombstoned].map((id) => feedItemId(feedUrl, id)).slice(0, SEEN_PER_FEED),
    },
    hintSeconds: parsed.feed.minIntervalSeconds,
  };
}

/**
 * The feed's tombstones: the item ids they remove from this document, and the deletions not handed
 * on before. An entry in the same document updated after its tombstone's time was published again
 * and stays. A feed may only delete what it showed itself (in its last window or in this document):
 * item ids that are URLs are shared by every feed, and a hostile feed must not erase another's.
 */
function deletedItems(
  feedUrl: string,
  feed: ParsedFeed,
  state: FeedState | null,
): { deletions: string[]; tombstoned: Set<string> } {
  const handedOn = new Set(state?.deleted ?? []);
  const shown = new Set(state?.seen ?? []);
  const deletions: string[] = [];
  const tombstoned = new Set<string>();
  for (const gone of feed.deleted) {
    const entry = feed.items.find((item) => item.id === gone.id);
    if (entry === undefined && !shown.has(gone.id)) continue;
    if (entry?.updatedAt && gone.deletedAt && entry.updatedAt > gone.deletedAt) continue;
    if (tombstoned.has(gone.id)) continue;
    tombstoned.add(gone.id);
    const id = feedItemId(feedUrl, gone.id);
    if (!handedOn.has(id)) deletions.push(id);
  }
  return { deletions, tombstoned };
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

/** A short fingerprint of what Ombud stores of an item: a change is an edit. */
function itemFingerprint(item: FeedItem): string {
  return createHash('sha256').update(item.text).digest('base64url').slice(0, 12);
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
