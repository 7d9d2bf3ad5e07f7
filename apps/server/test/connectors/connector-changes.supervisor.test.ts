// Edits and deletions from the networks, end to end under the supervisor: local servers speak
// Mastodon's streaming API (`status.update`, `delete`), Jetstream (`update`, `delete` commits) and
// Atom (a changed entry with a later `updated`). An edit replaces the stored text and the post is
// analysed again, once per version; a deletion erases the post through the privacy path: no copy
// of its text is left anywhere in the database, and a replay does not store it again.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema, connectorCreateBodySchema } from '@ombud/contract';
import { insertCampaign } from '../../src/repositories/campaign.repository.ts';
import { insertConnector } from '../../src/repositories/connector.repository.ts';
import { linkPostsToCampaigns } from '../../src/repositories/post.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import {
  startConnectorSupervisor,
  type ConnectorSupervisor,
} from '../../src/services/connector-supervisor.service.ts';
import { findCopies, makeScrubber } from '../../src/services/data-subject.service.ts';
import { readSchemaMap } from '../../src/services/privacy-schema.ts';
import { drainJobs } from '../privacy/privacy-seed.ts';
import { atomDocument, startFeedServer, type FeedFixtureItem } from '../support/feed-server.ts';
import { postCreated, postDeleted, postUpdated, startJetstreamServer } from '../support/jetstream-server.ts';
import { startMastodonServer } from '../support/mastodon-server.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ALICE = 'did:plc:alice2k27gp6kzas5glhz7fim';

