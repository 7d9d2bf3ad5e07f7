import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoStream } from '../../src/demo/demo-stream.ts';
import { analysePostsOfJob } from '../../src/services/analysis.service.ts';
import { createInboxItems } from '../../src/services/inbox-intake.service.ts';
import { seedDemoWorkspace } from '../support/demo-workspace.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const START = new Date('2026-03-01T00:00:00Z');
const NOW = new Date('2026-03-03T12:00:00Z');

// Inbox intake takes the job's posts from analysis (pipeline/job-posts.ts) when it runs in the job
// that analysed them, and reads the stored rows otherwise. Two workspaces get the same demo posts;
// one makes its items from the job's posts, the other from the stored rows: the items (reasons,
// risk flags, priority and its evidence, clusters, matches, SLA clocks) must be the same, and a
// second run given the job's posts again makes none.
describe.each(DATABASE_KINDS)("inbox intake given the job's posts on %s", (kind) => {
  let database: TestDatabase;
  const workspaces: string[] = [];
  let again = -1;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { posts } = generateDemoStream({ seed: 7, start: START, days: 2, targetPosts: 600 });
    for (const [index, name] of ['loads', 'given'].entries()) {
      const { workspaceId, postIds: ids } = await seedDemoWorkspace(database.db, name, START, posts, NOW);
      workspaces.push(workspaceId);
      // Two jobs, so the second clusters against the first one's stored entries.
      for (const postIds of [ids.slice(0, 300), ids.slice(300)]) {
        const jobPosts = await analysePostsOfJob(database.db, postIds);
        await createInboxItems(database.db, postIds, NOW, index === 0 ? undefined : jobPosts);
        if (index === 1 && postIds[0] === ids[300])
          again = (await createInboxItems(database.db, postIds, NOW, jobPosts)).created.length;
      }
    }
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** Items named by their post's external id, with everything intake decided, as sorted JSON lines. */
  async function items(workspaceId: string): Promise<string[]> {
    const result = await sql<Record<string, unknown>>`
      SELECT p.external_id, i.language, i.market, i.status, i.reasons::jsonb AS reasons, i.risk_flags,
             i.priority_score, i.priority_level, i.priority_evidence::jsonb AS evidence, i.cluster_similarity,
             m.external_id AS matched, r.external_id AS representative, c.size, c.open_items,
             c.max_priority_score, i.opened_at, i.first_response_met, i.sla_due_at, i.sla_warn_at,
             e.signature IS NOT NULL AS indexed
      FROM inbox_item i
      JOIN post p ON p.id = i.post_id
      LEFT JOIN post m ON m.id = i.cluster_matched_post_id
      LEFT JOIN inbox_cluster c ON c.id = i.cluster_id
      LEFT JOIN post r ON r.id = c.representative_post_id
      LEFT JOIN inbox_cluster_entry e ON e.post_id = i.post_id
      WHERE i.workspace_id = ${workspaceId}
    `.execute(database.db);
    return result.rows.map((row) => JSON.stringify(row)).sort();
  }

  it('makes the same items as intake that reads the stored rows', async () => {
    const [loads, given] = workspaces;
    if (loads === undefined || given === undefined) throw new Error('setup failed');
    const expected = await items(loads);
    expect(expected.length).toBeGreaterThan(50);
    // Some items join an earlier post's cluster: the comparison covers matching, not only new clusters.
    expect(expected.some((line) => (JSON.parse(line) as { size: number }).size > 1)).toBe(true);
    expect(await items(given)).toEqual(expected);
  });

  it('makes no second item for a post when the job runs again', () => {
    expect(again).toBe(0);
  });
});
