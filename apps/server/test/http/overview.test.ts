import type { Overview } from '@ombud/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../../src/http/app.ts';
import { startAppWithOwner } from '../support/http-app.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

describe.each(DATABASE_KINDS)('GET /api/overview on %s', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let owner = '';
  let storyId = '';
  let otherId = '';

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ app, owner } = await startAppWithOwner(database, { clock: () => NOW, workspaceName: 'W' }));
    const create = async (name: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/campaigns',
          headers: { cookie: owner },
          payload: { name, hashtags: [`#${name}`], languages: ['es', 'sv'] },
        })
      ).json<{ id: string }>().id;
    storyId = await create('Story');
    otherId = await create('Other');
    const post = (id: string, createdAt: string, lang: string | null) =>
      JSON.stringify({ id, text: `post ${id}`, created_at: createdAt, author: `a${id}`, lang });
    const importInto = async (campaignId: string, lines: string[]) => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/imports?campaignId=${campaignId}`,
        headers: { cookie: owner, 'content-type': 'application/x-ndjson' },
        payload: lines.join('\n'),
      });
      expect(response.json()).toMatchObject({ accepted: lines.length, rejected: 0 });
    };
    await importInto(storyId, [
      post('1', '2026-03-10T08:00:00Z', 'es'),
      post('2', '2026-03-09T23:30:00Z', 'es'), // 10 March in Stockholm, 9 March in UTC
      post('3', '2026-03-08T10:00:00Z', 'sv'),
      post('4', '2026-03-01T10:00:00Z', null),
      post('5', '2025-12-01T10:00:00Z', 'sv'), // outside a 7-day window
    ]);
    await importInto(otherId, [post('6', '2026-03-10T09:00:00Z', 'en')]);
    // Analyses as the analysis job stores them: post 4 (no source language) is detected as Swedish.
    const ids = new Map(
      (await database.db.selectFrom('post').select(['id', 'external_id', 'workspace_id']).execute()).map(
        (row) => [row.external_id, row],
      ),
    );
    const analyses: [string, string, 'positive' | 'neutral' | 'negative'][] = [
      ['1', 'es', 'negative'],
      ['2', 'es', 'positive'],
      ['3', 'sv', 'negative'],
      ['4', 'sv', 'neutral'],
    ];
    await database.db
      .insertInto('post_analysis')
      .values(
        analyses.map(([externalId, language, sentiment]) => ({
          post_id: ids.get(externalId)?.id ?? '0',
          workspace_id: ids.get(externalId)?.workspace_id ?? '',
          language,
          language_confidence: 0.9,
          sentiment,
          sentiment_score: 0,
          intents: [],
          aspects: [],
          toxicity: 'none',
          result: '{}',
          analyser_version: 'test',
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const overview = async (query: string) => {
    const response = await app.inject({ url: `/api/overview${query}`, headers: { cookie: owner } });
    expect(response.statusCode).toBe(200);
    return response.json<Overview>();
  };

  it('counts the whole workspace per language, sentiment and campaign', async () => {
    const result = await overview('?days=3');
    expect(result.totalPosts).toBe(6);
    expect(result.analysedPosts).toBe(4);
    expect(result.perLanguage).toEqual([
      { language: 'sv', posts: 3, positive: 0, neutral: 1, negative: 1 },
      { language: 'es', posts: 2, positive: 1, neutral: 0, negative: 1 },
      { language: 'en', posts: 1, positive: 0, neutral: 0, negative: 0 },
    ]);
    expect(result.perCampaign).toEqual(
      expect.arrayContaining([
        { campaignId: storyId, posts: 5 },
        { campaignId: otherId, posts: 1 },
      ]),
    );
    expect(result.perDay).toEqual([
      { day: '2026-03-08', posts: 1, positive: 0, neutral: 0, negative: 1 },
      { day: '2026-03-09', posts: 1, positive: 1, neutral: 0, negative: 0 },
      { day: '2026-03-10', posts: 2, positive: 0, neutral: 0, negative: 1 },
    ]);
  });

  it.each([
    ['UTC', { '2026-03-09': 1, '2026-03-10': 1 }],
    ['Europe/Stockholm', { '2026-03-09': 0, '2026-03-10': 2 }],
    ['America/Los_Angeles', { '2026-03-09': 1, '2026-03-10': 1 }],
  ])('counts calendar days of one campaign in %s', async (timeZone, expected) => {
    const result = await overview(`?campaignId=${storyId}&days=7&timeZone=${timeZone}`);
    expect(result.totalPosts).toBe(5);
    expect(result.timeZone).toBe(timeZone);
    expect(result.perDay).toHaveLength(7);
    const days = Object.fromEntries(result.perDay.map((d) => [d.day, d.posts]));
    expect(days).toMatchObject(expected);
    // Posts 1–3 fall inside the week (4–10 March) in every zone; posts 4 and 5 never do.
    expect(result.perDay.reduce((sum, d) => sum + d.posts, 0)).toBe(3);
  });

  it('refuses an unknown time zone and anonymous callers', async () => {
    const bad = await app.inject({ url: '/api/overview?timeZone=Mars/Olympus', headers: { cookie: owner } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await app.inject({ url: '/api/overview' })).statusCode).toBe(401);
  });
});
