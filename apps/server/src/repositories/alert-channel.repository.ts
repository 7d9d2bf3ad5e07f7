import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  AlertChannelInput,
  AlertChannelRecord,
  AlertRouteInput,
  AlertRouteRecord,
} from '@ombud/contract';
import type { AlertRouteRule } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import type { AlertChannelTable, AlertRouteTable } from '../db/tables/alerts.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;
export type AlertChannelRow = Selectable<AlertChannelTable>;

/** Shows where a secret URL points without giving the secret away. */
function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…${url.slice(-4)}`;
  } catch {
    return '…';
  }
}

/** Settings as the API shows them: secrets replaced by whether they are set. */
export function maskChannelConfig(kind: AlertChannelRow['kind'], config: Record<string, unknown>) {
  switch (kind) {
    case 'webhook':
      return { url: config['url'], secretSet: typeof config['secret'] === 'string' };
    case 'slack':
      return { url: maskUrl(String(config['url'])) };
    case 'email': {
      const smtp = (config['smtp'] ?? {}) as Record<string, unknown>;
      return {
        to: config['to'],
        from: config['from'],
        smtp: {
          host: smtp['host'],
          port: smtp['port'],
          tls: smtp['tls'],
          username: smtp['username'] ?? null,
          passwordSet: typeof smtp['password'] === 'string',
        },
      };
    }
  }
}

export function toAlertChannel(row: AlertChannelRow): AlertChannelRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    language: row.language,
    timeZone: row.time_zone,
    quietHours: row.quiet_hours as AlertChannelRecord['quietHours'],
    enabled: row.enabled,
    maxAttempts: row.max_attempts,
    backoffSeconds: row.backoff_seconds,
    config: maskChannelConfig(row.kind, row.config),
    lastTestAt: row.last_test_at?.toISOString() ?? null,
    lastTestOkAt: row.last_test_ok_at?.toISOString() ?? null,
    lastTestError: row.last_test_error,
    createdAt: row.created_at.toISOString(),
  };
}

function channelColumns(input: AlertChannelInput, config: Record<string, unknown>) {
  return {
    name: input.name,
    kind: input.kind,
    language: input.language,
    time_zone: input.timeZone,
    quiet_hours: input.quietHours === null ? null : JSON.stringify(input.quietHours),
    enabled: input.enabled,
    max_attempts: input.maxAttempts,
    backoff_seconds: input.backoffSeconds,
    config: JSON.stringify(config),
  };
}

export async function insertAlertChannel(
  db: Executor,
  workspaceId: string,
  input: AlertChannelInput,
  config: Record<string, unknown>,
): Promise<AlertChannelRow> {
  return db
    .insertInto('alert_channel')
    .values({ workspace_id: workspaceId, ...channelColumns(input, config) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAlertChannel(
  db: Executor,
  workspaceId: string,
  channelId: string,
  input: AlertChannelInput,
  config: Record<string, unknown>,
): Promise<AlertChannelRow | undefined> {
  return db
    .updateTable('alert_channel')
    .set(channelColumns(input, config))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', channelId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteAlertChannel(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('alert_channel')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', channelId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function findAlertChannel(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<AlertChannelRow | undefined> {
  return db
    .selectFrom('alert_channel')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', channelId)
    .executeTakeFirst();
}

export async function findAlertChannelByName(
  db: Executor,
  workspaceId: string,
  name: string,
): Promise<AlertChannelRow | undefined> {
  return db
    .selectFrom('alert_channel')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function listAlertChannels(db: Executor, workspaceId: string): Promise<AlertChannelRow[]> {
  return db
    .selectFrom('alert_channel')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
}

export async function recordAlertChannelTest(
  db: Executor,
  channelId: string,
  at: Date,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('alert_channel')
    .set(
      error === null
        ? { last_test_at: at, last_test_ok_at: at, last_test_error: null }
        : { last_test_at: at, last_test_error: error.slice(0, 2000) },
    )
    .where('id', '=', channelId)
    .execute();
}

function toAlertRoute(row: Selectable<AlertRouteTable>): AlertRouteRecord {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    minSeverity: row.min_severity,
    kinds: row.kinds,
    channelId: row.channel_id,
    escalationChannelId: row.escalation_channel_id,
    escalateAfterMinutes: row.escalate_after_minutes,
    createdAt: row.created_at.toISOString(),
  };
}

function routeColumns(input: AlertRouteInput) {
  return {
    campaign_id: input.campaignId,
    min_severity: input.minSeverity,
    kinds: input.kinds,
    channel_id: input.channelId,
    escalation_channel_id: input.escalationChannelId,
    escalate_after_minutes: input.escalateAfterMinutes,
  };
}

export async function insertAlertRoute(
  db: Executor,
  workspaceId: string,
  input: AlertRouteInput,
): Promise<AlertRouteRecord> {
  const row = await db
    .insertInto('alert_route')
    .values({ workspace_id: workspaceId, ...routeColumns(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAlertRoute(row);
}

export async function updateAlertRoute(
  db: Executor,
  workspaceId: string,
  routeId: string,
  input: AlertRouteInput,
): Promise<AlertRouteRecord | undefined> {
  const row = await db
    .updateTable('alert_route')
    .set(routeColumns(input))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', routeId)
    .returningAll()
    .executeTakeFirst();
  return row && toAlertRoute(row);
}

export async function deleteAlertRoute(db: Executor, workspaceId: string, routeId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('alert_route')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', routeId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listAlertRoutes(db: Executor, workspaceId: string): Promise<AlertRouteRecord[]> {
  const rows = await db
    .selectFrom('alert_route')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAlertRoute);
}

/** The workspace's routing rules as the routing plan reads them, and which channels are enabled. */
export async function loadAlertRouting(
  db: Executor,
  workspaceId: string,
): Promise<{ rules: AlertRouteRule[]; enabledChannelIds: Set<string> }> {
  const [rows, channels] = await Promise.all([
    db
      .selectFrom('alert_route')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('alert_channel')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('enabled', '=', true)
      .execute(),
  ]);
  return {
    rules: rows.map((row) => ({
      id: row.id,
      campaignId: row.campaign_id,
      minSeverity: row.min_severity,
      kinds: row.kinds,
      channelId: row.channel_id,
      escalationChannelId: row.escalation_channel_id,
      escalateAfterMinutes: row.escalate_after_minutes,
    })),
    enabledChannelIds: new Set(channels.map((channel) => channel.id)),
  };
}
