import { InvalidArgumentError } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../config.ts';
import { ensureInboxTickScheduled } from '../../jobs/inbox.jobs.ts';
import { ensureDigestTickScheduled } from '../../jobs/listening.jobs.ts';
import { ensureRetentionScheduled } from '../../services/retention.service.ts';
import { openWorker, startWorkerProcess } from '../../services/stream-worker.service.ts';
import { startConnectorSupervisor } from '../../services/connector-supervisor.service.ts';
import type { CommandRegistration } from '../command.ts';

const positiveInteger = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535)
    throw new InvalidArgumentError(`expected a whole number from 0 to 65535, got "${value}"`);
  return parsed;
};

export const registerWorkerCommand: CommandRegistration = (program) => {
  program
    .command('worker')
    .description(
      'run background jobs only; start as many as you like, on any machines, against one PostgreSQL server ' +
        '(and NATS JetStream when NATS_URL is set)',
    )
    .option('--drain', 'run until no job is left, then exit')
    .option('--concurrency <n>', 'jobs handled at once (default OMBUD_WORKER_CONCURRENCY)', positiveInteger)
    .option(
      '--metrics-port <port>',
      'serve /metrics, /health and /ready on this port (0: any free port)',
      positiveInteger,
    )
    .action(async (flags: { drain?: boolean; concurrency?: number; metricsPort?: number }) => {
      const config = loadConfig();
      if (config.database.kind === 'pglite') {
        console.error(
          'ombud worker: separate workers need a PostgreSQL server (set DATABASE_URL). ' +
            'With the embedded database, `ombud start` runs the workers in its own process.',
        );
        process.exitCode = 2;
        return;
      }
      const log = pino({ level: config.logLevel, base: { pid: process.pid, role: 'worker' } });
      const concurrency = flags.concurrency && flags.concurrency > 0 ? flags.concurrency : undefined;
      if (flags.drain) {
        const { workStream, handle } = await openWorker({
          config,
          log,
          ...(concurrency ? { concurrency } : {}),
        });
        const ran = await workStream.drain();
        await workStream.stop();
        await handle.close();
        log.info({ jobs: ran }, `drained ${ran} jobs`);
        return;
      }
      const worker = await startWorkerProcess({
        config,
        log,
        ...(concurrency ? { concurrency } : {}),
        ...(flags.metricsPort !== undefined ? { metricsPort: flags.metricsPort } : {}),
      });
      // Any worker keeps the scheduled chains alive (inbox tick, retention, digests), so they run
      // without `ombud start`; each booking is serialised, so one job waits however many book it.
      const now = new Date();
      const inboxTick = await ensureInboxTickScheduled(worker.handle.db, now);
      const retention = await ensureRetentionScheduled(worker.handle.db);
      const digestTick = config.mail ? await ensureDigestTickScheduled(worker.handle.db, now) : false;
      log.info({ inboxTick, retention, digestTick }, 'scheduled jobs checked (true: booked by this worker)');
      // Every worker runs connectors too; the lease in the database gives each to one of them.
      const connectors = startConnectorSupervisor({
        db: worker.handle.db,
        log: log.child({ component: 'connectors' }),
      });
      let signals = 0;
      const stop = (signal: string) => {
        signals += 1;
        if (signals > 1) {
          log.warn(`${signal} again: exiting without waiting for in-flight work`);
          process.exit(1);
        }
        log.info(`${signal}: finishing in-flight work, then exiting`);
        // Connectors store their batch in flight and give their leases up before the work stream stops.
        connectors
          .stop()
          .then(() => worker.stop())
          .then(
            () => process.exit(0),
            (error: unknown) => {
              log.error({ error: error instanceof Error ? error.message : String(error) }, 'stop failed');
              process.exit(1);
            },
          );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
};
