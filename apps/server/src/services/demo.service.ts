import type { Kysely } from 'kysely';
import { campaignInputSchema } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import demoBrief from '../demo/demo-brief.json' with { type: 'json' };
import { demoCampaignFor } from '../demo/demo-campaign.ts';
import { generateDemoStream } from '../demo/demo-stream.ts';
import { DEFAULT_FIELD_MAPPING } from '../ingest/field-mapping.ts';
import type { RecordItem } from '../ingest/record-reader.ts';
import { insertCampaign } from '../repositories/campaign.repository.ts';
import { firstWorkspace, insertWorkspace } from '../repositories/workspace.repository.ts';
import { ingestRecords } from './ingest.service.ts';

export const DEMO_SEED = 20261123;
export const DEMO_DAYS = 14;

export interface DemoSeedResult {
  workspaceId: string;
  campaignName: string;
  posts: number;
}

/**
 * On an empty store, creates the demo workspace, its campaign and the generated 14-day stream ending
 * today, through the same ingestion path as any import. Does nothing when a workspace exists.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  options: { now: Date; log: (message: string) => void },
): Promise<DemoSeedResult | undefined> {
  if (await firstWorkspace(db)) return undefined;
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const start = new Date(today - (DEMO_DAYS - 1) * 86_400_000);
  const stream = generateDemoStream({ seed: DEMO_SEED, start, days: DEMO_DAYS });
  // The stream ends at the end of today; posts after "now" arrive as time passes, not all at once.
  const arrived = stream.posts.filter((post) => Date.parse(post.created_at) <= options.now.getTime());
  options.log(
    `creating the demo workspace: ${arrived.length} posts from ${start.toISOString().slice(0, 10)}`,
  );

  const workspace = await insertWorkspace(db, 'Nordvik (demo)');
  const campaign = await insertCampaign(
    db,
    workspace.id,
    campaignInputSchema.parse({
      ...demoCampaignFor(start, DEMO_DAYS),
      brief: demoBrief as Record<string, unknown>,
    }),
  );
  const items: RecordItem[] = arrived.map((post, index) => ({
    kind: 'record',
    line: index + 1,
    fields: { ...post },
  }));
  const summary = await ingestRecords(db, items, {
    workspaceId: workspace.id,
    sourceKind: 'demo',
    fileName: 'demo-stream',
    format: 'demo',
    mapping: DEFAULT_FIELD_MAPPING,
    defaultPlatform: 'demo',
    now: options.now,
  });
  if (summary.rejected > 0) {
    throw new Error(
      `the demo stream has ${summary.rejected} invalid records: ${JSON.stringify(summary.problems.slice(0, 3))}`,
    );
  }
  return { workspaceId: workspace.id, campaignName: campaign.name, posts: summary.accepted };
}
