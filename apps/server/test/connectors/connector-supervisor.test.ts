import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorCreateBodySchema, inboxReplyInputSchema } from '@ombud/contract';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { addConnector, updateConnector } from '../../src/services/connector.service.ts';
import {
  startConnectorSupervisor,
  type ConnectorSupervisor,
  type ConnectorSupervisorOptions,
} from '../../src/services/connector-supervisor.service.ts';
import { approveReply, sendReply } from '../../src/services/inbox-reply.service.ts';
import { createInboxWorld, createUser, itemIdsOf, runIntake } from '../support/inbox-fixtures.ts';
import { startMastodonServer, type MastodonServer } from '../support/mastodon-server.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(DATABASE_KINDS)('connector supervisor (%s)', (kind) => {
  let database: TestDatabase;
  let server: MastodonServer;
  const supervisors: ConnectorSupervisor[] = [];
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    server = await startMastodonServer();
  });
  afterEach(async () => {
    await Promise.all(supervisors.splice(0).map((s) => s.stop()));
    // Each test's connectors point at its own instance, which is closing.
    await db().updateTable('connector').set({ enabled: false }).execute();
    await server.close();
  });

  const supervise = (options: Partial<ConnectorSupervisorOptions> = {}) => {
    const supervisor = startConnectorSupervisor({
      db: db(),
      log: silent,
      scanMillis: 50,
      leaseMillis: 600,
      retryBaseMillis: 20,
      backoffBaseMillis: 50,
      replyMillis: 50,
      ...options,
    });
    supervisors.push(supervisor);
    return supervisor;
  };

  const mastodonConnector = async (workspaceId: string, extra: Record<string, unknown> = {}, secrets = {}) =>
    addConnector(
      db(),
      workspaceId,
      connectorCreateBodySchema.parse({
        name: `mastodon ${Math.random()}`,
        kind: 'mastodon',
        settings: {
          instanceUrl: server.url,
          hashtags: ['nordvik'],
          streaming: false,
          pollIntervalSeconds: 5,
          ...extra,
        },
        secrets,
      }),
      new Date(),
      { kind: 'system' },
    );

  const connectorRow = (id: string) =>
    db().selectFrom('connector').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const postCount = async (workspaceId: string) =>
    Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM post WHERE workspace_id = ${workspaceId}`.execute(
          db(),
        )
      ).rows[0]?.n,
    );

  it('stores each batch, then its cursor; a restart imports only what is new', async () => {
    const workspaceId = (await insertWorkspace(db(), `sup ${Math.random()}`)).id;
    const script = server.postQuietly('nordvik', {
      text: 'Nordvik kettle &lt;script&gt;alert(1)&lt;/script&gt;',
    });
    server.postQuietly('nordvik');
    const connector = await mastodonConnector(workspaceId);
    const first = supervise();
    const row = await waitFor(
      () => connectorRow(connector.id),
      (r) => Number(r.accepted) === 2 && r.cursor !== null,
    );
    expect(row.status).toBe('running');
    expect(row.lease_owner).toBe(first.owner);
    const stored = await db()
      .selectFrom('post')
      .innerJoin('source', 'source.id', 'post.source_id')
      .select(['post.text', 'post.platform', 'source.kind', 'source.name'])
      .where('post.workspace_id', '=', workspaceId)
      .where('post.external_id', '=', script.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      text: 'Nordvik kettle <script>alert(1)</script>',
      platform: 'mastodon',
      kind: 'connector',
      name: `mastodon:${server.host}`,
    });
    await first.stop();
    expect((await connectorRow(connector.id)).lease_owner).toBeNull();

    const later = Array.from({ length: 45 }, () => server.postQuietly('nordvik'));
    supervise();
    const after = await waitFor(
      () => connectorRow(connector.id),
      (r) => Number(r.accepted) === 47,
    );
    expect(Number(after.duplicate)).toBe(0);
    expect(await postCount(workspaceId)).toBe(47);
    const ids = await db()
      .selectFrom('post')
      .select('external_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(later.every((status) => ids.some((r) => r.external_id === status.id))).toBe(true);
  });

  it('two supervisors on one database: exactly one pulls; the other takes over when it stops', async () => {
    const workspaceId = (await insertWorkspace(db(), `lease ${Math.random()}`)).id;
    server.postQuietly('nordvik');
    const connector = await mastodonConnector(workspaceId);
    const a = supervise({ owner: 'A' });
    const b = supervise({ owner: 'B' });
    await waitFor(
      () => connectorRow(connector.id),
      (r) => Number(r.accepted) === 1,
    );
    // Both keep scanning for a while: the lease stays with one.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const running = [...a.running(), ...b.running()].filter((id) => id === connector.id);
    expect(running).toEqual([connector.id]);
    const holder = a.running().includes(connector.id) ? a : b;
    const other = holder === a ? b : a;
    expect((await connectorRow(connector.id)).lease_owner).toBe(holder.owner);

    await holder.stop();
    server.postQuietly('nordvik');
    const taken = await waitFor(
      () => connectorRow(connector.id),
      (r) => r.lease_owner === other.owner && Number(r.accepted) === 2,
    );
    expect(Number(taken.duplicate)).toBe(0);
  });

  it('stops a connector when it is disabled, and restarts a failing one with backoff', async () => {
    const workspaceId = (await insertWorkspace(db(), `fail ${Math.random()}`)).id;
    const connector = await mastodonConnector(workspaceId);
    for (let i = 0; i < 8; i++) server.failNext({ pathPrefix: '/api/v1/timelines', status: 503 });
    const supervisor = supervise();
    const failed = await waitFor(
      () => connectorRow(connector.id),
      (r) => r.failures > 0,
    );
    expect(failed.last_error).toMatch(/503/);
    expect(['backoff', 'running', 'idle']).toContain(failed.status);
    server.postQuietly('nordvik');
    await waitFor(
      () => connectorRow(connector.id),
      (r) => Number(r.accepted) === 1 && r.failures === 0,
    );

    await updateConnector(db(), workspaceId, connector.id, { enabled: false }, new Date(), {
      kind: 'system',
    });
    await waitFor(
      () => Promise.resolve(supervisor.running()),
      (running) => running.length === 0,
    );
    const disabled = await connectorRow(connector.id);
    expect(disabled.status).toBe('disabled');
    expect(disabled.lease_owner).toBeNull();
  });

  it('publishes an approved inbox reply once on Mastodon and stores its id and url', async () => {
    const world = await createInboxWorld(db(), 'Replies');
    const owner = await createUser(db(), world, 'Owner', 'owner');
    const agent = await createUser(db(), world, 'Agent', 'agent', { languages: ['en'], maxLoad: 20 });
    const status = server.postQuietly('nordvik', {
      text: 'My Nordvik kettle leaks after two days, how do I get a refund?',
    });
    server.writeTokens.add('write-token');
    const connector = await mastodonConnector(
      world.workspaceId,
      { publishReplies: true },
      { accessToken: 'write-token' },
    );
    supervise();
    await waitFor(
      () => connectorRow(connector.id),
      (r) => Number(r.accepted) === 1,
    );
    const post = await db()
      .selectFrom('post')
      .select('id')
      .where('workspace_id', '=', world.workspaceId)
      .where('external_id', '=', status.id)
      .executeTakeFirstOrThrow();
    await runIntake(db(), [post.id], new Date());
    const [itemId] = await itemIdsOf(db(), [post.id]);
    expect(itemId).toBeDefined();
    // The instance loses the first answer: the retry carries the same Idempotency-Key.
    server.failNext({ pathPrefix: '/api/v1/statuses', status: 503, afterCreate: true });
    const input = inboxReplyInputSchema.parse({
      idempotencyKey: 'reply-mastodon-1',
      body: 'Sorry {{author}}, a new kettle is on its way.',
    });
    let reply = await sendReply(
      db(),
      { workspaceId: world.workspaceId, userId: agent },
      { kind: 'item', itemId: itemId! },
      input,
      new Date(),
    );
    if (reply.status === 'pending_approval') {
      // Nothing goes out before the second person approves.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.published.length).toBe(0);
      reply = await approveReply(db(), world.workspaceId, reply.id, owner, new Date());
    }
    // The agent's client retries the send: still one reply.
    await sendReply(
      db(),
      { workspaceId: world.workspaceId, userId: agent },
      { kind: 'item', itemId: itemId! },
      input,
      new Date(),
    );
    const delivered = await waitFor(
      () =>
        db()
          .selectFrom('connector_reply')
          .innerJoin('inbox_outbox', 'inbox_outbox.id', 'connector_reply.outbox_id')
          .select([
            'connector_reply.external_id',
            'connector_reply.external_url',
            'connector_reply.attempts',
            'connector_reply.idempotency_key',
            'inbox_outbox.status',
          ])
          .where('connector_reply.workspace_id', '=', world.workspaceId)
          .execute(),
      (rows) => rows.length === 1 && rows[0]!.status === 'delivered',
    );
    expect(server.published.length).toBe(1);
    expect(server.published[0]).toMatchObject({
      in_reply_to_id: status.id,
      content: expect.stringContaining(`@${status.account.acct}`) as unknown,
    });
    expect(delivered[0]).toMatchObject({
      external_id: server.published[0]!.id,
      external_url: server.published[0]!.url,
      idempotency_key: server.published[0]!.idempotencyKey,
    });
    const keys = new Set(server.requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey));
    expect(keys.size).toBe(1);
    expect(server.requests.filter((r) => r.method === 'POST').length).toBe(2);
  });

  it.runIf(kind === 'postgres')(
    'takes over from a holder killed with SIGKILL once its lease expires',
    async () => {
      const workspaceId = (await insertWorkspace(db(), `kill ${Math.random()}`)).id;
      server.postQuietly('nordvik');
      const connector = await mastodonConnector(workspaceId);
      const child: ChildProcess = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(new URL('../support/connector-supervisor-child.ts', import.meta.url)),
        ],
        {
          env: { ...process.env, DATABASE_URL: database.url ?? '', SUPERVISOR_OWNER: 'doomed' },
          stdio: 'ignore',
        },
      );
      try {
        await waitFor(
          () => connectorRow(connector.id),
          (r) => r.lease_owner === 'doomed' && Number(r.accepted) === 1,
          30_000,
        );
      } finally {
        child.kill('SIGKILL');
      }
      await new Promise((resolve) => child.once('exit', resolve));
      server.postQuietly('nordvik');
      const heir = supervise({ owner: 'heir', leaseMillis: 1000 });
      const taken = await waitFor(
        () => connectorRow(connector.id),
        (r) => r.lease_owner === heir.owner && Number(r.accepted) === 2,
      );
      expect(Number(taken.duplicate)).toBe(0);
    },
    60_000,
  );
});
