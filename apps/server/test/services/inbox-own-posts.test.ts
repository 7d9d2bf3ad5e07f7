import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema } from '@ombud/contract';
import { runJobOnce } from '../../src/adapters/work-stream/run-once.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { createInboxItems } from '../../src/services/inbox-intake.service.ts';
import { ingestPlainRecords } from '../support/ingest-records.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

// The brand's own accounts answer customers in public ("Sorry for the delay! DM us your order
// number"): those posts mention the campaign and read like a complaint, but nobody has to answer
// the brand. They stay in listening; they are not inbox work.
describe.each(DATABASE_KINDS)("the brand's own posts in the inbox (%s)", (kind) => {
  let database: TestDatabase;
  const now = new Date('2026-11-24T12:00:00Z');
  const text =
    'Sorry for the delay with your Nordvik kettle order! Where are you? Please DM us your order number';
  let postIds: { brand: string; customer: string; other: string };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const workspaceId = (await insertWorkspace(database.db, 'Nordvik')).id;
    await insertCampaign(
      database.db,
      workspaceId,
      campaignInputSchema.parse({
        name: 'Kettle',
        keywords: ['kettle'],
        handles: ['@Nordvik', '@nordvik_es'],
      }),
    );
    await ingestPlainRecords(
      database.db,
      workspaceId,
      [
        { id: 'brand', text, author: 'nordvik' },
        { id: 'customer', text, author: 'jess.davies' },
        {
          id: 'other',
          text: 'My kettle broke after two days and support never answers. Refund now!',
          author: '@NORDVIK_ES',
        },
      ].map((record, i) => ({
        ...record,
        created_at: new Date(now.getTime() - (3 - i) * 60_000).toISOString(),
      })),
      { now },
    );
    const rows = await database.db.selectFrom('post').select(['id', 'external_id']).execute();
    const id = (external: string) => String(rows.find((row) => row.external_id === external)?.id);
    postIds = { brand: id('brand'), customer: id('customer'), other: id('other') };
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it("makes an item of the customer's post only, in the job and when intake reads the stored rows", async () => {
    const ids = [postIds.brand, postIds.customer, postIds.other];
    await runJobOnce(
      database.db,
      createJobRegistry(),
      { name: 'post.ingested', payload: { postIds: ids } },
      () => Promise.resolve(true),
      () => now,
    );
    const items = await database.db.selectFrom('inbox_item').select('post_id').execute();
    expect(items.map((item) => String(item.post_id))).toEqual([postIds.customer]);

    // Intake without the job's posts (re-indexing) reads the author from the stored rows.
    await database.db.deleteFrom('inbox_item').execute();
    await createInboxItems(database.db, ids, now);
    const again = await database.db.selectFrom('inbox_item').select('post_id').execute();
    expect(again.map((item) => String(item.post_id))).toEqual([postIds.customer]);
  });
});
