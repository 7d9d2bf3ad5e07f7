import { sql, type Kysely, type Selectable } from 'kysely';
import type { ConnectorRecordView } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { ConnectorTable } from '../db/tables/connectors.tables.ts';

type Executor = Kysely<Database>;

/** Every column but `secrets`: what the API and the status screens read. */
const PUBLIC_COLUMNS = [
  'id',
  'workspace_id',
  'kind',
  'name',
  'settings',
  'enabled',
  'cursor',
  'status',
  'last_error',
  'last_error_at',
  'last_batch_at',
  'accepted',
  'duplicate',
  'rejected',
  'failures',
  'next_start_at',
  'errors',
  'rate_limit_waits',
  'rate_limit_wait_seconds',
  'edited',
  'deleted',
  'lease_owner',
  'lease_until',
  'created_at',
  'updated_at',
] as const;

export type ConnectorRow = Omit<Selectable<ConnectorTable>, 'secrets'> & { secret_names: string[] };
/** A row the supervisor runs: with its secrets. */
export type ConnectorRunRow = Selectable<ConnectorTable>;

function publicQuery(db: Executor) {
  return db
    .selectFrom('connector')
    .select(PUBLIC_COLUMNS)
    .select(sql<string[]>`ARRAY(SELECT jsonb_object_keys(secrets) ORDER BY 1)`.as('secret_names'));
}

