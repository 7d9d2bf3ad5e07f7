import pino from 'pino';
import { openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import type { CommandRegistration } from '../command.ts';

export const registerWorkerCommand: CommandRegistration = (program) => {
  program
    .command('worker')
    .description('run background jobs only; start as many as you like against one PostgreSQL server')
    .option('--drain', 'run until no job is left, then exit')
    .action(async (flags: { drain?: boolean }) => {
      const config = loadConfig();
      if (config.database.kind === 'pglite') {
        console.error(
          'ombud worker: separate workers need a PostgreSQL server (set DATABASE_URL). ' +
            'With the embedded database, `ombud start` runs the workers in its own process.',
        );
        process.exitCode = 2;
        return;
      }
      const log = pino({ level: config.logLevel });
      const handle = await openMigratedDatabase(config);
      const runner = createJobRunner({
        registry: createJobRegistry(),
        context: { db: handle.db, now: () => new Date() },
        log,
      });
      if (flags.drain) {
        const ran = await runner.drain();
        log.info(`drained ${ran} jobs`);
        await handle.close();
        return;
      }
      runner.start();
      log.info('worker running');
      const stop = async () => {
        await runner.stop();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
};
