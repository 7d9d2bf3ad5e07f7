import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxAgentInputSchema } from '@ombud/contract';
import {
  createInboxJobHandlers,
  ensureInboxTickScheduled,
  INBOX_TICK_INTERVAL_MS,
} from '../../src/jobs/inbox.jobs.ts';
import { upsertAgent } from '../../src/services/inbox-routing.service.ts';
import {
  createInboxWorld,
  createUser,
  ingestPosts,
  itemIdsOf,
  runIntake,
} from '../support/inbox-fixtures.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-03-02T12:00:00Z');

describe.each(DATABASE_KINDS)('inbox tick on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });
  const db = () => database.db;
  const pendingTicks = async () =>
    db()
      .selectFrom('job')
      .select(['id', 'run_after'])
      .where('name', '=', 'inbox.tick')
      .where('status', '=', 'pending')
      .execute();

  it('books one tick, and a tick delivered twice books one successor', async () => {
    expect(await ensureInboxTickScheduled(db(), NOW)).toBe(true);
    expect(await ensureInboxTickScheduled(db(), NOW)).toBe(false);
    const [booked] = await pendingTicks();
    expect(new Date(booked?.run_after ?? 0).getTime()).toBe(NOW.getTime() + INBOX_TICK_INTERVAL_MS);
    // The tick as the runner delivers it: its own row is no longer pending.
    await db().updateTable('job').set({ status: 'running' }).where('name', '=', 'inbox.tick').execute();
    const tick = createInboxJobHandlers()['inbox.tick'];
    const context = { db: db(), now: () => NOW };
    await tick({}, context);
    await tick({}, context);
    expect(await pendingTicks()).toHaveLength(1);
  });

  it('moves work off an agent whose shift ended and hands unassigned items to one on shift', async () => {
    const world = await createInboxWorld(db());
    const leaving = await createUser(db(), world, 'leaving', 'agent', { languages: ['en'], maxLoad: 10 });
    const postIds = await ingestPosts(db(), world, [
      {
        text: 'My Nordvik kettle leaks, how do I get a refund?',
        author: 'ana',
        createdAt: '2026-03-02T11:05:00Z',
      },
      {
        text: 'My Nordvik kettle leaks after 5 days, how do I get a refund?',
        author: 'bo',
        createdAt: '2026-03-02T11:10:00Z',
      },
    ]);
    await runIntake(db(), postIds, NOW);
    const items = await itemIdsOf(db(), postIds);
    expect(items.length).toBe(2);
    const assignees = async () =>
      (await db().selectFrom('inbox_item').select('assignee_id').where('id', 'in', items).execute()).map(
        (row) => row.assignee_id,
      );
    expect(await assignees()).toEqual([leaving, leaving]);

    // Her shift ends and a colleague starts; nothing new arrives, so only the tick can move the work.
    await upsertAgent(
      db(),
      world.workspaceId,
      leaving,
      inboxAgentInputSchema.parse({ languages: ['en'], maxLoad: 10, available: false }),
      NOW,
    );
    const staying = await createUser(db(), world, 'staying', 'agent', { languages: ['en'], maxLoad: 10 });
    expect(await assignees()).toEqual([leaving, leaving]);
    await createInboxJobHandlers()['inbox.tick']({}, { db: db(), now: () => NOW });
    expect(await assignees()).toEqual([staying, staying]);
  });
});
