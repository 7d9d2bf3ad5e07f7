import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** How many bucket rows an erasure lowered (and of those, how many it removed because they reached zero). */
export interface AggregateReduction {
  signal_bucket: number;
  listening_sov_bucket: number;
  listening_aspect_bucket: number;
  emptiedBuckets: number;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Takes posts that are being erased out of the counts derived from them: the crisis signal buckets
 * (per minute × campaign × language × sentiment × source) and the listening share-of-voice and
 * aspect buckets. Each post's contribution is read from its ledger row (`signal_post`,
 * `listening_mention`: what it added when it was counted), the ledger row is deleted and the bucket
 * lowered by exactly that, in the caller's transaction. Idempotent: a post whose ledger rows are
 * gone contributes nothing, so a repeated erasure lowers nothing twice. A bucket that reaches zero
 * is removed: an empty row would still say that someone posted in that minute, language and tone.
 *
 * The posts are locked first, so a job counting them at the same moment either finishes before
 * (and its rows are found here) or waits and then finds the posts gone.
 */
export async function subtractErasedPosts(
  trx: Executor,
  postIds: readonly string[],
): Promise<AggregateReduction> {
  const reduction: AggregateReduction = {
    signal_bucket: 0,
    listening_sov_bucket: 0,
    listening_aspect_bucket: 0,
    emptiedBuckets: 0,
  };
  const ids = [...new Set(postIds)].filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) return reduction;
  await sql`SELECT id FROM post WHERE id = ANY(${ids}::bigint[]) ORDER BY id FOR UPDATE`.execute(trx);
  await subtractSignals(trx, ids, reduction);
  await subtractMentions(trx, ids, reduction);
  return reduction;
}

async function subtractSignals(trx: Executor, ids: string[], reduction: AggregateReduction): Promise<void> {
  const gone = await sql<{
    campaign_id: string;
    minute: Date;
    language: string;
    sentiment: string;
    source: string;
    risk: boolean;
    engagement: number;
  }>`
    DELETE FROM signal_post WHERE post_id = ANY(${ids}::bigint[])
    RETURNING campaign_id::text AS campaign_id, minute, language, sentiment, source, risk, engagement
  `.execute(trx);
  const deltas = new Map<
    string,
    {
      campaign_id: string;
      minute: string;
      language: string;
      sentiment: string;
      source: string;
      posts: number;
      risk_posts: number;
      engagement: number;
    }
  >();
  for (const row of gone.rows) {
    const minute = new Date(Math.floor(new Date(row.minute).getTime() / MINUTE_MS) * MINUTE_MS).toISOString();
    const key = `${row.campaign_id}|${minute}|${row.language}|${row.sentiment}|${row.source}`;
    const delta = deltas.get(key) ?? {
      campaign_id: row.campaign_id,
      minute,
      language: row.language,
      sentiment: row.sentiment,
      source: row.source,
      posts: 0,
      risk_posts: 0,
      engagement: 0,
    };
    delta.posts += 1;
    delta.risk_posts += row.risk ? 1 : 0;
    delta.engagement += Number(row.engagement);
    deltas.set(key, delta);
  }
  if (deltas.size === 0) return;
  const rows = JSON.stringify([...deltas.values()]);
  const lowered = await lowerStripedBuckets(trx, {
    table: 'signal_bucket',
    key: ['campaign_id', 'minute', 'language', 'sentiment', 'source'],
    recordset: sql`json_to_recordset(${rows}::json)
      AS d(campaign_id uuid, minute timestamptz, language text, sentiment text, source text, posts integer,
           risk_posts integer, engagement bigint)`,
    lower: sql`posts = b.posts - d.posts, risk_posts = b.risk_posts - d.risk_posts,
      engagement = b.engagement - d.engagement`,
  });
  reduction.signal_bucket += lowered.lowered;
  reduction.emptiedBuckets += lowered.emptied;
}

