// Managing connectors (owner): add, change, enable/disable, remove. Settings are checked against
// the connector's kind; secrets are write-only (stored apart, never returned, only named as set).
import type { Kysely } from 'kysely';
import {
  connectorConfigSchema,
  type ConnectorCreateBody,
  type ConnectorRecordView,
  type ConnectorUpdateBody,
} from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
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
): Promise<ConnectorRecordView> {
  const id = await insertConnector(db, {
    workspaceId,
    kind: body.kind,
    name: body.name,
    settings: body.settings,
    secrets: withoutEmpty(body.secrets),
    enabled: body.enabled,
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
): Promise<ConnectorRecordView> {
  const row = await findConnectorRow(db, workspaceId, id);
  if (!row) throw new AppError('NOT_FOUND', `connector ${id} not found`);
  let settings: Record<string, unknown> | undefined;
  let secrets: Record<string, unknown> | undefined;
  if (body.settings !== undefined || body.secrets !== undefined) {
    const stored = (await readConnectorSecrets(db, workspaceId, id)) ?? {};
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
  try {
    await updateConnectorRow(
      db,
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

export async function removeConnector(db: Kysely<Database>, workspaceId: string, id: string): Promise<void> {
  if (!(await deleteConnectorRow(db, workspaceId, id)))
    throw new AppError('NOT_FOUND', `connector ${id} not found`);
}

function withoutEmpty(secrets: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(secrets).filter(([, value]) => value !== undefined && value !== ''),
  );
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === '23505';
}
