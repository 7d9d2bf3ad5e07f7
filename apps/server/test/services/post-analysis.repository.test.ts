import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema } from '@ombud/contract';
import { analyzePost } from '@ombud/core';
import { demoCampaignFor } from '../../src/demo/demo-campaign.ts';
import { generateDemoStream } from '../../src/demo/demo-stream.ts';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { loadPostsToAnalyse } from '../../src/repositories/post-analysis.repository.ts';
import { analysePosts, toStoredAnalysis } from '../../src/services/analysis.service.ts';
import { seedDemoWorkspace } from '../support/demo-workspace.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const START = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-02T12:00:00Z');

// The analysis step reads its posts in a form cheap to decode (epoch milliseconds, campaign ids as
// one text) and writes each distinct analysis's JSON once: what it loads and stores must be what
// the driver's own decoding and the analysis give.
describe.each(DATABASE_KINDS)('post analysis rows on %s', (kind) => {
  let database: TestDatabase;
  let postIds: string[] = [];
  let languagesOf: Map<string, string[]>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    const { posts } = generateDemoStream({ seed: 3, start: START, days: 1, targetPosts: 80 });
    const seeded = await seedDemoWorkspace(db, 'rows', START, posts, NOW);
    postIds = seeded.postIds;
    const other = await insertCampaign(
      db,
      seeded.workspaceId,
      campaignInputSchema.parse({ ...demoCampaignFor(START, 3), name: 'Other', languages: ['de', 'en'] }),
    );
    const [first, second, third, fourth] = postIds;
    // Sub-millisecond times (the driver keeps whole milliseconds, rounding down), one before 1970.
    await sql`UPDATE post SET created_at = '2026-03-01T10:00:00.123999Z' WHERE id = ${first}::bigint`.execute(
      db,
    );
    await sql`UPDATE post SET created_at = '2026-03-01T10:00:00.000001Z' WHERE id = ${second}::bigint`.execute(
      db,
    );
    await sql`UPDATE post SET created_at = '1969-12-31T23:59:59.9995Z' WHERE id = ${third}::bigint`.execute(
      db,
    );
    // One post in both campaigns, one in none.
    await sql`INSERT INTO post_campaign (post_id, campaign_id) VALUES (${second}::bigint, ${other.id}::uuid)`.execute(
      db,
    );
    await sql`DELETE FROM post_campaign WHERE post_id = ${fourth}::bigint`.execute(db);
    const campaigns = await sql<{ id: string; languages: string[] }>`
      SELECT id::text AS id, languages FROM campaign`.execute(db);
    languagesOf = new Map(campaigns.rows.map((c) => [c.id, c.languages]));
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('loads each post with the times, campaigns and language hints its rows hold', async () => {
    const loaded = await loadPostsToAnalyse(database.db, postIds);
    const rows = await sql<{ id: string; created_at: Date; campaign_ids: string[] | null }>`
      SELECT p.id::text AS id, p.created_at, array_agg(pc.campaign_id::text) FILTER (WHERE pc.campaign_id IS NOT NULL)
             AS campaign_ids
      FROM post p LEFT JOIN post_campaign pc ON pc.post_id = p.id
      WHERE p.id = ANY(${postIds}::bigint[]) GROUP BY p.id`.execute(database.db);
    expect(loaded.map((post) => post.id).sort()).toEqual([...postIds].sort());
    const byId = new Map(rows.rows.map((row) => [row.id, row]));
    for (const post of loaded) {
      const row = byId.get(post.id);
      expect(post.createdAt.getTime()).toBe(row?.created_at.getTime());
      const campaigns = [...(row?.campaign_ids ?? [])].sort();
      expect([...post.campaignIds].sort()).toEqual(campaigns);
      const hints = [...new Set(campaigns.flatMap((id) => languagesOf.get(id) ?? []))].sort();
      expect(post.campaignLanguages).toEqual(hints);
    }
    const times = new Map(loaded.map((post) => [post.id, post.createdAt.toISOString()]));
    expect(times.get(postIds[0] ?? '')).toBe('2026-03-01T10:00:00.123Z');
    expect(times.get(postIds[1] ?? '')).toBe('2026-03-01T10:00:00.000Z');
    expect(loaded.find((post) => post.id === postIds[1])?.campaignLanguages).toEqual([
      'de',
      'en',
      'es',
      'sv',
    ]);
    expect(loaded.find((post) => post.id === postIds[3])?.campaignIds).toEqual([]);
  });

  it('stores every analysis as the analysis gives it, and replaces it when analysed again', async () => {
    expect(await analysePosts(database.db, postIds)).toBe(postIds.length);
    const expected = new Map(
      (await loadPostsToAnalyse(database.db, postIds)).map((post) => {
        const stored = toStoredAnalysis(
          analyzePost({ text: post.text, languageHints: post.campaignLanguages }),
        );
        return [
          post.id,
          {
            language: stored.language,
            language_confidence: Math.fround(stored.languageConfidence),
            sentiment: stored.sentiment,
            sentiment_score: Math.fround(stored.sentimentScore),
            intents: stored.intents,
            aspects: stored.aspects,
            toxicity: stored.toxicity,
            result: stored.result,
            analyser_version: stored.analyserVersion,
          },
        ];
      }),
    );
    const read = async () =>
      (
        await sql<Record<string, unknown> & { post_id: string }>`
          SELECT post_id::text AS post_id, language, language_confidence::float8 AS language_confidence,
                 sentiment, sentiment_score::float8 AS sentiment_score, intents, aspects, toxicity, result,
                 analyser_version
          FROM post_analysis WHERE post_id = ANY(${postIds}::bigint[]) ORDER BY post_id`.execute(database.db)
      ).rows;
    const rows = await read();
    expect(rows).toHaveLength(postIds.length);
    for (const { post_id: postId, ...row } of rows) {
      expect({ ...row, result: JSON.parse(JSON.stringify(row['result'])) as unknown }).toEqual(
        JSON.parse(JSON.stringify(expected.get(postId))),
      );
    }
    // What the stored evidence's readers take from it is there; the language model's own evidence is not.
    const sample = rows[0]?.['result'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(sample).sort()).toEqual(['aspects', 'intents', 'language', 'sentiment', 'toxicity']);
    expect(Object.keys(sample['language'] ?? {}).sort()).toEqual(['confidence', 'language']);
    expect(sample['sentiment']?.['evidence']).toBeInstanceOf(Array);

    await sql`UPDATE post_analysis SET sentiment = 'positive', intents = '{}', result = '{}'`.execute(
      database.db,
    );
    await analysePosts(database.db, postIds);
    expect(await read()).toEqual(rows);
  });
});
