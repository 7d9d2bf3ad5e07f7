import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import {
  createPrivacyRequest,
  erasePosts,
  executeErasureRequest,
} from '../../src/services/data-subject.service.ts';
import { subtractErasedPosts } from '../../src/services/privacy-aggregates.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { drainJobs, ingest, seedCampaign } from './privacy-seed.ts';

// Regression: erasing a person deleted their posts but left the crisis signal buckets and the
// listening share-of-voice/aspect buckets counting them. The counts must agree with the posts left.
const HANDLE = 'marta_ruiz_77';
const PERSON_TEXTS = [
  'Mi tetera Nordvik llegó rota y nadie me responde, ¿cómo pido el reembolso? #MiHistoria',
  'El servicio de atención al cliente de Nordvik es lento y la tetera gotea #MiHistoria',
  'My Nordvik kettle leaks, customer service never answers, I want a refund #NordvikStory',
];
const OTHER_TEXTS = [
  'La tetera Nordvik es preciosa, la recomiendo a todos #MiHistoria',
  'I love how fast the Nordvik kettle boils, best purchase this year honestly #NordvikStory',
  'Vattenkokaren från Nordvik är fantastisk, rekommenderas #MinBerättelse',
];
// The person's posts share hours (and some minutes) with other people's, so buckets are shared.
const when = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();
const records = () => [
  ...PERSON_TEXTS.map((text, i) => ({
    id: `marta-${i}`,
    text,
    created_at: when(i * 2),
    author: HANDLE,
    author_name: 'Marta Ruiz',
    platform: 'twitter',
  })),
  ...OTHER_TEXTS.map((text, i) => ({
    id: `other-${i}`,
    text,
    created_at: when(i * 2),
    author: `someone_else_${i}`,
    platform: 'twitter',
  })),
];

interface Totals {
  signalPosts: number;
  signalRisk: number;
  signalEngagement: number;
  sovPosts: number;
  aspectPosts: number;
}

async function totals(database: TestDatabase): Promise<Totals> {
  const result = await sql<Totals>`
    SELECT
      (SELECT coalesce(sum(posts), 0)::int FROM signal_bucket) AS "signalPosts",
      (SELECT coalesce(sum(risk_posts), 0)::int FROM signal_bucket) AS "signalRisk",
      (SELECT coalesce(sum(engagement), 0)::int FROM signal_bucket) AS "signalEngagement",
      (SELECT coalesce(sum(posts), 0)::int FROM listening_sov_bucket) AS "sovPosts",
      (SELECT coalesce(sum(posts), 0)::int FROM listening_aspect_bucket) AS "aspectPosts"
  `.execute(database.db);
  return result.rows[0]!;
}

/**
 * Every bucket (its slots summed) against a recount from the per-post rows that remain (independent
 * of the erasure code): lists each bucket whose stored count differs, or that exists with nothing in it.
 */
async function inconsistentBuckets(database: TestDatabase): Promise<string[]> {
  const signal = await sql<{ key: string }>`
    WITH recount AS (
      SELECT campaign_id, minute, language, sentiment, source, count(*)::int AS posts,
             count(*) FILTER (WHERE risk)::int AS risk_posts, sum(engagement)::bigint AS engagement
      FROM signal_post GROUP BY 1, 2, 3, 4, 5)
    SELECT concat_ws('|', 'signal', coalesce(b.minute, r.minute)::text, coalesce(b.language, r.language),
                     coalesce(b.sentiment, r.sentiment), coalesce(b.posts, 0), coalesce(r.posts, 0)) AS key
    FROM (SELECT campaign_id, minute, language, sentiment, source, sum(posts)::int AS posts,
                 sum(risk_posts)::int AS risk_posts, sum(engagement)::bigint AS engagement
          FROM signal_bucket GROUP BY 1, 2, 3, 4, 5) b
    FULL JOIN recount r USING (campaign_id, minute, language, sentiment, source)
    WHERE b.posts IS DISTINCT FROM r.posts OR b.risk_posts IS DISTINCT FROM r.risk_posts
       OR b.engagement IS DISTINCT FROM r.engagement
  `.execute(database.db);
  const sov = await sql<{ key: string }>`
    WITH recount AS (
      SELECT campaign_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, subject,
             language, market, sentiment, count(*)::int AS posts
      FROM listening_mention GROUP BY 1, 2, 3, 4, 5, 6)
    SELECT concat_ws('|', 'sov', coalesce(b.hour, r.hour)::text, coalesce(b.language, r.language),
                     coalesce(b.posts, 0), coalesce(r.posts, 0)) AS key
    FROM (SELECT campaign_id, hour, subject, language, market, sentiment, sum(posts)::int AS posts
          FROM listening_sov_bucket GROUP BY 1, 2, 3, 4, 5, 6) b
    FULL JOIN recount r USING (campaign_id, hour, subject, language, market, sentiment)
    WHERE b.posts IS DISTINCT FROM r.posts
  `.execute(database.db);
  const aspects = await sql<{ key: string }>`
    WITH recount AS (
      SELECT campaign_id, (created_at AT TIME ZONE 'UTC')::date AS day, subject, a.aspect, sentiment,
             count(*)::int AS posts
      FROM listening_mention, unnest(aspects) AS a(aspect) GROUP BY 1, 2, 3, 4, 5)
    SELECT concat_ws('|', 'aspect', coalesce(b.day, r.day)::text, coalesce(b.aspect, r.aspect),
                     coalesce(b.posts, 0), coalesce(r.posts, 0)) AS key
    FROM (SELECT campaign_id, day, subject, aspect, sentiment, sum(posts)::int AS posts
          FROM listening_aspect_bucket GROUP BY 1, 2, 3, 4, 5) b
    FULL JOIN recount r USING (campaign_id, day, subject, aspect, sentiment)
    WHERE b.posts IS DISTINCT FROM r.posts
  `.execute(database.db);
  return [...signal.rows, ...sov.rows, ...aspects.rows].map((row) => row.key);
}

