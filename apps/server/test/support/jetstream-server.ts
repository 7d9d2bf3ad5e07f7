// A local Jetstream: a WebSocket server at /subscribe that replays events in Jetstream's documented
// JSON shape and honours `wantedCollections`, `wantedDids` and `cursor` (replay from that time_us,
// live tail without it), plus `com.atproto.identity.resolveHandle` over HTTP on the same port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type JetstreamTestEvent =
  | {
      did: string;
      time_us: number;
      kind: 'commit';
      commit: {
        rev: string;
        operation: 'create' | 'update' | 'delete';
        collection: string;
        rkey: string;
        record?: Record<string, unknown>;
        cid?: string;
      };
    }
  | {
      did: string;
      time_us: number;
      kind: 'identity';
      identity: { did: string; handle: string; seq: number; time: string };
    }
  | {
      did: string;
      time_us: number;
      kind: 'account';
      account: { active: boolean; did: string; seq: number; time: string };
    };

interface Subscriber {
  socket: WebSocket;
  maxBytes: number;
  collections: Set<string>;
  dids: Set<string>;
}

export interface JetstreamTestServer {
  url: string;
  httpUrl: string;
  /** Query strings of every subscription, in order. */
  subscriptions: URLSearchParams[];
  resolveCalls: string[];
  /** Stores the events (history for cursors) and sends them to matching live subscribers. */
  publish(events: readonly JetstreamTestEvent[]): void;
  /** Sends a raw text frame to every subscriber (for malformed-frame tests). */
  publishRaw(frame: string): void;
  /** Closes every open socket abruptly, as a restarting instance would. */
  dropAll(): void;
  openSockets(): number;
  close(): Promise<void>;
}

const wants = (subscriber: Subscriber, event: JetstreamTestEvent) => {
  if (Buffer.byteLength(JSON.stringify(event)) > subscriber.maxBytes) return false;
  if (subscriber.dids.size > 0 && !subscriber.dids.has(event.did)) return false;
  // Identity and account events reach every subscriber whatever collections it asked for.
  if (event.kind !== 'commit') return true;
  return subscriber.collections.size === 0 || subscriber.collections.has(event.commit.collection);
};

export async function startJetstreamServer(options: { handles?: Record<string, string> } = {}) {
  const handles = new Map(Object.entries(options.handles ?? {}).map(([h, did]) => [h.toLowerCase(), did]));
  const history: JetstreamTestEvent[] = [];
  const subscribers = new Set<Subscriber>();
  const subscriptions: URLSearchParams[] = [];
  const resolveCalls: string[] = [];

  const http: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/xrpc/com.atproto.identity.resolveHandle') {
      const handle = (url.searchParams.get('handle') ?? '').toLowerCase();
      resolveCalls.push(handle);
      const did = handles.get(handle);
      response.writeHead(did ? 200 : 400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(did ? { did } : { error: 'InvalidRequest', message: 'Unable to resolve handle' }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http, path: '/subscribe' });
  wss.on('connection', (socket, request) => {
    const params = new URL(request.url ?? '/', 'http://localhost').searchParams;
    subscriptions.push(params);
    const subscriber: Subscriber = {
      socket,
      collections: new Set(params.getAll('wantedCollections')),
      dids: new Set(params.getAll('wantedDids')),
      maxBytes:
        Number(params.get('maxMessageSizeBytes') ?? Number.POSITIVE_INFINITY) || Number.POSITIVE_INFINITY,
    };
    const cursor = params.get('cursor');
    if (cursor !== null) {
      const from = Number(cursor);
      for (const event of history)
        if (event.time_us >= from && wants(subscriber, event)) socket.send(JSON.stringify(event));
    }
    subscribers.add(subscriber);
    socket.on('close', () => subscribers.delete(subscriber));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const server: JetstreamTestServer = {
    url: `ws://127.0.0.1:${port}/subscribe`,
    httpUrl: `http://127.0.0.1:${port}`,
    subscriptions,
    resolveCalls,
    publish(events) {
      for (const event of events) {
        history.push(event);
        const frame = JSON.stringify(event);
        for (const subscriber of subscribers)
          if (subscriber.socket.readyState === subscriber.socket.OPEN && wants(subscriber, event))
            subscriber.socket.send(frame);
      }
    },
    publishRaw(frame) {
      for (const subscriber of subscribers) subscriber.socket.send(frame);
    },
    dropAll() {
      for (const subscriber of subscribers) subscriber.socket.terminate();
      subscribers.clear();
    },
    openSockets: () => subscribers.size,
    async close() {
      server.dropAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return server;
}

let clock = 1_725_911_162_329_308;
const nextTime = () => (clock += 1_000);

/** A create commit for an `app.bsky.feed.post`, as Jetstream sends it. */
export function postCreated(input: {
  did: string;
  rkey: string;
  text: string;
  createdAt?: string;
  langs?: string[];
  tags?: string[];
  replyTo?: string;
  timeUs?: number;
}): JetstreamTestEvent {
  const record: Record<string, unknown> = {
    $type: 'app.bsky.feed.post',
    text: input.text,
    createdAt: input.createdAt ?? '2026-11-20T10:00:00.000Z',
    langs: input.langs ?? ['en'],
  };
  if (input.tags)
    record['facets'] = input.tags.map((tag) => ({
      $type: 'app.bsky.richtext.facet',
      index: { byteStart: 0, byteEnd: 1 },
      features: [{ $type: 'app.bsky.richtext.facet#tag', tag }],
    }));
  if (input.replyTo)
    record['reply'] = {
      parent: { cid: 'bafyreiparent', uri: input.replyTo },
      root: { cid: 'bafyreiroot', uri: input.replyTo },
    };
  return {
    did: input.did,
    time_us: input.timeUs ?? nextTime(),
    kind: 'commit',
    commit: {
      rev: `3l3qo2vutsw${input.rkey.slice(-2)}`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: input.rkey,
      record,
      cid: `bafyrei${input.rkey}`,
    },
  };
}

/** An update commit (the record replaced), as Jetstream sends it: a create's shape with `update`. */
export function postUpdated(input: Parameters<typeof postCreated>[0]): JetstreamTestEvent {
  const created = postCreated(input);
  if (created.kind !== 'commit') throw new Error('unreachable');
  return {
    ...created,
    commit: { ...created.commit, operation: 'update', rev: `3l3qo2vutsx${input.rkey.slice(-2)}` },
  };
}

export function postDeleted(input: { did: string; rkey: string }): JetstreamTestEvent {
  return {
    did: input.did,
    time_us: nextTime(),
    kind: 'commit',
    commit: { rev: '3l3qo2vutsw2z', operation: 'delete', collection: 'app.bsky.feed.post', rkey: input.rkey },
  };
}

export function likeCreated(input: { did: string; rkey: string; subject: string }): JetstreamTestEvent {
  return {
    did: input.did,
    time_us: nextTime(),
    kind: 'commit',
    commit: {
      rev: '3l3qo2vuowo2b',
      operation: 'create',
      collection: 'app.bsky.feed.like',
      rkey: input.rkey,
      record: {
        $type: 'app.bsky.feed.like',
        createdAt: '2026-11-20T10:00:00.000Z',
        subject: { cid: 'bafyreisubject', uri: input.subject },
      },
      cid: 'bafyreilike',
    },
  };
}

export function identityChanged(input: { did: string; handle: string }): JetstreamTestEvent {
  return {
    did: input.did,
    time_us: nextTime(),
    kind: 'identity',
    identity: { did: input.did, handle: input.handle, seq: 1409752997, time: '2026-11-20T10:00:00.000Z' },
  };
}
