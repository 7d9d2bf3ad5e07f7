import { loadConfig } from '../../config.ts';
import { openMigratedDatabase } from '../../app-context.ts';
import { buildHttpApp } from '../../http/app.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { seedDemoIfEmpty } from '../../services/demo.service.ts';
import type { CommandRegistration } from '../command.ts';

export const registerStartCommand: CommandRegistration = (program) => {
  program
    .command('start')
    .description('run the API and the workers in one process (embedded PGlite unless DATABASE_URL is set)')
    .option('--demo', 'on an empty store, create the demo workspace and its generated campaign stream')
    .action(async (flags: { demo?: boolean }) => {
      const config = loadConfig();
      const handle = await openMigratedDatabase(config);
      const app = await buildHttpApp({
        db: handle.db,
        databaseKind: handle.kind,
        secureCookies: config.http.secureCookies,
        logLevel: config.logLevel,
      });
      const runner = createJobRunner({
        registry: createJobRegistry(),
        context: { db: handle.db, now: () => new Date() },
        log: app.log,
      });
      if (flags.demo) {
        const seeded = await seedDemoIfEmpty(handle.db, {
          now: new Date(),
          log: (message) => app.log.info(message),
        });
        if (seeded)
          app.log.info(`demo workspace ready: ${seeded.posts} posts in campaign "${seeded.campaignName}"`);
      }
      runner.start();
      await app.listen({ host: config.http.host, port: config.http.port });
      app.log.info(
        `Ombud is running at http://${config.http.host}:${config.http.port} (API docs at /api/docs)`,
      );

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.log.info(`${signal}: finishing in-flight work`);
        await app.close();
        await runner.stop();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
};
