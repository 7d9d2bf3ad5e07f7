import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { openWorkStream } from '../adapters/work-stream/open-work-stream.ts';
import type { WorkStream } from '../adapters/work-stream/work-stream.ts';
import { openMigratedDatabase } from '../app-context.ts';
import type { AppConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { createJobRegistry } from '../jobs/registry.ts';
import { renderMetrics } from './stream-metrics.service.ts';
import { checkReadiness } from './stream-ready.service.ts';

export interface WorkerProcessOptions {
  config: AppConfig;
  log: Logger;
  /** Deliveries handled at once (default: OMBUD_WORKER_CONCURRENCY). */
  concurrency?: number;
  /** Serve `/metrics`, `/health` and `/ready` on this port (on OMBUD_HOST). */
  metricsPort?: number;
}

export interface RunningWorker {
  workStream: WorkStream;
  handle: DatabaseHandle;
  /** Port of the metrics server, when one was asked for. */
  metricsPort: number | undefined;
  /** Finishes in-flight work, acknowledges it, then closes everything. Safe to call twice. */
  stop(): Promise<void>;
}

/** Opens the store and the configured work stream with every job handler. */
export async function openWorker(
  options: Pick<WorkerProcessOptions, 'config' | 'log' | 'concurrency'>,
): Promise<{ workStream: WorkStream; handle: DatabaseHandle; concurrency: number }> {
  const { config, log } = options;
  const handle = await openMigratedDatabase(config);
  const concurrency = options.concurrency ?? config.workerConcurrency;
  try {
    const workStream = await openWorkStream(config, {
      db: handle.db,
      handlers: createJobRegistry({ mail: config.mail, publicUrl: config.publicUrl }),
      log: log.child({ component: 'work-stream' }),
      now: () => new Date(),
      concurrency,
    });
    return { workStream, handle, concurrency };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** `ombud worker`: consumes (and, with JetStream, relays) until stopped; SIGTERM finishes in-flight work. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<RunningWorker> {
  const { config, log } = options;
  const { workStream, handle, concurrency } = await openWorker(options);
  let stopping = false;
  let server: Server | undefined;
  let metricsPort: number | undefined;
  if (options.metricsPort !== undefined) {
    const operations = { role: 'worker' as const, workStream, isStopping: () => stopping };
    server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      const send = (status: number, type: string, body: string) => {
        response.writeHead(status, { 'content-type': type });
        response.end(body);
      };
      const work = async () => {
        if (path === '/metrics') {
          const given = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
          if (config.metricsToken && given !== config.metricsToken) {
            return send(401, 'text/plain', 'send "Authorization: Bearer <OMBUD_METRICS_TOKEN>"\n');
          }
          const body = await renderMetrics({
            db: handle.db,
            databaseKind: handle.kind,
            workStream,
            concurrency,
            role: 'worker',
            now: () => new Date(),
          });
          return send(200, 'text/plain; version=0.0.4; charset=utf-8', body);
        }
        if (path === '/health') return send(200, 'application/json', '{"status":"ok"}');
        if (path === '/ready') {
          const readiness = await checkReadiness(handle.db, operations);
          return send(
            readiness.status === 'ready' ? 200 : 503,
            'application/json',
            JSON.stringify(readiness),
          );
        }
        return send(404, 'text/plain', 'not found: try /metrics, /health or /ready\n');
      };
      work().catch((error: unknown) => {
        log.error(
          { error: error instanceof Error ? error.message : String(error) },
          'metrics request failed',
        );
        send(500, 'text/plain', 'internal error\n');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(options.metricsPort, config.http.host, () => resolve());
    });
    const address = server.address();
    metricsPort = typeof address === 'object' && address ? address.port : undefined;
  }
  workStream.start();
  log.info(
    { workStream: workStream.kind, concurrency, metricsPort, pid: process.pid },
    `worker running (${workStream.kind} work stream, ${concurrency} at once)`,
  );

  let stopped: Promise<void> | undefined;
  return {
    workStream,
    handle,
    metricsPort,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        const started = Date.now();
        log.info({ inFlight: workStream.counters().inFlight }, 'stopping: finishing in-flight work');
        await workStream.stop();
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
        await handle.close();
        log.info(
          { ...workStream.counters(), stopMillis: Date.now() - started },
          'worker stopped; in-flight work finished',
        );
      })();
      return stopped;
    },
  };
}
