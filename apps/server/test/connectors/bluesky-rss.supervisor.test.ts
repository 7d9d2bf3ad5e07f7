// End to end: the connector supervisor runs the Bluesky and RSS connectors against local servers
// speaking Jetstream and HTTP feeds; posts are stored, analysed, the cursor is saved, and a
// restart picks up exactly what is new.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorCreateBodySchema } from '@ombud/contract';
import { insertConnector } from '../../src/repositories/connector.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import {
  startConnectorSupervisor,
  type ConnectorSupervisor,
} from '../../src/services/connector-supervisor.service.ts';
import { drainJobs } from '../privacy/privacy-seed.ts';
import { rss2Document, startFeedServer, type FeedFixtureItem } from '../support/feed-server.ts';
import { postCreated, startJetstreamServer } from '../support/jetstream-server.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ALICE = 'did:plc:alice2k27gp6kzas5glhz7fim';

describe.each(DATABASE_KINDS)('Bluesky and RSS connectors under the supervisor (%s)', (kind) => {
  let database: TestDatabase;
  const supervisors: ConnectorSupervisor[] = [];
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });
  afterEach(async () => {
    await Promise.all(supervisors.splice(0).map((s) => s.stop()));
  });

  const supervise = () => {
    const supervisor = startConnectorSupervisor({
      db: db(),
      log: silent,
      scanMillis: 50,
      leaseMillis: 600,
      retryBaseMillis: 20,
      backoffBaseMillis: 50,
    });
    supervisors.push(supervisor);
    return supervisor;
  };

  const addConnector = async (workspaceId: string, config: Record<string, unknown>) => {
    const body = connectorCreateBodySchema.parse({ name: `c ${Math.random()}`, ...config });
    const id = await insertConnector(db(), {
      workspaceId,
      kind: body.kind,
      name: body.name,
      settings: body.settings,
      secrets: {},
      enabled: true,
    });
    if (!id) throw new Error('connector not inserted');
    return id;
  };
  const connectorRow = (id: string) =>
    db().selectFrom('connector').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const storedPosts = (workspaceId: string) =>
    db()
      .selectFrom('post')
      .innerJoin('source', 'source.id', 'post.source_id')
      .select(['post.id', 'post.external_id', 'post.text', 'post.platform', 'source.name'])
      .where('post.workspace_id', '=', workspaceId)
      .orderBy('post.external_id')
      .execute();
  const analysed = async (workspaceId: string) =>
    Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM post_analysis a JOIN post p ON p.id = a.post_id
          WHERE p.workspace_id = ${workspaceId}`.execute(db())
      ).rows[0]?.n,
    );

  it('Bluesky: matching posts are stored and analysed, the cursor saved; a restart adds only the new ones', async () => {
    const jetstream = await startJetstreamServer();
    try {
      const workspaceId = (await insertWorkspace(db(), `bsky ${Math.random()}`)).id;
      const id = await addConnector(workspaceId, {
        kind: 'bluesky',
        settings: { jetstreamUrl: jetstream.url, resolverUrl: jetstream.httpUrl, keywords: ['nordvik'] },
      });
      const first = supervise();
      await waitFor(
        () => Promise.resolve(jetstream.subscriptions.length),
        (n) => n >= 1,
      );
      const post = (n: number, text = `Nordvik kettle ${n}`) =>
        postCreated({ did: ALICE, rkey: `3ksup${kind}${n}`, text, createdAt: new Date().toISOString() });
      const early = [post(1), post(2, 'unrelated'), post(3)];
      jetstream.publish(early);
      const row = await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 2 && r.cursor === String(early[2]?.time_us),
      );
      expect(row.lease_owner).toBe(first.owner);
      await drainJobs(db());
      expect(await analysed(workspaceId)).toBe(2);
      await first.stop();

      jetstream.publish([post(4), post(5)]); // while nobody listens
      supervise();
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 4,
      );
      const resumed = jetstream.subscriptions.at(-1);
      expect(Number(resumed?.get('cursor'))).toBe((early[2]?.time_us ?? 0) - 3_000_000);
      const posts = await storedPosts(workspaceId);
      expect(posts.map((p) => p.external_id)).toEqual(
        [1, 3, 4, 5].map((n) => `at://${ALICE}/app.bsky.feed.post/3ksup${kind}${n}`),
      );
      expect(posts.every((p) => p.platform === 'bluesky' && p.name === 'bluesky')).toBe(true);
      await drainJobs(db());
      expect(await analysed(workspaceId)).toBe(4);
    } finally {
      await jetstream.close();
    }
  });

  it('RSS: items are stored with the validators as cursor; a restart sends them and adds only new items', async () => {
    const feeds = await startFeedServer();
    try {
      const item = (n: number): FeedFixtureItem => ({
        id: `https://blog.example/?p=${n}${kind}`,
        title: `Nordvik review ${n}`,
        html: `<p>The kettle <script>x()</script>works</p>`,
        link: `https://blog.example/${n}/`,
        date: new Date(Date.now() - n * 60_000).toISOString(),
      });
      feeds.setFeed('/feed', {
        body: rss2Document({ title: 'Blog', items: [item(1), item(2)] }),
        etag: '"a"',
      });
      const workspaceId = (await insertWorkspace(db(), `rss ${Math.random()}`)).id;
      const id = await addConnector(workspaceId, { kind: 'rss', settings: { feeds: [feeds.url('/feed')] } });
      const first = supervise();
      const row = await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 2 && r.cursor !== null,
      );
      expect(JSON.parse(row.cursor ?? '{}')).toMatchObject({
        feeds: { [feeds.url('/feed')]: { etag: '"a"' } },
      });
      await first.stop();

      feeds.setFeed('/feed', {
        body: rss2Document({ title: 'Blog', items: [item(3), item(1), item(2)] }),
        etag: '"b"',
      });
      supervise();
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 3,
      );
      expect(feeds.requests.at(-1)?.headers['if-none-match']).toBe('"a"');
      const posts = await storedPosts(workspaceId);
      expect(posts.map((p) => p.external_id).sort()).toEqual([1, 2, 3].map((n) => item(n).id).sort());
      expect(posts[0]?.text).toBe('Nordvik review 1\n\nThe kettle works\n[…]');
      expect(Number((await connectorRow(id)).duplicate)).toBe(0);
      await drainJobs(db());
      expect(await analysed(workspaceId)).toBe(3);
    } finally {
      await feeds.close();
    }
  });
});
