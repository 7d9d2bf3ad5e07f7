import type { Command } from 'commander';
import { defaultWorkspace, openMigratedDatabase } from '../../app-context.ts';
import { loadConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { findAlertChannelByName, listAlertChannels } from '../../repositories/alert-channel.repository.ts';
import { listDeadLetters } from '../../repositories/alert-delivery.repository.ts';
import { listAlerts } from '../../repositories/alert.repository.ts';
import {
  replayDeadLetters,
  runDueAlertWork,
  testPingChannel,
} from '../../services/alert-delivery.service.ts';

async function withWorkspace(
  work: (handle: DatabaseHandle, workspaceId: string) => Promise<void>,
): Promise<void> {
  const handle = await openMigratedDatabase(loadConfig());
  try {
    const workspace = await defaultWorkspace(handle);
    await work(handle, workspace.id);
  } finally {
    await handle.close();
  }
}

/** `ombud` sub-commands for issue #4 (alerts). */
export function registerAlertsCommands(program: Command): void {
  const alerts = program.command('alerts').description('in-app alerts, alert channels and their deliveries');

  alerts
    .command('list')
    .description('print alerts, newest first, one JSON object per line')
    .option('--open', 'only alerts nobody has acknowledged')
    .option('--limit <n>', 'how many', (value) => Number.parseInt(value, 10), 50)
    .action(async (flags: { open?: boolean; limit: number }) =>
      withWorkspace(async (handle, workspaceId) => {
        const { alerts: rows } = await listAlerts(handle.db, workspaceId, null, {
          status: flags.open === true ? 'open' : 'all',
          limit: Math.min(200, Math.max(1, flags.limit)),
        });
        for (const alert of rows)
          console.log(
            JSON.stringify({
              id: alert.id,
              createdAt: alert.createdAt,
              severity: alert.severity,
              kind: alert.kind,
              title: alert.title,
              acknowledgedAt: alert.acknowledgedAt,
              escalatedAt: alert.escalatedAt,
            }),
          );
      }),
    );

  alerts
    .command('channels')
    .description('print alert channels (secrets masked) with their last successful test ping')
    .action(async () =>
      withWorkspace(async (handle, workspaceId) => {
        for (const channel of await listAlertChannels(handle.db, workspaceId))
          console.log(
            JSON.stringify({
              name: channel.name,
              kind: channel.kind,
              language: channel.language,
              enabled: channel.enabled,
              lastTestOkAt: channel.last_test_ok_at?.toISOString() ?? null,
              lastTestError: channel.last_test_error,
            }),
          );
      }),
    );

  alerts
    .command('ping <channel>')
    .description('send a test message through a channel now and record the result')
    .action(async (name: string) =>
      withWorkspace(async (handle, workspaceId) => {
        const channel = await findAlertChannelByName(handle.db, workspaceId, name);
        if (!channel) {
          console.error(`ombud alerts ping: no alert channel named "${name}"`);
          process.exitCode = 1;
          return;
        }
        const result = await testPingChannel(handle.db, channel, new Date());
        console.log(JSON.stringify({ channel: name, ...result }));
        if (!result.ok) {
          console.error(`ombud alerts ping: "${name}" did not take the test message: ${result.error ?? ''}`);
          process.exitCode = 1;
        }
      }),
    );

  alerts
    .command('run')
    .description('send every alert delivery and escalation that is due now (workers do this continuously)')
    .action(async () =>
      withWorkspace(async (handle) => {
        console.log(JSON.stringify(await runDueAlertWork(handle.db, new Date())));
      }),
    );

  alerts
    .command('dead-letter')
    .description('print deliveries that ran out of attempts; --replay queues them all again')
    .option('--replay', 'queue every dead delivery again with a fresh set of attempts')
    .action(async (flags: { replay?: boolean }) =>
      withWorkspace(async (handle, workspaceId) => {
        for (const delivery of await listDeadLetters(handle.db, workspaceId, 500))
          console.log(
            JSON.stringify({
              id: delivery.id,
              channel: delivery.channelName,
              alert: delivery.alertTitle,
              attempts: delivery.attempts,
              deadAt: delivery.deadAt,
              lastError: delivery.lastError,
            }),
          );
        if (flags.replay === true) {
          const queued = await replayDeadLetters(handle.db, workspaceId, 'all', new Date());
          console.error(`queued ${queued} dead deliveries again`);
        }
      }),
    );
}
