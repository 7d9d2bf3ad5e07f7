import { campaignInputSchema, inboxAgentInputSchema, type InboxAgentInput } from '@ombud/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import { readRecords } from '../../src/ingest/record-reader.ts';
import { inboxStage } from '../../src/pipeline/stages/inbox.stage.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { upsertAgent } from '../../src/services/inbox-routing.service.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';

export interface InboxWorld {
  workspaceId: string;
  campaignId: string;
}

let counter = 0;

/** A workspace with one campaign listening for "Nordvik" in en/es/sv. */
export async function createInboxWorld(db: Kysely<Database>, name = 'Inbox'): Promise<InboxWorld> {
  const workspaceId = (await insertWorkspace(db, `${name} ${++counter}`)).id;
  const campaign = await insertCampaign(
    db,
    workspaceId,
    campaignInputSchema.parse({
      name: 'Kettle launch',
      keywords: ['Nordvik'],
      languages: ['en', 'es', 'sv'],
    }),
  );
  return { workspaceId, campaignId: campaign.id };
}

/** A user (no password needed: tests call services directly) with an optional agent profile. */
export async function createUser(
  db: Kysely<Database>,
  world: InboxWorld,
  name: string,
  role: string,
  agent?: Partial<InboxAgentInput> & { languages: string[]; maxLoad: number },
): Promise<string> {
  const user = await db
    .insertInto('app_user')
    .values({
      workspace_id: world.workspaceId,
      email: `${name}.${++counter}@example.com`,
      display_name: name,
      password_hash: 'not-used',
      role,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (agent)
    await upsertAgent(db, world.workspaceId, user.id, inboxAgentInputSchema.parse(agent), new Date());
  return user.id;
}

export interface TestPost {
  text: string;
  author?: string;
  followers?: number;
  createdAt: string;
}

/** Ingests posts through the real import path and returns their ids in input order. */
export async function ingestPosts(
  db: Kysely<Database>,
  world: InboxWorld,
  posts: readonly TestPost[],
): Promise<string[]> {
  const prefix = `t${++counter}-`;
  const lines = posts.map((p, i) =>
    JSON.stringify({
      id: `${prefix}${i}`,
      text: p.text,
      created_at: p.createdAt,
      author: p.author ?? `author${i}`,
      author_followers: p.followers ?? 10,
      platform: 'twitter',
    }),
  );
  await ingestRecords(db, readRecords([lines.join('\n') + '\n'], { format: 'jsonl' }), {
    workspaceId: world.workspaceId,
    sourceKind: 'import',
    fileName: 'inbox.jsonl',
    format: 'jsonl',
    mapping: DEFAULT_FIELD_MAPPING,
    defaultPlatform: 'twitter',
    now: new Date('2027-01-01T00:00:00Z'),
  });
  const rows = await sql<{ id: string; external_id: string }>`
    SELECT id::text AS id, external_id FROM post WHERE workspace_id = ${world.workspaceId} AND external_id LIKE ${prefix + '%'}
  `.execute(db);
  const byExternal = new Map(rows.rows.map((r) => [r.external_id, r.id]));
  return posts.map((_, i) => byExternal.get(`${prefix}${i}`) as string);
}

/** Analyses the posts and runs the inbox stage, as the `post.ingested` job does. */
export async function runIntake(db: Kysely<Database>, postIds: readonly string[], now: Date): Promise<void> {
  await analysePosts(db, postIds);
  await inboxStage.run(postIds, { db, now: () => now });
}

export async function itemIdsOf(db: Kysely<Database>, postIds: readonly string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT id::text AS id FROM inbox_item WHERE post_id = ANY(${postIds}::bigint[]) ORDER BY id
  `.execute(db);
  return rows.rows.map((r) => r.id);
}
