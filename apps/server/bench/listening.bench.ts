// npm run bench:listening — mentions search and the share-of-voice chart over a 30-day range on
// 10,000,000 posts in the PostgreSQL server and 1,000,000 posts in PGlite (p50/p95 of the real
// service calls), and topic clustering of 100,000 generated demo posts.
//
// Options: --pg-posts N (default 10,000,000), --pglite-posts N (1,000,000), --cluster-posts N
// (100,000), --days N (days the posts span, default 120), --runs N (timed runs per query, 40),
// --only pg,pglite,cluster, --keep (leave the PostgreSQL database for inspection).
//
// Loading: posts, analyses and share-of-voice buckets are generated in SQL (generate_series) with
// foreign-key triggers off during the load; the search rows are written by the pipeline's own
// INSERT … SELECT (indexSearchRows), in id ranges. Indexes are built after the load.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { detectNarratives, type NarrativePost } from '@ombud/core';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { generateDemoStream } from '../src/demo/demo-stream.ts';
import { DEMO_CAMPAIGN } from '../src/demo/demo-campaign.ts';
import { searchConditions, searchMentions } from '../src/repositories/listening-search.repository.ts';
import { indexSearchRows } from '../src/services/listening-index.service.ts';
import { shareOfVoice } from '../src/services/listening.service.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const PG_POSTS = option('pg-posts', 10_000_000);
const PGLITE_POSTS = option('pglite-posts', 1_000_000);
const CLUSTER_POSTS = option('cluster-posts', 100_000);
const DAYS = option('days', 120);
const RUNS = option('runs', 40);
const only = (args[args.indexOf('--only') + 1] ?? 'pg,pglite,cluster').split(',');
const keep = args.includes('--keep');
const adminUrl = process.env['OMBUD_TEST_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const END = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

const VOCABULARY = {
  en: 'kettle order delivery late refund lid overheats explodes love morning coffee tea quiet loud fast broken leaking warranty support helpful waiting tracking box design steel temperature preset button switch price expensive cheap gift amazing terrible return replacement burned safety recall noise'.split(
    ' ',
  ),
  es: 'hervidor pedido entrega tarde reembolso tapa sobrecalienta explota encanta mañana café té silencioso ruido rápido roto gotea garantía atención ayuda esperando seguimiento caja diseño acero temperatura botón precio caro barato regalo increíble horrible devolución cambio quemaduras seguridad retirada ruido'.split(
    ' ',
  ),
  sv: 'vattenkokare beställning leverans sen återbetalning locket överhettas exploderar älskar morgon kaffe te tyst högljudd snabb trasig läcker garanti kundtjänst hjälp väntar spårning kartong design stål temperatur knapp pris dyr billig present fantastisk hemsk retur ersättning brännskador säkerhet återkallelse ljud'.split(
    ' ',
  ),
};

function sqlArray(words: readonly string[]) {
  return sql.raw(`ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]::text[]`);
}

/** Loads `posts` generated posts (and their analyses, search rows and buckets) into an empty, migrated store. */
async function load(
  pool: Kysely<Database>,
  posts: number,
  kind: string,
): Promise<{ campaignId: string; workspaceId: string }> {
  // One connection throughout: the session settings below must apply to every statement.
  return pool.connection().execute((db) => loadOn(db, posts, kind));
}

async function loadOn(
  db: Kysely<Database>,
  posts: number,
  kind: string,
): Promise<{ campaignId: string; workspaceId: string }> {
  const t0 = performance.now();
  const workspace = await db
    .insertInto('workspace')
    .values({ name: 'bench', settings: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto('campaign')
    .values({
      workspace_id: workspace.id,
      name: DEMO_CAMPAIGN.name,
      hashtags: DEMO_CAMPAIGN.hashtags,
      keywords: DEMO_CAMPAIGN.keywords,
      handles: DEMO_CAMPAIGN.handles,
      languages: DEMO_CAMPAIGN.languages,
      markets: DEMO_CAMPAIGN.markets,
      key_messages: '[]',
      fact_sheet: '[]',
      banned_claims: '[]',
      required_disclosures: '[]',
      competitors: JSON.stringify(DEMO_CAMPAIGN.competitors),
      brief: 'null',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sources = await db
    .insertInto('source')
    .values(
      ['twitter', 'instagram', 'mastodon'].map((name) => ({
        workspace_id: workspace.id,
        kind: 'import',
        name,
      })),
    )
    .returning('id')
    .execute();
  const authors = Math.max(1000, Math.round(posts / 50));
  await sql`INSERT INTO author (workspace_id, platform, handle, display_name, followers, verified)
    SELECT ${workspace.id}::uuid, 'twitter', 'user' || g, 'User ' || g,
      (power(10, 1 + (g * 7919 % 1000) / 200.0))::int, g % 997 = 0
    FROM generate_series(1, ${authors}) g`.execute(db);
  const firstAuthor =
    (await sql<{ id: string }>`SELECT min(id)::text AS id FROM author`.execute(db)).rows[0]?.id ?? '1';
  const spanMs = DAYS * DAY;
  const chunk = 500_000;
  // Foreign-key and user triggers off for the bulk load (ids are generated consistent).
  await sql`SET session_replication_role = replica`.execute(db);
  for (let from = 1; from <= posts; from += chunk) {
    const to = Math.min(posts, from + chunk - 1);
    await sql`
      INSERT INTO post (workspace_id, source_id, external_id, platform, author_id, text, language, market, created_at, metrics)
      SELECT ${workspace.id}::uuid, (${sources.map((s) => s.id)}::uuid[])[1 + g % 3], 'b' || g,
        (ARRAY['twitter','instagram','mastodon'])[1 + g % 3],
        ${firstAuthor}::bigint + (g * 104729 % ${authors}),
        array_to_string(ARRAY(
          SELECT w[1 + abs(hashint8(g * 16 + k)) % array_length(w, 1)]
          FROM generate_series(1, 6 + abs(hashint8(-g)) % 9) k
        ), ' ') || CASE WHEN g % 10 = 0 THEN ' Kettlo' ELSE ' Nordvik' END || ' #MyNordvikStory',
        lang, (CASE lang WHEN 'es' THEN 'ES' WHEN 'sv' THEN 'SE' ELSE (ARRAY['US','GB'])[1 + g % 2] END),
        timestamptz 'epoch' + ((${END - spanMs}::bigint + (g::bigint * 7919 * 1000) % ${spanMs}::bigint) * interval '1 millisecond'),
        jsonb_build_object('likes', g % 50, 'reposts', g % 7)
      FROM generate_series(${from}::bigint, ${to}::bigint) g
      CROSS JOIN LATERAL (SELECT (ARRAY['en','en','es','sv'])[1 + g % 4] AS lang) l
      CROSS JOIN LATERAL (SELECT CASE lang WHEN 'en' THEN ${sqlArray(VOCABULARY.en)}
        WHEN 'es' THEN ${sqlArray(VOCABULARY.es)} ELSE ${sqlArray(VOCABULARY.sv)} END AS w) v`.execute(db);
    log(`${kind}: ${to.toLocaleString('en')} posts`);
  }
  await sql`INSERT INTO post_campaign (post_id, campaign_id) SELECT id, ${campaign.id}::uuid FROM post`.execute(
    db,
  );
  await sql`
    INSERT INTO post_analysis (post_id, workspace_id, language, language_confidence, sentiment, sentiment_score,
      intents, aspects, toxicity, result, analyser_version)
    SELECT id, workspace_id, language, 0.9,
      (ARRAY['positive','neutral','negative','negative','neutral'])[1 + id % 5],
      ((id % 5) - 2) / 2.0,
      CASE WHEN id % 17 = 0 THEN ARRAY['churn_threat','complaint'] WHEN id % 3 = 0 THEN ARRAY['complaint'] ELSE ARRAY[]::text[] END,
      CASE id % 5 WHEN 0 THEN ARRAY['delivery'] WHEN 1 THEN ARRAY['safety'] WHEN 2 THEN ARRAY['price']
        WHEN 3 THEN ARRAY['product_quality'] ELSE ARRAY[]::text[] END,
      CASE WHEN id % 101 = 0 THEN 'low' ELSE 'none' END, '{}'::jsonb, 'bench'
    FROM post`.execute(db);
  log(`${kind}: analyses written (${((performance.now() - t0) / 1000).toFixed(0)} s so far)`);
  // The pipeline's own search-row statement, in id ranges; indexes come after.
  await sql`DROP INDEX listening_post_tsv, listening_post_time, listening_post_author`.execute(db);
  const ids = (
    await sql<{ lo: string; hi: string }>`SELECT min(id)::text AS lo, max(id)::text AS hi FROM post`.execute(
      db,
    )
  ).rows[0];
  const lo = Number(ids?.lo ?? 1);
  const hi = Number(ids?.hi ?? 0);
  for (let from = lo; from <= hi; from += chunk) {
    await indexSearchRows(db, sql`p.id BETWEEN ${from} AND ${from + chunk - 1}`);
    log(`${kind}: search rows to id ${Math.min(hi, from + chunk - 1).toLocaleString('en')}`);
  }
  await sql`SET maintenance_work_mem = '256MB'`.execute(db);
  await sql`CREATE INDEX listening_post_time ON listening_post (workspace_id, created_at DESC, post_id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX listening_post_author ON listening_post (author_id)`.execute(db);
  await sql`CREATE INDEX listening_post_tsv ON listening_post USING gin (tsv)`.execute(db);
  log(`${kind}: indexes built`);
  // Share-of-voice buckets as the stage keeps them: every post names the brand (all are in the
  // campaign); every tenth also names Kettlo.
  await sql`
    INSERT INTO listening_sov_bucket (campaign_id, hour, subject, language, market, sentiment, posts)
    SELECT ${campaign.id}::uuid, date_trunc('hour', lp.created_at), s.subject, lp.language, coalesce(lp.market, ''),
      lp.sentiment, count(*)::int
    FROM listening_post lp
    CROSS JOIN LATERAL (SELECT '' AS subject UNION ALL SELECT 'Kettlo' WHERE lp.post_id % 10 = 0) s
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`
    INSERT INTO listening_aspect_bucket (campaign_id, day, subject, aspect, sentiment, posts)
    SELECT ${campaign.id}::uuid, (lp.created_at AT TIME ZONE 'UTC')::date, s.subject, a.aspect, lp.sentiment, count(*)::int
    FROM listening_post lp
    CROSS JOIN LATERAL unnest(lp.aspects) a(aspect)
    CROSS JOIN LATERAL (SELECT '' AS subject UNION ALL SELECT 'Kettlo' WHERE lp.post_id % 10 = 0) s
    GROUP BY 1, 2, 3, 4, 5`.execute(db);
  await sql`SET session_replication_role = origin`.execute(db);
  // As autovacuum would leave a settled table: statistics and the visibility map (index-only scans).
  await sql`VACUUM ANALYZE`.execute(db);
  log(
    `${kind}: loaded ${posts.toLocaleString('en')} posts in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  return { campaignId: campaign.id, workspaceId: workspace.id };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function timeQueries(
  db: Kysely<Database>,
  ids: { campaignId: string; workspaceId: string },
  kind: string,
  target: number,
) {
  // Every run picks another 30-day window inside the data, so caches do not flatter the figures.
  let r = 7;
  const window = () => {
    r = (r * 48271) % 2147483647;
    const start = END - DAYS * DAY + (r % Math.max(1, DAYS - 30)) * DAY;
    return { from: new Date(start).toISOString(), to: new Date(start + 30 * DAY).toISOString() };
  };
  const searches: Record<string, () => Record<string, string>> = {
    'search: text es + sentiment': () => ({ q: 'tapa explota', language: 'es', sentiment: 'negative' }),
    'search: text, all languages': () => ({ q: 'delivery late' }),
    'search: filters only (sv, churn risk)': () => ({ language: 'sv', risk: 'churn_threat' }),
    'search: intent + aspect + market': () => ({ intent: 'complaint', aspect: 'safety', market: 'GB' }),
    'search: phrase (sv)': () => ({ q: '"locket överhettas"', language: 'sv' }),
    // Rare enough that the time slices fall short and the GIN index finishes the page.
    'search: rare text (4 words)': () => ({ q: 'locket överhettas brännskador återkallelse' }),
    'search: no match': () => ({ q: 'xyzzy' }),
  };
  const results: { name: string; p50: number; p95: number; rows: number }[] = [];
  for (const [name, make] of Object.entries(searches)) {
    if (args.includes('--explain')) {
      // The plan of the page query (same conditions as searchMentions builds).
      const where = searchConditions(ids.workspaceId, { campaignId: ids.campaignId, ...window(), ...make() });
      const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS)
        SELECT * FROM listening_post lp WHERE ${sql.join(where, sql` AND `)}
        ORDER BY lp.created_at DESC, lp.post_id DESC LIMIT 50`.execute(db);
      console.log(`\n${name}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const page = await searchMentions(
        db,
        ids.workspaceId,
        { campaignId: ids.campaignId, ...window(), ...make() },
        { limit: 50 },
      );
      times.push(performance.now() - t);
      rows += page.posts.length;
    }
    results.push({
      name,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      rows: Math.round(rows / RUNS),
    });
  }
  for (const interval of ['day', 'hour'] as const) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const chart = await shareOfVoice(db, ids.workspaceId, {
        campaignId: ids.campaignId,
        ...window(),
        interval,
      });
      times.push(performance.now() - t);
      if (chart.subjects.length !== 2) throw new Error('share of voice lost a subject');
    }
    results.push({
      name: `share of voice, 30 days by ${interval}`,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      rows: 0,
    });
  }
  console.log(`\n${kind}: ${RUNS} runs per query, 30-day windows, target p95 < ${target} ms`);
  for (const row of results)
    console.log(
      `  ${row.name.padEnd(40)} p50 ${row.p50.toFixed(1).padStart(7)} ms   p95 ${row.p95.toFixed(1).padStart(7)} ms   ${row.p95 < target ? 'OK' : 'OVER'}${row.rows ? `   (${row.rows} rows/page)` : ''}`,
    );
  return results;
}

async function benchPostgres() {
  // --reuse-db NAME: time the queries on a database an earlier run loaded and kept (--keep).
  const reuse = args.includes('--reuse-db') ? args[args.indexOf('--reuse-db') + 1] : undefined;
  const name = reuse ?? `ombud_bench_listening_${randomBytes(4).toString('hex')}`;
  if (!/^ombud_bench_listening_[0-9a-f]{8}$/.test(name))
    throw new Error(`--reuse-db: not a benchmark database: ${name}`);
  if (!reuse) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ kind: 'postgres', url: adminUrl.replace(/\/[^/]*$/, `/${name}`) });
    let ids: { campaignId: string; workspaceId: string };
    let posts = PG_POSTS;
    if (reuse) {
      const row = await sql<{ campaign_id: string; workspace_id: string; posts: number }>`
        SELECT c.id AS campaign_id, c.workspace_id, (SELECT count(*)::int FROM listening_post) AS posts
        FROM campaign c LIMIT 1`.execute(handle.db);
      const found = row.rows[0];
      if (!found) throw new Error(`${name} holds no benchmark campaign`);
      ids = { campaignId: found.campaign_id, workspaceId: found.workspace_id };
      posts = found.posts;
    } else {
      await migrateToLatest(handle.db);
      ids = await load(handle.db, PG_POSTS, 'postgres');
    }
    const size = (
      await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(
        handle.db,
      )
    ).rows[0]?.s;
    log(`postgres: database ${name}, size ${size}`);
    await timeQueries(
      handle.db,
      ids,
      `PostgreSQL server, ${posts.toLocaleString('en')} posts over ${DAYS} days`,
      300,
    );
  } finally {
    await handle?.close();
    if (!keep && !reuse) {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    } else log(`kept database ${name} (drop it with: DROP DATABASE ${name})`);
  }
}

