import type { LiveAlertsEvent, LiveInboxEvent, LiveSnapshot, Role } from '@ombud/contract';
import { liveSnapshotSchema } from '@ombud/contract';
import { countAlerts } from '../../repositories/alert.repository.ts';
import {
  alertsSince,
  countOpenInboxItems,
  inboxItemIdsAfter,
  latestAlertAt,
  latestInboxItemId,
} from '../../repositories/events.repository.ts';
import { principalFromSession } from '../../services/auth.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';

/** Roles that read the inbox (as in inbox.routes.ts): only they hear about new items. */
const INBOX_READERS: readonly Role[] = ['owner', 'analyst', 'agent', 'viewer'];
/** Items committed out of id order (several workers) are still caught if they land this close behind. */
const LOOKBACK_IDS = 500n;
const MAX_IDS_PER_EVENT = 500;

export interface EventsOptions {
  /** How often each stream asks the database for changes. */
  pollMs?: number;
  /** How often an idle stream sends a comment so proxies keep it open. */
  heartbeatMs?: number;
  /** Every this many polls the open-item counter and the session are checked again. */
  recheckEvery?: number;
}

/**
 * Live updates as server-sent events: `ready` (counters), `inbox` (new item ids, open count) and
 * `alerts` (new alerts, unread/open counts), scoped to the caller's workspace.
 *
 * Each stream polls the database (a primary-key range scan for items, the alert index for alerts)
 * instead of listening to an in-process emitter: items are written by `ombud worker` processes on
 * other machines as well as by the embedded runner, and the database is the one place that sees
 * both. Streams are ended before the server closes, so they never hold up a shutdown.
 */
export function registerEventsRoutes(
  app: HttpApp,
  deps: RouteDependencies,
  options: EventsOptions = {},
): void {
  const pollMs = options.pollMs ?? 2000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const recheckEvery = options.recheckEvery ?? 15;
  const { db } = deps;
  const open = new Set<() => void>();

  app.addHook('preClose', (done) => {
    for (const end of [...open]) end();
    done();
  });

  app.get(
    '/api/events',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['events'],
        summary:
          'Live updates as text/event-stream (events ready, inbox, alerts); without "Accept: text/event-stream", the counters once as JSON',
        response: { 200: liveSnapshotSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const workspaceId = principal.workspaceId;
      const userId = principal.kind === 'user' ? principal.id : null;
      const readsInbox = (INBOX_READERS as readonly string[]).includes(principal.role);

      let itemCursor = BigInt(await latestInboxItemId(db));
      let openItems = readsInbox ? await countOpenInboxItems(db, workspaceId) : 0;
      let alertCounts = await countAlerts(db, workspaceId, userId);
      let alertCursor = (await latestAlertAt(db, workspaceId)) ?? new Date(0);
      const snapshot: LiveSnapshot = {
        alerts: alertCounts,
        inbox: readsInbox ? { latestId: itemCursor.toString(), open: openItems } : null,
        pollMs,
      };
      if (!/text\/event-stream/i.test(request.headers.accept ?? '')) return snapshot;

      // Items already there are not news: the look-back window starts out announced.
      const announcedItems = new Set<string>(
        readsInbox
          ? await inboxItemIdsAfter(
              db,
              workspaceId,
              (itemCursor > LOOKBACK_IDS ? itemCursor - LOOKBACK_IDS : 0n).toString(),
              Number(LOOKBACK_IDS),
            )
          : [],
      );
      const seenAlerts = new Set<string>();
      let ended = false;
      let polls = 0;
      let timer: NodeJS.Timeout | undefined;
      const raw = reply.raw;
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
      heartbeat.unref();
      const end = () => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        clearInterval(heartbeat);
        open.delete(end);
        raw.end();
      };
      const send = (event: string, data: unknown) => {
        if (!ended) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };

      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      open.add(end);
      request.raw.on('close', end);
      raw.on('close', end);
      raw.write(`retry: ${Math.max(1000, pollMs)}\n\n`);
      send('ready', snapshot);

      const sessionToken = principal.kind === 'user' ? request.cookies[SESSION_COOKIE] : undefined;
      const poll = async () => {
        polls += 1;
        const recheck = polls % recheckEvery === 0;
        if (recheck && sessionToken && !(await principalFromSession(db, sessionToken, deps.clock()))) {
          end(); // signed out or expired: the browser reconnects and is refused
          return;
        }
        if (readsInbox) await pollInbox(recheck);
        await pollAlerts();
      };

      const pollInbox = async (recheck: boolean) => {
        const latest = BigInt(await latestInboxItemId(db));
        const from = itemCursor > LOOKBACK_IDS ? itemCursor - LOOKBACK_IDS : 0n;
        const ids =
          latest > itemCursor || recheck
            ? (await inboxItemIdsAfter(db, workspaceId, from.toString(), MAX_IDS_PER_EVENT + 1000)).filter(
                (id) => !announcedItems.has(id),
              )
            : [];
        const fresh = ids.slice(0, MAX_IDS_PER_EVENT);
        for (const id of fresh) announcedItems.add(id);
        const lastFresh = fresh.at(-1);
        // With more than one event's worth waiting, the cursor moves only as far as announced.
        itemCursor = ids.length > MAX_IDS_PER_EVENT && lastFresh !== undefined ? BigInt(lastFresh) : latest;
        for (const id of announcedItems)
          if (BigInt(id) <= itemCursor - LOOKBACK_IDS) announcedItems.delete(id);
        if (fresh.length === 0 && !recheck) return;
        const count = await countOpenInboxItems(db, workspaceId);
        if (fresh.length === 0 && count === openItems) return;
        openItems = count;
        const event: LiveInboxEvent = { latestId: itemCursor.toString(), newItemIds: fresh, open: count };
        send('inbox', event);
      };

      const pollAlerts = async () => {
        const latest = await latestAlertAt(db, workspaceId);
        const rows =
          latest !== null && latest >= alertCursor
            ? (await alertsSince(db, workspaceId, alertCursor, 50)).filter((row) => !seenAlerts.has(row.id))
            : [];
        for (const row of rows) {
          seenAlerts.add(row.id);
          if (row.created_at > alertCursor) alertCursor = new Date(row.created_at);
        }
        // Keep only the ids at the cursor's instant: later polls ask from that instant on.
        if (rows.length > 0)
          for (const id of seenAlerts) if (!rows.some((row) => row.id === id)) seenAlerts.delete(id);
        const counts = await countAlerts(db, workspaceId, userId);
        if (rows.length === 0 && counts.unread === alertCounts.unread && counts.open === alertCounts.open)
          return;
        alertCounts = counts;
        const event: LiveAlertsEvent = {
          counts,
          newAlerts: rows.map((row) => ({
            id: row.id,
            kind: row.kind,
            severity: row.severity,
            title: row.title,
            createdAt: new Date(row.created_at).toISOString(),
          })),
        };
        send('alerts', event);
      };

      const schedule = () => {
        if (ended) return;
        timer = setTimeout(() => {
          poll().then(schedule, (error: unknown) => {
            request.log.warn({ err: error }, 'live events: poll failed; trying again');
            schedule();
          });
        }, pollMs);
      };
      schedule();
      return reply;
    },
  );
}
