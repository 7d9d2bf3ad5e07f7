import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import { findCampaignByName } from '../../repositories/campaign.repository.ts';
import { queueCampaignReanalysis } from '../../services/reanalysis.service.ts';
import type { CommandRegistration } from '../command.ts';

export const registerReanalyzeCommand: CommandRegistration = (program) => {
  program
    .command('reanalyze')
    .description("analyse a campaign's stored posts again, e.g. after a model or lexicon change")
    .requiredOption('--campaign <name>', 'campaign whose posts to analyse again')
    .option('--no-run', 'only queue the work for running workers')
    .action(async (flags: { campaign: string; run: boolean }) => {
      const handle = await openMigratedDatabase(loadConfig());
      try {
        const workspace = await defaultWorkspace(handle);
        const campaign = await findCampaignByName(handle.db, workspace.id, flags.campaign);
        if (!campaign) {
          console.error(`ombud reanalyze: no campaign named "${flags.campaign}"`);
          process.exitCode = 1;
          return;
        }
        const queued = await queueCampaignReanalysis(handle.db, campaign.id);
        console.error(`queued ${queued} posts of "${campaign.name}" for analysis`);
        if (flags.run) {
          const log = { info: () => undefined, warn: console.error, error: console.error };
          const runner = createJobRunner({
            registry: createJobRegistry(),
            context: { db: handle.db, now: () => new Date() },
            log,
          });
          await runner.drain();
          console.error('analysis finished');
        }
        console.log(JSON.stringify({ campaign: campaign.name, queued }));
      } finally {
        await handle.close();
      }
    });
};
