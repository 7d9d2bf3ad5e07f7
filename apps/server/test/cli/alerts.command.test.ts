import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertChannelInputSchema, alertRouteInputSchema } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { createAlertChannel, createAlertRoute, raiseAlert } from '../../src/services/alerts.service.ts';
import {
  readMail,
  startHttpReceiver,
  startSmtpReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from '../support/alert-receivers.ts';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

// `ombud alerts …` against a store on disk (PGlite) and a PostgreSQL server, with real receivers.
describe.each(DATABASE_KINDS)('ombud alerts on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'ombud-alerts-'));
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  const ombud = (...args: string[]) => runOmbud(args, env);

  // Each child process starts tsx and opens the store: slow on a busy machine.
  beforeAll(async () => {
    [http, smtp] = await Promise.all([startHttpReceiver(), startSmtpReceiver()]);
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    if (kind === 'postgres') {
      database = await createTestDatabase('postgres');
      env = { ...rest, DATABASE_URL: database.url, OMBUD_LOG_LEVEL: 'silent' };
    } else env = { ...rest, OMBUD_DATA_DIR: dir, OMBUD_LOG_LEVEL: 'silent' };
    const handle = database ?? (await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }));
    if (!database) await migrateToLatest(handle.db);
    const workspace = await insertWorkspace(handle.db, 'Nordvik');
    const mail = await createAlertChannel(
      handle.db,
      workspace.id,
      alertChannelInputSchema.parse({
        name: 'duty manager',
        kind: 'email',
        language: 'sv',
        config: {
          to: ['jour@example.com'],
          from: 'larm@example.com',
          smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none' },
        },
      }),
    );
    const hook = await createAlertChannel(
      handle.db,
      workspace.id,
      alertChannelInputSchema.parse({ name: 'hook', kind: 'webhook', config: { url: http.url('/cli') } }),
    );
    await createAlertRoute(handle.db, workspace.id, alertRouteInputSchema.parse({ channelId: hook.id }));
    await createAlertRoute(
      handle.db,
      workspace.id,
      alertRouteInputSchema.parse({ channelId: mail.id, minSeverity: 'critical' }),
    );
    await raiseAlert(
      handle.db,
      {
        workspaceId: workspace.id,
        campaignId: null,
        incidentId: null,
        kind: 'negative_volume_spike',
        severity: 'critical',
        title: 'Defect rumour',
        summary: 'Negative posts rising fast',
        dedupeKey: 'cli-1',
      },
      new Date(),
    );
    if (!database) await handle.close();
  });
  afterAll(async () => {
    await Promise.all([database?.close(), http.close(), smtp.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('test-pings a contact, sends what is due, and lists alerts and channels', async () => {
    const ping = await ombud('alerts', 'ping', 'duty manager');
    expect(ping.status).toBe(0);
    expect(JSON.parse(ping.stdout)).toMatchObject({ channel: 'duty manager', ok: true, statusCode: 250 });
    expect(readMail(smtp.mails[0]?.raw ?? '').headers.get('subject')).toBe(
      '[Ombud] Testmeddelande för kanalen ”duty manager”',
    );

    const run = await ombud('alerts', 'run');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcomes: { delivered: 2, dead: 0 } });
    expect(http.received('/cli')).toHaveLength(1);
    expect(readMail(smtp.mails[1]?.raw ?? '').headers.get('subject')).toBe('[Ombud · Kritisk] Defect rumour');

    const listed = await ombud('alerts', 'list', '--open');
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      expect.objectContaining({ title: 'Defect rumour', severity: 'critical', acknowledgedAt: null }),
    ]);
    const channels = (await ombud('alerts', 'channels')).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { name: string; lastTestOkAt: string | null });
    expect(channels.map((channel) => [channel.name, channel.lastTestOkAt !== null])).toEqual([
      ['duty manager', true],
      ['hook', false],
    ]);
  }, 300_000);
});
