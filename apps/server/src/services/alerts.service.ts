import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type {
  AlertChannelInput,
  AlertChannelRecord,
  AlertRecord,
  AlertRouteInput,
  AlertRouteRecord,
} from '@ombud/contract';
import { alertTextsSchema } from '@ombud/contract';
import { planAlertRouting } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import {
  deleteAlertRoute,
  findAlertChannel,
  findAlertChannelByName,
  insertAlertChannel,
  insertAlertRoute,
  loadAlertRouting,
  toAlertChannel,
  updateAlertChannel,
  updateAlertRoute,
} from '../repositories/alert-channel.repository.ts';
import {
  cancelPendingEscalations,
  insertDeliveriesOnce,
  scheduleAlertJob,
} from '../repositories/alert-delivery.repository.ts';
import {
  acknowledgeAlertRow,
  findAlertIdByDedupeKey,
  insertAlertOnce,
  markAlertsRead,
  toAlertRecord,
} from '../repositories/alert.repository.ts';
import { findCampaign } from '../repositories/campaign.repository.ts';
import { jobRunAfter } from './alert-delivery.service.ts';

export type AlertSeverity = 'watch' | 'warning' | 'critical';

export interface RaiseAlertInput {
  workspaceId: string;
  campaignId: string | null;
  incidentId: string | null;
  kind: string;
  severity: AlertSeverity;
  title: string;
  summary: string;
  dedupeKey: string;
  /** Optional translations of title and summary, used for channels in that language. */
  texts?: Partial<Record<'en' | 'es' | 'sv', { title: string; summary: string }>>;
}

/** Runs in the caller's transaction when it passes one (the alert then commits with its cause). */
function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

const MAX_TITLE = 500;
const MAX_SUMMARY = 4000;

/**
 * Stores an alert once per (workspace, dedupeKey) — raising the same key again returns the first
 * alert with `created: false` — and, in the same transaction, queues a delivery job for every
 * channel its routing rules name and the escalation check for when nobody acknowledges it.
 * The alert shows in-app at once; channels receive it when the job queue runs.
 */
export async function raiseAlert(
  db: Kysely<Database>,
  input: RaiseAlertInput,
  now: Date,
): Promise<{ alertId: string; created: boolean }> {
  const texts = input.texts === undefined ? null : alertTextsSchema.parse(input.texts);
  return inTransaction(db, async (trx) => {
    const row = await insertAlertOnce(trx, {
      workspaceId: input.workspaceId,
      campaignId: input.campaignId,
      incidentId: input.incidentId,
      kind: input.kind,
      severity: input.severity,
      title: input.title.slice(0, MAX_TITLE),
      summary: input.summary.slice(0, MAX_SUMMARY),
      texts,
      dedupeKey: input.dedupeKey,
      createdAt: now,
    });
    if (!row) {
      const existing = await findAlertIdByDedupeKey(trx, input.workspaceId, input.dedupeKey);
      if (existing === undefined) throw new Error(`alert ${input.dedupeKey} vanished while raising it`);
      return { alertId: existing, created: false };
    }
    const routing = await loadAlertRouting(trx, input.workspaceId);
    const plan = planAlertRouting(
      { campaignId: input.campaignId, kind: input.kind, severity: input.severity },
      routing.rules,
    );
    const deliveryIds = await insertDeliveriesOnce(
      trx,
      plan.channelIds
        .filter((channelId) => routing.enabledChannelIds.has(channelId))
        .map((channelId) => ({
          workspaceId: input.workspaceId,
          alertId: row.id,
          channelId,
          purpose: 'alert' as const,
          escalateAfterMinutes: null,
          now,
        })),
    );
    for (const deliveryId of deliveryIds)
      await scheduleAlertJob(trx, 'alert.deliver', { deliveryId }, jobRunAfter(now, now));
    const firstEscalation = plan.escalations.find((step) => routing.enabledChannelIds.has(step.channelId));
    if (firstEscalation !== undefined) {
      const dueAt = new Date(now.getTime() + firstEscalation.afterMinutes * 60_000);
      await scheduleAlertJob(trx, 'alert.escalate', { alertId: row.id }, jobRunAfter(dueAt, now));
    }
    return { alertId: row.id, created: true };
  });
}

/**
 * Acknowledges an alert (the first acknowledgement stands), cancels escalations not yet sent and
 * marks it read for the person who acknowledged it.
 */
export async function acknowledgeAlert(
  db: Kysely<Database>,
  workspaceId: string,
  alertId: string,
  userId: string | null,
  now: Date,
): Promise<AlertRecord> {
  return db.transaction().execute(async (trx) => {
    const result = await acknowledgeAlertRow(trx, workspaceId, alertId, userId, now);
    if (!result) throw new AppError('NOT_FOUND', `no alert ${alertId} in this workspace`);
    if (result.acknowledgedNow) await cancelPendingEscalations(trx, alertId);
    if (userId !== null) await markAlertsRead(trx, workspaceId, userId, [alertId], now);
    return toAlertRecord(result.row, true);
  });
}

