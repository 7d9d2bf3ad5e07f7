import { hostname } from 'node:os';
import type { AppConfig } from '../../config.ts';
import { createEmbeddedWorkStream } from './embedded.work-stream.ts';
import { openJetStreamWorkStream } from './jetstream.work-stream.ts';
import type { WorkStream, WorkStreamDependencies } from './work-stream.ts';

/** Opens the work stream the configuration asks for: JetStream when NATS_URL is set, else embedded. */
export async function openWorkStream(
  config: Pick<AppConfig, 'workStream' | 'database'>,
  deps: WorkStreamDependencies,
): Promise<WorkStream> {
  if (config.workStream.kind === 'jetstream') {
    return openJetStreamWorkStream({
      ...deps,
      servers: config.workStream.servers,
      stream: config.workStream.stream,
      connectionName: `ombud@${hostname()}:${process.pid}`,
    });
  }
  // PGlite has one connection: a second delivery at once would only wait for it.
  const concurrency = config.database.kind === 'pglite' ? 1 : deps.concurrency;
  return createEmbeddedWorkStream({ ...deps, concurrency });
}
