// Drives a connector's `run()` the way the supervisor does: one batch at a time, each handed to
// `onBatch` (which may store it) before the next is asked for; stops when `until` says so.
import type {
  Connector,
  ConnectorBatch,
  ConnectorMetricsSink,
  ConnectorRecord,
  ConnectorRunContext,
} from '../../src/connectors/connector.ts';

export interface DriveResult {
  batches: ConnectorBatch[];
  records: ConnectorRecord[];
  cursor: string | null;
  warnings: { object: object; message: string | undefined }[];
}

export async function driveConnector(
  connector: Connector,
  options: {
    cursor?: string | null;
    until: (result: DriveResult) => boolean;
    onBatch?: (batch: ConnectorBatch) => Promise<void>;
    timeoutMillis?: number;
    metrics?: ConnectorMetricsSink;
  },
): Promise<DriveResult> {
  const controller = new AbortController();
  const result: DriveResult = { batches: [], records: [], cursor: options.cursor ?? null, warnings: [] };
  const timeout = setTimeout(() => controller.abort(), options.timeoutMillis ?? 20_000);
  const context: ConnectorRunContext = {
    cursor: options.cursor ?? null,
    signal: controller.signal,
    now: () => new Date(),
    sleep: (millis) =>
      new Promise<void>((resolve) => {
        if (controller.signal.aborted) return resolve();
        const timer = setTimeout(done, millis);
        function done() {
          clearTimeout(timer);
          controller.signal.removeEventListener('abort', done);
          resolve();
        }
        controller.signal.addEventListener('abort', done, { once: true });
      }),
    log: {
      info: () => undefined,
      warn: (object, message) => result.warnings.push({ object, message }),
    },
    ...(options.metrics ? { metrics: options.metrics } : {}),
  };
  try {
    for await (const batch of connector.run(context)) {
      if (options.onBatch) await options.onBatch(batch);
      result.batches.push(batch);
      result.records.push(...batch.records);
      if (batch.cursor !== null) result.cursor = batch.cursor;
      if (options.until(result)) break;
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  if (!options.until(result))
    throw new Error(`connector stopped before the expected outcome (${result.records.length} records)`);
  return result;
}
