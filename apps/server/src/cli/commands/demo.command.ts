import { openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import { seedDemoIfEmpty } from '../../services/demo.service.ts';
import type { CommandRegistration } from '../command.ts';

export const registerDemoCommand: CommandRegistration = (program) => {
  program
    .command('demo')
    .description(
      'create the demo workspace, campaign and generated 14-day stream in an empty store, then analyse it',
    )
    .action(async () => {
      const handle = await openMigratedDatabase(loadConfig());
      try {
        const seeded = await seedDemoIfEmpty(handle.db, {
          now: new Date(),
          log: (message) => console.error(message),
        });
        if (!seeded) {
          console.error('ombud demo: the store is not empty; the demo is only created in an empty store');
          process.exitCode = 1;
          return;
        }
        const log = { info: () => undefined, warn: console.error, error: console.error };
        const runner = createJobRunner({
          registry: createJobRegistry(),
          context: { db: handle.db, now: () => new Date() },
          log,
        });
        await runner.drain();
        console.log(
          JSON.stringify({
            workspaceId: seeded.workspaceId,
            campaign: seeded.campaignName,
            posts: seeded.posts,
          }),
        );
      } finally {
        await handle.close();
      }
    });
};
