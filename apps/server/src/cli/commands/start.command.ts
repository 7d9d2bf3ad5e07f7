import pino from 'pino';
import { loadConfig } from '../../config.ts';
import { openMigratedDatabase } from '../../app-context.ts';
import { buildHttpApp } from '../../http/app.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import { openWorkStream } from '../../adapters/work-stream/open-work-stream.ts';
import { seedDemoIfEmpty } from '../../services/demo.service.ts';
import { startConnectorSupervisor } from '../../services/connector-supervisor.service.ts';
import { ensureRetentionScheduled } from '../../services/retention.service.ts';
import { ensureInboxTickScheduled } from '../../jobs/inbox.jobs.ts';
import { ensureDigestTickScheduled } from '../../jobs/listening.jobs.ts';
import type { CommandRegistration } from '../command.ts';

export const registerStartCommand: CommandRegistration = (program) => {
  program
    .command('start')
    .description('run the API and the workers in one process (embedded PGlite unless DATABASE_URL is set)')
    .option('--demo', 'on an empty store, create the demo workspace and its generated campaign stream')
    .action(async (flags: { demo?: boolean }) => {
      const config = loadConfig();
      const handle = await openMigratedDatabase(config);
      await ensureRetentionScheduled(handle.db);
      await ensureInboxTickScheduled(handle.db, new Date());
      if (config.mail) await ensureDigestTickScheduled(handle.db, new Date());
      let stopping = false;
      const workStream = await openWorkStream(config, {
        db: handle.db,
        handlers: createJobRegistry({ mail: config.mail, publicUrl: config.publicUrl }),
        log: pino({ level: config.logLevel }).child({ component: 'work-stream' }),
        now: () => new Date(),
        concurrency: config.workerConcurrency,
      });
      const app = await buildHttpApp({
        db: handle.db,
        databaseKind: handle.kind,
        secureCookies: config.http.secureCookies,
        logLevel: config.logLevel,
        operations: {
          role: 'all',
          workStream,
          concurrency: config.workerConcurrency,
          metricsToken: config.metricsToken,
          isStopping: () => stopping,
        },
      });
      if (flags.demo) {
        const seeded = await seedDemoIfEmpty(handle.db, {
          now: new Date(),
          log: (message) => app.log.info(message),
        });
        if (seeded)
          app.log.info(`demo workspace ready: ${seeded.posts} posts in campaign "${seeded.campaignName}"`);
      }
      workStream.start();
      const connectors = startConnectorSupervisor({
        db: handle.db,
        log: app.log.child({ component: 'connectors' }),
      });
      await app.listen({ host: config.http.host, port: config.http.port });
      app.log.info(
        `Ombud is running at http://${config.http.host}:${config.http.port} (API docs at /api/docs)`,
      );

      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.log.info(`${signal}: finishing in-flight work`);
        await app.close();
        await connectors.stop();
        await workStream.stop();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
};
