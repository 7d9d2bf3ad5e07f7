import type { Kysely, Transaction } from 'kysely';
import type { EmailChannelConfig, SlackChannelConfig, WebhookChannelConfig } from '@ombud/contract';
import {
  alertEmailHtml,
  heldByQuietHours,
  nextAlertRetry,
  planAlertRouting,
  quietHoursEnd,
  renderAlertMessage,
  renderTestMessage,
  slackAlertPayload,
  type AlertForMessage,
  type AlertMessage,
  type QuietHours,
} from '@ombud/core';
import type { Database } from '../db/schema.ts';
import { SIGNATURE_HEADER, signWebhookBody } from '../ingest/webhook-signature.ts';
import {
  findAlertChannel,
  loadAlertRouting,
  recordAlertChannelTest,
  type AlertChannelRow,
} from '../repositories/alert-channel.repository.ts';
import {
  claimDelivery,
  findDelivery,
  insertDeliveriesOnce,
  listDueDeliveryIds,
  markDeliveryCancelled,
  markDeliveryDead,
  markDeliveryDelivered,
  markDeliveryHeld,
  markDeliveryRetry,
  recordDeliveryAttempt,
  requeueDeadDeliveries,
  scheduleAlertJob,
  type AlertDeliveryRow,
} from '../repositories/alert-delivery.repository.ts';
import {
  findAlertById,
  listUnacknowledgedAlertIds,
  markAlertEscalated,
  type AlertRow,
} from '../repositories/alert.repository.ts';
import { postJson, sendMail, type TransportResult } from './alert-transports.ts';
import { stableMessageId } from './mail-message-id.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export type DeliveryOutcome = 'delivered' | 'retry' | 'dead' | 'held' | 'cancelled' | 'skipped';

/** A sender holds a delivery this long; after it, another worker may take the delivery over. */
const SEND_LOCK_SECONDS = 120;
/** Escalation sweeps look this far back for unacknowledged alerts. */
const ESCALATION_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

/**
 * When a job scheduled for `target` (on the caller's clock `now`) should run on the job table's
 * clock: the same distance ahead of the wall clock, so simulated times still wait the right time.
 */
export function jobRunAfter(target: Date, now: Date): Date {
  return new Date(Date.now() + Math.max(0, target.getTime() - now.getTime()));
}

async function campaignName(db: Executor, campaignId: string | null): Promise<string | null> {
  if (campaignId === null) return null;
  const row = await db.selectFrom('campaign').select('name').where('id', '=', campaignId).executeTakeFirst();
  return row?.name ?? null;
}

function alertForMessage(alert: AlertRow, campaign: string | null): AlertForMessage {
  return {
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    title: alert.title,
    summary: alert.summary,
    createdAt: alert.created_at.toISOString(),
    campaignName: campaign,
    incidentId: alert.incident_id,
    ...(alert.texts === null ? {} : { texts: alert.texts }),
  };
}

export type ChannelEvent = 'alert' | 'alert.escalation' | 'test';

interface Envelope {
  event: ChannelEvent;
  /** Receivers may de-duplicate retries on it. */
  deliveryId: string | null;
  message: AlertMessage;
  alert: (AlertForMessage & { workspaceId: string; campaignId: string | null }) | null;
  severity: AlertRow['severity'] | null;
}

/** The JSON an outgoing webhook receives; the same bytes are signed. */
export function webhookBody(envelope: Envelope, now: Date): string {
  return JSON.stringify({
    type: envelope.event,
    deliveryId: envelope.deliveryId,
    sentAt: now.toISOString(),
    alert:
      envelope.alert === null
        ? null
        : {
            id: envelope.alert.id,
            workspaceId: envelope.alert.workspaceId,
            campaignId: envelope.alert.campaignId,
            campaignName: envelope.alert.campaignName,
            incidentId: envelope.alert.incidentId,
            kind: envelope.alert.kind,
            severity: envelope.alert.severity,
            title: envelope.alert.title,
            summary: envelope.alert.summary,
            createdAt: envelope.alert.createdAt,
          },
    message: {
      language: envelope.message.language,
      subject: envelope.message.subject,
      text: envelope.message.text,
      notice: envelope.message.notice,
    },
  });
}

