// Load for the work-stream fault tests and `npm run bench:pipeline`: the demo campaign and its
// generated posts (en/es/sv, complaints, praise, questions, a crisis), repeated with fresh ids as
// often as a run needs, ingested through the ordinary ingest path (posts + outbox job per batch).
import type { Kysely } from 'kysely';
import { campaignInputSchema, type ImportSummary } from '@ombud/contract';
import type { Database } from '../src/db/schema.ts';
import { demoCampaignFor } from '../src/demo/demo-campaign.ts';
import { generateDemoStream, type DemoRecord } from '../src/demo/demo-stream.ts';
import { DEFAULT_FIELD_MAPPING } from '../src/ingest/field-mapping.ts';
import type { RecordItem } from '../src/ingest/record-reader.ts';
import { insertCampaign } from '../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../src/repositories/workspace.repository.ts';
import { ingestRecords } from '../src/services/ingest.service.ts';

const DAYS = 14;

export interface LoadWorkspace {
  workspaceId: string;
  campaignId: string;
  now: Date;
}

let cached: { start: number; posts: DemoRecord[] } | undefined;

function demoPosts(now: Date): DemoRecord[] {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DAYS * 86_400_000;
  if (cached?.start !== start) {
    cached = { start, posts: generateDemoStream({ seed: 11, start, days: DAYS, targetPosts: 20_000 }).posts };
  }
  return cached.posts;
}

/** A workspace with the demo campaign over the last 14 days. */
export async function createLoadWorkspace(db: Kysely<Database>, now = new Date()): Promise<LoadWorkspace> {
  const workspace = await insertWorkspace(db, 'Stream load');
  const start = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DAYS * 86_400_000,
  );
  const campaign = await insertCampaign(
    db,
    workspace.id,
    campaignInputSchema.parse(demoCampaignFor(start, DAYS + 1)),
  );
  return { workspaceId: workspace.id, campaignId: campaign.id, now };
}

/**
 * How the load's posts are timed: `replay` keeps the demo's 14 days (every pass goes through them
 * again, like importing history); `live` stamps each post with the moment it is generated, like a
 * crisis day arriving from the networks (every job then adds to the same minute's counters).
 */
export type LoadTiming = 'replay' | 'live';

/** Records `from` … `from + count - 1` of the endless load: demo posts, repeated with fresh ids. */
export function* loadRecords(
  now: Date,
  from: number,
  count: number,
  timing: LoadTiming = 'replay',
): Generator<RecordItem> {
  const posts = demoPosts(now);
  for (let i = from; i < from + count; i += 1) {
    const base = posts[i % posts.length];
    if (!base) continue;
    const round = Math.floor(i / posts.length);
    yield {
      kind: 'record',
      line: i + 1,
      fields: {
        ...base,
        id: `${base.id}-r${round}`,
        reply_to: null,
        ...(timing === 'live' ? { created_at: new Date().toISOString() } : {}),
      },
    };
  }
}

/** Ingests records `from` … `from + count - 1` like an import does (batches of `batchSize`). */
export async function ingestLoad(
  db: Kysely<Database>,
  workspace: LoadWorkspace,
  from: number,
  count: number,
  options: { batchSize?: number; parallelBatches?: number; timing?: LoadTiming } = {},
): Promise<ImportSummary> {
  return ingestRecords(db, loadRecords(workspace.now, from, count, options.timing), {
    workspaceId: workspace.workspaceId,
    sourceKind: 'import',
    sourceName: 'stream-load',
    fileName: null,
    format: 'jsonl',
    mapping: DEFAULT_FIELD_MAPPING,
    defaultPlatform: 'demo',
    now: workspace.now,
    batchSize: options.batchSize ?? 1000,
    parallelBatches: options.parallelBatches ?? 2,
    keepRaw: false,
  });
}
