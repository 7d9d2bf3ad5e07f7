import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignInputSchema } from '@ombud/contract';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { runOmbud } from '../support/run-cli.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const CAMPAIGN = 'Kettle launch';

describe.each(DATABASE_KINDS)('ombud readiness on %s', (kind) => {
  const folder = mkdtempSync(join(tmpdir(), 'ombud-readiness-cli-'));
  let env: NodeJS.ProcessEnv;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    let handle;
    if (kind === 'postgres') {
      database = await createTestDatabase('postgres');
      handle = database;
      env = { ...rest, DATABASE_URL: database.url };
    } else {
      mkdirSync(join(folder, 'data', 'pg'), { recursive: true });
      handle = await openDatabase({ kind: 'pglite', dataDir: join(folder, 'data', 'pg') });
      await migrateToLatest(handle.db);
      env = { ...rest, OMBUD_DATA_DIR: join(folder, 'data') };
    }
    const workspace = await insertWorkspace(handle.db, 'CLI workspace');
    await insertCampaign(
      handle.db,
      workspace.id,
      campaignInputSchema.parse({
        name: CAMPAIGN,
        languages: ['en', 'sv'],
        markets: ['GB', 'SE'],
        startsAt: '2026-12-01T08:00:00Z',
        endsAt: '2026-12-02T08:00:00Z',
      }),
    );
    if (kind === 'pglite') await handle.close();
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes the PDF report in one command', async () => {
    const output = join(folder, `report-${kind}.pdf`);
    const run = await runOmbud(
      ['readiness', 'report', '--campaign', CAMPAIGN, '--lang', 'es', '--output', output],
      env,
    );
    expect(run.stderr).toMatch(/ombud readiness report: .*\(pdf, es, \d+ bytes\); gate blocked/);
    expect(run.status).toBe(0);
    const bytes = readFileSync(output);
    const document = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(document, { mergePages: true });
    for (const heading of [
      'Registro de riesgos',
      'Previsión de volumen',
      'Dotación de personal',
      'Escenario de crisis',
      'Acciones pendientes',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(CAMPAIGN);
  }, 180_000);

  it('prints the gate and the open actions with their evidence and fixes', async () => {
    const run = await runOmbud(['readiness', 'assess', '--campaign', CAMPAIGN, '--lang', 'sv'], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Kettle launch: readiness \d+ %, gate BLOCKED/);
    expect(run.stdout).toContain('[critical] Talar agenterna alla kampanjens språk?');
    expect(run.stdout).toContain('Inga agenter är uppsatta i inkorgen.');
    expect(run.stdout).toContain('→ Lägg till agenter');
  }, 180_000);

  it('names the campaigns it knows when the name is wrong, and refuses an unknown language', async () => {
    const wrong = await runOmbud(['readiness', 'assess', '--campaign', 'Nope'], env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      'no campaign named "Nope" in workspace "CLI workspace" (campaigns: "Kettle launch")',
    );
    const language = await runOmbud(
      ['readiness', 'report', '--campaign', CAMPAIGN, '--lang', 'de', '--output', join(folder, 'x.pdf')],
      env,
    );
    expect(language.status).toBe(2);
    expect(language.stderr).toContain('must be one of en, es, sv');
  }, 180_000);
});
