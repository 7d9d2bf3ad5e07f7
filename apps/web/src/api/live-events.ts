// Live updates from `GET /api/events` (server-sent events), shared by every subscriber on the page.
import {
  liveAlertsEventSchema,
  liveInboxEventSchema,
  liveSnapshotSchema,
  type LiveAlertsEvent,
  type LiveInboxEvent,
  type LiveSnapshot,
} from '@ombud/contract';
import { useEffect, useRef, useState } from 'react';

export interface LiveHandlers {
  ready?: (snapshot: LiveSnapshot) => void;
  inbox?: (event: LiveInboxEvent) => void;
  alerts?: (event: LiveAlertsEvent) => void;
}

const subscribers = new Set<{ current: LiveHandlers }>();
let source: EventSource | undefined;
let lastAlertCounts: LiveSnapshot['alerts'] | undefined;

function connect(): void {
  if (source || typeof EventSource === 'undefined') return;
  // The browser reconnects by itself after a drop (the server sends `retry:`).
  const stream = new EventSource('/api/events', { withCredentials: true });
  source = stream;
  const on = <T>(name: keyof LiveHandlers, parse: (data: unknown) => T | undefined) => {
    stream.addEventListener(name, (message) => {
      let data: unknown;
      try {
        data = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = parse(data);
      if (parsed === undefined) return;
      for (const subscriber of subscribers)
        (subscriber.current[name] as ((value: T) => void) | undefined)?.(parsed);
    });
  };
  on('ready', (data) => {
    const parsed = liveSnapshotSchema.safeParse(data).data;
    if (parsed) lastAlertCounts = parsed.alerts;
    return parsed;
  });
  on('inbox', (data) => liveInboxEventSchema.safeParse(data).data);
  on('alerts', (data) => {
    const parsed = liveAlertsEventSchema.safeParse(data).data;
    if (parsed) lastAlertCounts = parsed.counts;
    return parsed;
  });
}

function disconnect(): void {
  source?.close();
  source = undefined;
  lastAlertCounts = undefined;
}

/** Calls the handlers for every live event while the component is mounted; one stream per page. */
export function useLiveEvents(handlers: LiveHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    subscribers.add(ref);
    connect();
    return () => {
      subscribers.delete(ref);
      if (subscribers.size === 0) disconnect();
    };
  }, []);
}

/** The signed-in user's unread alerts, kept up to date by the live stream (undefined until it answers). */
export function useUnreadAlerts(): number | undefined {
  const [unread, setUnread] = useState<number | undefined>(() => lastAlertCounts?.unread);
  useLiveEvents({
    ready: (snapshot) => setUnread(snapshot.alerts.unread),
    alerts: (event) => setUnread(event.counts.unread),
  });
  return unread;
}
