// Runs every enabled connector of every workspace, in `ombud start` and in each `ombud worker`.
// A connector is pulled by exactly one process: the one holding its lease in the database
// (`lease_owner`, `lease_until`), renewed while it runs; when that process dies the lease expires
// and another takes over from the stored cursor. Each batch is stored through `ingestRecords`
// before its cursor is saved, and the next batch is asked for only after that (back-pressure).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import { connectorConfigSchema } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { ConnectorBatch, ConnectorLog } from '../connectors/connector.ts';
import { connectorSourceName, createConnector, type ConnectorInstance } from '../connectors/registry.ts';
import { DEFAULT_FIELD_MAPPING } from '../ingest/field-mapping.ts';
import type { RecordItem } from '../ingest/record-reader.ts';
import {
  claimConnectorLease,
  listClaimableConnectorIds,
  markConnectorRunning,
  recordConnectorBatch,
  recordConnectorFailure,
  releaseConnectorLease,
  type ConnectorRunFigures,
  type ConnectorRunRow,
} from '../repositories/connector.repository.ts';
import { ingestRecords } from './ingest.service.ts';
import { applyConnectorDeletions, applyConnectorEdits } from './connector-changes.service.ts';
import { deliverConnectorReplies } from './connector-reply.service.ts';

export interface SupervisorLog extends ConnectorLog {
  error(object: object, message?: string): void;
}

export interface ConnectorSupervisorOptions {
  db: Kysely<Database>;
  log: SupervisorLog;
  /** Who holds leases (default `host:pid:random`). */
  owner?: string;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  /** Lease length; renewed every third of it (default 30 s). */
  leaseMillis?: number;
  /** How often to look for connectors to take (default 5 s). */
  scanMillis?: number;
  /** First restart delay after a failure; doubles up to `maxBackoffMillis` (default 5 s and 15 min). */
  backoffBaseMillis?: number;
  maxBackoffMillis?: number;
  /** How often a publishing connector drains its inbox replies (default 2 s). */
  replyMillis?: number;
  /** Passed to connectors: first retry delay on transient network errors. */
  retryBaseMillis?: number;
}

export interface ConnectorSupervisor {
  readonly owner: string;
  /** Ids of the connectors this process runs now. */
  running(): string[];
  /** Stops pulling: each connector finishes storing the batch in flight, then gives its lease up. */
  stop(): Promise<void>;
}

