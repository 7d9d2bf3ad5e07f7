import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaignInputSchema } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { DEMO_CAMPAIGN } from '../../src/demo/demo-campaign.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const demoBriefPath = fileURLToPath(new URL('../../src/demo/demo-brief.json', import.meta.url));

// `ombud brief set|show|check` and `ombud advocates` on the demo campaign, against a store on disk
// (PGlite) and a PostgreSQL server.
describe.each(DATABASE_KINDS)('ombud brief and advocates on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'ombud-brief-'));
  let database: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv;
  const ombud = (...args: string[]) => runOmbud(args, env);

  // Each child process starts tsx and opens the store: slow on a busy machine.
  beforeAll(async () => {
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    if (kind === 'postgres') {
      database = await createTestDatabase('postgres');
      env = { ...rest, DATABASE_URL: database.url, OMBUD_LOG_LEVEL: 'silent' };
    } else env = { ...rest, OMBUD_DATA_DIR: dir, OMBUD_LOG_LEVEL: 'silent' };
    const handle = database ?? (await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }));
    if (!database) await migrateToLatest(handle.db);
    const workspace = await insertWorkspace(handle.db, 'Nordvik');
    await insertCampaign(handle.db, workspace.id, campaignInputSchema.parse(DEMO_CAMPAIGN));
    if (!database) await handle.close();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the demo brief, shows it and checks posts with it', async () => {
    const name = DEMO_CAMPAIGN.name;
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...JSON.parse(readFileSync(demoBriefPath, 'utf8')), version: 2 }));
    const refused = await ombud('brief', 'set', '--campaign', name, '--file', broken);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/version: /);

    const set = await ombud('brief', 'set', '--campaign', name, '--file', demoBriefPath);
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toMatchObject({ brand: 'Nordvik', synced: { facts: 9, keyMessages: 3 } });

    const shown = await ombud('brief', 'show', '--campaign', name);
    expect(JSON.parse(shown.stdout)).toMatchObject({ brand: 'Nordvik', product: 'Nordvik Kettle Pro' });

    const input = join(dir, 'posts.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({
          id: 'a',
          text: '60 dagars öppet köp! #MinNordvikBerättelse',
          language: 'sv',
          advocate: true,
        }),
        JSON.stringify({
          id: 'b',
          text: '#ad 30-day returns and a 2-year warranty',
          language: 'en',
          advocate: true,
        }),
      ].join('\n'),
    );
    const checked = await ombud('brief', 'check', '--campaign', name, '--input', input);
    expect(checked.status).toBe(0);
    const lines = checked.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            claims: { verdict: string; factId: string }[];
            disclosure: { ok: boolean };
          },
      );
    expect(
      lines.map((l) => [l.id, l.claims.map((c) => `${c.verdict}:${c.factId}`), l.disclosure.ok]),
    ).toEqual([
      ['a', ['contradicted:returns-30-days'], false],
      ['b', ['supported:returns-30-days', 'supported:warranty-2-years'], true],
    ]);
    expect(checked.stderr).toMatch(/2 posts, 1 contradicted claims, 1 disclosure problems/);

    const roster = await ombud('advocates');
    expect(roster.status).toBe(0);
    expect(roster.stdout).toBe('');
  }, 300_000);
});