/** Keeps stored secrets the caller left out, and makes a webhook secret when there is none. */
function channelConfig(
  input: AlertChannelInput,
  previous: { kind: string; config: Record<string, unknown> } | undefined,
): { config: Record<string, unknown>; generatedSecret: string | undefined } {
  const sameKind = previous?.kind === input.kind ? previous.config : undefined;
  switch (input.kind) {
    case 'webhook': {
      const kept = typeof sameKind?.['secret'] === 'string' ? sameKind['secret'] : undefined;
      const generatedSecret = (input.config.secret ?? kept) ? undefined : randomBytes(32).toString('hex');
      return {
        config: { ...input.config, secret: input.config.secret ?? kept ?? generatedSecret },
        generatedSecret,
      };
    }
    case 'slack':
      return { config: { ...input.config }, generatedSecret: undefined };
    case 'email': {
      const previousSmtp = (sameKind?.['smtp'] ?? {}) as Record<string, unknown>;
      const password =
        input.config.smtp.password ??
        (typeof previousSmtp['password'] === 'string' ? previousSmtp['password'] : undefined);
      return {
        config: {
          ...input.config,
          smtp: { ...input.config.smtp, ...(password === undefined ? {} : { password }) },
        },
        generatedSecret: undefined,
      };
    }
  }
}

/** Adds a channel; a webhook's generated secret is in the answer, once. */
export async function createAlertChannel(
  db: Kysely<Database>,
  workspaceId: string,
  input: AlertChannelInput,
): Promise<AlertChannelRecord & { secret?: string }> {
  if (await findAlertChannelByName(db, workspaceId, input.name))
    throw new AppError('CONFLICT', `an alert channel named "${input.name}" exists already`);
  const { config, generatedSecret } = channelConfig(input, undefined);
  const row = await insertAlertChannel(db, workspaceId, input, config);
  return { ...toAlertChannel(row), ...(generatedSecret === undefined ? {} : { secret: generatedSecret }) };
}

/** Replaces a channel's settings; secrets left out are kept. */
export async function replaceAlertChannel(
  db: Kysely<Database>,
  workspaceId: string,
  channelId: string,
  input: AlertChannelInput,
): Promise<AlertChannelRecord & { secret?: string }> {
  const previous = await findAlertChannel(db, workspaceId, channelId);
  if (!previous) throw new AppError('NOT_FOUND', `no alert channel ${channelId} in this workspace`);
  const sameName = await findAlertChannelByName(db, workspaceId, input.name);
  if (sameName && sameName.id !== channelId)
    throw new AppError('CONFLICT', `an alert channel named "${input.name}" exists already`);
  const { config, generatedSecret } = channelConfig(input, previous);
  const row = await updateAlertChannel(db, workspaceId, channelId, input, config);
  if (!row) throw new AppError('NOT_FOUND', `no alert channel ${channelId} in this workspace`);
  return { ...toAlertChannel(row), ...(generatedSecret === undefined ? {} : { secret: generatedSecret }) };
}

async function checkRouteReferences(db: Kysely<Database>, workspaceId: string, input: AlertRouteInput) {
  if (!(await findAlertChannel(db, workspaceId, input.channelId)))
    throw new AppError(
      'VALIDATION_FAILED',
      `channelId: no alert channel ${input.channelId} in this workspace`,
    );
  if (
    input.escalationChannelId !== null &&
    !(await findAlertChannel(db, workspaceId, input.escalationChannelId))
  )
    throw new AppError(
      'VALIDATION_FAILED',
      `escalationChannelId: no alert channel ${input.escalationChannelId} in this workspace`,
    );
  if (input.campaignId !== null && !(await findCampaign(db, workspaceId, input.campaignId)))
    throw new AppError('VALIDATION_FAILED', `campaignId: no campaign ${input.campaignId} in this workspace`);
}

export async function createAlertRoute(
  db: Kysely<Database>,
  workspaceId: string,
  input: AlertRouteInput,
): Promise<AlertRouteRecord> {
  await checkRouteReferences(db, workspaceId, input);
  return insertAlertRoute(db, workspaceId, input);
}

export async function replaceAlertRoute(
  db: Kysely<Database>,
  workspaceId: string,
  routeId: string,
  input: AlertRouteInput,
): Promise<AlertRouteRecord> {
  await checkRouteReferences(db, workspaceId, input);
  const route = await updateAlertRoute(db, workspaceId, routeId, input);
  if (!route) throw new AppError('NOT_FOUND', `no alert route ${routeId} in this workspace`);
  return route;
}

export async function removeAlertRoute(
  db: Kysely<Database>,
  workspaceId: string,
  routeId: string,
): Promise<void> {
  if (!(await deleteAlertRoute(db, workspaceId, routeId)))
    throw new AppError('NOT_FOUND', `no alert route ${routeId} in this workspace`);
}
