import type { Kysely } from 'kysely';
import { campaignInputSchema } from '@ombud/contract';
import type { Database } from '../../src/db/schema.ts';
import { demoCampaignFor } from '../../src/demo/demo-campaign.ts';
import type { generateDemoStream } from '../../src/demo/demo-stream.ts';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';

export interface DemoWorkspace {
  workspaceId: string;
  campaignId: string;
  /** The workspace's post ids, ascending. */
  postIds: string[];
}

/**
 * A new workspace with the demo campaign (starting at `start`) and the given generated demo posts
 * imported, not yet analysed.
 */
export async function seedDemoWorkspace(
  db: Kysely<Database>,
  name: string,
  start: Date,
  posts: ReturnType<typeof generateDemoStream>['posts'],
  now: Date,
): Promise<DemoWorkspace> {
  const workspace = await insertWorkspace(db, name);
  const campaign = await insertCampaign(
    db,
    workspace.id,
    campaignInputSchema.parse(demoCampaignFor(start, 3)),
  );
  await ingestRecords(
    db,
    posts.map((fields, i) => ({ kind: 'record' as const, line: i + 1, fields: { ...fields } })),
    {
      workspaceId: workspace.id,
      sourceKind: 'import',
      fileName: null,
      format: 'jsonl',
      mapping: DEFAULT_FIELD_MAPPING,
      defaultPlatform: 'demo',
      now,
    },
  );
  const rows = await db
    .selectFrom('post')
    .select('id')
    .where('workspace_id', '=', workspace.id)
    .orderBy('id')
    .execute();
  return { workspaceId: workspace.id, campaignId: campaign.id, postIds: rows.map((r) => String(r.id)) };
}