describe.each(DATABASE_KINDS)('edits and deletions from the networks (%s)', (kind) => {
  let database: TestDatabase;
  const supervisors: ConnectorSupervisor[] = [];
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  }, 120_000);
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
      secrets: body.secrets,
      enabled: true,
    });
    if (!id) throw new Error('connector not inserted');
    return id;
  };
  const connectorRow = (id: string) =>
    db().selectFrom('connector').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const postByExternalId = (workspaceId: string, externalId: string) =>
    db()
      .selectFrom('post')
      .leftJoin('post_analysis', 'post_analysis.post_id', 'post.id')
      .select(['post.id', 'post.text', 'post_analysis.sentiment'])
      .where('post.workspace_id', '=', workspaceId)
      .where('post.external_id', '=', externalId)
      .executeTakeFirst();
  const jobsFor = async (postId: string) =>
    Number(
      (
        await sql<{ n: string }>`SELECT count(*)::int AS n FROM job WHERE name = 'post.ingested'
          AND payload->'postIds' ? ${postId}`.execute(db())
      ).rows[0]?.n,
    );
  /** Every cell of every table that still holds the text (the erasure's own database-wide search). */
  const copiesOf = async (workspaceId: string, text: string) => {
    const needles = { words: [], texts: [text], excerpts: [] };
    return findCopies(db(), await readSchemaMap(db()), workspaceId, needles, makeScrubber(needles));
  };

  it('Mastodon: status.update replaces the text and re-analyses once; delete erases the post for good', async () => {
    const mastodon = await startMastodonServer();
    try {
      const workspaceId = (await insertWorkspace(db(), `masto ${Math.random()}`)).id;
      const id = await addConnector(workspaceId, {
        kind: 'mastodon',
        settings: {
          instanceUrl: mastodon.url,
          hashtags: ['nordvik'],
          streaming: true,
          pollIntervalSeconds: 60,
        },
        secrets: { accessToken: 'read-token' },
      });
      supervise();
      await waitFor(
        () => Promise.resolve(mastodon.openStreams('nordvik')),
        (n) => n >= 1,
      );
      const original = 'I love my Nordvik kettle, it is great and wonderful';
      const status = mastodon.post('nordvik', { text: original });
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 1,
      );
      await drainJobs(db());
      const before = await postByExternalId(workspaceId, status.id);
      expect(before?.text).toBe(original);
      expect(before?.sentiment).toBe('positive');

      const edited = 'My Nordvik kettle broke after a day, terrible, I want a refund';
      const editedAt = new Date(Date.now() - 1000);
      const version = mastodon.editStatus('nordvik', status.id, edited, editedAt);
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.edited) === 1,
      );
      expect((await postByExternalId(workspaceId, status.id))?.text).toBe(edited);
      expect(await jobsFor(before!.id)).toBeGreaterThanOrEqual(1);
      await drainJobs(db());
      expect((await postByExternalId(workspaceId, status.id))?.sentiment).toBe('negative');
      expect(await copiesOf(workspaceId, original)).toEqual([]);

      // The same version again (a replay) and an older one change nothing and queue nothing.
      const jobsBefore = await jobsFor(before!.id);
      mastodon.editStatus('nordvik', status.id, edited, editedAt);
      mastodon.editStatus(
        'nordvik',
        status.id,
        'an older version of the Nordvik post',
        new Date(editedAt.getTime() - 60_000),
      );
      const marker = mastodon.post('nordvik', { text: 'a later Nordvik status marks the end' });
      await waitFor(
        () => postByExternalId(workspaceId, marker.id),
        (row) => row !== undefined,
      );
      expect((await connectorRow(id)).edited).toBe('1');
      expect((await postByExternalId(workspaceId, status.id))?.text).toBe(edited);
      expect(await jobsFor(before!.id)).toBe(jobsBefore);

      mastodon.deleteStatus('nordvik', status.id);
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.deleted) === 1,
      );
      expect(await postByExternalId(workspaceId, status.id)).toBeUndefined();
      expect(await copiesOf(workspaceId, edited)).toEqual([]);
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'actor_kind', 'actor_id', 'details'])
        .where('workspace_id', '=', workspaceId)
        .where('action', '=', 'privacy.post.erased')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor_id).toBe(`connector:${id}`);
      expect(JSON.stringify(audit[0]?.details)).not.toContain(edited);

      // A replay of the deleted status (a REST catch-up, an old page) is refused by its tombstone.
      const rejectedBefore = Number((await connectorRow(id)).rejected);
      mastodon.post('nordvik', { ...version, text: edited, id: status.id, edited_at: null });
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.rejected) === rejectedBefore + 1,
      );
      expect(await postByExternalId(workspaceId, status.id)).toBeUndefined();
    } finally {
      await mastodon.close();
    }
  });

  it('an edit leaves the campaigns its new text no longer matches, and their counts; assigned links and inbox items stay', async () => {
    const mastodon = await startMastodonServer();
    try {
      const workspaceId = (await insertWorkspace(db(), `leave ${Math.random()}`)).id;
      const campaign = (name: string, keywords: string[]) =>
        insertCampaign(db(), workspaceId, campaignInputSchema.parse({ name, keywords, languages: ['en'] }));
      const kettles = await campaign('Kettles', ['kettle']);
      const refunds = await campaign('Refunds', ['refund']);
      const launch = await campaign('Launch', ['zyxwv-never-said']);
      const id = await addConnector(workspaceId, {
        kind: 'mastodon',
        settings: {
          instanceUrl: mastodon.url,
          hashtags: ['nordvik'],
          streaming: true,
          pollIntervalSeconds: 60,
        },
        secrets: { accessToken: 'read-token' },
      });
      supervise();
      await waitFor(
        () => Promise.resolve(mastodon.openStreams('nordvik')),
        (n) => n >= 1,
      );
      const status = mastodon.post('nordvik', {
        text: 'My Nordvik kettle broke after a day, terrible and awful, who can help me?',
      });
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 1,
      );
      const postId = (await postByExternalId(workspaceId, status.id))!.id;
      // Put in a campaign another way (as an import's `--campaign` does): no edit takes it out.
      await linkPostsToCampaigns(db(), [{ postId, campaignId: launch.id, assigned: true }]);
      await drainJobs(db());
      const links = async () =>
        (
          await db()
            .selectFrom('post_campaign')
            .select(['campaign_id', 'assigned'])
            .where('post_id', '=', postId)
            .orderBy('campaign_id')
            .execute()
        ).map((l) => [l.campaign_id, l.assigned]);
      const counted = async (campaignId: string) => {
        const row = (
          await sql<{ ledger: number; crisis: number; mentions: number; sov: number }>`SELECT
            (SELECT count(*)::int FROM signal_post WHERE campaign_id = ${campaignId}::uuid) AS ledger,
            (SELECT coalesce(sum(posts), 0)::int FROM signal_bucket WHERE campaign_id = ${campaignId}::uuid) AS crisis,
            (SELECT count(*)::int FROM listening_mention WHERE campaign_id = ${campaignId}::uuid) AS mentions,
            (SELECT coalesce(sum(posts), 0)::int FROM listening_sov_bucket WHERE campaign_id = ${campaignId}::uuid) AS sov
          `.execute(db())
        ).rows[0];
        return row;
      };
      const inbox = () =>
        db()
          .selectFrom('inbox_item')
          .select(['campaign_id', 'status'])
          .where('post_id', '=', postId)
          .execute();
      const byId = (a: string, b: string) => (a < b ? -1 : 1);
      expect(await links()).toEqual(
        [
          [kettles.id, false],
          [launch.id, true],
        ].sort(([a], [b]) => byId(a as string, b as string)),
      );
      expect(await counted(kettles.id)).toEqual({ ledger: 1, crisis: 1, mentions: 1, sov: 1 });
      expect(await counted(refunds.id)).toEqual({ ledger: 0, crisis: 0, mentions: 0, sov: 0 });
      const itemsBefore = await inbox();
      expect(itemsBefore.map((i) => i.campaign_id)).toEqual([kettles.id]);

      mastodon.editStatus(
        'nordvik',
        status.id,
        'Nordvik sorted it out, but I still want a refund for the wait',
        new Date(Date.now() - 1000),
      );
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.edited) === 1,
      );
      await drainJobs(db());
      expect(await links()).toEqual(
        [
          [refunds.id, false],
          [launch.id, true],
        ].sort(([a], [b]) => byId(a as string, b as string)),
      );
      expect(await counted(kettles.id)).toEqual({ ledger: 0, crisis: 0, mentions: 0, sov: 0 });
      expect(await counted(refunds.id)).toEqual({ ledger: 1, crisis: 1, mentions: 1, sov: 1 });
      expect((await counted(launch.id))?.ledger).toBe(1);
      expect((await counted(launch.id))?.crisis).toBe(1);
      // The inbox item opened in the campaign the post left stays where it is.
      expect(await inbox()).toEqual(itemsBefore);
    } finally {
      await mastodon.close();
    }
  });

  it('Bluesky: an update commit is an edit (once per version); a delete commit erases the post', async () => {
    const jetstream = await startJetstreamServer();
    try {
      const workspaceId = (await insertWorkspace(db(), `bsky ${Math.random()}`)).id;
      const id = await addConnector(workspaceId, {
        kind: 'bluesky',
        settings: { jetstreamUrl: jetstream.url, resolverUrl: jetstream.httpUrl, keywords: ['nordvik'] },
      });
      supervise();
      await waitFor(
        () => Promise.resolve(jetstream.subscriptions.length),
        (n) => n >= 1,
      );
      const rkey = `3kedit${kind}`;
      const uri = `at://${ALICE}/app.bsky.feed.post/${rkey}`;
      const createdAt = new Date().toISOString();
      const original = 'The Nordvik kettle is lovely, great design';
      jetstream.publish([postCreated({ did: ALICE, rkey, text: original, createdAt })]);
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 1,
      );
      const edited = 'The Nordvik kettle leaks everywhere, awful, refund please';
      const update = postUpdated({ did: ALICE, rkey, text: edited, createdAt });
      // Jetstream may replay an event after a reconnect: the same commit twice is one edit.
      jetstream.publish([update, update]);
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.edited) === 1,
      );
      expect((await postByExternalId(workspaceId, uri))?.text).toBe(edited);
      await drainJobs(db());
      expect((await postByExternalId(workspaceId, uri))?.sentiment).toBe('negative');

      // A copy of the text outside the post's own rows: an alert that quoted it.
      await sql`INSERT INTO alert (workspace_id, kind, severity, title, summary, texts, dedupe_key, created_at)
        VALUES (${workspaceId}::uuid, 'volume', 'warning', 'Spike', ${`Top post: "${edited}"`},
                ${JSON.stringify({ es: { summary: edited } })}::jsonb, ${`k-${kind}`}, now())`.execute(db());
      // A delete of a post never stored (someone else's, network-wide) touches nothing.
      jetstream.publish([
        postDeleted({ did: ALICE, rkey: '3knotstored' }),
        postDeleted({ did: ALICE, rkey }),
      ]);
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.deleted) === 1,
      );
      expect(await postByExternalId(workspaceId, uri)).toBeUndefined();
      expect(await copiesOf(workspaceId, edited)).toEqual([]);
      expect(await copiesOf(workspaceId, original)).toEqual([]);
      const alert = await db()
        .selectFrom('alert')
        .select(['summary', 'texts'])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      expect(alert.summary).toBe('Top post: "[erased]"');
      expect(alert.texts).toEqual({ es: { summary: '[erased]' } });
      // Alice had no other post: her author row (handle) went with it.
      const authors = await db()
        .selectFrom('author')
        .select('handle')
        .where('workspace_id', '=', workspaceId)
        .execute();
      expect(authors.map((a) => a.handle)).not.toContain(ALICE);

      // The create replayed (a reconnect rewinds 3 s) is refused by the tombstone.
      jetstream.publish([postCreated({ did: ALICE, rkey, text: original, createdAt })]);
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.rejected) === 1,
      );
      expect(await postByExternalId(workspaceId, uri)).toBeUndefined();
    } finally {
      await jetstream.close();
    }
  });

  it('Atom: an entry whose text changed with a later `updated` is an edit; a tombstone erases it', async () => {
    const feeds = await startFeedServer();
    try {
      const entry = (text: string, updated?: string): FeedFixtureItem => ({
        id: `urn:uuid:6c9e5c1a-${kind}`,
        title: 'Nordvik kettle review',
        html: `<p>${text}</p>`,
        link: 'https://blog.example/kettle',
        date: '2026-11-20T09:00:00Z',
        ...(updated ? { updated } : {}),
      });
      feeds.setFeed('/atom', {
        body: atomDocument({ title: 'Blog', items: [entry('works well, lovely')] }),
        etag: '"1"',
      });
      const workspaceId = (await insertWorkspace(db(), `rss ${Math.random()}`)).id;
      const id = await addConnector(workspaceId, {
        kind: 'rss',
        settings: { feeds: [feeds.url('/atom')], pollIntervalSeconds: 60 },
      });
      const first = supervise();
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.accepted) === 1,
      );
      await first.stop();
      feeds.setFeed('/atom', {
        body: atomDocument({
          title: 'Blog',
          items: [entry('update: it broke, awful', '2026-11-22T09:00:00Z')],
        }),
        etag: '"2"',
      });
      const second = supervise();
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.edited) === 1,
      );
      await second.stop();
      const post = await postByExternalId(workspaceId, `urn:uuid:6c9e5c1a-${kind}`);
      expect(post?.text).toContain('it broke, awful');
      const versions = await db()
        .selectFrom('connector_post_version')
        .select('edited_at')
        .where('post_id', '=', post!.id)
        .execute();
      expect(versions.map((v) => new Date(v.edited_at).toISOString())).toEqual(['2026-11-22T09:00:00.000Z']);

      // The publisher deletes the entry: the feed shows a tombstone (RFC 6721) in its place.
      feeds.setFeed('/atom', {
        body: atomDocument({
          title: 'Blog',
          items: [],
          deleted: [{ ref: `urn:uuid:6c9e5c1a-${kind}`, when: '2026-11-23T09:00:00Z' }],
        }),
        etag: '"3"',
      });
      supervise();
      await waitFor(
        () => connectorRow(id),
        (r) => Number(r.deleted) === 1,
      );
      expect(await postByExternalId(workspaceId, `urn:uuid:6c9e5c1a-${kind}`)).toBeUndefined();
      expect(await copiesOf(workspaceId, 'it broke, awful')).toEqual([]);
    } finally {
      await feeds.close();
    }
  });
});
