// Bluesky through Jetstream (JSON over WebSocket). Matching posts go into a bounded buffer; the
// supervisor drains it batch by batch. When the buffer fills, the socket is closed and reopened
// from the cursor once the buffer is empty, so a slow database never grows memory. The cursor is
// the `time_us` of the last event whose outcome (stored or filtered out) is settled.
// `update` commits are handed on as edits (versioned by their `time_us`) and `delete` commits as
// deletions; the supervisor applies them to stored posts and ignores the rest.
import WebSocket from 'ws';
import type {
  Connector,
  ConnectorBatch,
  ConnectorEdit,
  ConnectorRecord,
  ConnectorRunContext,
} from '../connector.ts';
import type { ConnectorFactory } from '../registry.ts';
import { compileBlueskyFilter, type BlueskyFilterTerms } from './bluesky-filter.ts';
import { createHandleResolver, normaliseBlueskyHandle, type HandleResolver } from './handle-resolver.ts';
import {
  parseJetstreamMessage,
  POST_COLLECTION,
  postUri,
  readPostRecord,
  toConnectorRecord,
  type JetstreamEvent,
} from './jetstream-event.ts';

export interface BlueskyConnectorSettings extends BlueskyFilterTerms {
  jetstreamUrl: string;
  /** PDS or AppView answering `com.atproto.identity.resolveHandle`. */
  resolverUrl: string;
}

export interface BlueskyConnectorOptions {
  settings: BlueskyConnectorSettings;
  resolver?: HandleResolver;
  /** Matching posts held in memory at most; when full the socket is closed until they are stored. */
  bufferLimit?: number;
  batchSize?: number;
  /** Jetstream's documented advice: resume a few seconds early; idempotent ingest absorbs the overlap. */
  rewindMicros?: number;
  backoff?: { initialMillis: number; maxMillis: number };
  /** How often the cursor moves on while events arrive but none matches. */
  progressEveryMillis?: number;
  pingEveryMillis?: number;
  maxMessageBytes?: number;
}

export interface BlueskyConnectorStats {
  connections: number;
  events: number;
  matched: number;
  filteredOut: number;
  invalid: number;
  deletes: number;
  updates: number;
  overflows: number;
  maxBuffered: number;
}

type BufferedChange =
  | { kind: 'record'; record: ConnectorRecord; timeUs: number }
  | { kind: 'edit'; edit: ConnectorEdit; timeUs: number }
  | { kind: 'delete'; id: string; timeUs: number };

const RECENT_IDS = 10_000;
const KNOWN_HANDLES = 10_000;
const LOGGED_PROBLEMS = 20;

export interface BlueskyConnector extends Connector {
  readonly stats: Readonly<BlueskyConnectorStats>;
}

export function createBlueskyConnector(options: BlueskyConnectorOptions): BlueskyConnector {
  const settings = options.settings;
  const resolver = options.resolver ?? createHandleResolver({ serviceUrl: settings.resolverUrl });
  const stats: BlueskyConnectorStats = {
    connections: 0,
    events: 0,
    matched: 0,
    filteredOut: 0,
    invalid: 0,
    deletes: 0,
    updates: 0,
    overflows: 0,
    maxBuffered: 0,
  };
  return {
    kind: 'bluesky',
    platform: 'bluesky',
    stats,
    run: (context) => runJetstream(options, resolver, stats, context),
  };
}

/** The registry's entry: every Bluesky connector stores into one source, so a post is kept once. */
export const blueskyConnectorFactory: ConnectorFactory<'bluesky'> = (settings, _secrets, deps) => ({
  connector: createBlueskyConnector({
    settings,
    resolver: createHandleResolver({ serviceUrl: settings.resolverUrl, fetch: deps.fetch }),
    ...(deps.retryBaseMillis !== undefined
      ? { backoff: { initialMillis: deps.retryBaseMillis, maxMillis: 60_000 } }
      : {}),
  }),
  sourceName: 'bluesky',
});

/** The cursor is the decimal `time_us`; anything else starts from the live tail. */
export function parseBlueskyCursor(cursor: string | null): number | null {
  if (cursor === null || !/^\d{1,17}$/.test(cursor)) return null;
  return Number(cursor);
}

async function resolveWantedHandles(
  handles: readonly string[],
  resolver: HandleResolver,
  context: ConnectorRunContext,
  backoff: { initialMillis: number; maxMillis: number },
): Promise<Map<string, string>> {
  const didToHandle = new Map<string, string>();
  for (const raw of handles) {
    const handle = normaliseBlueskyHandle(raw);
    if (!handle) continue;
    for (let attempt = 0; !context.signal.aborted; attempt += 1) {
      const result = await resolver.resolve(handle, context.signal);
      if (result.ok) {
        didToHandle.set(result.did, handle);
        break;
      }
      if (!result.retryable) {
        context.log.warn({ handle, reason: result.reason }, 'bluesky handle does not resolve; skipped');
        break;
      }
      await context.sleep(Math.min(backoff.maxMillis, backoff.initialMillis * 2 ** attempt));
    }
  }
  return didToHandle;
}

