import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, Option } from 'commander';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { missingRequiredColumns, parseMappingOverrides, withOverrides } from '../../ingest/field-mapping.ts';
import { inferFormat, readRecords, type InputFormat } from '../../ingest/record-reader.ts';
import { findCampaignByName } from '../../repositories/campaign.repository.ts';
import { ingestRecords } from '../../services/ingest.service.ts';
import type { CommandRegistration } from '../command.ts';

function parsePositiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError('must be a positive whole number');
  return number;
}

export const registerImportCommand: CommandRegistration = (program) => {
  program
    .command('import')
    .description('import posts from a CSV or JSONL file; bad lines are reported, good ones kept')
    .argument('<file>', 'CSV or JSONL file (docs/import-format.md)')
    .option('--campaign <name>', 'campaign every imported post joins (matching adds others)')
    .addOption(
      new Option('--format <format>', 'input format (default: from the file extension)').choices([
        'csv',
        'jsonl',
      ]),
    )
    .option('--map <mapping>', 'field overrides, e.g. "text=Message,id=Guid"')
    .option('--source <name>', "source the external ids belong to (default: each post's platform)")
    .option('--platform <name>', 'platform for records that name none', 'import')
    .option('--delimiter <char>', 'CSV delimiter (default: sniffed from the header)')
    .option('--max-record-bytes <bytes>', 'largest accepted record', parsePositiveInt, 1024 * 1024)
    .option('--no-progress', 'do not draw a progress bar')
    .action(
      async (
        file: string,
        flags: {
          campaign?: string;
          format?: InputFormat;
          map?: string;
          source?: string;
          platform: string;
          delimiter?: string;
          maxRecordBytes: number;
          progress: boolean;
        },
      ) => {
        const format = flags.format ?? inferFormat(file);
        if (!format) {
          console.error(
            `ombud import: cannot tell the format of ${file}; pass --format csv or --format jsonl`,
          );
          process.exitCode = 2;
          return;
        }
        let size: number;
        try {
          size = (await stat(file)).size;
        } catch (error) {
          console.error(`ombud import: cannot read ${file}: ${(error as Error).message}`);
          process.exitCode = 1;
          return;
        }
        const mapping = withOverrides(flags.map ? parseMappingOverrides(flags.map) : {});
        const config = loadConfig();
        const handle = await openMigratedDatabase(config);
        try {
          const workspace = await defaultWorkspace(handle);
          let campaignIds: string[] = [];
          if (flags.campaign) {
            const campaign = await findCampaignByName(handle.db, workspace.id, flags.campaign);
            if (!campaign) {
              console.error(`ombud import: no campaign named "${flags.campaign}"`);
              process.exitCode = 1;
              return;
            }
            campaignIds = [campaign.id];
          }
          const showProgress = flags.progress && process.stderr.isTTY;
          const bar = new SingleBar({
            format:
              ' {bar} {percentage}% | {value}/{total} MB | accepted {accepted} duplicate {duplicate} rejected {rejected}',
            stream: process.stderr,
          });
          // Progress reads the stream's own byte count: a 'data' listener would start the stream
          // flowing before the reader iterates it, and chunks read meanwhile would be lost.
          const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
          if (showProgress)
            bar.start(Math.max(1, Math.round(size / 1e6)), 0, { accepted: 0, duplicate: 0, rejected: 0 });
          let headerProblem: string | undefined;
          const summary = await ingestRecords(
            handle.db,
            readRecords(stream, {
              format,
              maxRecordBytes: flags.maxRecordBytes,
              ...(flags.delimiter ? { delimiter: flags.delimiter } : {}),
              onHeader: (columns, delimiter) => {
                const missing = missingRequiredColumns(columns, mapping);
                if (missing.length > 0) {
                  headerProblem = `the header (${columns.join(' | ')}, delimiter ${JSON.stringify(delimiter)}) has no column for: ${missing.join(', ')}. Check --delimiter or map columns with --map.`;
                  console.error(`${file}:1: header: ${headerProblem}`);
                }
              },
            }),
            {
              workspaceId: workspace.id,
              campaignIds,
              sourceKind: 'import',
              ...(flags.source ? { sourceName: flags.source } : {}),
              fileName: basename(file),
              format,
              mapping,
              defaultPlatform: flags.platform,
              now: new Date(),
              onProblem: (problem) => {
                const message = `${file}:${problem.line}: ${problem.field ?? problem.code}: ${problem.reason}`;
                if (showProgress) bar.stop();
                console.error(message);
                if (showProgress)
                  bar.start(Math.max(1, Math.round(size / 1e6)), Math.round(stream.bytesRead / 1e6));
              },
              onProgress: (counts) => {
                if (showProgress) bar.update(Math.round(stream.bytesRead / 1e6), counts);
              },
            },
          );
          if (showProgress) bar.stop();
          console.error(
            `import ${summary.batchId}: accepted ${summary.accepted}, duplicate ${summary.duplicate}, rejected ${summary.rejected}`,
          );
          console.log(
            JSON.stringify({
              batchId: summary.batchId,
              accepted: summary.accepted,
              duplicate: summary.duplicate,
              rejected: summary.rejected,
            }),
          );
          if (headerProblem && summary.accepted + summary.duplicate === 0) process.exitCode = 1;
        } finally {
          await handle.close();
        }
      },
    );
};
