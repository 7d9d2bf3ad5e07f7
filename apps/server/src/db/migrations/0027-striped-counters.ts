import { sql, type Kysely } from 'kysely';

// The crisis clock loses `latest_post_at`, which every job raised (and so held locked until it
// committed): the engine now reads the newest counted minute from the signal buckets. Every campaign
// gets its clock row when it is created, so jobs only read it.
//
// Counter rows every job of a campaign adds to get a `slot` in their key (see db/counter-slot.ts):
// concurrent jobs add to their own connection's row instead of queueing behind one row lock until
// the first job commits. Existing rows become slot 0.
//
// The pipeline's latency histogram gains bounds at 0.75, 1.5 and 3 s (a p99 between 2 and 5 s was
// one bucket). Each old bucket's count moves to the new bucket with the same upper bound, so every
// cumulative count at an old bound is unchanged.
const STRIPED: readonly { table: string; key: string }[] = [
  { table: 'signal_bucket', key: 'campaign_id, minute, language, sentiment, source' },
  { table: 'listening_sov_bucket', key: 'campaign_id, hour, subject, language, market, sentiment' },
  { table: 'listening_aspect_bucket', key: 'campaign_id, day, subject, aspect, sentiment' },
  { table: 'stream_post_minute', key: 'workspace_id, minute' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, key } of STRIPED) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN slot smallint NOT NULL DEFAULT 0`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD PRIMARY KEY (${sql.raw(key)}, slot)`.execute(db);
  }
  await sql`ALTER TABLE crisis_clock DROP COLUMN latest_post_at`.execute(db);
  // Every campaign has its clock from now on (created with the campaign).
  await sql`
    INSERT INTO crisis_clock (campaign_id, workspace_id) SELECT id, workspace_id FROM campaign
    ON CONFLICT (campaign_id) DO NOTHING`.execute(db);
  // Old bounds 50,100,250,500,1000,2000,5000,10000,30000,60000 ms and +Inf; new ones insert 750, 1500
  // and 3000 ms.
  await sql`
    UPDATE stream_post_minute SET latency_buckets = ARRAY[
      latency_buckets[1], latency_buckets[2], latency_buckets[3], latency_buckets[4], 0, latency_buckets[5], 0,
      latency_buckets[6], 0, latency_buckets[7], latency_buckets[8], latency_buckets[9], latency_buckets[10],
      latency_buckets[11]]::bigint[]`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE crisis_clock ADD COLUMN latest_post_at timestamptz`.execute(db);
  await sql`
    UPDATE crisis_clock c SET latest_post_at = coalesce(
      (SELECT max(minute) FROM signal_bucket b WHERE b.campaign_id = c.campaign_id), c.processed_until, now())`.execute(
    db,
  );
  await sql`ALTER TABLE crisis_clock ALTER COLUMN latest_post_at SET NOT NULL`.execute(db);
  await sql`
    UPDATE stream_post_minute SET latency_buckets = ARRAY[
      latency_buckets[1], latency_buckets[2], latency_buckets[3], latency_buckets[4],
      latency_buckets[5] + latency_buckets[6], latency_buckets[7] + latency_buckets[8],
      latency_buckets[9] + latency_buckets[10], latency_buckets[11], latency_buckets[12], latency_buckets[13],
      latency_buckets[14]]::bigint[]`.execute(db);
  for (const { table, key } of STRIPED) {
    // The slots of each key fold back into one row.
    const folds =
      table === 'stream_post_minute'
        ? sql`sum(posts)::bigint AS posts, sum(latency_ms_sum) AS latency_ms_sum, max(latency_ms_max) AS latency_ms_max,
            ARRAY(SELECT sum(b.n)::bigint FROM stream_post_minute t, unnest(t.latency_buckets) WITH ORDINALITY AS b(n, i)
                  WHERE t.workspace_id = s.workspace_id AND t.minute = s.minute GROUP BY b.i ORDER BY b.i) AS latency_buckets`
        : table === 'signal_bucket'
          ? sql`workspace_id, sum(posts)::int AS posts, sum(risk_posts)::int AS risk_posts,
              sum(engagement)::bigint AS engagement`
          : sql`sum(posts)::int AS posts`;
    const groupBy = table === 'signal_bucket' ? `${key}, workspace_id` : key;
    const columns =
      table === 'stream_post_minute'
        ? `${key}, posts, latency_ms_sum, latency_ms_max, latency_buckets`
        : table === 'signal_bucket'
          ? `${key}, workspace_id, posts, risk_posts, engagement`
          : `${key}, posts`;
    await sql`CREATE TEMP TABLE folded AS
      SELECT ${sql.raw(key)}, ${folds} FROM ${sql.table(table)} s GROUP BY ${sql.raw(groupBy)}`.execute(db);
    await sql`DELETE FROM ${sql.table(table)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN slot`.execute(db);
    await sql`INSERT INTO ${sql.table(table)} (${sql.raw(columns)}) SELECT * FROM folded`.execute(db);
    await sql`DROP TABLE folded`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD PRIMARY KEY (${sql.raw(key)})`.execute(db);
  }
}