/**
 * Concurrent jobs leave a bucket's count spread over several slots (one per database connection).
 * Splits every bucket row in two (it keeps half, rounded down, possibly nothing; slot 2000, which no
 * connection writes, takes the rest), so the erasure below works on that shape.
 */
async function splitBucketsOverSlots(database: TestDatabase): Promise<void> {
  await sql`
    INSERT INTO signal_bucket (workspace_id, campaign_id, minute, language, sentiment, source, posts, risk_posts,
                               engagement, slot)
    SELECT workspace_id, campaign_id, minute, language, sentiment, source, posts - posts / 2,
           risk_posts - risk_posts / 2, engagement - engagement / 2, 2000
    FROM signal_bucket
    ON CONFLICT (campaign_id, minute, language, sentiment, source, slot) DO UPDATE SET
      posts = signal_bucket.posts + EXCLUDED.posts, risk_posts = signal_bucket.risk_posts + EXCLUDED.risk_posts,
      engagement = signal_bucket.engagement + EXCLUDED.engagement`.execute(database.db);
  await sql`UPDATE signal_bucket SET posts = posts / 2, risk_posts = risk_posts / 2, engagement = engagement / 2
            WHERE slot <> 2000`.execute(database.db);
  await sql`
    INSERT INTO listening_sov_bucket (campaign_id, hour, subject, language, market, sentiment, posts, slot)
    SELECT campaign_id, hour, subject, language, market, sentiment, posts - posts / 2, 2000
    FROM listening_sov_bucket
    ON CONFLICT (campaign_id, hour, subject, language, market, sentiment, slot)
      DO UPDATE SET posts = listening_sov_bucket.posts + EXCLUDED.posts`.execute(database.db);
  await sql`UPDATE listening_sov_bucket SET posts = posts / 2 WHERE slot <> 2000`.execute(database.db);
  await sql`
    INSERT INTO listening_aspect_bucket (campaign_id, day, subject, aspect, sentiment, posts, slot)
    SELECT campaign_id, day, subject, aspect, sentiment, posts - posts / 2, 2000
    FROM listening_aspect_bucket
    ON CONFLICT (campaign_id, day, subject, aspect, sentiment, slot)
      DO UPDATE SET posts = listening_aspect_bucket.posts + EXCLUDED.posts`.execute(database.db);
  await sql`UPDATE listening_aspect_bucket SET posts = posts / 2 WHERE slot <> 2000`.execute(database.db);
  const split = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM signal_bucket WHERE slot = 2000`.execute(database.db);
  expect(split.rows[0]?.n).toBeGreaterThan(0);
}

describe.each(DATABASE_KINDS)('erasure and aggregate counts on %s', (kind) => {
  let database: TestDatabase;
  let workspaceId: string;
  let personPostIds: string[];
  let before: Totals;
  const actor = { kind: 'system' as const };

  const erase = async () => {
    const request = await createPrivacyRequest(database.db, {
      workspaceId,
      kind: 'erasure',
      subjects: [{ platform: 'twitter', handle: HANDLE }],
      actor,
      now: new Date(),
    });
    return executeErasureRequest(database.db, { workspaceId, requestId: request.id, actor, now: new Date() });
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    workspaceId = (await insertWorkspace(database.db, 'Nordvik')).id;
    await seedCampaign(database.db, workspaceId);
    expect(await ingest(database.db, workspaceId, records())).toMatchObject({ accepted: 6, rejected: 0 });
    await drainJobs(database.db);
    const posts = await sql<{ id: string }>`
      SELECT p.id::text AS id FROM post p JOIN author a ON a.id = p.author_id WHERE a.handle = ${HANDLE}
    `.execute(database.db);
    personPostIds = posts.rows.map((row) => row.id);
    await splitBucketsOverSlots(database);
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it('before erasure every post is counted and the buckets agree with the per-post rows', async () => {
    expect(personPostIds).toHaveLength(3);
    before = await totals(database);
    expect(before.signalPosts).toBe(6);
    expect(before.sovPosts).toBe(6);
    expect(before.aspectPosts).toBeGreaterThan(0);
    expect(await inconsistentBuckets(database)).toEqual([]);
  });

  it('erasure lowers the signal, share-of-voice and aspect counts by exactly the person’s posts', async () => {
    const contribution = await sql<{
      signal: number;
      risk: number;
      engagement: number;
      sov: number;
      aspects: number;
    }>`
      SELECT
        (SELECT count(*)::int FROM signal_post WHERE post_id = ANY(${personPostIds}::bigint[])) AS signal,
        (SELECT count(*) FILTER (WHERE risk)::int FROM signal_post WHERE post_id = ANY(${personPostIds}::bigint[])) AS risk,
        (SELECT coalesce(sum(engagement), 0)::int FROM signal_post WHERE post_id = ANY(${personPostIds}::bigint[])) AS engagement,
        (SELECT count(*)::int FROM listening_mention WHERE post_id = ANY(${personPostIds}::bigint[])) AS sov,
        (SELECT coalesce(sum(cardinality(aspects)), 0)::int FROM listening_mention
          WHERE post_id = ANY(${personPostIds}::bigint[])) AS aspects
    `.execute(database.db);
    const mine = contribution.rows[0]!;
    expect(mine.signal).toBe(3);
    expect(mine.sov).toBe(3);
    expect(mine.aspects).toBeGreaterThan(0);

    const done = await erase();
    expect(done.outcome).toMatchObject({ authorsErased: 1 });
    expect(await totals(database)).toEqual({
      signalPosts: before.signalPosts - mine.signal,
      signalRisk: before.signalRisk - mine.risk,
      signalEngagement: before.signalEngagement - mine.engagement,
      sovPosts: before.sovPosts - mine.sov,
      aspectPosts: before.aspectPosts - mine.aspects,
    });
    expect(await inconsistentBuckets(database)).toEqual([]);
    // A bucket left with nothing in it is removed, not kept at zero.
    const empty = await sql<{ n: number }>`
      SELECT ((SELECT count(*) FROM (SELECT sum(posts) AS posts FROM signal_bucket
                                     GROUP BY campaign_id, minute, language, sentiment, source) k WHERE posts <= 0)
            + (SELECT count(*) FROM (SELECT sum(posts) AS posts FROM listening_sov_bucket
                                     GROUP BY campaign_id, hour, subject, language, market, sentiment) k WHERE posts <= 0)
            + (SELECT count(*) FROM (SELECT sum(posts) AS posts FROM listening_aspect_bucket
                                     GROUP BY campaign_id, day, subject, aspect, sentiment) k WHERE posts <= 0))::int AS n
    `.execute(database.db);
    expect(empty.rows[0]?.n).toBe(0);
    // The audit entry says what was lowered (counts only).
    const audit = await sql<{ details: Record<string, unknown> }>`
      SELECT details FROM audit_log WHERE action = 'privacy.erasure.executed' ORDER BY seq DESC LIMIT 1
    `.execute(database.db);
    expect(audit.rows[0]?.details['bucketsLowered']).toMatchObject({
      signal_bucket: expect.any(Number) as number,
      listening_sov_bucket: expect.any(Number) as number,
    });
  });

  it('a repeated erasure, or subtracting the same posts again, lowers nothing twice', async () => {
    const after = await totals(database);
    const again = await erase();
    expect(again.status).toBe('done');
    expect(again.outcome).toMatchObject({ authorsErased: 0 });
    expect(await database.db.transaction().execute((trx) => subtractErasedPosts(trx, personPostIds))).toEqual(
      { signal_bucket: 0, listening_sov_bucket: 0, listening_aspect_bucket: 0, emptiedBuckets: 0 },
    );
    expect(await totals(database)).toEqual(after);
    expect(await inconsistentBuckets(database)).toEqual([]);
  });
  it('a post deleted on its network and erased lowers the counts by that post, once', async () => {
    const post = await sql<{ id: string; source: string }>`
      SELECT p.id::text AS id, s.name AS source FROM post p JOIN source s ON s.id = p.source_id
      WHERE p.external_id = 'other-0'
    `.execute(database.db);
    const { id, source } = post.rows[0]!;
    const contribution = await sql<{ signal: number; sov: number }>`
      SELECT (SELECT count(*)::int FROM signal_post WHERE post_id = ${id}::bigint) AS signal,
             (SELECT count(*)::int FROM listening_mention WHERE post_id = ${id}::bigint) AS sov
    `.execute(database.db);
    const mine = contribution.rows[0]!;
    expect(mine).toEqual({ signal: 1, sov: 1 });
    const start = await totals(database);
    const erase = () =>
      erasePosts(database.db, {
        workspaceId,
        sourceName: source,
        externalIds: ['other-0'],
        actor,
        now: new Date(),
      });
    expect(await erase()).toMatchObject({ postsErased: 1 });
    const after = await totals(database);
    expect(after.signalPosts).toBe(start.signalPosts - 1);
    expect(after.sovPosts).toBe(start.sovPosts - 1);
    expect(await inconsistentBuckets(database)).toEqual([]);
    expect(await erase()).toMatchObject({ postsErased: 0 });
    expect(await totals(database)).toEqual(after);
  });
});
