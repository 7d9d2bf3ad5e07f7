// Live updates (issue #9): what `GET /api/events` pushes as server-sent events.
import { z } from 'zod';

/** Counters every signed-in user sees: alerts unread by them and not yet acknowledged. */
export const liveAlertCountsSchema = z.object({ unread: z.number().int(), open: z.number().int() });

/** `inbox` event: items that appeared since the last event (ids only: the client reloads what it shows). */
export const liveInboxEventSchema = z.object({
  /** The stream's cursor: every item up to this id has been announced (a decimal string). */
  latestId: z.string(),
  newItemIds: z.array(z.string()),
  /** Open items in the workspace now. */
  open: z.number().int(),
});
export type LiveInboxEvent = z.infer<typeof liveInboxEventSchema>;

/** `alerts` event: alerts raised since the last event, and the caller's counters. */
export const liveAlertsEventSchema = z.object({
  counts: liveAlertCountsSchema,
  newAlerts: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      severity: z.string(),
      title: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type LiveAlertsEvent = z.infer<typeof liveAlertsEventSchema>;

/** `ready` event (first on every stream), also the JSON answer to a client that does not accept event streams. */
export const liveSnapshotSchema = z.object({
  alerts: liveAlertCountsSchema,
  /** Null for roles that may not read the inbox. */
  inbox: z.object({ latestId: z.string(), open: z.number().int() }).nullable(),
  /** Milliseconds between the server's checks for changes. */
  pollMs: z.number().int(),
});
export type LiveSnapshot = z.infer<typeof liveSnapshotSchema>;