async function* runJetstream(
  options: BlueskyConnectorOptions,
  resolver: HandleResolver,
  stats: BlueskyConnectorStats,
  context: ConnectorRunContext,
): AsyncGenerator<ConnectorBatch> {
  const { settings } = options;
  const bufferLimit = Math.max(1, options.bufferLimit ?? 2000);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 500, bufferLimit));
  const rewindMicros = options.rewindMicros ?? 3_000_000;
  const backoff = options.backoff ?? { initialMillis: 1000, maxMillis: 60_000 };
  const progressEveryMillis = options.progressEveryMillis ?? 10_000;
  const pingEveryMillis = options.pingEveryMillis ?? 30_000;
  const maxMessageBytes = options.maxMessageBytes ?? 1024 * 1024;
  const { signal, log } = context;

  const wanted = await resolveWantedHandles(settings.handles, resolver, context, backoff);
  if (signal.aborted) return;
  const onlyHandles = settings.keywords.length === 0 && settings.hashtags.length === 0;
  if (onlyHandles && wanted.size === 0)
    throw new Error('Bluesky connector: none of the configured handles resolves to an account');
  const filter = compileBlueskyFilter(settings, new Set(wanted.keys()));
  const handles = new Map(wanted);

  const buffer: BufferedChange[] = [];
  const recentIds = new Set<string>();
  let committedTimeUs = parseBlueskyCursor(context.cursor);
  // Highest time_us whose event is settled (buffered or filtered out); unset after an overflow
  // drop, so the next connection starts from what was actually kept.
  let scannedTimeUs = committedTimeUs;
  let socket: WebSocket | null = null;
  let paused = false;
  let failures = 0;
  let reconnectAt = 0;
  let lastProgressAt = context.now().getTime();
  let problemsLogged = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  signal.addEventListener('abort', notify, { once: true });

  const reportProblem = (detail: object, message: string) => {
    stats.invalid += 1;
    if (problemsLogged < LOGGED_PROBLEMS) {
      problemsLogged += 1;
      log.warn(detail, message);
    }
  };

  const rememberHandle = (did: string, handle: string) => {
    handles.delete(did);
    handles.set(did, handle);
    if (handles.size > KNOWN_HANDLES) {
      const oldest = handles.keys().next().value;
      if (oldest !== undefined && !wanted.has(oldest)) handles.delete(oldest);
    }
  };

  const remember = (id: string) => {
    recentIds.add(id);
    if (recentIds.size > RECENT_IDS) {
      const oldest = recentIds.values().next().value;
      if (oldest !== undefined) recentIds.delete(oldest);
    }
  };

  const handleEvent = (event: JetstreamEvent) => {
    stats.events += 1;
    if (event.kind === 'identity') {
      if (event.identity.handle) rememberHandle(event.did, event.identity.handle.toLowerCase());
    } else if (event.kind === 'commit' && event.commit.collection === POST_COLLECTION) {
      if (event.commit.operation === 'delete') {
        // Every delete is handed on: whether the post is stored is the database's to say (one
        // indexed lookup per batch); a stored one is erased, the rest cost nothing more.
        stats.deletes += 1;
        const id = postUri(event.did, event.commit.rkey);
        recentIds.delete(id);
        buffer.push({ kind: 'delete', id, timeUs: event.time_us });
      } else if (event.commit.operation === 'update') {
        const read = readPostRecord(event);
        if (!read.ok) {
          reportProblem(
            { uri: postUri(event.did, event.commit.rkey), reason: read.reason },
            'bluesky post update skipped',
          );
        } else {
          stats.updates += 1;
          const matches = filter.matches(read.post, event.did, handles.get(event.did));
          const record = toConnectorRecord(event, read.post, handles.get(event.did));
          // The commit's time orders versions: Bluesky records carry no edit time of their own.
          const editedAt = new Date(Math.floor(event.time_us / 1000)).toISOString();
          buffer.push({
            kind: 'edit',
            edit: { record, editedAt, ...(matches ? {} : { ifStored: true }) },
            timeUs: event.time_us,
          });
        }
      } else {
        const read = readPostRecord(event);
        if (!read.ok) {
          reportProblem(
            { uri: postUri(event.did, event.commit.rkey), reason: read.reason },
            'bluesky post skipped',
          );
        } else if (filter.matches(read.post, event.did, handles.get(event.did))) {
          const record = toConnectorRecord(event, read.post, handles.get(event.did));
          const id = String(record['id']);
          if (!recentIds.has(id)) {
            remember(id);
            buffer.push({ kind: 'record', record, timeUs: event.time_us });
            stats.matched += 1;
            stats.maxBuffered = Math.max(stats.maxBuffered, buffer.length);
          }
        } else stats.filteredOut += 1;
      }
    }
    if (scannedTimeUs === null || event.time_us > scannedTimeUs) scannedTimeUs = event.time_us;
  };

  const connect = () => {
    const url = new URL(settings.jetstreamUrl);
    url.searchParams.set('wantedCollections', POST_COLLECTION);
    // Jetstream leaves out larger events itself; without this, one oversized event would close the
    // socket (maxPayload) at the same cursor on every reconnect.
    url.searchParams.set('maxMessageSizeBytes', String(maxMessageBytes));
    if (onlyHandles) for (const did of wanted.keys()) url.searchParams.append('wantedDids', did);
    const from = scannedTimeUs ?? committedTimeUs;
    if (from !== null) url.searchParams.set('cursor', String(Math.max(0, from - rewindMicros)));
    stats.connections += 1;
    const ws = new WebSocket(url, { maxPayload: maxMessageBytes * 2, handshakeTimeout: 15_000 });
    socket = ws;
    let alive = true;
    let received = false;
    const pinger = setInterval(() => {
      if (!alive) ws.terminate();
      alive = false;
      if (ws.readyState === WebSocket.OPEN) ws.ping();
    }, pingEveryMillis);
    ws.on('pong', () => (alive = true));
    ws.on('message', (data, isBinary) => {
      if (socket !== ws || paused) return;
      alive = true;
      received = true;
      if (isBinary) {
        reportProblem({ reason: 'binary frame (compression is not requested)' }, 'jetstream frame skipped');
        return;
      }
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : data instanceof ArrayBuffer
          ? Buffer.from(data).toString('utf8')
          : data.toString('utf8');
      const parsed = parseJetstreamMessage(text);
      if (!parsed.ok) {
        reportProblem({ reason: parsed.reason, time_us: parsed.timeUs }, 'jetstream frame skipped');
        if (parsed.timeUs !== null && (scannedTimeUs === null || parsed.timeUs > scannedTimeUs))
          scannedTimeUs = parsed.timeUs;
      } else handleEvent(parsed.event);
      if (buffer.length >= bufferLimit) {
        // Back-pressure: stop reading; resume from the cursor once the buffer has been stored.
        stats.overflows += 1;
        paused = true;
        socket = null;
        ws.terminate();
      }
      notify();
    });
    ws.on('error', (error) => {
      if (socket !== ws) return;
      context.metrics?.error();
      log.warn({ error: error.message, url: url.origin }, 'jetstream connection error');
    });
    ws.on('close', () => {
      clearInterval(pinger);
      if (socket !== ws) return;
      socket = null;
      failures = received ? 0 : failures + 1;
      const delay = Math.min(backoff.maxMillis, backoff.initialMillis * 2 ** Math.max(0, failures - 1));
      reconnectAt = context.now().getTime() + (received ? 0 : delay * (0.5 + Math.random() / 2));
      notify();
    });
  };

  try {
    while (!signal.aborted) {
      if (buffer.length > 0) {
        const taken = buffer.splice(0, batchSize);
        const last = taken[taken.length - 1];
        // With the buffer empty, everything scanned is settled; otherwise only up to this batch.
        const timeUs = buffer.length === 0 ? (scannedTimeUs ?? last?.timeUs ?? null) : (last?.timeUs ?? null);
        if (timeUs !== null) committedTimeUs = timeUs;
        lastProgressAt = context.now().getTime();
        yield { ...toBatch(taken), cursor: timeUs === null ? null : String(timeUs) };
        continue;
      }
      if (paused) paused = false;
      const now = context.now().getTime();
      if (
        scannedTimeUs !== null &&
        scannedTimeUs !== committedTimeUs &&
        now - lastProgressAt >= progressEveryMillis
      ) {
        committedTimeUs = scannedTimeUs;
        lastProgressAt = now;
        yield { records: [], cursor: String(scannedTimeUs) };
        continue;
      }
      if (socket === null && now >= reconnectAt) connect();
      const waitMillis = Math.max(
        10,
        Math.min(
          socket === null ? reconnectAt - now : Number.POSITIVE_INFINITY,
          scannedTimeUs !== committedTimeUs ? progressEveryMillis - (now - lastProgressAt) : 60_000,
        ),
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve();
        }, waitMillis);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (signal.aborted) notify();
      });
    }
  } finally {
    signal.removeEventListener('abort', notify);
    const open = socket as WebSocket | null;
    socket = null;
    open?.terminate();
  }
}

/** Buffered changes as one batch; the supervisor applies records, then edits, then deletions. */
function toBatch(changes: readonly BufferedChange[]): Omit<ConnectorBatch, 'cursor'> {
  const records: ConnectorRecord[] = [];
  const edits: ConnectorEdit[] = [];
  const deletions: string[] = [];
  for (const change of changes) {
    if (change.kind === 'record') records.push(change.record);
    else if (change.kind === 'edit') edits.push(change.edit);
    else deletions.push(change.id);
  }
  return {
    records,
    ...(edits.length > 0 ? { edits } : {}),
    ...(deletions.length > 0 ? { deletions } : {}),
  };
}
