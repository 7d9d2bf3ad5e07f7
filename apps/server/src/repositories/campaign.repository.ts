import type { Kysely, Selectable } from 'kysely';
import type { Campaign, CampaignFields } from '@ombud/contract';
import type { CampaignTable, Database } from '../db/schema.ts';

function toCampaign(row: Selectable<CampaignTable>): Campaign {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    hashtags: row.hashtags,
    keywords: row.keywords,
    handles: row.handles,
    languages: row.languages,
    markets: row.markets,
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    keyMessages: row.key_messages as Campaign['keyMessages'],
    factSheet: row.fact_sheet as Campaign['factSheet'],
    bannedClaims: row.banned_claims,
    requiredDisclosures: row.required_disclosures as Campaign['requiredDisclosures'],
    competitors: row.competitors as Campaign['competitors'],
    brief: row.brief,
    createdAt: row.created_at.toISOString(),
  };
}

function toRow(fields: CampaignFields) {
  return {
    name: fields.name,
    hashtags: fields.hashtags,
    keywords: fields.keywords,
    handles: fields.handles,
    languages: fields.languages,
    markets: fields.markets,
    starts_at: fields.startsAt,
    ends_at: fields.endsAt,
    key_messages: JSON.stringify(fields.keyMessages),
    fact_sheet: JSON.stringify(fields.factSheet),
    banned_claims: JSON.stringify(fields.bannedClaims),
    required_disclosures: JSON.stringify(fields.requiredDisclosures),
    competitors: JSON.stringify(fields.competitors),
    brief: JSON.stringify(fields.brief),
  };
}

export async function insertCampaign(
  db: Kysely<Database>,
  workspaceId: string,
  fields: CampaignFields,
): Promise<Campaign> {
  // The crisis clock comes with the campaign, so the first jobs counting its posts find it there and
  // never wait for each other to create it.
  const row = await db
    .with('created', (db) =>
      db
        .insertInto('campaign')
        .values({ workspace_id: workspaceId, ...toRow(fields) })
        .returningAll(),
    )
    .with('clock', (db) =>
      db
        .insertInto('crisis_clock')
        .columns(['campaign_id', 'workspace_id'])
        .expression(db.selectFrom('created').select(['id', 'workspace_id'])),
    )
    .selectFrom('created')
    .selectAll()
    .executeTakeFirstOrThrow();
  return toCampaign(row);
}

export async function updateCampaign(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  fields: CampaignFields,
): Promise<Campaign | undefined> {
  const row = await db
    .updateTable('campaign')
    .set(toRow(fields))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toCampaign(row);
}

/**
 * Deletes a campaign (call it in a transaction) and everything that is only the campaign's: its
 * links to posts, brief, crisis history, inbox items and clusters, alerts, counts and reports
 * (foreign keys and the triggers of migrations 0023/0024 cascade). The posts stay: they belong to
 * the workspace's listening. Returns how many posts and inbox items it had, or undefined when there
 * is no such campaign.
 */
export async function deleteCampaign(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<{ posts: number; inboxItems: number } | undefined> {
  const found = await db
    .selectFrom('campaign')
    .select((eb) => [
      eb
        .selectFrom('post_campaign')
        .select(eb.fn.countAll<string>().as('n'))
        .where('campaign_id', '=', id)
        .as('posts'),
      eb
        .selectFrom('inbox_item')
        .select(eb.fn.countAll<string>().as('n'))
        .where('campaign_id', '=', id)
        .as('items'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!found) return undefined;
  await db.deleteFrom('campaign').where('id', '=', id).execute();
  return { posts: Number(found.posts ?? 0), inboxItems: Number(found.items ?? 0) };
}

export async function listCampaigns(db: Kysely<Database>, workspaceId: string): Promise<Campaign[]> {
  const rows = await db
    .selectFrom('campaign')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
  return rows.map(toCampaign);
}

export async function findCampaign(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<Campaign | undefined> {
  const row = await db
    .selectFrom('campaign')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toCampaign(row);
}

export async function findCampaignByName(
  db: Kysely<Database>,
  workspaceId: string,
  name: string,
): Promise<Campaign | undefined> {
  const row = await db
    .selectFrom('campaign')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toCampaign(row);
}
