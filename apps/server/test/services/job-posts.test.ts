import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoStream } from '../../src/demo/demo-stream.ts';
import { runJobOnce } from '../../src/adapters/work-stream/run-once.ts';
import type { JobContext } from '../../src/jobs/job-registry.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { runAfterAnalysis } from '../../src/pipeline/after-analysis.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { seedDemoWorkspace } from '../support/demo-workspace.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const START = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-03T12:00:00Z');

// The stages after analysis take the job's posts from analysis (pipeline/job-posts.ts) instead of
// reading them again. Two workspaces get the same demo posts (replies, competitor talk, a crisis);
// one runs the stages with the job's posts, the other makes them load the rows: every row the
// stages derive must be the same.
describe.each(DATABASE_KINDS)("stages given the job's posts on %s", (kind) => {
  let database: TestDatabase;
  const workspaces: { id: string; campaignId: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { posts } = generateDemoStream({ seed: 5, start: START, days: 2, targetPosts: 600 });
    for (const [index, name] of ['loads', 'given'].entries()) {
      const {
        workspaceId,
        campaignId,
        postIds: ids,
      } = await seedDemoWorkspace(database.db, name, START, posts, NOW);
      workspaces.push({ id: workspaceId, campaignId });
      // Two jobs each, so the second finds the first one's buckets and replies.
      for (const postIds of [ids.slice(0, 300), ids.slice(300)]) {
        // The job registry's own handler hands the posts on; the other makes every stage load them.
        const handlers =
          index === 0
            ? {
                'post.ingested': async (_payload: Record<string, unknown>, context: JobContext) => {
                  await analysePosts(context.db, postIds);
                  await runAfterAnalysis(postIds, context);
                  return 'done' as const;
                },
              }
            : createJobRegistry();
        const outcome = await runJobOnce(
          database.db,
          handlers,
          { name: 'post.ingested', payload: { postIds } },
          () => Promise.resolve(true),
          () => NOW,
        );
        expect(outcome).toBe('done');
      }
    }
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** The rows a query returns, as sorted JSON lines (posts are named by external id, not row id). */
  async function rows(query: string): Promise<string[]> {
    const result = await sql<Record<string, unknown>>`${sql.raw(query)}`.execute(database.db);
    return result.rows.map((row) => JSON.stringify(row)).sort();
  }

  const tables: [string, (w: { id: string; campaignId: string }) => string][] = [
    [
      'signal_post',
      (w) => `SELECT p.external_id, s.minute, s.language, s.sentiment, s.source, s.risk, s.risk_categories,
                s.engagement FROM signal_post s JOIN post p ON p.id = s.post_id WHERE s.campaign_id = '${w.campaignId}'`,
    ],
    [
      'signal_bucket',
      (w) => `SELECT minute, language, sentiment, source, posts, risk_posts, engagement FROM signal_bucket
                WHERE campaign_id = '${w.campaignId}'`,
    ],
    [
      'listening_post',
      (w) => `SELECT p.external_id, l.language, l.ts_config, l.market, l.sentiment, l.intents, l.aspects,
                l.risk_flags, l.engagement, l.tsv::text AS tsv
                FROM listening_post l JOIN post p ON p.id = l.post_id WHERE l.workspace_id = '${w.id}'`,
    ],
    [
      'listening_mention',
      (w) => `SELECT p.external_id, m.subject, m.created_at, m.language, m.market, m.sentiment, m.aspects
                FROM listening_mention m JOIN post p ON p.id = m.post_id WHERE m.campaign_id = '${w.campaignId}'`,
    ],
    [
      'listening_sov_bucket',
      (w) => `SELECT hour, subject, language, market, sentiment, posts FROM listening_sov_bucket
                WHERE campaign_id = '${w.campaignId}'`,
    ],
    [
      'listening_aspect_bucket',
      (w) => `SELECT day, subject, aspect, sentiment, posts FROM listening_aspect_bucket
                WHERE campaign_id = '${w.campaignId}'`,
    ],
    [
      'listening_poaching',
      (
        w,
      ) => `SELECT p.external_id, l.competitor, l.kind, t.external_id AS target, l.target_is_complaint, l.evidence
                FROM listening_poaching l JOIN post p ON p.id = l.post_id LEFT JOIN post t ON t.id = l.target_post_id
                WHERE l.campaign_id = '${w.campaignId}'`,
    ],
    [
      'crisis_monitor',
      (
        w,
      ) => `SELECT language, level, critical_since, processed_until, (state::jsonb - 'incidentId')::text AS state FROM crisis_monitor
                WHERE campaign_id = '${w.campaignId}'`,
    ],
  ];

  it("stores each post's own analysis next to its columns (one batch, two parameters)", async () => {
    const stored = await sql<{ posts: number; analysed: number; mismatched: number }>`
      SELECT (SELECT count(*) FROM post)::int AS posts, count(*)::int AS analysed,
        count(*) FILTER (WHERE result->'language'->>'language' IS DISTINCT FROM language
          OR result->'sentiment'->>'label' IS DISTINCT FROM sentiment
          OR ARRAY(SELECT i->>'label' FROM json_array_elements(result->'intents') i) IS DISTINCT FROM intents)::int
          AS mismatched
      FROM post_analysis`.execute(database.db);
    const { posts, analysed, mismatched } = stored.rows[0] ?? { posts: 0, analysed: -1, mismatched: -1 };
    expect(posts).toBeGreaterThan(1000);
    expect({ analysed, mismatched }).toEqual({ analysed: posts, mismatched: 0 });
  });

  it.each(tables.map(([name, query]) => ({ name, query })))(
    'writes the same $name rows as stages that load the posts themselves',
    async ({ query }) => {
      const [loads, given] = workspaces;
      if (!loads || !given) throw new Error('setup failed');
      const expected = await rows(query(loads));
      expect(expected.length).toBeGreaterThan(0);
      expect(await rows(query(given))).toEqual(expected);
    },
  );
});
