import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { readinessLocaleSchema } from '@ombud/contract';
import type { ReadinessLocale } from '@ombud/core';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { findCampaignByName, listCampaigns } from '../../repositories/campaign.repository.ts';
import { renderReadinessReportHtml } from '../../services/readiness-report.html.ts';
import { printHtmlToPdf } from '../../services/readiness-report.pdf.ts';
import { assessCampaignReadiness, type ReadinessResult } from '../../services/readiness.service.ts';

function locale(raw: string): ReadinessLocale {
  const parsed = readinessLocaleSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidArgumentError('must be one of en, es, sv');
  return parsed.data;
}

/** Opens the store, finds the campaign by name (or id) in the default workspace and assesses it. */
async function assessByName(
  campaignName: string,
  lang: ReadinessLocale,
): Promise<ReadinessResult | undefined> {
  const handle = await openMigratedDatabase(loadConfig());
  try {
    const workspace = await defaultWorkspace(handle);
    const campaign =
      (await findCampaignByName(handle.db, workspace.id, campaignName)) ??
      (await listCampaigns(handle.db, workspace.id)).find((c) => c.id === campaignName);
    if (!campaign) {
      const names = (await listCampaigns(handle.db, workspace.id)).map((c) => `"${c.name}"`);
      console.error(
        `ombud readiness: no campaign named "${campaignName}" in workspace "${workspace.name}"` +
          (names.length > 0 ? ` (campaigns: ${names.join(', ')})` : ' (it has no campaigns)'),
      );
      process.exitCode = 1;
      return undefined;
    }
    return await assessCampaignReadiness(handle.db, workspace.id, campaign.id, {
      now: new Date(),
      locale: lang,
    });
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`ombud readiness: ${error.message}`);
      process.exitCode = 1;
      return undefined;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

/** Bad flags are bad usage: exit 2 like commander's own usage errors, 0 for --help. */
function usageExitCodes(command: Command): Command {
  return command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

/** `ombud readiness …`: the launch readiness assessment and its report. */
export function registerReadinessCommands(program: Command): void {
  const readiness = program
    .command('readiness')
    .description(
      'Launch readiness: risk assessment with evidence, forecast, capacity, crisis scenario, report',
    );

  usageExitCodes(
    readiness
      .command('assess')
      .description('print the assessment: gate, risks and open actions (or the whole assessment as JSON)')
      .requiredOption('--campaign <name>', 'campaign name (or id)')
      .option('--lang <code>', 'en, es or sv', locale, 'en' as ReadinessLocale)
      .option('--json', 'print the whole assessment as JSON')
      .action(async (flags: { campaign: string; lang: ReadinessLocale; json?: boolean }) => {
        const result = await assessByName(flags.campaign, flags.lang);
        if (!result) return;
        const report = result.response;
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const lines = [
          `${report.campaignName}: readiness ${(report.score * 100).toFixed(0)} %, gate ${report.gate.blocked ? 'BLOCKED' : 'open'}`,
          ...report.risks.map(
            (risk) =>
              `  ${risk.level.padEnd(6)} ${(risk.score * 100).toFixed(0).padStart(3)} %  ${risk.title}`,
          ),
          'open actions:',
          ...report.openActions.map((action, i) => {
            const question = report.questions.find((q) => q.id === action.id);
            const evidence = question?.evidence.map((e) => e.text).join(' ') ?? '';
            return `  ${i + 1}. ${action.critical ? '[critical] ' : ''}${question?.question ?? action.id}\n     ${evidence}\n     → ${action.fix}`;
          }),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
  );

  usageExitCodes(
    readiness
      .command('report')
      .description('write the readiness report as PDF (printed by Chromium) or self-contained HTML')
      .requiredOption('--campaign <name>', 'campaign name (or id)')
      .requiredOption('--output <file>', 'where to write the report (.pdf or .html)')
      .option('--lang <code>', 'en, es or sv', locale, 'en' as ReadinessLocale)
      .option('--format <format>', 'pdf or html (default: from the output file name)')
      .action(async (flags: { campaign: string; output: string; lang: ReadinessLocale; format?: string }) => {
        const format = flags.format ?? (flags.output.toLowerCase().endsWith('.html') ? 'html' : 'pdf');
        if (format !== 'pdf' && format !== 'html') {
          console.error(`ombud readiness report: --format must be pdf or html, got "${format}"`);
          process.exitCode = 2;
          return;
        }
        const result = await assessByName(flags.campaign, flags.lang);
        if (!result) return;
        const html = renderReadinessReportHtml(result.response);
        const bytes = format === 'html' ? Buffer.from(html, 'utf8') : await printHtmlToPdf(html);
        await writeFile(flags.output, bytes);
        const report = result.response;
        console.error(
          `ombud readiness report: ${flags.output} (${format}, ${flags.lang}, ${bytes.length} bytes); ` +
            `gate ${report.gate.blocked ? 'blocked' : 'open'}, ${report.openActions.length} open action(s)`,
        );
      }),
  );
}
