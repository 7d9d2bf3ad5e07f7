import { campaignInputSchema } from '@ombud/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { ingestPlainRecords } from '../support/ingest-records.ts';

export const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Runs every queued job (post.ingested: analysis and every after-analysis stage) to the end. */
export async function drainJobs(db: Kysely<Database>, now: () => Date = () => new Date()): Promise<number> {
  const runner = createJobRunner({ registry: createJobRegistry(), context: { db, now }, log: silentLog });
  return runner.drain();
}

export async function ingest(
  db: Kysely<Database>,
  workspaceId: string,
  records: readonly Record<string, unknown>[],
  now = new Date(),
) {
  return ingestPlainRecords(db, workspaceId, records, { now, fileName: 'privacy.jsonl' });
}

export async function seedCampaign(db: Kysely<Database>, workspaceId: string) {
  return insertCampaign(
    db,
    workspaceId,
    campaignInputSchema.parse({
      name: 'Kettle stories',
      hashtags: ['#NordvikStory', '#MiHistoria', '#MinBerättelse'],
      keywords: ['Nordvik', 'tetera', 'vattenkokare', 'kettle'],
      languages: ['en', 'es', 'sv'],
      markets: ['ES', 'SE', 'GB'],
    }),
  );
}
