// A small Mastodon instance on loopback that speaks the documented REST and streaming protocol:
// Status entities (with account, media and tags), hashtag timelines with `min_id`/`since_id`/
// `max_id` paging and `Link` headers, status search, the hashtag SSE stream (`event: update`,
// `event: delete`), rate-limit headers, `429` + `Retry-After`, injected `503`s, and
// `POST /api/v1/statuses` honouring `Idempotency-Key`. Edits push `event: status.update` with the
// Status (its `edited_at` set); deletes push `event: delete` with the id. `GET /api/v2/instance`
// (and v1) name the streaming host, which may be a second port of its own. `GET /api/v1/statuses/:id`
// and (Mastodon 4.3+) `GET /api/v1/statuses?id[]=…` read statuses by id; deleted ones are absent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MastodonStatusJson {
  id: string;
  uri: string;
  url: string;
  created_at: string;
  content: string;
  spoiler_text: string;
  language: string | null;
  visibility: string;
  in_reply_to_id: string | null;
  favourites_count: number;
  reblogs_count: number;
  replies_count: number;
  reblog: MastodonStatusJson | null;
  edited_at?: string | null;
  account: {
    id: string;
    username: string;
    acct: string;
    display_name: string;
    followers_count: number;
    url: string;
  };
  media_attachments: { id: string; type: string; url: string; description: string | null }[];
  tags: { name: string; url: string }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: string;
}

interface Fault {
  pathPrefix: string;
  status: number;
  headers?: Record<string, string>;
  /** For POST /api/v1/statuses: create the status, then answer with the fault (a lost answer). */
  afterCreate?: boolean;
}

export interface MastodonServer {
  url: string;
  host: string;
  requests: RecordedRequest[];
  /** Adds a status to a hashtag's timeline (and pushes it to that hashtag's open streams). */
  post(tag: string, input?: Partial<MastodonStatusJson> & { text?: string }): MastodonStatusJson;
  /** Adds a status without pushing it to the streams (as if the stream had missed it). */
  postQuietly(tag: string, input?: Partial<MastodonStatusJson> & { text?: string }): MastodonStatusJson;
  deleteStatus(tag: string, id: string, options?: { quietly?: boolean }): void;
  /** The multi-status read leaves this status out although it exists (a faulty answer). */
  hideFromMultiStatusRead(id: string): void;
  /**
   * Edits a status's text (sets `edited_at`) and pushes `status.update` to the hashtag's streams
   * (`quietly`: not pushed, as if no stream was open).
   */
  editStatus(
    tag: string,
    id: string,
    text: string,
    editedAt?: Date,
    options?: { quietly?: boolean },
  ): MastodonStatusJson;
  /** Origin of the streaming API (the instance itself unless started with `streamingHost`). */
  streamingUrl: string;
  /** Answers the next request whose path starts with `pathPrefix` with this fault. */
  failNext(fault: Fault): void;
  /** Every response says this many requests are left until `resetAt`. */
  setRateLimit(limit: { remaining: number; resetAt: Date } | null): void;
  openStreams(tag?: string): number;
  closeStreams(): void;
  /** Statuses created through `POST /api/v1/statuses`. */
  published: (MastodonStatusJson & { idempotencyKey: string | undefined; token: string })[];
  /** Tokens that may post (`write:statuses`); others get 403. */
  writeTokens: Set<string>;
  close(): Promise<void>;
}

const DOMAIN_ACCOUNTS = [
  { username: 'ana', display_name: 'Ana Ortiz', followers_count: 1200 },
  { username: 'bjorn', display_name: 'Björn', followers_count: 87 },
  { username: 'carla', display_name: 'Carla :verified:', followers_count: 45_000 },
];

export interface MastodonServerOptions {
  /** Serve the streaming API on a second port only, as `GET /api/v2/instance` (and v1) say. */
  streamingHost?: boolean;
  /** Which instance endpoints answer (default both; `v1` is an older server; `none` neither). */
  instanceApi?: 'both' | 'v1' | 'none';
  /** `false`: no `GET /api/v1/statuses?id[]=…` (before Mastodon 4.3); one status per request only. */
  multiStatusRead?: boolean;
}

