import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { briefSchema, formatBriefIssues } from '@ombud/contract';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { inferFormat, readRecords } from '../../ingest/record-reader.ts';
import { advocateCompliance } from '../../repositories/advocate-post.repository.ts';
import { findCampaignByName } from '../../repositories/campaign.repository.ts';
import { readRoster } from '../../services/advocate-workflow.service.ts';
import { loadCampaignBrief, putCampaignBrief } from '../../services/brand-check.service.ts';
import { openLineOutput } from '../line-output.ts';
import { findingLanguageFlag, LANG_OPTION_HELP, runCheck } from './check.command.ts';

/** Opens the store, runs `work` with the default workspace, closes; a user-facing error exits 1. */
async function withStore(
  name: string,
  work: (handle: DatabaseHandle, workspaceId: string) => Promise<void>,
): Promise<void> {
  const handle = await openMigratedDatabase(loadConfig());
  try {
    const workspace = await defaultWorkspace(handle);
    await work(handle, workspace.id);
  } catch (error) {
    if (!(error instanceof AppError || error instanceof CliError)) throw error;
    console.error(`ombud ${name}: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

class CliError extends Error {}

async function campaignId(handle: DatabaseHandle, workspaceId: string, name: string): Promise<string> {
  const campaign = await findCampaignByName(handle.db, workspaceId, name);
  if (!campaign) throw new CliError(`no campaign named "${name}"`);
  return campaign.id;
}

/** `ombud brief show|set|check` and `ombud advocates list` (issue #6). */
export function registerAdvocatesCommands(program: Command): void {
  const brief = program
    .command('brief')
    .description("a campaign's brief: show it, replace it, check posts against it");

  brief
    .command('show')
    .description("print the campaign's stored brief as JSON")
    .requiredOption('--campaign <name>', 'campaign name')
    .action(async (flags: { campaign: string }) => {
      await withStore('brief show', async (handle, workspaceId) => {
        const id = await campaignId(handle, workspaceId, flags.campaign);
        const { brief: stored } = await loadCampaignBrief(handle.db, workspaceId, id);
        console.log(JSON.stringify(stored, null, 2));
      });
    });

  brief
    .command('set')
    .description('validate a brief file and store it on the campaign (docs/brief.md)')
    .requiredOption('--campaign <name>', 'campaign name')
    .requiredOption('--file <file>', 'brief JSON')
    .action(async (flags: { campaign: string; file: string }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(flags.file, 'utf8'));
      } catch (error) {
        console.error(`ombud brief set: cannot read ${flags.file}: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const parsed = briefSchema.safeParse(raw);
      if (!parsed.success) {
        console.error(
          `ombud brief set: invalid brief ${flags.file}:\n${formatBriefIssues(parsed.error)
            .map((line) => `  ${line}`)
            .join('\n')}`,
        );
        process.exitCode = 1;
        return;
      }
      await withStore('brief set', async (handle, workspaceId) => {
        const id = await campaignId(handle, workspaceId, flags.campaign);
        const stored = await putCampaignBrief(handle.db, workspaceId, id, parsed.data);
        console.log(
          JSON.stringify({ campaign: flags.campaign, brand: stored.brief.brand, synced: stored.synced }),
        );
      });
    });

  brief
    .command('check')
    .description("like `ombud check`, with the campaign's stored brief: one JSON line per post")
    .requiredOption('--campaign <name>', 'campaign name')
    .requiredOption(
      '--input <file>',
      'JSONL (or CSV) of posts with id, text and optional market, language, advocate',
    )
    .option('--output <file>', 'write results here instead of stdout')
    .option('--lang <language>', LANG_OPTION_HELP)
    .action(async (flags: { campaign: string; input: string; output?: string; lang?: string }) => {
      await withStore('brief check', async (handle, workspaceId) => {
        let language: ReturnType<typeof findingLanguageFlag>;
        try {
          language = findingLanguageFlag(flags.lang);
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        const id = await campaignId(handle, workspaceId, flags.campaign);
        const { compiled } = await loadCampaignBrief(handle.db, workspaceId, id);
        const input = createReadStream(flags.input);
        try {
          await once(input, 'open');
        } catch (error) {
          throw new CliError(`cannot read ${flags.input}: ${(error as Error).message}`);
        }
        const output = openLineOutput(flags.output);
        try {
          const summary = await runCheck(
            readRecords(input, { format: inferFormat(flags.input) ?? 'jsonl' }),
            compiled,
            {
              write: (line) => output.write(line),
              onProblem: (p) => console.error(`${flags.input}:${p.line}: ${p.field}: ${p.reason}`),
              language,
            },
          );
          console.error(
            `ombud brief check: ${summary.posts} posts, ${summary.contradicted} contradicted claims, ` +
              `${summary.disclosureProblems} disclosure problems, ${summary.rejected} rejected lines`,
          );
        } finally {
          await output.close();
        }
      });
    });

  program
    .command('advocates')
    .description("the advocate roster with each advocate's compliance and reach, one JSON line each")
    .action(async () => {
      await withStore('advocates', async (handle, workspaceId) => {
        for (const advocate of await readRoster(
          handle.db,
          workspaceId,
          { kind: 'cli', id: null },
          new Date(),
        )) {
          const compliance = await advocateCompliance(handle.db, workspaceId, advocate.id);
          const { email: _email, ...withoutEmail } = advocate;
          console.log(JSON.stringify({ ...withoutEmail, compliance }));
        }
      });
    });
}
