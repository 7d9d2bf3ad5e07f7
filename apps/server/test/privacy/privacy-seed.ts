import { campaignInputSchema } from '@ombud/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import type { RecordItem } from '../../src/ingest/record-reader.ts';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';

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
  const items: RecordItem[] = records.map((fields, index) => ({ kind: 'record', line: index + 1, fields }));
  return ingestRecords(db, items, {
    workspaceId,
    sourceKind: 'import',
    fileName: 'privacy.jsonl',
    format: 'jsonl',
    mapping: DEFAULT_FIELD_MAPPING,
    defaultPlatform: 'twitter',
    now,
  });
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
