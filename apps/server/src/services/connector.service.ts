// Managing connectors (owner): add, change, enable/disable, remove. Settings are checked against
// the connector's kind; secrets are write-only (stored apart, never returned, only named as set).
// Every change is written to the workspace's hash-chained audit log in the same transaction:
// who, which connector, which settings and which secrets changed (names only: settings can hold
// handles and secrets are secret, so no value is ever copied into the log).
import type { Kysely } from 'kysely';
import {
  connectorConfigSchema,
  type ConnectorCreateBody,
  type ConnectorRecordView,
  type ConnectorUpdateBody,
} from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type AuditActor } from './audit-log.service.ts';
import {
  deleteConnectorRow,
  findConnectorRow,
  insertConnector,
  listConnectorRows,
  readConnectorSecrets,
  toConnectorView,
  updateConnectorRow,
} from '../repositories/connector.repository.ts';

export async function listConnectors(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
): Promise<ConnectorRecordView[]> {
  return (await listConnectorRows(db, workspaceId)).map((row) => toConnectorView(row, now));
}

export async function getConnector(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<ConnectorRecordView> {
  const row = await findConnectorRow(db, workspaceId, id);
  if (!row) throw new AppError('NOT_FOUND', `connector ${id} not found`);
  return toConnectorView(row, now);
}

export async function addConnector(
  db: Kysely<Database>,
  workspaceId: string,
  body: ConnectorCreateBody,
  now: Date,
  actor: AuditActor,
): Promise<ConnectorRecordView> {
  const secrets = withoutEmpty(body.secrets);
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await insertConnector(trx, {
      workspaceId,
      kind: body.kind,
      name: body.name,
      settings: body.settings,
      secrets,
      enabled: body.enabled,
    });
    if (!inserted) return undefined;
    await appendAudit(trx, {
      workspaceId,
      actor,
      action: 'connector.created',
      target: { kind: 'connector', id: inserted },
      details: {
        kind: body.kind,
        name: body.name,
        enabled: body.enabled,
        settings: Object.keys(body.settings).sort(),
        secretsSet: Object.keys(secrets).sort(),
      },
      occurredAt: now,
    });
    return inserted;
  });
  if (!id)
    throw new AppError('CONFLICT', `a connector named "${body.name}" already exists; choose another name`);
  return getConnector(db, workspaceId, id, now);
}

export async function updateConnector(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  body: ConnectorUpdateBody,
  now: Date,
  actor: AuditActor,
): Promise<ConnectorRecordView> {
  const row = await findConnectorRow(db, workspaceId, id);
  if (!row) throw new AppError('NOT_FOUND', `connector ${id} not found`);
  let settings: Record<string, unknown> | undefined;
  let secrets: Record<string, unknown> | undefined;
  let storedSecrets: Record<string, unknown> = {};
  if (body.settings !== undefined || body.secrets !== undefined) {
    const stored = (await readConnectorSecrets(db, workspaceId, id)) ?? {};
    storedSecrets = stored;
    const merged: Record<string, unknown> = { ...stored };
    for (const [key, value] of Object.entries(body.secrets ?? {})) {
      if (value === null || value === '') delete merged[key];
      else merged[key] = value;
    }
    const checked = connectorConfigSchema.safeParse({
      kind: row.kind,
      settings: body.settings ?? row.settings,
      secrets: merged,
    });
    if (!checked.success)
      throw new AppError(
        'VALIDATION_FAILED',
        checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      );
    settings = checked.data.settings;
    secrets = withoutEmpty(checked.data.secrets);
  }
  const changedSettings = settings
    ? [...new Set([...Object.keys(settings), ...Object.keys(row.settings)])]
        .filter((key) => JSON.stringify(settings?.[key]) !== JSON.stringify(row.settings[key]))
        .sort()
    : [];
  const secretChanges = secrets ? diffSecrets(storedSecrets, secrets) : { set: [], removed: [] };
  try {
    await db.transaction().execute(async (trx) => {
      await updateConnectorRow(
        trx,
        workspaceId,
        id,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          ...(settings ? { settings } : {}),
          ...(secrets ? { secrets } : {}),
          ...(body.resetCursor ? { resetCursor: true } : {}),
        },
        now,
      );
      const details: Record<string, string | boolean | string[]> = {};
      if (body.name !== undefined && body.name !== row.name) details['name'] = body.name;
      if (changedSettings.length > 0) details['settings'] = changedSettings;
      if (secretChanges.set.length > 0) details['secretsSet'] = secretChanges.set;
      if (secretChanges.removed.length > 0) details['secretsRemoved'] = secretChanges.removed;
      if (body.resetCursor) details['cursorReset'] = true;
      const toggled = body.enabled !== undefined && body.enabled !== row.enabled;
      if (toggled)
        await appendAudit(trx, {
          workspaceId,
          actor,
          action: body.enabled ? 'connector.enabled' : 'connector.paused',
          target: { kind: 'connector', id },
          details: { kind: row.kind },
          occurredAt: now,
        });
      if (Object.keys(details).length > 0)
        await appendAudit(trx, {
          workspaceId,
          actor,
          action:
            secretChanges.set.length + secretChanges.removed.length > 0
              ? 'connector.credentials.changed'
              : 'connector.updated',
          target: { kind: 'connector', id },
          details: { kind: row.kind, ...details },
          occurredAt: now,
        });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        'CONFLICT',
        `a connector named "${body.name ?? ''}" already exists; choose another name`,
      );
    throw error;
  }
  return getConnector(db, workspaceId, id, now);
}

export async function removeConnector(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  now: Date,
  actor: AuditActor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findConnectorRow(trx, workspaceId, id);
    if (!row || !(await deleteConnectorRow(trx, workspaceId, id)))
      throw new AppError('NOT_FOUND', `connector ${id} not found`);
    await appendAudit(trx, {
      workspaceId,
      actor,
      action: 'connector.deleted',
      target: { kind: 'connector', id },
      details: { kind: row.kind, name: row.name },
      occurredAt: now,
    });
  });
}

/** Names of secrets given a (new) value, and of secrets removed; never the values. */
function diffSecrets(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { set: string[]; removed: string[] } {
  return {
    set: Object.keys(after)
      .filter((key) => after[key] !== before[key])
      .sort(),
    removed: Object.keys(before)
      .filter((key) => !(key in after))
      .sort(),
  };
}

function withoutEmpty(secrets: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(secrets).filter(([, value]) => value !== undefined && value !== ''),
  );
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}
