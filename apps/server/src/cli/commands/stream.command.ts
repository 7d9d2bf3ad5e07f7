import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../../config.ts';
import { readPipelineTotals } from '../../repositories/stream.repository.ts';
import { openWorker } from '../../services/stream-worker.service.ts';

/** `ombud stream status`: the work stream's queue depth, lag and failures, as one JSON object. */
export function registerStreamCommands(program: Command): void {
  const stream = program.command('stream').description('the work stream that carries jobs to workers');
  stream
    .command('status')
    .description('queue depth, in flight, lag, failed jobs and posts through the pipeline, as JSON')
    .action(async () => {
      const config = loadConfig();
      const log = pino({ level: 'warn' });
      const { workStream, handle } = await openWorker({ config, log, concurrency: 1 });
      try {
        const since = new Date(Date.now() - 5 * 60_000);
        const [stats, readiness, recent] = await Promise.all([
          workStream.stats(),
          workStream.readiness(),
          readPipelineTotals(handle.db, since),
        ]);
        console.log(
          JSON.stringify(
            { ...stats, ready: readiness.ready, checks: readiness.checks, postsLast5Minutes: recent.posts },
            null,
            2,
          ),
        );
      } finally {
        await workStream.stop();
        await handle.close();
      }
    });
}
