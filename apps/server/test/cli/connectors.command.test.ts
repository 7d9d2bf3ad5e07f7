import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// One PostgreSQL database (each CLI run is its own process; PGlite's directory would work too,
// but the server is what several machines share).
describe('ombud connectors', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const ombud = (...args: string[]) => runOmbud(args, env);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'ombud-connectors-'));
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    env = { ...rest, DATABASE_URL: database.url, OMBUD_LOG_LEVEL: 'silent' };
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, lists, enables and removes a Mastodon connector; the token never appears', async () => {
    const tokenFile = join(dir, 'token.txt');
    writeFileSync(tokenFile, 'cli-secret-token\n');
    const added = await ombud(
      'connectors',
      'add',
      'mastodon',
      '--name',
      'fediverse',
      '--instance',
      'https://mastodon.example',
      '--hashtag',
      'nordvik',
      '--hashtag',
      '#kettle',
      '--no-streaming',
      '--secret',
      `accessToken=${tokenFile}`,
      '--disabled',
    );
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      name: 'fediverse',
      kind: 'mastodon',
      enabled: false,
      status: 'disabled',
      secretsSet: ['accessToken'],
    });

    const refused = await ombud('connectors', 'add', 'mastodon', '--name', 'bad', '--instance', 'not a url');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/settings\.instanceUrl/);

    const enabled = await ombud('connectors', 'enable', 'fediverse');
    expect(JSON.parse(enabled.stdout)).toMatchObject({ enabled: true, status: 'idle' });
    const list = await ombud('connectors', 'list');
    expect(list.stdout).not.toContain('cli-secret-token');
    const rows = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toEqual([expect.objectContaining({ name: 'fediverse', enabled: true, accepted: 0 })]);

    expect((await ombud('connectors', 'remove', 'fediverse')).status).toBe(0);
    const missing = await ombud('connectors', 'remove', 'fediverse');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no connector named "fediverse"/);

    // Each change is in the audit log, made by the CLI, without the token.
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'details'])
      .where('action', 'like', 'connector.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((entry) => [entry.action, entry.actor_kind])).toEqual([
      ['connector.created', 'cli'],
      ['connector.enabled', 'cli'],
      ['connector.deleted', 'cli'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('cli-secret-token');
  }, 400_000);
});
