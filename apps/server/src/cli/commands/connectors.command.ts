import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { connectorCreateBodySchema, type ConnectorRecordView } from '@ombud/contract';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { findConnectorRow, findConnectorRowByName } from '../../repositories/connector.repository.ts';
import {
  addConnector,
  listConnectors,
  removeConnector,
  updateConnector,
} from '../../services/connector.service.ts';
import type { AuditActor } from '../../services/audit-log.service.ts';

/** Changes made from the command line are audited as the CLI (whoever runs it on the machine). */
const CLI_ACTOR: AuditActor = { kind: 'cli' };

async function withWorkspace(
  work: (handle: DatabaseHandle, workspaceId: string) => Promise<void>,
): Promise<void> {
  const handle = await openMigratedDatabase(loadConfig());
  try {
    const workspace = await defaultWorkspace(handle);
    await work(handle, workspace.id);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`ombud connectors: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

async function resolveId(handle: DatabaseHandle, workspaceId: string, nameOrId: string): Promise<string> {
  const byName = await findConnectorRowByName(handle.db, workspaceId, nameOrId);
  if (byName) return byName.id;
  if (/^[0-9a-f-]{36}$/i.test(nameOrId)) {
    const byId = await findConnectorRow(handle.db, workspaceId, nameOrId);
    if (byId) return byId.id;
  }
  throw new AppError('NOT_FOUND', `no connector named "${nameOrId}"; see \`ombud connectors list\``);
}

function line(connector: ConnectorRecordView): string {
  return JSON.stringify({
    id: connector.id,
    name: connector.name,
    kind: connector.kind,
    enabled: connector.enabled,
    status: connector.status,
    lastBatchAt: connector.lastBatchAt,
    accepted: connector.counts.accepted,
    duplicate: connector.counts.duplicate,
    rejected: connector.counts.rejected,
    lastError: connector.lastError,
    runningOn: connector.runningOn,
    secretsSet: connector.secretsSet,
  });
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `ombud connectors …` for issue #11: network connectors that `ombud start`/`ombud worker` run. */
export function registerConnectorsCommands(program: Command): void {
  const connectors = program
    .command('connectors')
    .description('network connectors (Mastodon, …) that ombud start and ombud worker run');

  connectors
    .command('list')
    .description('print connectors with status, last batch, counts and last error, one JSON object per line')
    .action(async () =>
      withWorkspace(async (handle, workspaceId) => {
        for (const connector of await listConnectors(handle.db, workspaceId, new Date()))
          console.log(line(connector));
      }),
    );

  connectors
    .command('add <kind>')
    .description(
      'add a connector; settings as JSON and/or the Mastodon shortcuts; secrets are read from files',
    )
    .requiredOption('--name <name>', 'a name unique in the workspace')
    .option('--settings <json>', 'settings of the kind as a JSON object (see docs/connectors.md)')
    .option('--instance <url>', 'Mastodon: the instance, e.g. https://mastodon.social')
    .option('--hashtag <tag>', 'Mastodon: a hashtag to follow (repeatable)', collect, [])
    .option('--search <query>', 'Mastodon: a status search (repeatable; needs a token)', collect, [])
    .option('--poll-seconds <n>', 'seconds between REST polls', (value) => Number.parseInt(value, 10))
    .option('--no-streaming', 'Mastodon: poll only, never open the streaming API')
    .option('--publish-replies', 'Mastodon: publish inbox replies with the token')
    .option(
      '--secret <name=file>',
      'a secret read from a file, e.g. accessToken=./token.txt (repeatable)',
      collect,
      [],
    )
    .option('--disabled', 'add it switched off')
    .action(
      async (
        kind: string,
        flags: {
          name: string;
          settings?: string;
          instance?: string;
          hashtag: string[];
          search: string[];
          pollSeconds?: number;
          streaming: boolean;
          publishReplies?: boolean;
          secret: string[];
          disabled?: boolean;
        },
      ) =>
        withWorkspace(async (handle, workspaceId) => {
          let settings: Record<string, unknown> = {};
          if (flags.settings) {
            try {
              settings = JSON.parse(flags.settings) as Record<string, unknown>;
            } catch (error) {
              throw new AppError('VALIDATION_FAILED', `--settings is not JSON: ${(error as Error).message}`);
            }
          }
          if (kind === 'mastodon') {
            if (flags.instance) settings['instanceUrl'] = flags.instance;
            if (flags.hashtag.length > 0) settings['hashtags'] = flags.hashtag;
            if (flags.search.length > 0) settings['searches'] = flags.search;
            if (!flags.streaming) settings['streaming'] = false;
            if (flags.publishReplies) settings['publishReplies'] = true;
          }
          if (flags.pollSeconds !== undefined) settings['pollIntervalSeconds'] = flags.pollSeconds;
          const secrets: Record<string, string> = {};
          for (const spec of flags.secret) {
            const [name, file] = spec.split(/=(.*)/s);
            if (!name || !file)
              throw new AppError('VALIDATION_FAILED', `--secret expects name=file, got "${spec}"`);
            try {
              secrets[name] = readFileSync(file, 'utf8').trim();
            } catch (error) {
              throw new AppError('VALIDATION_FAILED', `--secret ${name}: ${(error as Error).message}`);
            }
          }
          const body = connectorCreateBodySchema.safeParse({
            name: flags.name,
            kind,
            enabled: flags.disabled !== true,
            settings,
            secrets,
          });
          if (!body.success)
            throw new AppError(
              'VALIDATION_FAILED',
              body.error.issues
                .map((issue) => `${issue.path.join('.') || 'kind'}: ${issue.message}`)
                .join('; '),
            );
          console.log(line(await addConnector(handle.db, workspaceId, body.data, new Date(), CLI_ACTOR)));
        }),
    );

  for (const [command, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const)
    connectors
      .command(`${command} <name>`)
      .description(
        enabled
          ? 'switch a connector on (clears its backoff)'
          : 'switch a connector off; it stops within seconds',
      )
      .action(async (name: string) =>
        withWorkspace(async (handle, workspaceId) => {
          const id = await resolveId(handle, workspaceId, name);
          console.log(
            line(await updateConnector(handle.db, workspaceId, id, { enabled }, new Date(), CLI_ACTOR)),
          );
        }),
      );

  connectors
    .command('remove <name>')
    .description('remove a connector (the posts it stored stay)')
    .action(async (name: string) =>
      withWorkspace(async (handle, workspaceId) => {
        const id = await resolveId(handle, workspaceId, name);
        await removeConnector(handle.db, workspaceId, id, new Date(), CLI_ACTOR);
        console.log(JSON.stringify({ removed: name }));
      }),
    );
}
