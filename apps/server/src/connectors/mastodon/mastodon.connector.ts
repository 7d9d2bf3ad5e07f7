// Mastodon connector: hashtag timelines and status searches over REST with the documented paging
// (`min_id` forward from the cursor, following the `Link` header's `prev`), and the streaming API
// (server-sent events) for hashtags, falling back to REST polling when a stream fails or its
// bounded buffer fills. The cursor is the newest status id seen per hashtag and per search.
// Edits (`status.update` events, statuses with `edited_at`) and deletions (`delete` events) are
// handed to the supervisor, which applies them to stored posts. REST pages only forward, so the
// statuses of the last day are read again every so often (`GET /api/v1/statuses?id[]=…`): a newer
// `edited_at` is an edit and a status no longer there (deleted, or no longer visible to the token)
// is a deletion, whether or not a stream was open when it happened. The streaming API may live on
// another host: the instance names it in `GET /api/v2/instance` (or v1's `urls.streaming_api`).
import type { MastodonSecrets, MastodonSettings } from '@ombud/contract';
import { createParser } from 'eventsource-parser';
import { z } from 'zod';
import type {
  Connector,
  ConnectorBatch,
  ConnectorEdit,
  ConnectorRecord,
  ConnectorRunContext,
} from '../connector.ts';
import {
  compareStatusIds,
  createMastodonHttp,
  MastodonHttpError,
  parseLinkHeader,
  type MastodonHttp,
} from './mastodon-http.ts';
import { mastodonStatusSchema, statusToRecord, type MastodonStatus } from './status-record.ts';

export interface MastodonConnectorOptions {
  settings: MastodonSettings;
  secrets: MastodonSecrets;
  fetch: typeof globalThis.fetch;
  /** First retry delay on 5xx/network errors (default 1 s). */
  retryBaseMillis?: number;
  /** Statuses a stream may hold before it is dropped for REST polling (default 2,000). */
  streamBufferSize?: number;
  /** First wait before re-opening a failed stream; doubles up to 15 minutes (default 30 s). */
  streamRetryMillis?: number;
  /** How often the last day's statuses are read again for edits and deletions (default 15 minutes). */
  recheckIntervalMillis?: number;
}

/** Statuses per REST page: the largest Mastodon serves. */
const PAGE_LIMIT = 40;
const MAX_STREAM_RETRY_MS = 15 * 60 * 1000;
/** Statuses created this recently are read again for edits and deletions… */
const RECHECK_WINDOW_MS = 24 * 3_600_000;
/** …the newest this many of them: 50 requests of 20 ids, a sixth of the 300 per 5 minutes. */
const RECHECK_LIMIT = 1000;
const RECHECK_IDS_PER_REQUEST = 20;
/** An instance older than Mastodon 4.3 (no multi-status read) is asked one status per request. */
const RECHECK_LIMIT_ONE_BY_ONE = 100;
/** Statuses a multi-status read left out are read one by one, this many, before any is deleted. */
const CONFIRM_GONE_SAMPLE = 3;

/** A status handed on: when it was created and the version (`edited_at`) last handed on. */
type RecentStatus = [id: string, createdAtMillis: number, version: string | null];

interface MastodonCursor {
  tags: Record<string, string>;
  searches: Record<string, string>;
  /** Statuses to read again, newest first (at most RECHECK_LIMIT, none older than the window). */
  recent: RecentStatus[];
  /** When the recent statuses were last read again, or first handed on (epoch milliseconds). */
  recheckedAt: number;
}

const recentStatusSchema = z.tuple([z.string().regex(/^\d+$/), z.number().finite(), z.string().nullable()]);