export async function startMastodonServer(options: MastodonServerOptions = {}): Promise<MastodonServer> {
  const timelines = new Map<string, MastodonStatusJson[]>();
  const streams = new Map<string, Set<ServerResponse>>();
  const faults: Fault[] = [];
  const requests: RecordedRequest[] = [];
  const published: MastodonServer['published'] = [];
  const idempotent = new Map<string, MastodonStatusJson>();
  const writeTokens = new Set<string>();
  let rateLimit: { remaining: number; resetAt: Date } | null = null;
  let nextId = 110_000_000_000_000_000n;
  let origin = '';
  let streamingOrigin = '';
  let streamingPort = 0;
  const instanceApi = options.instanceApi ?? 'both';
  const hiddenFromMultiRead = new Set<string>();

  const makeStatus = (tag: string, input: Partial<MastodonStatusJson> & { text?: string } = {}) => {
    nextId += 1000n;
    const id = String(nextId);
    const who = DOMAIN_ACCOUNTS[Number(nextId / 1000n) % DOMAIN_ACCOUNTS.length]!;
    const { text, ...rest } = input;
    const status: MastodonStatusJson = {
      id,
      uri: `${origin}/users/${who.username}/statuses/${id}`,
      url: `${origin}/@${who.username}/${id}`,
      created_at: new Date(Date.UTC(2026, 10, 23, 9, 0, 0) + Number(nextId % 1_000_000_000n)).toISOString(),
      content: `<p>${text ?? `status ${id} about <a href="${origin}/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`}</p>`,
      spoiler_text: '',
      language: 'en',
      visibility: 'public',
      in_reply_to_id: null,
      favourites_count: 2,
      reblogs_count: 1,
      replies_count: 0,
      reblog: null,
      account: {
        id: String(DOMAIN_ACCOUNTS.indexOf(who) + 1),
        username: who.username,
        acct: who.username,
        display_name: who.display_name,
        followers_count: who.followers_count,
        url: `${origin}/@${who.username}`,
      },
      media_attachments: [
        { id: `${id}1`, type: 'image', url: `${origin}/media/${id}.png`, description: null },
      ],
      tags: [{ name: tag, url: `${origin}/tags/${tag}` }],
      ...rest,
    };
    const list = timelines.get(tag) ?? [];
    list.push(status);
    timelines.set(tag, list);
    return status;
  };

  const push = (tag: string, event: string, data: string) => {
    for (const response of streams.get(tag) ?? []) response.write(`event: ${event}\ndata: ${data}\n\n`);
  };

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(JSON.stringify({ error: String(error) }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const authorization = request.headers['authorization'];
    const idempotencyKey = request.headers['idempotency-key'];
    requests.push({
      method: request.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      at: Date.now(),
      authorization: typeof authorization === 'string' ? authorization : undefined,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      body,
    });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(value));
    };

    if (rateLimit) {
      const left = rateLimit.remaining;
      if (left < 0 && Date.now() < rateLimit.resetAt.getTime()) {
        const seconds = Math.max(1, Math.ceil((rateLimit.resetAt.getTime() - Date.now()) / 1000));
        return json(429, { error: 'Too many requests' }, { 'retry-after': String(seconds) });
      }
      rateLimit.remaining = left - 1;
      response.setHeader('x-ratelimit-limit', '300');
      response.setHeader('x-ratelimit-remaining', String(Math.max(0, left)));
      response.setHeader('x-ratelimit-reset', rateLimit.resetAt.toISOString());
    }

    const faultIndex = faults.findIndex((fault) => url.pathname.startsWith(fault.pathPrefix));
    const fault = faultIndex >= 0 ? faults[faultIndex] : undefined;
    if (fault && !fault.afterCreate) {
      faults.splice(faultIndex, 1);
      return json(fault.status, { error: `injected ${fault.status}` }, fault.headers);
    }

    const tagMatch = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && tagMatch?.[1]) {
      const tag = decodeURIComponent(tagMatch[1]);
      const page = pageOf(timelines.get(tag) ?? [], url.searchParams);
      const base = `${origin}/api/v1/timelines/tag/${encodeURIComponent(tag)}`;
      const headers: Record<string, string> = {};
      // Like Mastodon, the links keep the request's `limit`.
      const limit = url.searchParams.get('limit');
      const keep = limit ? `&limit=${limit}` : '';
      if (page.length > 0)
        headers['link'] =
          `<${base}?max_id=${page[page.length - 1]!.id}${keep}>; rel="next", <${base}?min_id=${page[0]!.id}${keep}>; rel="prev"`;
      return json(200, page, headers);
    }

    if (request.method === 'GET' && url.pathname === '/api/v2/search') {
      if (!authorization) return json(401, { error: 'The access token is invalid' });
      const query = (url.searchParams.get('q') ?? '').toLowerCase();
      const all = [...timelines.values()]
        .flat()
        .filter((status) => status.content.toLowerCase().includes(query));
      const offset = Number(url.searchParams.get('offset') ?? '0');
      const params = new URLSearchParams(url.searchParams);
      params.delete('offset');
      const page = pageOf(all, params, offset);
      return json(200, { accounts: [], statuses: page, hashtags: [] });
    }

    const onStreamingPort = request.socket.localPort === streamingPort && options.streamingHost === true;
    const wsOrigin = streamingOrigin.replace(/^http/, 'ws');
    if (request.method === 'GET' && url.pathname === '/api/v2/instance' && instanceApi === 'both')
      return json(200, {
        domain: new URL(origin).host,
        title: 'Test instance',
        version: '4.3.0',
        configuration: { urls: { streaming: wsOrigin, status: null }, accounts: { max_featured_tags: 10 } },
      });
    if (request.method === 'GET' && url.pathname === '/api/v1/instance' && instanceApi !== 'none')
      return json(200, {
        uri: new URL(origin).host,
        title: 'Test instance',
        version: '4.3.0',
        urls: { streaming_api: wsOrigin },
      });

    if (
      request.method === 'GET' &&
      url.pathname === '/api/v1/streaming/hashtag' &&
      (options.streamingHost === true) === onStreamingPort
    ) {
      const tag = url.searchParams.get('tag') ?? '';
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(':)\n');
      const set = streams.get(tag) ?? new Set();
      set.add(response);
      streams.set(tag, set);
      const heartbeat = setInterval(() => response.write(':thump\n'), 200);
      response.on('close', () => {
        clearInterval(heartbeat);
        set.delete(response);
      });
      return;
    }

    const byId = (id: string) => [...timelines.values()].flat().find((status) => status.id === id);
    if (
      request.method === 'GET' &&
      url.pathname === '/api/v1/statuses' &&
      options.multiStatusRead !== false
    ) {
      // Like Mastodon: the statuses that exist, in the order asked; at most 20 ids are read.
      const found = url.searchParams
        .getAll('id[]')
        .slice(0, 20)
        .flatMap((id) => (hiddenFromMultiRead.has(id) ? [] : (byId(id) ?? [])));
      return json(200, found);
    }
    const statusMatch = /^\/api\/v1\/statuses\/(\d+)$/.exec(url.pathname);
    if (request.method === 'GET' && statusMatch?.[1]) {
      const status = byId(statusMatch[1]);
      return status ? json(200, status) : json(404, { error: 'Record not found' });
    }

    if (request.method === 'POST' && url.pathname === '/api/v1/statuses') {
      const token = typeof authorization === 'string' ? authorization.replace(/^Bearer /, '') : '';
      if (!token) return json(401, { error: 'The access token is invalid' });
      if (!writeTokens.has(token))
        return json(403, { error: 'This action is outside the authorized scopes' });
      const key = typeof idempotencyKey === 'string' ? `${token}:${idempotencyKey}` : undefined;
      let status = key ? idempotent.get(key) : undefined;
      if (!status) {
        const input = JSON.parse(body) as { status?: string; in_reply_to_id?: string; language?: string };
        if (!input.status) return json(422, { error: "Validation failed: Text can't be blank" });
        nextId += 1000n;
        const id = String(nextId);
        status = {
          ...makeDetached(id, input.status),
          in_reply_to_id: input.in_reply_to_id ?? null,
          language: input.language ?? null,
        };
        published.push({
          ...status,
          idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
          token,
        });
        if (key) idempotent.set(key, status);
      }
      if (fault?.afterCreate) {
        faults.splice(faultIndex, 1);
        return json(fault.status, { error: `injected ${fault.status}` }, fault.headers);
      }
      return json(200, status);
    }

    json(404, { error: 'Record not found' });
  }

  function makeDetached(id: string, text: string): MastodonStatusJson {
    return {
      id,
      uri: `${origin}/users/brand/statuses/${id}`,
      url: `${origin}/@brand/${id}`,
      created_at: new Date().toISOString(),
      content: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
      spoiler_text: '',
      language: null,
      visibility: 'public',
      in_reply_to_id: null,
      favourites_count: 0,
      reblogs_count: 0,
      replies_count: 0,
      reblog: null,
      account: {
        id: '99',
        username: 'brand',
        acct: 'brand',
        display_name: 'Brand',
        followers_count: 10,
        url: `${origin}/@brand`,
      },
      media_attachments: [],
      tags: [],
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  streamingOrigin = origin;
  let streamingServer: Server | undefined;
  if (options.streamingHost) {
    // The same instance behind a second listener, as a separate streaming host would be.
    const second = createServer((request, response) => server.emit('request', request, response));
    await new Promise<void>((resolve) => second.listen(0, '127.0.0.1', resolve));
    streamingPort = (second.address() as AddressInfo).port;
    streamingOrigin = `http://127.0.0.1:${streamingPort}`;
    streamingServer = second;
  }

  return {
    url: origin,
    host: `127.0.0.1:${port}`,
    requests,
    published,
    writeTokens,
    post(tag, input) {
      const status = makeStatus(tag, input);
      push(tag, 'update', JSON.stringify(status));
      return status;
    },
    postQuietly: makeStatus,
    get streamingUrl() {
      return streamingOrigin;
    },
    editStatus(tag, id, text, editedAt, quiet) {
      const list = timelines.get(tag) ?? [];
      const index = list.findIndex((status) => status.id === id);
      const before = list[index];
      if (!before) throw new Error(`no status ${id} in #${tag}`);
      const edited: MastodonStatusJson = {
        ...before,
        content: `<p>${text}</p>`,
        edited_at: (editedAt ?? new Date()).toISOString(),
      };
      list[index] = edited;
      if (!quiet?.quietly) push(tag, 'status.update', JSON.stringify(edited));
      return edited;
    },
    deleteStatus(tag, id, quiet) {
      timelines.set(
        tag,
        (timelines.get(tag) ?? []).filter((status) => status.id !== id),
      );
      if (!quiet?.quietly) push(tag, 'delete', id);
    },
    hideFromMultiStatusRead(id) {
      hiddenFromMultiRead.add(id);
    },
    failNext(fault) {
      faults.push(fault);
    },
    setRateLimit(limit) {
      rateLimit = limit;
    },
    openStreams(tag) {
      if (tag !== undefined) return streams.get(tag)?.size ?? 0;
      return [...streams.values()].reduce((sum, set) => sum + set.size, 0);
    },
    closeStreams() {
      for (const set of streams.values()) for (const response of set) response.destroy();
    },
    async close() {
      for (const set of streams.values()) for (const response of set) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (streamingServer) {
        const second = streamingServer;
        second.closeAllConnections();
        await new Promise<void>((resolve) => second.close(() => resolve()));
      }
    },
  };
}

const byIdDesc = (a: MastodonStatusJson, b: MastodonStatusJson) =>
  a.id.length !== b.id.length ? b.id.length - a.id.length : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
const greater = (a: string, b: string) => (a.length !== b.length ? a.length > b.length : a > b);

/**
 * Mastodon's paging: newest first; `max_id` and `since_id` bound the range; `min_id` returns the
 * page immediately newer than it (the oldest statuses after it), still listed newest first.
 */
function pageOf(
  all: readonly MastodonStatusJson[],
  params: URLSearchParams,
  offset = 0,
): MastodonStatusJson[] {
  const limit = Math.min(40, Number(params.get('limit') ?? '20'));
  const maxId = params.get('max_id');
  const sinceId = params.get('since_id');
  const minId = params.get('min_id');
  let list = [...all].sort(byIdDesc);
  if (maxId) list = list.filter((status) => greater(maxId, status.id));
  if (sinceId) list = list.filter((status) => greater(status.id, sinceId));
  if (minId) {
    const newer = list.filter((status) => greater(status.id, minId)).reverse();
    return newer.slice(offset, offset + limit).reverse();
  }
  return list.slice(offset, offset + limit);
}
