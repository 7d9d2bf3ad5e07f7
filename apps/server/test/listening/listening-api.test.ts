import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Narratives, Poaching, ShareOfVoice } from '@ombud/contract';
import { generateDemoStream, type DemoStream } from '../../src/demo/demo-stream.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import { listeningStage } from '../../src/pipeline/stages/listening.stage.ts';
import { analysePosts } from '../../src/services/analysis.service.ts';
import { createUser } from '../../src/services/auth.service.ts';
import { DEMO_DAYS, DEMO_SEED, seedDemoIfEmpty } from '../../src/services/demo.service.ts';
import { sendDueDigests } from '../../src/services/listening-digest.service.ts';
import { indexPostsForListening } from '../../src/services/listening-index.service.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

// The end of the demo's last day, so every generated post has arrived.
const NOW = new Date('2026-11-23T23:59:00Z');
const HOUR = 3_600_000;

function demoTruth(): DemoStream {
  const today = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate());
  return generateDemoStream({
    seed: DEMO_SEED,
    start: new Date(today - (DEMO_DAYS - 1) * 86_400_000),
    days: DEMO_DAYS,
  });
}

describe.each(DATABASE_KINDS)('listening API on the demo data (%s)', (kind) => {
  let database: TestDatabase;
  let app: HttpApp;
  let cookie = '';
  let campaignId = '';
  let workspaceId = '';
  const stream = demoTruth();
  const crisis = stream.truth.crisis;
  const get = async <T>(url: string) => {
    const response = await app.inject({ url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url} → ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const seeded = await seedDemoIfEmpty(database.db, { now: NOW, log: () => undefined });
    if (!seeded) throw new Error('demo not seeded');
    workspaceId = seeded.workspaceId;
    // The post.ingested jobs, with analysis and the listening stage only (other stages are tested
    // by their own suites).
    const jobs = await database.db
      .selectFrom('job')
      .select(['id', 'payload'])
      .where('name', '=', 'post.ingested')
      .execute();
    for (const job of jobs) {
      const postIds = (job.payload as { postIds: string[] }).postIds;
      await analysePosts(database.db, postIds);
      await listeningStage.run(postIds, { db: database.db, now: () => NOW });
    }
    await database.db.deleteFrom('job').execute();
    campaignId = (await database.db.selectFrom('campaign').select('id').executeTakeFirstOrThrow()).id;
    await createUser(database.db, {
      workspaceId,
      email: 'analyst@example.com',
      displayName: 'Ana',
      password: 'correct horse battery',
      role: 'analyst',
    });
    app = await buildHttpApp({
      db: database.db,
      databaseKind: database.kind,
      secureCookies: false,
      logLevel: 'silent',
      clock: () => NOW,
    });
    await app.ready();
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'analyst@example.com', password: 'correct horse battery' },
    });
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows the defect rumour as a new, fast-growing narrative in Spanish, then in English', async () => {
    expect(crisis).not.toBeNull();
    const onset = Date.parse(crisis?.onsetEs ?? '');
    const from = new Date(onset - 6 * HOUR).toISOString();
    const to = new Date(onset + 30 * HOUR).toISOString();
    const result = await get<Narratives>(
      `/api/listening/narratives?campaignId=${campaignId}&from=${from}&to=${to}&baselineDays=7`,
    );
    const crisisIds = new Set(crisis?.ids);
    const externalIds = new Map(
      (await database.db.selectFrom('post').select(['id', 'external_id']).execute()).map((r) => [
        r.id,
        r.external_id,
      ]),
    );
    const rumour = (language: string) =>
      result.narratives.find(
        (n) =>
          n.language === language &&
          n.representativePosts.length > 0 &&
          n.representativePosts.every((p) => crisisIds.has(externalIds.get(p.id) ?? '')),
      );
    const es = rumour('es');
    const en = rumour('en');
    expect(es, JSON.stringify(result.narratives.map((n) => [n.language, n.label, n.posts]))).toBeDefined();
    expect(en).toBeDefined();
    expect(es?.label).toMatch(/tapa|explot|sobrecalient/);
    expect(en?.label).toMatch(/lid|explod|overheat/);
    for (const narrative of [es, en]) {
      expect(narrative?.isNew).toBe(true);
      expect(narrative?.growthRate).toBeGreaterThan(10);
      const s = narrative?.sentiment;
      expect((s?.positive ?? 0) + (s?.neutral ?? 0) + (s?.negative ?? 0)).toBe(narrative?.posts);
    }
    expect(en?.sentiment.negative).toBeGreaterThan(en?.sentiment.positive ?? 0);
    // The biggest Spanish topic of the day is the rumour, and it starts where the truth says.
    expect(result.narratives.filter((n) => n.language === 'es')[0]?.key).toBe(es?.key);
    expect(Date.parse(es?.firstSeenAt ?? '') - onset).toBeLessThan(HOUR);
    expect(Date.parse(en?.firstSeenAt ?? '')).toBeGreaterThan(Date.parse(es?.firstSeenAt ?? ''));
    expect(Date.parse(en?.firstSeenAt ?? '') - Date.parse(crisis?.onsetEn ?? '')).toBeLessThan(HOUR);
    // Everyday delivery complaints are a known topic, not a new one.
    const known = result.narratives.filter((n) => !n.isNew);
    expect(known.length).toBeGreaterThan(0);
  });

  it('lists the rumour words among the trending phrases against the baseline', async () => {
    const onset = Date.parse(crisis?.onsetEs ?? '');
    const from = new Date(onset - 6 * HOUR).toISOString();
    const to = new Date(onset + 30 * HOUR).toISOString();
    const trending = await get<{ phrases: { term: string; language: string }[] }>(
      `/api/listening/trending?campaignId=${campaignId}&from=${from}&to=${to}`,
    );
    const spanish = trending.phrases.filter((t) => t.language === 'es').map((t) => t.term);
    expect(spanish.slice(0, 10).some((t) => /tapa|sobrecalienta|explot/.test(t))).toBe(true);
  });

  it("finds every one of the demo competitor's poaching replies and nothing else, and raises an alert", async () => {
    const result = await get<Poaching>(`/api/listening/poaching?campaignId=${campaignId}&limit=1000`);
    const replies = result.findings.filter((f) => f.kind === 'competitor_reply');
    expect(new Set(replies.map((f) => f.post.externalId))).toEqual(new Set(stream.truth.poachingReplyIds));
    expect(stream.truth.poachingReplyIds.length).toBeGreaterThan(20);
    for (const reply of replies) {
      expect(reply.competitor).toBe('Kettlo');
      expect(reply.target).not.toBeNull();
    }
    expect(replies.filter((f) => f.target?.isComplaint).length).toBeGreaterThan(replies.length * 0.6);
    expect(result.totals).toEqual([
      expect.objectContaining({
        competitor: 'Kettlo',
        competitorReplies: stream.truth.poachingReplyIds.length,
      }),
    ]);
    // Switch announcements: every churn threat that says it outright is found, and nothing found
    // lacks such words (the rumour adds its own: "me cambio a Kettlo, al menos no explota").
    const SAID =
      /(switch(ing)? to|going with) @?kettlo|me (cambio|voy) a @?kettlo|byter (jag )?till @?kettlo|köper kettlo istället/i;
    const switches = result.findings.filter((f) => f.kind === 'switch_announcement');
    const found = new Set(switches.map((f) => f.post.externalId));
    const said = stream.posts.filter((p) => SAID.test(p.text) && !/^kettlo/.test(p.author));
    expect(said.length).toBeGreaterThan(20);
    expect(said.filter((p) => !found.has(p.id)).map((p) => p.text)).toEqual([]);
    expect(switches.filter((f) => !SAID.test(f.post.text)).map((f) => f.post.text)).toEqual([]);
    for (const phrase of [/^me (cambio|voy) a/, /^(byter|koper)/, /^(switch|going with)/])
      expect(switches.some((f) => phrase.test(f.evidence))).toBe(true);
    const alerts = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM alert WHERE kind = 'competitor.poaching' AND campaign_id = ${campaignId}::uuid`.execute(
      database.db,
    );
    expect(alerts.rows[0]?.n).toBeGreaterThan(3);
  });

  it('charts share of voice for the brand and Kettlo, and stays the same when posts are processed twice', async () => {
    const from = stream.truth.start;
    const to = stream.truth.end;
    const url = `/api/listening/share-of-voice?campaignId=${campaignId}&from=${from}&to=${to}&interval=day`;
    const first = await get<ShareOfVoice>(url);
    const brand = first.subjects.find((s) => s.isBrand);
    const kettlo = first.subjects.find((s) => s.subject === 'Kettlo');
    expect(brand?.subject).toBe('Nordvik');
    expect(brand?.posts).toBeGreaterThan(15_000);
    const mentionsKettlo = stream.posts.filter(
      (p) => /kettlo/i.test(p.text) || /^kettlo/.test(p.author),
    ).length;
    expect(kettlo?.posts).toBe(mentionsKettlo);
    expect((brand?.share ?? 0) + (kettlo?.share ?? 0)).toBeCloseTo(1, 3);
    expect(first.series.filter((s) => s.subject === 'Nordvik')).toHaveLength(DEMO_DAYS);
    expect(first.breakdown.some((b) => b.subject === 'Kettlo' && b.language === 'sv')).toBe(true);
    // The lid rumour: safety complaints about the brand rose, so safety is a risk.
    expect(first.aspects.find((a) => a.subject === 'Nordvik' && a.aspect === 'safety')?.signal).toBe('risk');

    const ids = (await database.db.selectFrom('post').select('id').limit(3000).execute()).map((r) => r.id);
    await indexPostsForListening(database.db, ids, NOW);
    expect(await get<ShareOfVoice>(url)).toEqual(first);

    const spanish = await get<ShareOfVoice>(`${url}&language=es`);
    expect(spanish.subjects.find((s) => s.isBrand)?.posts).toBeLessThan(brand?.posts ?? 0);
  });

  it('searches each language with its own stemming and filters, page by page without gaps', async () => {
    type Page = {
      posts: { id: string; text: string; language: string; sentiment: string; riskFlags: string[] }[];
      nextCursor: string | null;
    };
    // Spanish stemming: "explota" finds "explotado"/"explotó"-style forms of the same stem.
    const spanish = await get<Page>(
      `/api/listening/search?campaignId=${campaignId}&q=explota&language=es&limit=100`,
    );
    expect(spanish.posts.length).toBe(100);
    expect(spanish.posts.every((p) => p.language === 'es' && /explot/i.test(p.text))).toBe(true);
    expect(spanish.posts.some((p) => /explotado/i.test(p.text))).toBe(true);
    // English stemming: "exploding" finds "explodes"/"exploded".
    const english = await get<Page>(`/api/listening/search?q=exploding&language=en&limit=20`);
    expect(english.posts.length).toBeGreaterThan(0);
    expect(english.posts.every((p) => /explod/i.test(p.text))).toBe(true);

    const churn = await get<Page>(`/api/listening/search?risk=churn_threat&sentiment=negative&limit=50`);
    expect(churn.posts.every((p) => p.riskFlags.includes('churn_threat') && p.sentiment === 'negative')).toBe(
      true,
    );

    // Walk every page of a filtered search: same set as one SQL count, no duplicates.
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await get<Page>(
        `/api/listening/search?q=tapa&language=es&limit=97${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const post of page.posts) seen.add(post.id);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    const counted = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM listening_post
      WHERE language = 'es' AND tsv @@ websearch_to_tsquery('spanish', 'tapa')`.execute(database.db);
    expect(seen.size).toBe(counted.rows[0]?.n);
    expect(pages).toBeGreaterThan(3);

    const bad = await app.inject({ url: '/api/listening/search?sentiment=angry', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/sentiment/);
    const badCursor = await app.inject({ url: '/api/listening/search?cursor=zzz', headers: { cookie } });
    expect(badCursor.statusCode).toBe(400);
  });

  it('saves a search, narrows it, and exports it as streamed CSV and JSON', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/listening/saved-searches',
      headers: { cookie },
      payload: { name: 'Kettlo talk', filter: { campaignId, q: 'Kettlo', sentiment: 'negative' } },
    });
    expect(created.statusCode).toBe(201);
    const saved = created.json<{ id: string }>();
    const again = await app.inject({
      method: 'POST',
      url: '/api/listening/saved-searches',
      headers: { cookie },
      payload: { name: 'Kettlo talk', filter: {} },
    });
    expect(again.statusCode).toBe(409);
    const all = await get<{ posts: { text: string; language: string }[] }>(
      `/api/listening/search?savedSearchId=${saved.id}&limit=200`,
    );
    expect(all.posts.length).toBeGreaterThan(10);
    // Stemming: Spanish reduces "Kettlo" and "Kettle" to the same stem.
    expect(all.posts.every((p) => /kettl/i.test(p.text))).toBe(true);
    const swedish = await get<{ posts: { language: string }[] }>(
      `/api/listening/search?savedSearchId=${saved.id}&language=sv&limit=200`,
    );
    expect(swedish.posts.every((p) => p.language === 'sv')).toBe(true);

    const csv = await app.inject({
      url: `/api/listening/search/export?savedSearchId=${saved.id}&format=csv`,
      headers: { cookie },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((l) => l.length > 0);
    expect(lines[0]).toMatch(/^id,external_id,created_at/);
    const json = await app.inject({
      url: `/api/listening/search/export?savedSearchId=${saved.id}&format=json`,
      headers: { cookie },
    });
    const exported = json.json<{ id: string }[]>();
    let total = 0;
    for (let cursor: string | null = ''; cursor !== null;) {
      const page: { posts: unknown[]; nextCursor: string | null } = await get(
        `/api/listening/search?savedSearchId=${saved.id}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      total += page.posts.length;
      cursor = page.nextCursor;
    }
    expect(exported.length).toBe(total);
    expect(total).toBeGreaterThan(all.posts.length);
    // Every exported post is one CSV record (texts have no line breaks in the demo).
    expect(lines.length - 1).toBe(exported.length);
    const audit = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'listening.search.exported'`.execute(
      database.db,
    );
    expect(audit.rows[0]?.n).toBe(2);
  });

  it('ranks influencers by reach and engagement with their sentiment', async () => {
    const result = await get<{
      authors: {
        handle: string;
        followers: number;
        engagement: number;
        role: string;
        sentiment: { negative: number };
      }[];
    }>(
      `/api/listening/influencers?campaignId=${campaignId}&from=${stream.truth.start}&to=${stream.truth.end}&sort=reach&limit=200`,
    );
    expect(result.authors[0]?.handle).toBe('tecnoalerta_es');
    const followers = result.authors.map((a) => a.followers);
    expect(followers).toEqual([...followers].sort((a, b) => b - a));
    expect(result.authors.find((a) => a.handle === 'nordvik')?.role).toBe('brand');
    const byEngagement = await get<{ authors: { engagement: number }[] }>(
      `/api/listening/influencers?campaignId=${campaignId}&from=${stream.truth.start}&to=${stream.truth.end}&sort=engagement&limit=5`,
    );
    const engagement = byEngagement.authors.map((a) => a.engagement);
    expect(engagement).toEqual([...engagement].sort((a, b) => b - a));
  });

  it('e-mails a scheduled digest of a saved search in the subscriber language through SMTP', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (data += chunk));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    const port = (server.server.address() as AddressInfo).port;
    try {
      const saved = await app.inject({
        method: 'POST',
        url: '/api/listening/saved-searches',
        headers: { cookie },
        payload: { name: 'Tapa', filter: { campaignId, q: 'tapa', language: 'es' } },
      });
      const digest = await app.inject({
        method: 'POST',
        url: '/api/listening/digests',
        headers: { cookie },
        payload: {
          savedSearchId: saved.json<{ id: string }>().id,
          recipients: ['pr@example.com'],
          locale: 'es',
          hourUtc: 7,
        },
      });
      expect(digest.statusCode).toBe(201);
      expect(digest.json()).toMatchObject({ nextDueAt: '2026-11-24T07:00:00.000Z', lastSentAt: null });
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port,
        secure: false,
        ignoreTLS: true,
      });
      const mailer = { sendMail: (m: Parameters<typeof transport.sendMail>[0]) => transport.sendMail(m) };
      // Not due yet: nothing is sent.
      expect(await sendDueDigests(database.db, mailer, { now: NOW, from: 'ombud@example.com' })).toEqual({
        sent: 0,
        failed: 0,
      });
      // A week later: sent once, even when two workers look at the same moment.
      const later = new Date('2026-11-24T07:05:00Z');
      const runs = await Promise.all([
        sendDueDigests(database.db, mailer, { now: later, from: 'ombud@example.com' }),
        sendDueDigests(database.db, mailer, { now: later, from: 'ombud@example.com' }),
      ]);
      expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
      expect(received).toHaveLength(1);
      const message = received[0] ?? '';
      expect(message).toMatch(/To: pr@example.com/);
      expect(message).toMatch(/Subject: .*(=\?UTF-8\?|Tapa)/);
      expect(message).toMatch(/menciones/);
      const listed = await get<{ lastSentAt: string | null; nextDueAt: string }[]>('/api/listening/digests');
      expect(listed[0]).toMatchObject({
        lastSentAt: later.toISOString(),
        nextDueAt: '2026-11-25T07:00:00.000Z',
      });
      transport.close();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses a campaign of another workspace and a reversed range', async () => {
    const other = await app.inject({
      url: `/api/listening/share-of-voice?campaignId=00000000-0000-4000-8000-000000000000&from=${stream.truth.start}&to=${stream.truth.end}`,
      headers: { cookie },
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toMatch(/campaignId/);
    const reversed = await app.inject({
      url: `/api/listening/narratives?campaignId=${campaignId}&from=${stream.truth.end}&to=${stream.truth.start}`,
      headers: { cookie },
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toMatch(/to: must be later/);
  });
});