/** Hands one message to a channel: signed webhook, Slack incoming webhook or SMTP. */
async function sendThroughChannel(
  channel: AlertChannelRow,
  envelope: Envelope,
  now: Date,
): Promise<TransportResult> {
  switch (channel.kind) {
    case 'webhook': {
      const config = channel.config as WebhookChannelConfig;
      const body = webhookBody(envelope, now);
      const headers: Record<string, string> = {
        'x-ombud-event': envelope.event,
        [SIGNATURE_HEADER]: signWebhookBody(config.secret ?? '', body, Math.floor(now.getTime() / 1000)),
      };
      if (envelope.deliveryId !== null) {
        headers['x-ombud-delivery'] = envelope.deliveryId;
        headers['idempotency-key'] = envelope.deliveryId;
      }
      return postJson(config.url, body, headers);
    }
    case 'slack': {
      const config = channel.config as SlackChannelConfig;
      return postJson(config.url, JSON.stringify(slackAlertPayload(envelope.message, envelope.severity)), {});
    }
    case 'email': {
      const config = channel.config as EmailChannelConfig;
      return sendMail(config, {
        subject: envelope.message.subject,
        text: envelope.message.text,
        html: alertEmailHtml(envelope.message),
        language: envelope.message.language,
        // A test send has no delivery; nodemailer then makes a random Message-ID.
        messageId:
          envelope.deliveryId === null
            ? undefined
            : stableMessageId('alert-delivery', envelope.deliveryId, config.from),
        headers: {
          'X-Ombud-Event': envelope.event,
          ...(envelope.alert === null ? {} : { 'X-Ombud-Alert': envelope.alert.id }),
          ...(envelope.deliveryId === null ? {} : { 'X-Ombud-Delivery': envelope.deliveryId }),
        },
      });
    }
  }
}

function quietHoursOf(channel: AlertChannelRow): QuietHours | null {
  const quiet = channel.quiet_hours as Omit<QuietHours, 'timeZone'> | null;
  return quiet === null ? null : { ...quiet, timeZone: channel.time_zone };
}

async function scheduleDelivery(db: Executor, deliveryId: string, at: Date, now: Date): Promise<void> {
  await scheduleAlertJob(db, 'alert.deliver', { deliveryId }, jobRunAfter(at, now));
}

/**
 * Sends one delivery if it is due at `now`: holds non-critical alerts through the channel's quiet
 * hours, records the attempt, and on failure either schedules a retry with back-off or moves the
 * delivery to the dead-letter list. Safe to call twice: a delivery is claimed before it is sent.
 */
export async function processAlertDelivery(
  db: Kysely<Database>,
  deliveryId: string,
  now: Date,
): Promise<DeliveryOutcome> {
  const delivery = await claimDelivery(db, deliveryId, now, SEND_LOCK_SECONDS);
  if (!delivery) {
    const current = await findDelivery(db, deliveryId);
    // Woken early (clocks differ): make sure someone wakes it again when it is due.
    if (
      current &&
      (current.status === 'pending' || current.status === 'held') &&
      current.next_attempt_at > now
    )
      await scheduleDelivery(db, deliveryId, current.next_attempt_at, now);
    // Another sender holds it; should that sender die, this job takes over when its lock runs out.
    else if (current?.status === 'sending' && current.locked_until !== null)
      await scheduleDelivery(db, deliveryId, current.locked_until, now);
    return 'skipped';
  }
  const [channel, alert] = await Promise.all([
    findAlertChannel(db, delivery.workspace_id, delivery.channel_id),
    findAlertById(db, delivery.alert_id),
  ]);
  if (!channel || !alert) {
    await markDeliveryCancelled(db, delivery.id, 'the alert or channel no longer exists');
    return 'cancelled';
  }
  if (delivery.purpose === 'escalation' && alert.acknowledged_at !== null) {
    await markDeliveryCancelled(db, delivery.id, 'acknowledged before the escalation went out');
    return 'cancelled';
  }
  if (!channel.enabled) {
    await markDeliveryDead(
      db,
      delivery.id,
      delivery.attempts,
      now,
      `channel "${channel.name}" is disabled; enable it, then replay this delivery`,
    );
    return 'dead';
  }
  if (heldByQuietHours(alert.severity)) {
    const quietEnd = quietHoursEnd(now.getTime(), quietHoursOf(channel));
    if (quietEnd !== null) {
      const until = new Date(quietEnd);
      await db.transaction().execute(async (trx) => {
        await markDeliveryHeld(trx, delivery.id, until);
        await scheduleDelivery(trx, delivery.id, until, now);
      });
      return 'held';
    }
  }
  return sendDelivery(db, delivery, channel, alert, now);
}

