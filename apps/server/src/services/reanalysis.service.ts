import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enqueueJobs } from '../repositories/job.repository.ts';

const CHUNK = 2000;

/** Queues every post of a campaign for analysis again (after a model or lexicon change); returns the count. */
export async function queueCampaignReanalysis(db: Kysely<Database>, campaignId: string): Promise<number> {
  let queued = 0;
  let after = '0';
  for (;;) {
    const rows = await sql<{ post_id: string }>`
      SELECT post_id::text AS post_id FROM post_campaign
      WHERE campaign_id = ${campaignId}::uuid AND post_id > ${after}::bigint
      ORDER BY post_id LIMIT ${CHUNK}`.execute(db);
    const ids = rows.rows.map((row) => row.post_id);
    if (ids.length === 0) return queued;
    await enqueueJobs(db, [{ name: 'post.ingested', payload: { postIds: ids } }]);
    queued += ids.length;
    after = ids[ids.length - 1] ?? after;
  }
}
