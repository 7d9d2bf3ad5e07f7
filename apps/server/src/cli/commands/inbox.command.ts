import type { Command } from 'commander';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { findCampaignByName } from '../../repositories/campaign.repository.ts';
import { slaReport } from '../../repositories/inbox.repository.ts';
import { evaluateOverflow } from '../../services/inbox-overflow.service.ts';
import { assignOpenItems, rebalanceAssignments } from '../../services/inbox-routing.service.ts';

/** `ombud inbox …`: the inbox's periodic chores (rebalance, overflow check) and its SLA report, as JSON. */
export function registerInboxCommands(program: Command): void {
  const inbox = program
    .command('inbox')
    .description('engagement inbox: rebalance work, overflow check, SLA report');

  inbox
    .command('rebalance')
    .description('move work from agents who went off shift or are over their load, then hand out the queue')
    .action(async () => {
      const handle = await openMigratedDatabase(loadConfig());
      try {
        const workspace = await defaultWorkspace(handle);
        const now = new Date();
        const moves = await rebalanceAssignments(handle.db, workspace.id, now, null);
        const assigned = await assignOpenItems(handle.db, workspace.id, now);
        console.log(JSON.stringify({ moves: moves.length, assigned }));
      } finally {
        await handle.close();
      }
    });

  inbox
    .command('overflow')
    .description("forecast a campaign's backlog against the team on shift and switch overflow mode")
    .requiredOption('--campaign <name>', 'campaign to check')
    .action(async (flags: { campaign: string }) => {
      const handle = await openMigratedDatabase(loadConfig());
      try {
        const workspace = await defaultWorkspace(handle);
        const campaign = await findCampaignByName(handle.db, workspace.id, flags.campaign);
        if (!campaign) {
          console.error(`ombud inbox overflow: no campaign named "${flags.campaign}"`);
          process.exitCode = 1;
          return;
        }
        const outcome = await evaluateOverflow(handle.db, workspace.id, campaign.id, new Date());
        console.log(JSON.stringify(outcome));
      } finally {
        await handle.close();
      }
    });

  inbox
    .command('report')
    .description('SLA report: share met, p50/p90 first response, backlog')
    .option('--days <n>', 'period ending now, in days', '7')
    .action(async (flags: { days: string }) => {
      const days = Number(flags.days);
      if (!(days > 0)) {
        console.error(`ombud inbox report: --days must be a positive number, got "${flags.days}"`);
        process.exitCode = 1;
        return;
      }
      const handle = await openMigratedDatabase(loadConfig());
      try {
        const workspace = await defaultWorkspace(handle);
        const now = new Date();
        console.log(
          JSON.stringify(
            await slaReport(handle.db, workspace.id, new Date(now.getTime() - days * 86_400_000), now, now),
          ),
        );
      } finally {
        await handle.close();
      }
    });
}