async function subtractMentions(trx: Executor, ids: string[], reduction: AggregateReduction): Promise<void> {
  const gone = await sql<{
    campaign_id: string;
    subject: string;
    created_at: Date;
    language: string;
    market: string;
    sentiment: string;
    aspects: string[];
  }>`
    DELETE FROM listening_mention WHERE post_id = ANY(${ids}::bigint[])
    RETURNING campaign_id::text AS campaign_id, subject, created_at, language, market, sentiment, aspects
  `.execute(trx);
  // Keyed exactly as the listening index counts them: the UTC hour, and that hour's UTC day.
  const volume = new Map<string, { key: string[]; posts: number }>();
  const aspects = new Map<string, { key: string[]; posts: number }>();
  const add = (map: typeof volume, key: string[]) => {
    const id = JSON.stringify(key);
    const entry = map.get(id) ?? { key, posts: 0 };
    entry.posts += 1;
    map.set(id, entry);
  };
  for (const row of gone.rows) {
    const hour = new Date(Math.floor(new Date(row.created_at).getTime() / HOUR_MS) * HOUR_MS).toISOString();
    add(volume, [row.campaign_id, hour, row.subject, row.language, row.market, row.sentiment]);
    for (const aspect of row.aspects)
      add(aspects, [row.campaign_id, hour.slice(0, 10), row.subject, aspect, row.sentiment]);
  }
  if (volume.size > 0) {
    const rows = JSON.stringify(
      [...volume.values()].map(
        ({ key: [campaign_id, hour, subject, language, market, sentiment], posts }) => ({
          campaign_id,
          hour,
          subject,
          language,
          market,
          sentiment,
          posts,
        }),
      ),
    );
    const lowered = await lowerStripedBuckets(trx, {
      table: 'listening_sov_bucket',
      key: ['campaign_id', 'hour', 'subject', 'language', 'market', 'sentiment'],
      recordset: sql`json_to_recordset(${rows}::json)
        AS d(campaign_id uuid, hour timestamptz, subject text, language text, market text, sentiment text,
             posts integer)`,
      lower: sql`posts = b.posts - d.posts`,
    });
    reduction.listening_sov_bucket += lowered.lowered;
    reduction.emptiedBuckets += lowered.emptied;
  }
  if (aspects.size > 0) {
    const rows = JSON.stringify(
      [...aspects.values()].map(({ key: [campaign_id, day, subject, aspect, sentiment], posts }) => ({
        campaign_id,
        day,
        subject,
        aspect,
        sentiment,
        posts,
      })),
    );
    const lowered = await lowerStripedBuckets(trx, {
      table: 'listening_aspect_bucket',
      key: ['campaign_id', 'day', 'subject', 'aspect', 'sentiment'],
      recordset: sql`json_to_recordset(${rows}::json)
        AS d(campaign_id uuid, day date, subject text, aspect text, sentiment text, posts integer)`,
      lower: sql`posts = b.posts - d.posts`,
    });
    reduction.listening_aspect_bucket += lowered.lowered;
    reduction.emptiedBuckets += lowered.emptied;
  }
}

/**
 * Lowers striped counter buckets (one row per key and slot, db/counter-slot.ts) by what erased posts
 * added: the key's lowest slot takes the whole reduction (a slot may go below zero; readers sum the
 * slots), and a key whose slots now sum to zero or less loses every row. All slots of the keys are
 * locked first, in key order as counting jobs take them, so the two cannot deadlock and the sum is
 * stable; a slot a job inserts meanwhile holds only that job's posts, never the erased ones.
 */
async function lowerStripedBuckets(
  trx: Executor,
  target: {
    table: string;
    key: readonly string[];
    recordset: RawBuilder<unknown>;
    lower: RawBuilder<unknown>;
  },
): Promise<{ lowered: number; emptied: number }> {
  const table = sql.table(target.table);
  const equal = (left: string, right: string) =>
    sql.join(
      target.key.map((column) => sql`${sql.ref(`${left}.${column}`)} = ${sql.ref(`${right}.${column}`)}`),
      sql` AND `,
    );
  const match = equal('b', 'd');
  const sameKey = equal('x', 'b');
  const order = sql.join([...target.key.map((column) => sql.ref(`b.${column}`)), sql.ref('b.slot')]);
  await sql`SELECT 1 FROM ${table} b JOIN ${target.recordset} ON ${match} ORDER BY ${order} FOR UPDATE OF b`.execute(
    trx,
  );
  const updated = await sql`
    UPDATE ${table} b SET ${target.lower} FROM ${target.recordset}
    WHERE ${match} AND b.slot = (SELECT min(x.slot) FROM ${table} x WHERE ${sameKey})`.execute(trx);
  const emptied = await sql`
    DELETE FROM ${table} b USING ${target.recordset}
    WHERE ${match} AND (SELECT sum(x.posts) FROM ${table} x WHERE ${sameKey}) <= 0`.execute(trx);
  return { lowered: Number(updated.numAffectedRows ?? 0), emptied: Number(emptied.numAffectedRows ?? 0) };
}
