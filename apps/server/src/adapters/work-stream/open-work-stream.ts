import { hostname } from 'node:os';
import type { AppConfig } from '../../config.ts';
import { createEmbeddedWorkStream } from './embedded.work-stream.ts';
import { listenForJobs } from './job-notifications.ts';
import { openJetStreamWorkStream } from './jetstream.work-stream.ts';
import type { WorkStream, WorkStreamDependencies } from './work-stream.ts';

/** Opens the work stream the configuration asks for: JetStream when NATS_URL is set, else embedded. */
export async function openWorkStream(
  config: Pick<AppConfig, 'workStream' | 'database'>,
  deps: WorkStreamDependencies,
): Promise<WorkStream> {
  // New jobs wake idle workers at once on a PostgreSQL server; PGlite's workers poll (and there the
  // ingest runs in the same process anyway).
  const notifications =
    config.database.kind === 'postgres' ? listenForJobs(config.database.url, deps.log) : undefined;
  if (config.workStream.kind === 'jetstream') {
    try {
      return await openJetStreamWorkStream({
        ...deps,
        servers: config.workStream.servers,
        stream: config.workStream.stream,
        connectionName: `ombud@${hostname()}:${process.pid}`,
        ...(notifications ? { notifications } : {}),
      });
    } catch (error) {
      await notifications?.close();
      throw error;
    }
  }
  // PGlite has one connection: a second delivery at once would only wait for it.
  const concurrency = config.database.kind === 'pglite' ? 1 : deps.concurrency;
  return createEmbeddedWorkStream({ ...deps, concurrency, ...(notifications ? { notifications } : {}) });
}
