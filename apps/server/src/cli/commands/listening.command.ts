import { once } from 'node:events';
import type { Command } from 'commander';
import nodemailer from 'nodemailer';
import { listeningFilterSchema } from '@ombud/contract';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { findCampaignByName } from '../../repositories/campaign.repository.ts';
import { iterateMentions } from '../../repositories/listening-search.repository.ts';
import { sendDueDigests } from '../../services/listening-digest.service.ts';
import { exportChunks } from '../../services/listening-export.service.ts';
import { resolveFilter } from '../../services/listening.service.ts';

interface SearchFlags {
  campaign?: string;
  q?: string;
  language?: string;
  market?: string;
  sentiment?: string;
  intent?: string;
  aspect?: string;
  source?: string;
  author?: string;
  risk?: string;
  from?: string;
  to?: string;
  format: string;
  max: string;
}

/** `ombud listening …`: export a mentions search, send the e-mail digests that are due. */
export function registerListeningCommands(program: Command): void {
  const listening = program.command('listening').description('mentions search exports and e-mail digests');

  listening
    .command('export')
    .description('write every post matching a search as CSV or JSON to stdout')
    .option('--campaign <name>', 'only posts of this campaign')
    .option('--q <text>', 'full-text query in web-search syntax ("a phrase", -not, or)')
    .option('--language <codes>', 'e.g. es,en')
    .option('--market <codes>', 'e.g. ES,SE')
    .option('--sentiment <labels>', 'positive, neutral, negative')
    .option('--intent <labels>', 'e.g. complaint,churn_threat')
    .option('--aspect <labels>', 'e.g. delivery,safety')
    .option('--source <names>', 'e.g. twitter,instagram')
    .option('--author <handle>', 'one author')
    .option('--risk <flags>', 'toxic, churn_threat, safety, poaching, switch')
    .option('--from <iso>', 'from this instant (ISO 8601)')
    .option('--to <iso>', 'until this instant (ISO 8601)')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--max <n>', 'at most this many posts', '1000000')
    .action(async (flags: SearchFlags) => {
      const handle = await openMigratedDatabase(loadConfig());
      try {
        const workspace = await defaultWorkspace(handle);
        let campaignId: string | undefined;
        if (flags.campaign) {
          const campaign = await findCampaignByName(handle.db, workspace.id, flags.campaign);
          if (!campaign) {
            console.error(`ombud listening export: no campaign named "${flags.campaign}"`);
            process.exitCode = 1;
            return;
          }
          campaignId = campaign.id;
        }
        const { campaign: _campaign, format, max, ...rest } = flags;
        const parsed = listeningFilterSchema.safeParse({ ...rest, campaignId });
        const maxPosts = Number(max);
        if (!parsed.success || (format !== 'csv' && format !== 'json') || !(maxPosts >= 1)) {
          const problems = parsed.success
            ? []
            : parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`);
          if (format !== 'csv' && format !== 'json') problems.push('--format: csv or json');
          if (!(maxPosts >= 1)) problems.push('--max: a positive number');
          console.error(`ombud listening export:\n  ${problems.join('\n  ')}`);
          process.exitCode = 2;
          return;
        }
        const filter = await resolveFilter(handle.db, workspace.id, parsed.data);
        for await (const chunk of exportChunks(
          iterateMentions(handle.db, workspace.id, filter, maxPosts),
          format,
        )) {
          if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
        }
      } finally {
        await handle.close();
      }
    });

  listening
    .command('digests')
    .description('send the saved-search digests that are due (run it every few minutes, e.g. from cron)')
    .requiredOption('--smtp <url>', 'SMTP server, e.g. smtp://user:pass@mail.example.com:587')
    .option('--from <address>', 'sender address', 'ombud@localhost')
    .action(async (flags: { smtp: string; from: string }) => {
      const handle = await openMigratedDatabase(loadConfig());
      const transport = nodemailer.createTransport(flags.smtp);
      try {
        const result = await sendDueDigests(
          handle.db,
          { sendMail: (message) => transport.sendMail(message) },
          { now: new Date(), from: flags.from },
        );
        console.log(JSON.stringify(result));
        if (result.failed > 0) process.exitCode = 1;
      } finally {
        transport.close();
        await handle.close();
      }
    });
}