async function benchPglite() {
  const handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  try {
    await migrateToLatest(handle.db);
    const ids = await load(handle.db, PGLITE_POSTS, 'pglite');
    await timeQueries(
      handle.db,
      ids,
      `PGlite, ${PGLITE_POSTS.toLocaleString('en')} posts over ${DAYS} days`,
      1000,
    );
  } finally {
    await handle.close();
  }
}

function benchClustering() {
  log(`cluster: generating ${CLUSTER_POSTS.toLocaleString('en')} demo posts`);
  const stream = generateDemoStream({
    seed: 7,
    start: Date.UTC(2026, 9, 1),
    days: 28,
    targetPosts: CLUSTER_POSTS,
  });
  const posts: NarrativePost[] = stream.posts.map((p, i) => ({
    id: p.id,
    text: p.text,
    language: p.lang,
    at: Date.parse(p.created_at),
    sentiment: (['positive', 'neutral', 'negative'] as const)[i % 3] ?? 'neutral',
    sentimentScore: 0,
    engagement: p.likes,
  }));
  const from = Date.UTC(2026, 9, 1);
  const to = from + 28 * DAY;
  const t = performance.now();
  // All posts are clustered (baseline: the first week, window: the whole span's later three weeks).
  const result = detectNarratives(posts, posts, {
    from: from + 7 * DAY,
    to,
    baselineFrom: from,
    ignore: [...DEMO_CAMPAIGN.hashtags, ...DEMO_CAMPAIGN.keywords, ...DEMO_CAMPAIGN.handles],
  });
  const seconds = (performance.now() - t) / 1000;
  const clustered = result.languages.reduce((n, l) => n + l.clustered, 0);
  const windowPosts = result.languages.reduce((n, l) => n + l.posts, 0);
  console.log(
    `\ntopic clustering: ${posts.length.toLocaleString('en')} posts (${windowPosts.toLocaleString('en')} in the window, ${clustered.toLocaleString('en')} clustered into ${result.narratives.length} topics) in ${seconds.toFixed(1)} s — target < 60 s ${seconds < 60 ? 'OK' : 'OVER'}`,
  );
  for (const n of result.narratives.slice(0, 6))
    console.log(`  ${n.language} ${n.label} (${n.posts}${n.isNew ? ', new' : ''})`);
}

if (only.includes('cluster')) benchClustering();
if (only.includes('pglite')) await benchPglite();
if (only.includes('pg')) await benchPostgres();