export function toConnectorView(row: ConnectorRow, now: Date): ConnectorRecordView {
  const leaseValid = row.lease_owner !== null && row.lease_until !== null && row.lease_until > now;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    settings: row.settings,
    secretsSet: row.secret_names,
    enabled: row.enabled,
    status: row.status,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at?.toISOString() ?? null,
    lastBatchAt: row.last_batch_at?.toISOString() ?? null,
    counts: {
      accepted: Number(row.accepted),
      duplicate: Number(row.duplicate),
      rejected: Number(row.rejected),
    },
    runningOn: leaseValid ? row.lease_owner : null,
    hasCursor: row.cursor !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listConnectorRows(db: Executor, workspaceId: string): Promise<ConnectorRow[]> {
  return publicQuery(db).where('workspace_id', '=', workspaceId).orderBy('name').execute();
}

export async function findConnectorRow(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ConnectorRow | undefined> {
  return publicQuery(db).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findConnectorRowByName(
  db: Executor,
  workspaceId: string,
  name: string,
): Promise<ConnectorRow | undefined> {
  return publicQuery(db).where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst();
}

/** The stored secrets of one connector (merging an update needs them; nothing returns them). */
export async function readConnectorSecrets(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('connector')
    .select('secrets')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.secrets;
}

export async function insertConnector(
  db: Executor,
  input: {
    workspaceId: string;
    kind: string;
    name: string;
    settings: Record<string, unknown>;
    secrets: Record<string, unknown>;
    enabled: boolean;
  },
): Promise<string | undefined> {
  const row = await db
    .insertInto('connector')
    .values({
      workspace_id: input.workspaceId,
      kind: input.kind,
      name: input.name,
      settings: JSON.stringify(input.settings),
      secrets: JSON.stringify(input.secrets),
      enabled: input.enabled,
      status: input.enabled ? 'idle' : 'disabled',
    })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateConnectorRow(
  db: Executor,
  workspaceId: string,
  id: string,
  change: {
    name?: string;
    enabled?: boolean;
    settings?: Record<string, unknown>;
    secrets?: Record<string, unknown>;
    resetCursor?: boolean;
  },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('connector')
    .set({
      updated_at: now,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.settings !== undefined ? { settings: JSON.stringify(change.settings) } : {}),
      ...(change.secrets !== undefined ? { secrets: JSON.stringify(change.secrets) } : {}),
      ...(change.resetCursor ? { cursor: null } : {}),
      ...(change.enabled === false ? { enabled: false, status: 'disabled' } : {}),
      // Enabling (or changing) a connector clears its backoff, so it starts at the next scan.
      ...(change.enabled === true ? { enabled: true, failures: 0, next_start_at: null } : {}),
    })
    .$if(change.enabled === true, (query) =>
      query.set({ status: sql<'idle'>`CASE WHEN status = 'disabled' THEN 'idle' ELSE status END` }),
    )
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteConnectorRow(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('connector')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// --- the supervisor's side: leases, cursor, counts ---------------------------------------------

/** Enabled connectors (any workspace) whose lease is free or expired and whose backoff is over. */
export async function listClaimableConnectorIds(db: Executor, owner: string, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('connector')
    .select('id')
    .where('enabled', '=', true)
    .where((eb) =>
      eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]),
    )
    .where((eb) => eb.or([eb('next_start_at', 'is', null), eb('next_start_at', '<=', now)]))
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes (or renews) the lease on a connector if it is enabled and the lease is free, expired or
 * already ours; one UPDATE, so of several processes trying at once exactly one gets it. Returns
 * the row with its secrets, or undefined when the lease belongs to someone else (or the connector
 * was disabled or deleted).
 */
export async function claimConnectorLease(
  db: Executor,
  id: string,
  owner: string,
  now: Date,
  leaseMillis: number,
): Promise<ConnectorRunRow | undefined> {
  return db
    .updateTable('connector')
    .set({ lease_owner: owner, lease_until: new Date(now.getTime() + leaseMillis) })
    .where('id', '=', id)
    .where('enabled', '=', true)
    .where((eb) =>
      eb.or([eb('lease_owner', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Gives the lease up (on stop or failure) so another process may take the connector at once. */
export async function releaseConnectorLease(
  db: Executor,
  id: string,
  owner: string,
  status: 'idle' | 'backoff' | 'failed',
  figures?: ConnectorRunFigures,
): Promise<void> {
  await db
    .updateTable('connector')
    .set({
      ...figureIncrements(figures),
      lease_owner: null,
      lease_until: null,
      status: sql<'idle'>`CASE WHEN enabled THEN ${status} ELSE 'disabled' END`,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function markConnectorRunning(db: Executor, id: string, owner: string): Promise<void> {
  await db
    .updateTable('connector')
    .set({ status: 'running' })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Figures a running connector gathered since it last saved a batch (added to the stored totals). */
export interface ConnectorRunFigures {
  errors: number;
  rateLimitWaits: number;
  rateLimitWaitSeconds: number;
}

const figureIncrements = (figures: ConnectorRunFigures | undefined) =>
  figures
    ? {
        errors: sql<string>`errors + ${figures.errors}`,
        rate_limit_waits: sql<string>`rate_limit_waits + ${figures.rateLimitWaits}`,
        rate_limit_wait_seconds: sql<number>`rate_limit_wait_seconds + ${figures.rateLimitWaitSeconds}`,
      }
    : {};

/**
 * Saves a stored batch's cursor and adds its counts, only while we hold the lease (a process that
 * lost it cannot move the cursor of the one that took over). False when the lease is gone. A
 * `stateOnly` batch (the connector remembering a back-off) moves the cursor but is not a success.
 */
export async function recordConnectorBatch(
  db: Executor,
  id: string,
  owner: string,
  batch: {
    cursor: string | null;
    accepted: number;
    duplicate: number;
    rejected: number;
    edited?: number;
    deleted?: number;
    stateOnly?: boolean;
    figures?: ConnectorRunFigures;
  },
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('connector')
    .set(() => ({
      ...(batch.cursor !== null ? { cursor: batch.cursor } : {}),
      accepted: sql<string>`accepted + ${batch.accepted}`,
      duplicate: sql<string>`duplicate + ${batch.duplicate}`,
      rejected: sql<string>`rejected + ${batch.rejected}`,
      edited: sql<string>`edited + ${batch.edited ?? 0}`,
      deleted: sql<string>`deleted + ${batch.deleted ?? 0}`,
      ...figureIncrements(batch.figures),
      ...(batch.stateOnly ? {} : { last_batch_at: now, failures: 0 }),
      status: 'running',
    }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function recordConnectorFailure(
  db: Executor,
  id: string,
  owner: string,
  failure: { message: string; nextStartAt: Date; permanent: boolean; figures?: ConnectorRunFigures },
  now: Date,
): Promise<void> {
  const figures = failure.figures ?? { errors: 0, rateLimitWaits: 0, rateLimitWaitSeconds: 0 };
  await db
    .updateTable('connector')
    .set((eb) => ({
      ...figureIncrements({ ...figures, errors: figures.errors + 1 }),
      last_error: failure.message.slice(0, 2000),
      last_error_at: now,
      failures: eb('failures', '+', 1),
      next_start_at: failure.nextStartAt,
      status: sql<'backoff'>`CASE WHEN enabled THEN ${failure.permanent ? 'failed' : 'backoff'} ELSE 'disabled' END`,
      lease_owner: null,
      lease_until: null,
    }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}