export function parseMastodonCursor(value: string | null): MastodonCursor {
  const empty: MastodonCursor = { tags: {}, searches: {}, recent: [], recheckedAt: 0 };
  if (!value) return empty;
  try {
    const parsed = JSON.parse(value) as Partial<Record<keyof MastodonCursor, unknown>>;
    const recent = Array.isArray(parsed.recent)
      ? parsed.recent.flatMap((entry) => {
          const valid = recentStatusSchema.safeParse(entry);
          return valid.success ? [valid.data] : [];
        })
      : [];
    return {
      tags: { ...(parsed.tags as Record<string, string>) },
      searches: { ...(parsed.searches as Record<string, string>) },
      recent,
      recheckedAt: typeof parsed.recheckedAt === 'number' ? parsed.recheckedAt : 0,
    };
  } catch {
    return empty;
  }
}

export function createMastodonConnector(options: MastodonConnectorOptions): Connector {
  return {
    kind: 'mastodon',
    platform: 'mastodon',
    run: (context) => runMastodon(options, context),
  };
}

async function* runMastodon(
  options: MastodonConnectorOptions,
  context: ConnectorRunContext,
): AsyncGenerator<ConnectorBatch> {
  const { settings } = options;
  const cursor = parseMastodonCursor(context.cursor);
  const http = createMastodonHttp({
    instanceUrl: settings.instanceUrl,
    accessToken: options.secrets.accessToken,
    fetch: options.fetch,
    sleep: (millis) => context.sleep(millis),
    now: () => context.now(),
    signal: context.signal,
    ...(options.retryBaseMillis !== undefined ? { retryBaseMillis: options.retryBaseMillis } : {}),
    onWait: (wait) => {
      if (wait.reason === 'rate-limit' || wait.reason === 'retry-after')
        context.metrics?.rateLimitWait(wait.millis);
      else context.metrics?.error();
      context.log.info({ ...wait, instance: settings.instanceUrl }, 'mastodon: waiting');
    },
  });
  const recent = new Map(cursor.recent.map(([id, createdAt, version]) => [id, { createdAt, version }]));
  const recheckMillis = options.recheckIntervalMillis ?? 15 * 60_000;
  // A first run has nothing to read again yet.
  if (cursor.recheckedAt === 0) cursor.recheckedAt = context.now().getTime();
  /** The statuses still to be read again, newest first. */
  const recentDue = (now: number): RecentStatus[] =>
    [...recent]
      .filter(([, status]) => status.createdAt > now - RECHECK_WINDOW_MS)
      .sort(([a], [b]) => compareStatusIds(b, a))
      .slice(0, RECHECK_LIMIT)
      .map(([id, status]) => [id, status.createdAt, status.version]);
  const batch = (changes: StatusChanges, deletions: string[] = []): ConnectorBatch => {
    for (const id of deletions) recent.delete(id);
    // What leaves the window (or the limit) is forgotten here as in the cursor.
    cursor.recent = recentDue(context.now().getTime());
    const kept = new Set(cursor.recent.map(([id]) => id));
    for (const id of recent.keys()) if (!kept.has(id)) recent.delete(id);
    return {
      records: changes.records,
      ...(changes.edits.length > 0 ? { edits: changes.edits } : {}),
      ...(deletions.length > 0 ? { deletions } : {}),
      cursor: JSON.stringify(cursor),
    };
  };
  const convert = (statuses: readonly MastodonStatus[], edited: ReadonlySet<MastodonStatus> = new Set()) => {
    for (const status of statuses) {
      const original = status.reblog ?? status;
      const createdAt = Date.parse(original.created_at);
      if (Number.isFinite(createdAt))
        recent.set(original.id, { createdAt, version: original.edited_at ?? null });
    }
    return toChanges(statuses, edited, context);
  };
  let streamingBase: string | undefined;
  let multiStatusRead = true;

  /** One status as the instance has it now; undefined when it answers 404 (deleted or hidden). */
  async function readOne(id: string): Promise<MastodonStatus | undefined> {
    try {
      const response = await http.request({ path: `/api/v1/statuses/${id}` });
      return validStatuses([await response.json()], context)[0];
    } catch (error) {
      if (error instanceof MastodonHttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The recent statuses as the instance has them now; those it no longer has are left out. */
  async function readAgain(
    ids: readonly string[],
  ): Promise<{ checked: string[]; found: MastodonStatus[]; oneByOne: boolean }> {
    const found: MastodonStatus[] = [];
    if (multiStatusRead) {
      try {
        for (let start = 0; start < ids.length && !context.signal.aborted; start += RECHECK_IDS_PER_REQUEST) {
          const chunk = ids.slice(start, start + RECHECK_IDS_PER_REQUEST);
          const query = chunk.map((id) => `id[]=${id}`).join('&');
          const response = await http.request({ path: `/api/v1/statuses?${query}` });
          const body: unknown = await response.json();
          if (!Array.isArray(body)) throw new Error('Mastodon /api/v1/statuses did not answer with a list');
          found.push(...validStatuses(body, context));
        }
        return { checked: [...ids], found, oneByOne: false };
      } catch (error) {
        // Before Mastodon 4.3 the route only takes POST: read one status per request instead.
        if (!(error instanceof MastodonHttpError) || ![404, 405].includes(error.status)) throw error;
        multiStatusRead = false;
        found.length = 0;
        context.log.info({ instance: settings.instanceUrl }, 'mastodon: no multi-status read; one by one');
      }
    }
    const checked = ids.slice(0, RECHECK_LIMIT_ONE_BY_ONE);
    for (const id of checked) {
      if (context.signal.aborted) break;
      const status = await readOne(id);
      if (status) found.push(status);
    }
    return { checked, found, oneByOne: true };
  }

  /**
   * Whether statuses a multi-status read left out are really gone: a few are asked for one by one.
   * A faulty answer (an instance in maintenance answering an empty list) must not erase posts.
   */
  async function confirmGone(missing: readonly string[]): Promise<boolean> {
    for (const id of missing.slice(0, CONFIRM_GONE_SAMPLE)) {
      if (context.signal.aborted) return false;
      if ((await readOne(id)) !== undefined) return false;
    }
    return true;
  }

  /** Edits and deletions of the last day's statuses that no stream or page brought. */
  async function* recheckRecent(): AsyncGenerator<ConnectorBatch> {
    const now = context.now().getTime();
    if (now < cursor.recheckedAt + recheckMillis) return;
    cursor.recheckedAt = now;
    const due = recentDue(now).map(([id]) => id);
    if (due.length === 0) return;
    const { checked, found, oneByOne } = await readAgain(due);
    if (context.signal.aborted) return;
    const byId = new Map(found.map((status) => [status.id, status]));
    const changed = found.filter((status) => {
      const known = recent.get(status.id);
      return known !== undefined && status.edited_at != null && status.edited_at !== known.version;
    });
    let deletions = checked.filter((id) => !byId.has(id));
    if (deletions.length > 0 && !oneByOne && !(await confirmGone(deletions))) {
      if (context.signal.aborted) return;
      context.log.warn(
        { instance: settings.instanceUrl, missing: deletions.length },
        'mastodon: the multi-status read left out statuses that still exist; nothing deleted this time',
      );
      deletions = [];
    }
    if (changed.length === 0 && deletions.length === 0) return;
    yield batch(convert(changed), deletions);
  }

  async function* pollHashtag(tag: string): AsyncGenerator<ConnectorBatch> {
    const base = `/api/v1/timelines/tag/${encodeURIComponent(tag)}?limit=${PAGE_LIMIT}`;
    const since = cursor.tags[tag];
    if (since === undefined) {
      // First run: start from the newest page rather than the hashtag's whole history.
      const statuses = await readStatuses(http, base, context);
      const newest = newestId(statuses.statuses);
      if (newest) cursor.tags[tag] = newest;
      if (statuses.statuses.length > 0) yield batch(convert(statuses.statuses));
      return;
    }
    let path = `${base}&min_id=${since}`;
    while (!context.signal.aborted) {
      const page = await readStatuses(http, path, context);
      const newest = newestId(page.statuses);
      if (!newest) return;
      cursor.tags[tag] = maxId(cursor.tags[tag], newest);
      yield batch(convert(page.statuses));
      path = parseLinkHeader(page.link)['prev'] ?? `${base}&min_id=${cursor.tags[tag]}`;
    }
  }

  async function* pollSearch(query: string): AsyncGenerator<ConnectorBatch> {
    const since = cursor.searches[query];
    let newest = since;
    for (let offset = 0; !context.signal.aborted; offset += PAGE_LIMIT) {
      const params = new URLSearchParams({
        q: query,
        type: 'statuses',
        resolve: 'false',
        limit: String(PAGE_LIMIT),
      });
      if (since) params.set('min_id', since);
      if (offset > 0) params.set('offset', String(offset));
      const response = await http.request({ path: `/api/v2/search?${params.toString()}` });
      const body = (await response.json()) as { statuses?: unknown };
      const statuses = validStatuses(Array.isArray(body.statuses) ? body.statuses : [], context);
      const pageNewest = newestId(statuses);
      if (pageNewest) newest = maxId(newest, pageNewest);
      const last = statuses.length < PAGE_LIMIT || !since;
      // The search cursor moves only after its last page, so a crash mid-way re-reads (and adds nothing).
      if (last && newest) cursor.searches[query] = newest;
      if (statuses.length > 0 || last) yield batch(convert(statuses));
      if (last) return;
    }
  }

  async function* pollAll(what: { tags: boolean; searches: boolean }): AsyncGenerator<ConnectorBatch> {
    if (what.tags) for (const tag of settings.hashtags) yield* pollHashtag(tag);
    if (what.searches) for (const query of settings.searches) yield* pollSearch(query);
  }

  const pollMillis = settings.pollIntervalSeconds * 1000;
  let streamRetryAt = 0;
  let streamRetryMillis = options.streamRetryMillis ?? 30_000;
  while (!context.signal.aborted) {
    const streamNow =
      settings.streaming && settings.hashtags.length > 0 && context.now().getTime() >= streamRetryAt;
    if (!streamNow) {
      yield* pollAll({ tags: true, searches: true });
      yield* recheckRecent();
      await context.sleep(pollMillis);
      continue;
    }
    streamingBase ??= await discoverStreamingBase(http, settings.instanceUrl, context);
    const stream = openHashtagStreams(
      http,
      streamingBase,
      settings.hashtags,
      options.streamBufferSize ?? 2000,
      context,
    );
    try {
      await stream.connected;
      streamRetryMillis = options.streamRetryMillis ?? 30_000;
      // The streams are open before catching up, so nothing posted in between is missed.
      yield* pollAll({ tags: true, searches: true });
      let nextSearchAt = context.now().getTime() + pollMillis;
      for (;;) {
        const waitMillis = settings.searches.length > 0 ? nextSearchAt - context.now().getTime() : 60_000;
        const taken = await stream.take(500, Math.max(0, waitMillis));
        if (taken.length > 0) {
          const statuses: MastodonStatus[] = [];
          const edited = new Set<MastodonStatus>();
          const deletions: string[] = [];
          for (const item of taken) {
            if (item.kind === 'delete') {
              deletions.push(item.id);
              continue;
            }
            cursor.tags[item.tag] = maxId(cursor.tags[item.tag], item.status.id);
            statuses.push(item.status);
            if (item.kind === 'edit') edited.add(item.status);
          }
          yield batch(convert(statuses, edited), deletions);
        } else if (context.signal.aborted) {
          break;
        }
        if (settings.searches.length > 0 && context.now().getTime() >= nextSearchAt) {
          yield* pollAll({ tags: false, searches: true });
          nextSearchAt = context.now().getTime() + pollMillis;
        }
        yield* recheckRecent();
      }
    } catch (error) {
      if (context.signal.aborted) break;
      context.log.warn(
        { instance: settings.instanceUrl, error: error instanceof Error ? error.message : String(error) },
        'mastodon: stream ended; polling over REST until it is re-opened',
      );
      streamRetryAt = context.now().getTime() + streamRetryMillis;
      streamRetryMillis = Math.min(MAX_STREAM_RETRY_MS, streamRetryMillis * 2);
    } finally {
      stream.close();
    }
  }
}

interface StatusChanges {
  records: ConnectorRecord[];
  edits: ConnectorEdit[];
}

/**
 * Statuses as new records, or as edits when the status was edited (`edited_at`) or came in a
 * `status.update` event. An edit whose post is not stored yet is stored like a new one.
 */
function toChanges(
  statuses: readonly MastodonStatus[],
  edited: ReadonlySet<MastodonStatus>,
  context: ConnectorRunContext,
): StatusChanges {
  const changes: StatusChanges = { records: [], edits: [] };
  for (const status of statuses) {
    const converted = statusToRecord(status);
    if (converted.kind === 'skipped') {
      context.log.info({ reason: converted.reason }, 'mastodon: status skipped');
      continue;
    }
    const original = status.reblog ?? status;
    const editedAt = original.edited_at ?? (edited.has(status) ? context.now().toISOString() : null);
    if (editedAt) changes.edits.push({ record: converted.record, editedAt });
    else changes.records.push(converted.record);
  }
  return changes;
}

/**
 * Where the streaming API lives: `configuration.urls.streaming` of `GET /api/v2/instance`, else
 * `urls.streaming_api` of `GET /api/v1/instance` (older servers), else the instance itself.
 * Mastodon names it with a ws(s):// scheme; server-sent events use the matching http(s)://.
 */
async function discoverStreamingBase(
  http: MastodonHttp,
  instanceUrl: string,
  context: ConnectorRunContext,
): Promise<string> {
  const attempts: { path: string; read: (body: unknown) => unknown }[] = [
    {
      path: '/api/v2/instance',
      read: (body) =>
        (body as { configuration?: { urls?: { streaming?: unknown } } }).configuration?.urls?.streaming,
    },
    {
      path: '/api/v1/instance',
      read: (body) => (body as { urls?: { streaming_api?: unknown } }).urls?.streaming_api,
    },
  ];
  for (const attempt of attempts) {
    try {
      const response = await http.request({ path: attempt.path });
      const body: unknown = await response.json();
      const named = body && typeof body === 'object' ? attempt.read(body) : undefined;
      if (typeof named !== 'string' || named === '') continue;
      const url = new URL(named);
      if (url.protocol === 'wss:') url.protocol = 'https:';
      else if (url.protocol === 'ws:') url.protocol = 'http:';
      if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
      // Only the instance's own answer may move the token to another host.
      http.allowOrigin(url.origin);
      const base = url.toString().replace(/\/+$/, '');
      if (url.origin !== new URL(instanceUrl).origin)
        context.log.info(
          { instance: instanceUrl, streaming: url.origin },
          'mastodon: streaming API on its own host',
        );
      return base;
    } catch (error) {
      if (context.signal.aborted) throw error;
      context.log.info(
        { path: attempt.path, error: error instanceof Error ? error.message : String(error) },
        'mastodon: instance metadata unavailable',
      );
    }
  }
  return instanceUrl.replace(/\/+$/, '');
}

function validStatuses(values: readonly unknown[], context: ConnectorRunContext): MastodonStatus[] {
  const statuses: MastodonStatus[] = [];
  for (const [index, value] of values.entries()) {
    const parsed = mastodonStatusSchema.safeParse(value);
    if (parsed.success) statuses.push(parsed.data);
    else
      context.log.warn(
        { index, issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
        'mastodon: not a valid Status entity; skipped',
      );
  }
  return statuses;
}

async function readStatuses(
  http: MastodonHttp,
  path: string,
  context: ConnectorRunContext,
): Promise<{ statuses: MastodonStatus[]; link: string | null }> {
  const response = await http.request({ path });
  const body: unknown = await response.json();
  if (!Array.isArray(body)) throw new Error(`Mastodon ${path} did not answer with a list of statuses`);
  return { statuses: validStatuses(body, context), link: response.headers.get('link') };
}

function newestId(statuses: readonly MastodonStatus[]): string | undefined {
  let newest: string | undefined;
  for (const status of statuses) newest = maxId(newest, status.id);
  return newest;
}

function maxId(a: string | undefined, b: string): string {
  return a === undefined || compareStatusIds(b, a) > 0 ? b : a;
}

type StreamedStatus =
  | { kind: 'status' | 'edit'; tag: string; status: MastodonStatus }
  | { kind: 'delete'; tag: string; id: string };

/**
 * One SSE connection per hashtag feeding a bounded buffer. `take` rejects once any stream fails,
 * ends, or the buffer overflows (the caller then polls over REST from its cursor, which also
 * covers what was dropped), but only after everything buffered before that has been taken.
 */
function openHashtagStreams(
  http: MastodonHttp,
  streamingBase: string,
  tags: readonly string[],
  bufferSize: number,
  context: ConnectorRunContext,
) {
  const controller = new AbortController();
  const buffer: StreamedStatus[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: Error) => {
    failure ??= error;
    controller.abort();
    notify();
  };

  const connections = tags.map(async (tag) => {
    const response = await http.request({
      path: `${streamingBase}/api/v1/streaming/hashtag?tag=${encodeURIComponent(tag)}`,
      stream: true,
      signal: controller.signal,
    });
    if (!response.body) throw new Error('the streaming API answered without a body');
    return { tag, body: response.body };
  });

  const connected = Promise.all(connections).then((opened) => {
    for (const { tag, body } of opened) void pump(tag, body);
  });
  connected.catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));

  async function pump(tag: string, body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createParser({
      onEvent(message) {
        if (message.event === 'update' || message.event === 'status.update') {
          let value: unknown;
          try {
            value = JSON.parse(message.data);
          } catch {
            context.log.warn({ tag }, 'mastodon: stream event is not JSON; skipped');
            return;
          }
          const [status] = validStatuses([value], context);
          if (!status) return;
          if (buffer.length >= bufferSize) {
            fail(new Error(`stream buffer full (${bufferSize} statuses)`));
            return;
          }
          buffer.push({ kind: message.event === 'update' ? 'status' : 'edit', tag, status });
          notify();
        } else if (message.event === 'delete') {
          // The payload is the deleted status's id (a plain string, not JSON).
          const id = message.data.trim().replace(/^"|"$/g, '');
          if (!/^\d+$/.test(id)) {
            context.log.warn({ tag }, 'mastodon: delete event without a status id; skipped');
            return;
          }
          if (buffer.length >= bufferSize) {
            // A delete must not be lost; the REST catch-up cannot see it, so the stream restarts
            // only after what is buffered is stored, and this delete is kept in the buffer.
            fail(new Error(`stream buffer full (${bufferSize} statuses)`));
          }
          buffer.push({ kind: 'delete', tag, id });
          notify();
        }
      },
    });
    const decoder = new TextDecoder();
    try {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      fail(new Error(`the ${tag} stream ended`));
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  const onAbort = () => {
    controller.abort();
    notify();
  };
  context.signal.addEventListener('abort', onAbort, { once: true });

  return {
    connected,
    /** Up to `max` buffered statuses; waits at most `waitMillis` for the first. */
    async take(max: number, waitMillis: number): Promise<StreamedStatus[]> {
      if (buffer.length === 0 && !failure && !context.signal.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMillis);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      if (buffer.length > 0) return buffer.splice(0, max);
      if (failure && !context.signal.aborted) throw failure;
      return [];
    },
    close() {
      context.signal.removeEventListener('abort', onAbort);
      controller.abort();
      notify();
    },
  };
}