async function sendDelivery(
  db: Kysely<Database>,
  delivery: AlertDeliveryRow,
  channel: AlertChannelRow,
  alert: AlertRow,
  now: Date,
): Promise<DeliveryOutcome> {
  const forMessage = alertForMessage(alert, await campaignName(db, alert.campaign_id));
  const message = renderAlertMessage(forMessage, channel.language, {
    purpose: delivery.purpose,
    ...(delivery.escalate_after_minutes === null
      ? {}
      : { escalateAfterMinutes: delivery.escalate_after_minutes }),
    timeZone: channel.time_zone,
  });
  const attempt = delivery.attempts + 1;
  const started = performance.now();
  const result = await sendThroughChannel(
    channel,
    {
      event: delivery.purpose === 'escalation' ? 'alert.escalation' : 'alert',
      deliveryId: delivery.id,
      message,
      alert: { ...forMessage, workspaceId: alert.workspace_id, campaignId: alert.campaign_id },
      severity: alert.severity,
    },
    now,
  );
  const attemptRecord = {
    workspaceId: delivery.workspace_id,
    deliveryId: delivery.id,
    channelId: channel.id,
    purpose: delivery.purpose,
    attempt,
    startedAt: now,
    durationMs: performance.now() - started,
    ok: result.ok,
    statusCode: result.statusCode,
    error: result.error,
  };
  return db.transaction().execute(async (trx): Promise<DeliveryOutcome> => {
    await recordDeliveryAttempt(trx, attemptRecord);
    if (result.ok) {
      await markDeliveryDelivered(trx, delivery.id, attempt, now);
      return 'delivered';
    }
    const error = result.error ?? 'delivery failed';
    const decision = nextAlertRetry(attempt, {
      maxAttempts: channel.max_attempts,
      backoffSeconds: channel.backoff_seconds,
    });
    if (decision.kind === 'dead') {
      await markDeliveryDead(trx, delivery.id, attempt, now, error);
      return 'dead';
    }
    const retryAt = new Date(now.getTime() + decision.delayMs);
    await markDeliveryRetry(trx, delivery.id, attempt, retryAt, error);
    await scheduleDelivery(trx, delivery.id, retryAt, now);
    return 'retry';
  });
}

/**
 * Escalates an unacknowledged alert to every escalation contact whose wait has run out at `now`
 * (at most once per contact), and — when `scheduleFollowUp` — schedules the next check for
 * contacts still waiting. Returns how many escalations it started.
 */
