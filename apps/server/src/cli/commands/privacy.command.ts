import type { Command } from 'commander';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import { appendAudit, verifyAuditLog } from '../../services/audit-log.service.ts';
import { subjectHash } from '../../services/privacy-subject.ts';
import { eraseSubjects, exportSubjects, subjectExportToCsv } from '../../services/data-subject.service.ts';
import { runRetention } from '../../services/retention.service.ts';

async function withDatabase<T>(
  work: (handle: Awaited<ReturnType<typeof openMigratedDatabase>>) => Promise<T>,
) {
  const handle = await openMigratedDatabase(loadConfig());
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** `ombud audit verify` and `ombud privacy …` (issue #7). */
export function registerPrivacyCommands(program: Command): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit log');
  audit
    .command('verify')
    .description(
      'recompute every hash of the audit chain; exit 1 if an entry was edited, removed or reordered',
    )
    .option('--workspace <id>', 'only this workspace (default: every workspace)')
    .action(async (flags: { workspace?: string }) => {
      const result = await withDatabase((handle) => verifyAuditLog(handle.db, flags.workspace));
      console.log(JSON.stringify(result));
      if (result.ok) {
        console.error(`audit log intact: ${result.entries} entries in ${result.workspaces} workspace(s)`);
      } else {
        console.error(
          `audit log BROKEN at entry ${result.brokenAt.seq} (workspace ${result.brokenAt.workspaceId}): ${result.brokenAt.reason}`,
        );
        process.exitCode = 1;
      }
    });

  const privacy = program.command('privacy').description('data-subject requests and retention');
  privacy
    .command('export')
    .description('everything stored about a person (GDPR access), as JSON or CSV on stdout')
    .requiredOption('--platform <name>', 'network the handle belongs to, e.g. twitter')
    .requiredOption('--handle <handle>', "the person's handle")
    .option('--format <format>', 'json or csv', 'json')
    .action(async (flags: { platform: string; handle: string; format: string }) => {
      if (flags.format !== 'json' && flags.format !== 'csv') {
        console.error('ombud privacy export: --format must be json or csv');
        process.exitCode = 2;
        return;
      }
      await withDatabase(async (handle) => {
        const workspace = await defaultWorkspace(handle);
        const document = await exportSubjects(handle.db, {
          workspaceId: workspace.id,
          identities: [{ platform: flags.platform, handle: flags.handle }],
          now: new Date(),
        });
        await appendAudit(handle.db, {
          workspaceId: workspace.id,
          actor: { kind: 'cli' },
          action: 'privacy.export.generated',
          details: {
            format: flags.format,
            subjectHashes: [subjectHash(workspace.id, { platform: flags.platform, handle: flags.handle })],
            authors: document.authors.length,
          },
          occurredAt: new Date(),
        });
        process.stdout.write(
          flags.format === 'csv' ? subjectExportToCsv(document) : `${JSON.stringify(document, null, 2)}\n`,
        );
      });
    });
  privacy
    .command('erase')
    .description('erase a person from every table, verify by search, and tombstone them against re-import')
    .requiredOption('--platform <name>', 'network the handle belongs to')
    .requiredOption('--handle <handle>', "the person's handle")
    .action(async (flags: { platform: string; handle: string }) => {
      await withDatabase(async (handle) => {
        const workspace = await defaultWorkspace(handle);
        const outcome = await eraseSubjects(handle.db, {
          workspaceId: workspace.id,
          identities: [{ platform: flags.platform, handle: flags.handle }],
          actor: { kind: 'cli' },
          now: new Date(),
        });
        console.log(JSON.stringify(outcome));
      });
    });
  privacy
    .command('retention')
    .description("apply every workspace's retention period now")
    .action(async () => {
      const result = await withDatabase((handle) => runRetention(handle.db, new Date(), { kind: 'cli' }));
      console.log(JSON.stringify(result));
    });
}
