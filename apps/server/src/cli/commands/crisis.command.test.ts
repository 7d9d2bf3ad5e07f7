import { campaignInputSchema } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { runOmbud } from '../../../test/support/run-cli.ts';
import { insertCampaign } from '../../repositories/campaign.repository.ts';
import { insertWorkspace } from '../../repositories/workspace.repository.ts';

describe('ombud drill and ombud incidents', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const workspace = await insertWorkspace(database.db, 'Drills');
    await insertCampaign(
      database.db,
      workspace.id,
      campaignInputSchema.parse({
        name: 'Kettle Pro',
        keywords: ['kettle pro'],
        languages: ['en', 'es', 'sv'],
      }),
    );
    env = { ...process.env, DATABASE_URL: database.url };
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('replays the generated rumour into a sandbox and prints the time to alert', async () => {
    const run = await runOmbud(
      ['drill', '--campaign', 'Kettle Pro', '--baseline-days', '2', '--hours', '1'],
      env,
    );
    expect(run.stderr).toMatch(/posts replayed into the sandbox campaign/);
    if (run.status !== 0) console.error(run.stderr);
    expect(run.status).toBe(0);
    const drill = JSON.parse(run.stdout) as { minutesToAlert: number | null; incidentId: string | null };
    expect(drill.incidentId).not.toBeNull();
    expect(drill.minutesToAlert).toBeLessThanOrEqual(30);

    const listed = await runOmbud(['incidents', '--status', 'open'], env);
    expect(listed.status).toBe(0);
    const incidents = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; languages: string[] });
    expect(incidents.map((i) => i.id)).toEqual([drill.incidentId]);
    expect(incidents[0]?.languages[0]).toBe('es');
  }, 600_000);

  it('names what is wrong with its arguments', async () => {
    const missing = await runOmbud(['drill', '--campaign', 'Nope'], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no campaign named "Nope"/);
    const bad = await runOmbud(['drill', '--campaign', 'Kettle Pro', '--from', 'yesterday'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/scenario\.from/);
    const status = await runOmbud(['incidents', '--status', 'closed'], env);
    expect(status.status).toBe(1);
    expect(status.stderr).toMatch(/--status must be open, acknowledged or resolved/);
  }, 120_000);
});