export async function escalateAlertIfDue(
  db: Kysely<Database>,
  alertId: string,
  now: Date,
  options: { scheduleFollowUp?: boolean } = {},
): Promise<number> {
  const alert = await findAlertById(db, alertId);
  if (!alert || alert.acknowledged_at !== null) return 0;
  const routing = await loadAlertRouting(db, alert.workspace_id);
  const plan = planAlertRouting(
    { campaignId: alert.campaign_id, kind: alert.kind, severity: alert.severity },
    routing.rules,
  );
  const steps = plan.escalations.filter((step) => routing.enabledChannelIds.has(step.channelId));
  const dueAt = (minutes: number) => new Date(alert.created_at.getTime() + minutes * 60_000);
  const due = steps.filter((step) => dueAt(step.afterMinutes) <= now);
  const waiting = steps.filter((step) => dueAt(step.afterMinutes) > now);
  return db.transaction().execute(async (trx) => {
    const created = await insertDeliveriesOnce(
      trx,
      due.map((step) => ({
        workspaceId: alert.workspace_id,
        alertId: alert.id,
        channelId: step.channelId,
        purpose: 'escalation' as const,
        escalateAfterMinutes: step.afterMinutes,
        now,
      })),
    );
    for (const id of created) await scheduleDelivery(trx, id, now, now);
    if (created.length > 0) await markAlertEscalated(trx, alert.id, now);
    const next = waiting[0];
    if (options.scheduleFollowUp === true && next !== undefined)
      await scheduleAlertJob(
        trx,
        'alert.escalate',
        { alertId: alert.id },
        jobRunAfter(dueAt(next.afterMinutes), now),
      );
    return created.length;
  });
}

export interface AlertWorkSummary {
  escalated: number;
  outcomes: Record<DeliveryOutcome, number>;
}

/**
 * Does every piece of alert work due at `now`: escalations whose wait ran out, then deliveries
 * that are due (new, retrying, or released from quiet hours). The job queue does the same piece by
 * piece; this sweep lets `ombud alerts run` and clock-driven tests do it at a chosen instant.
 */
export async function runDueAlertWork(db: Kysely<Database>, now: Date): Promise<AlertWorkSummary> {
  const summary: AlertWorkSummary = {
    escalated: 0,
    outcomes: { delivered: 0, retry: 0, dead: 0, held: 0, cancelled: 0, skipped: 0 },
  };
  const since = new Date(now.getTime() - ESCALATION_LOOKBACK_MS);
  for (const alertId of await listUnacknowledgedAlertIds(db, since, 1000))
    summary.escalated += await escalateAlertIfDue(db, alertId, now);
  for (const deliveryId of await listDueDeliveryIds(db, now, 1000))
    summary.outcomes[await processAlertDelivery(db, deliveryId, now)]++;
  return summary;
}

export interface TestPingResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  at: string;
  durationMs: number;
}

/**
 * Sends the channel's test message now (quiet hours do not apply: someone asked for it), records
 * the attempt, and on success stamps the channel's last successful test ping.
 */
export async function testPingChannel(
  db: Kysely<Database>,
  channel: AlertChannelRow,
  now: Date,
): Promise<TestPingResult> {
  const started = performance.now();
  const result = await sendThroughChannel(
    channel,
    {
      event: 'test',
      deliveryId: null,
      message: renderTestMessage(channel.name, channel.language),
      alert: null,
      severity: null,
    },
    now,
  );
  const durationMs = Math.round(performance.now() - started);
  await db.transaction().execute(async (trx) => {
    await recordDeliveryAttempt(trx, {
      workspaceId: channel.workspace_id,
      deliveryId: null,
      channelId: channel.id,
      purpose: 'test',
      attempt: 1,
      startedAt: now,
      durationMs,
      ok: result.ok,
      statusCode: result.statusCode,
      error: result.error,
    });
    await recordAlertChannelTest(
      trx,
      channel.id,
      now,
      result.ok ? null : (result.error ?? 'test ping failed'),
    );
  });
  return {
    ok: result.ok,
    statusCode: result.statusCode,
    error: result.error,
    at: now.toISOString(),
    durationMs,
  };
}

/** Puts dead deliveries back in the queue with a fresh set of attempts; returns how many. */
export async function replayDeadLetters(
  db: Kysely<Database>,
  workspaceId: string,
  deliveryIds: readonly string[] | 'all',
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = await requeueDeadDeliveries(trx, workspaceId, deliveryIds, now);
    for (const id of ids) await scheduleDelivery(trx, id, now, now);
    return ids.length;
  });
}
