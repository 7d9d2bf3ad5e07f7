import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateOverflow } from '../../src/services/inbox-overflow.service.ts';
import {
  createInboxWorld,
  createUser,
  ingestPosts,
  itemIdsOf,
  runIntake,
} from '../support/inbox-fixtures.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

// While a campaign is in overflow mode, intake makes its new low-priority items held at once (with
// the same events the overflow check's hold wrote: opened, then held), so each is written once; and
// an overflow check that ends overflow keeps releasing held items for a while, for a batch that read
// "on" just before it ended.
describe.each(DATABASE_KINDS)('inbox overflow at intake on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const db = () => database.db;
  const lowQuestions = (from: number) =>
    Array.from({ length: 4 }, (_, i) => ({
      text: `Does the Nordvik kettle come in colour number ${(from + i) * 977}?`,
      author: `low${from + i}`,
      createdAt: '2026-03-02T11:40:00Z',
    }));
  const itemsOf = async (itemIds: string[]) =>
    (
      await sql<{ status: string; level: string; events: string[] }>`
        SELECT i.status, i.priority_level AS level,
               ARRAY(SELECT e.type FROM inbox_item_event e WHERE e.item_id = i.id ORDER BY e.id) AS events
        FROM inbox_item i WHERE i.id = ANY(${itemIds}::bigint[]) ORDER BY i.id`.execute(db())
    ).rows;
  const setOverflow = async (campaignId: string, workspaceId: string, active: boolean, changedAt: Date) => {
    await sql`
      INSERT INTO inbox_campaign_settings (campaign_id, workspace_id, needs_human_rules, overflow_active,
                                           overflow_changed_at, overflow_evaluated_at, overflow_evidence)
      VALUES (${campaignId}, ${workspaceId}, 'null', ${active}, ${changedAt}, ${NOW}, '[]')
      ON CONFLICT (campaign_id) DO UPDATE SET overflow_active = ${active}, overflow_changed_at = ${changedAt},
                                              overflow_evaluated_at = ${NOW}`.execute(db());
  };

  it('holds new low-priority items of a campaign in overflow, and only those', async () => {
    const world = await createInboxWorld(db());
    await setOverflow(world.campaignId, world.workspaceId, true, NOW);
    const postIds = await ingestPosts(db(), world, [
      ...lowQuestions(0),
      {
        text: 'My Nordvik kettle exploded and burnt my hand, I am calling a lawyer',
        createdAt: '2026-03-02T11:41:00Z',
      },
    ]);
    await runIntake(db(), postIds, NOW);
    const items = await itemsOf(await itemIdsOf(db(), postIds));
    expect(items.filter((i) => i.level === 'low').length).toBeGreaterThan(0);
    expect(items.filter((i) => i.level !== 'low').length).toBeGreaterThan(0);
    for (const item of items) {
      if (item.level === 'low') expect(item).toMatchObject({ status: 'held', events: ['opened', 'held'] });
      else expect(item).toMatchObject({ status: 'open', events: ['opened'] });
    }

    // Overflow off, and its check not due: intake leaves low-priority items open.
    const other = await createInboxWorld(db());
    await setOverflow(other.campaignId, other.workspaceId, false, NOW);
    const calm = await ingestPosts(db(), other, lowQuestions(10));
    await runIntake(db(), calm, NOW);
    const calmItems = await itemsOf(await itemIdsOf(db(), calm));
    expect(calmItems.length).toBeGreaterThan(0);
    expect(calmItems.every((i) => i.status === 'open')).toBe(true);
  });

  it('releases items held after overflow ended, at the next checks', async () => {
    const world = await createInboxWorld(db());
    await setOverflow(world.campaignId, world.workspaceId, true, NOW);
    const postIds = await ingestPosts(db(), world, lowQuestions(20));
    await runIntake(db(), postIds, NOW);
    const itemIds = await itemIdsOf(db(), postIds);
    expect((await itemsOf(itemIds)).every((i) => i.status === 'held')).toBe(true);
    // As if overflow had ended a minute before these items were committed, with a team that can
    // take them.
    await createUser(db(), world, 'Team', 'agent', {
      languages: ['en', 'es', 'sv'],
      maxLoad: 50,
      itemsPerHour: 50,
    });
    await setOverflow(world.campaignId, world.workspaceId, false, new Date(NOW.getTime() - 60_000));
    const check = await evaluateOverflow(
      db(),
      world.workspaceId,
      world.campaignId,
      new Date(NOW.getTime() + 60_000),
    );
    expect(check).toMatchObject({ overflow: false, changed: false, released: itemIds.length });
    expect((await itemsOf(itemIds)).every((i) => i.status === 'open' && i.events.at(-1) === 'released')).toBe(
      true,
    );
  });
});
