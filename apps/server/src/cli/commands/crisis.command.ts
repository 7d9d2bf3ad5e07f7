import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { drillInputSchema } from '@ombud/contract';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { createJobRunner } from '../../jobs/job-runner.ts';
import { createJobRegistry } from '../../jobs/registry.ts';
import { findCampaignByName } from '../../repositories/campaign.repository.ts';
import { getDrill, startDrill } from '../../services/crisis-drill.service.ts';
import { listIncidents } from '../../services/incident.service.ts';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`not a whole number: ${value}`);
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError(`not a positive number: ${value}`);
  return n;
}

/** `ombud` sub-commands for issue #4 (crisis): drills and the incident list. */
export function registerCrisisCommands(program: Command): void {
  program
    .command('drill')
    .description(
      'replay a generated (or recorded) crisis into a sandbox copy of a campaign and report time-to-alert',
    )
    .requiredOption('--campaign <name>', 'campaign to copy into the sandbox')
    .option('--seed <n>', 'generator seed of the replayed crisis', integer, 20261123)
    .option('--hours <h>', 'hours of the crisis to replay after its onset', positive, 6)
    .option('--baseline-days <n>', 'days of ordinary traffic before the onset', integer, 8)
    .option('--from <iso>', 'replay this campaign’s own posts from this time (recorded drill)')
    .option('--to <iso>', 'end of the recorded window')
    .option('--onset <iso>', 'onset of the recorded crisis')
    .option('--no-run', 'only ingest; leave the analysis to running workers')
    .action(
      async (flags: {
        campaign: string;
        seed: number;
        hours: number;
        baselineDays: number;
        from?: string;
        to?: string;
        onset?: string;
        run: boolean;
      }) => {
        const handle = await openMigratedDatabase(loadConfig());
        try {
          const workspace = await defaultWorkspace(handle);
          const campaign = await findCampaignByName(handle.db, workspace.id, flags.campaign);
          if (!campaign) {
            console.error(`ombud drill: no campaign named "${flags.campaign}"`);
            process.exitCode = 1;
            return;
          }
          const recorded = flags.from !== undefined || flags.to !== undefined || flags.onset !== undefined;
          const parsed = drillInputSchema.safeParse({
            campaignId: campaign.id,
            scenario: recorded
              ? { kind: 'recorded', from: flags.from, to: flags.to, onset: flags.onset }
              : { kind: 'generated', seed: flags.seed, baselineDays: flags.baselineDays, hours: flags.hours },
          });
          if (!parsed.success) {
            console.error(
              `ombud drill: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
            );
            process.exitCode = 1;
            return;
          }
          const now = new Date();
          const drill = await startDrill(handle.db, {
            workspaceId: workspace.id,
            userId: null,
            input: parsed.data,
            now,
          });
          console.error(`drill ${drill.id}: ${drill.posts} posts replayed into the sandbox campaign`);
          if (flags.run) {
            const runner = createJobRunner({
              registry: createJobRegistry(),
              context: { db: handle.db, now: () => new Date() },
              log: { info: () => undefined, warn: console.error, error: console.error },
            });
            await runner.drain();
          }
          const result = await getDrill(handle.db, workspace.id, drill.id);
          console.error(
            result.minutesToAlert === null
              ? 'no incident raised (yet)'
              : `incident ${result.incidentId} raised ${result.minutesToAlert} simulated minutes after the onset`,
          );
          console.log(JSON.stringify(result));
        } finally {
          await handle.close();
        }
      },
    );

  program
    .command('incidents')
    .description('list the incidents of the workspace, newest first (JSON lines)')
    .option('--status <status>', 'open, acknowledged or resolved')
    .action(async (flags: { status?: string }) => {
      const status = flags.status;
      if (status !== undefined && !['open', 'acknowledged', 'resolved'].includes(status)) {
        console.error(`ombud incidents: --status must be open, acknowledged or resolved, not "${status}"`);
        process.exitCode = 1;
        return;
      }
      const handle = await openMigratedDatabase(loadConfig());
      try {
        const workspace = await defaultWorkspace(handle);
        const incidents = await listIncidents(handle.db, workspace.id, {
          status: status as 'open' | 'acknowledged' | 'resolved' | undefined,
          limit: 200,
        });
        for (const incident of incidents) console.log(JSON.stringify(incident));
      } finally {
        await handle.close();
      }
    });
}