/** Starts the supervisor's scan loop. */
export function startConnectorSupervisor(options: ConnectorSupervisorOptions): ConnectorSupervisor {
  const { db, log } = options;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const now = options.now ?? (() => new Date());
  const leaseMillis = options.leaseMillis ?? 30_000;
  const scanMillis = options.scanMillis ?? 5000;
  const runs = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  let scanTimer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> = Promise.resolve();

  const scan = async () => {
    if (stopping.signal.aborted) return;
    try {
      const ids = await listClaimableConnectorIds(db, owner, now());
      for (const id of ids) {
        if (runs.has(id) || stopping.signal.aborted) continue;
        const row = await claimConnectorLease(db, id, owner, now(), leaseMillis);
        if (!row) continue;
        const run = runConnector(row).finally(() => runs.delete(id));
        runs.set(id, run);
      }
    } catch (error) {
      log.warn({ error: message(error) }, 'connectors: scan failed; trying again');
    }
  };
  const loop = () => {
    scanning = scan().finally(() => {
      if (!stopping.signal.aborted) scanTimer = setTimeout(loop, scanMillis);
    });
  };
  loop();

  async function runConnector(row: ConnectorRunRow): Promise<void> {
    const context = { connectorId: row.id, workspaceId: row.workspace_id, kind: row.kind };
    const parsed = connectorConfigSchema.safeParse({
      kind: row.kind,
      settings: row.settings,
      secrets: row.secrets,
    });
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      await fail(row, `the stored settings are not valid: ${detail}`, true);
      return;
    }
    const controller = new AbortController();
    const onStop = () => controller.abort();
    stopping.signal.addEventListener('abort', onStop, { once: true });
    let instance: ConnectorInstance;
    try {
      instance = createConnector(parsed.data, {
        connectorId: row.id,
        fetch: options.fetch ?? globalThis.fetch,
        ...(options.retryBaseMillis !== undefined ? { retryBaseMillis: options.retryBaseMillis } : {}),
      });
    } catch (error) {
      stopping.signal.removeEventListener('abort', onStop);
      await fail(row, message(error), true);
      return;
    }
    const sourceName = connectorSourceName(instance, row.kind, row.id);
    // Errors and rate-limit waits since the last save; added to the row's totals with each save.
    const figures: ConnectorRunFigures = { errors: 0, rateLimitWaits: 0, rateLimitWaitSeconds: 0 };
    const takeFigures = (): ConnectorRunFigures => {
      const taken = { ...figures };
      figures.errors = 0;
      figures.rateLimitWaits = 0;
      figures.rateLimitWaitSeconds = 0;
      return taken;
    };
    // Renewal doubles as the check for being disabled, deleted, edited or taken over.
    const renew = setInterval(
      () => {
        void (async () => {
          try {
            const renewed = await claimConnectorLease(db, row.id, owner, now(), leaseMillis);
            if (!renewed || renewed.updated_at.getTime() !== row.updated_at.getTime()) {
              log.info(
                context,
                renewed ? 'connector changed: restarting it' : 'connector lease gone: stopping it',
              );
              controller.abort();
            }
          } catch (error) {
            log.warn({ ...context, error: message(error) }, 'connector lease renewal failed');
          }
        })();
      },
      Math.max(50, Math.floor(leaseMillis / 3)),
    );
    const replies = instance.replyPort
      ? startReplyLoop(row, sourceName, instance, controller.signal)
      : Promise.resolve();
    try {
      await markConnectorRunning(db, row.id, owner);
      log.info({ ...context, owner }, 'connector started');
      const iterable = instance.connector.run({
        cursor: row.cursor,
        signal: controller.signal,
        now,
        sleep: (millis) => abortableSleep(millis, controller.signal),
        log: {
          info: (object, text) => log.info({ ...context, ...object }, text),
          warn: (object, text) => log.warn({ ...context, ...object }, text),
        },
        metrics: {
          rateLimitWait: (millis) => {
            figures.rateLimitWaits += 1;
            figures.rateLimitWaitSeconds += millis / 1000;
          },
          error: () => {
            figures.errors += 1;
          },
        },
      });
      for await (const batch of iterable) {
        // The batch in flight is stored even when a stop was asked for meanwhile.
        const kept = await storeBatch(row, instance, sourceName, batch, takeFigures());
        if (!kept) {
          controller.abort();
          break;
        }
        if (controller.signal.aborted) break;
      }
      clearInterval(renew);
      controller.abort();
      await replies;
      await releaseConnectorLease(db, row.id, owner, 'idle', takeFigures());
      log.info(context, 'connector stopped');
    } catch (error) {
      clearInterval(renew);
      const aborted = controller.signal.aborted;
      controller.abort();
      await replies;
      if (aborted) {
        await releaseConnectorLease(db, row.id, owner, 'idle', takeFigures());
        log.info(context, 'connector stopped');
      } else {
        await fail(row, message(error), false, takeFigures());
      }
    } finally {
      stopping.signal.removeEventListener('abort', onStop);
    }
  }

  async function storeBatch(
    row: ConnectorRunRow,
    instance: ConnectorInstance,
    sourceName: string,
    batch: ConnectorBatch,
    figures: ConnectorRunFigures,
  ): Promise<boolean> {
    let counts = { accepted: 0, duplicate: 0, rejected: 0 };
    // An edit of a post not stored yet is stored like a new one (unless it is only for stored posts).
    const toIngest = [
      ...batch.records,
      ...(batch.edits ?? []).filter((edit) => !edit.ifStored).map((edit) => edit.record),
    ];
    if (toIngest.length > 0) {
      const items: RecordItem[] = toIngest.map((fields, index) => ({
        kind: 'record',
        line: index + 1,
        fields,
      }));
      const at = now();
      const summary = await ingestRecords(db, items, {
        workspaceId: row.workspace_id,
        sourceKind: 'connector',
        sourceName,
        fileName: null,
        format: `connector:${row.kind}`,
        mapping: DEFAULT_FIELD_MAPPING,
        defaultPlatform: instance.connector.platform,
        now: at,
        fallbackCreatedAt: at.toISOString(),
        onProblem: (problem) => log.warn({ connectorId: row.id, problem }, 'connector record rejected'),
      });
      counts = { accepted: summary.accepted, duplicate: summary.duplicate, rejected: summary.rejected };
    }
    let edited = 0;
    if (batch.edits && batch.edits.length > 0) {
      const outcome = await applyConnectorEdits(db, {
        workspaceId: row.workspace_id,
        sourceName,
        defaultPlatform: instance.connector.platform,
        edits: batch.edits,
        now: now(),
      });
      edited = outcome.edited;
      for (const problem of outcome.rejected)
        log.warn({ connectorId: row.id, problem }, 'connector edit not applied');
    }
    let deleted = 0;
    if (batch.deletions && batch.deletions.length > 0) {
      const outcome = await applyConnectorDeletions(db, {
        workspaceId: row.workspace_id,
        sourceName,
        externalIds: batch.deletions,
        connectorId: row.id,
        now: now(),
      });
      deleted = outcome.postsErased;
      if (deleted > 0)
        log.info(
          { connectorId: row.id, posts: deleted, authors: outcome.authorsErased },
          'connector: posts deleted on the network erased',
        );
    }
    return recordConnectorBatch(
      db,
      row.id,
      owner,
      {
        cursor: batch.cursor,
        ...counts,
        edited,
        deleted,
        figures,
        ...(batch.stateOnly ? { stateOnly: true } : {}),
      },
      now(),
    );
  }

  async function startReplyLoop(
    row: ConnectorRunRow,
    sourceName: string,
    instance: ConnectorInstance,
    signal: AbortSignal,
  ): Promise<void> {
    const replyPort = instance.replyPort;
    if (!replyPort) return;
    while (!signal.aborted) {
      try {
        const counts = await deliverConnectorReplies(db, {
          workspaceId: row.workspace_id,
          connectorId: row.id,
          sourceName,
          replyPort,
          now,
          signal,
        });
        if (counts.delivered + counts.failed + counts.retrying > 0)
          log.info({ connectorId: row.id, ...counts }, 'connector replies sent');
      } catch (error) {
        log.warn({ connectorId: row.id, error: message(error) }, 'connector replies: delivery failed');
      }
      await abortableSleep(options.replyMillis ?? 2000, signal);
    }
  }

  async function fail(
    row: ConnectorRunRow,
    reason: string,
    permanent: boolean,
    figures?: ConnectorRunFigures,
  ): Promise<void> {
    const failures = row.failures + 1;
    const base = options.backoffBaseMillis ?? 5000;
    const max = options.maxBackoffMillis ?? 15 * 60 * 1000;
    const delay = permanent ? max : Math.min(max, base * 2 ** Math.min(20, failures - 1));
    log.error(
      { connectorId: row.id, kind: row.kind, error: reason, retryInMillis: delay },
      'connector failed',
    );
    try {
      await recordConnectorFailure(
        db,
        row.id,
        owner,
        {
          message: reason,
          nextStartAt: new Date(now().getTime() + delay),
          permanent,
          ...(figures ? { figures } : {}),
        },
        now(),
      );
    } catch (error) {
      log.warn({ connectorId: row.id, error: message(error) }, 'connector failure not recorded');
    }
  }

  return {
    owner,
    running: () => [...runs.keys()],
    async stop() {
      stopping.abort();
      if (scanTimer) clearTimeout(scanTimer);
      await scanning;
      await Promise.allSettled([...runs.values()]);
    },
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves after `millis` or as soon as `signal` aborts; never rejects. */
export function abortableSleep(millis: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, millis);
    signal.addEventListener('abort', done, { once: true });
  });
}
