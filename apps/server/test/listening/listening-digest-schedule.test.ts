import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedWorkStream } from '../../src/adapters/work-stream/embedded.work-stream.ts';
import { openDatabase } from '../../src/db/database.ts';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { DIGEST_TICK_INTERVAL_MS, ensureDigestTickScheduled } from '../../src/jobs/listening.jobs.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { insertDigest, insertSavedSearch } from '../../src/repositories/listening-saved.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import { DIGEST_RETRY_MS } from '../../src/services/listening-digest.service.ts';
import { readMail, startSmtpReceiver, type SmtpReceiver } from '../support/alert-receivers.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { ombudArgs } from '../support/run-cli.ts';

// Scheduled digests as `ombud start` and `ombud worker` run them: the `listening.digests` tick on the
// job stream, a real SMTP server receiving, and workers racing for the same digest.
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const FROM = 'ombud@example.com';
const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

async function dueDigest(
  database: TestDatabase,
  locale: 'en' | 'es' | 'sv',
  recipients: string[],
  hourUtc = 7,
): Promise<{ id: string; workspaceId: string }> {
  const workspace = await insertWorkspace(database.db, `digests ${locale}`);
  const saved = await insertSavedSearch(database.db, workspace.id, null, {
    name: `Tapa ${locale}`,
    filter: { q: 'tapa' },
  });
  if (!saved) throw new Error('saved search not created');
  const digest = await insertDigest(database.db, workspace.id, {
    savedSearchId: saved.id,
    recipients,
    frequency: 'daily',
    hourUtc,
    locale,
    // The slot passed a minute ago.
    nextDueAt: new Date(Date.now() - 60_000).toISOString(),
  });
  return { id: digest.id, workspaceId: workspace.id };
}

async function digestRow(database: TestDatabase, id: string) {
  return database.db
    .selectFrom('listening_digest')
    .select(['next_due_at', 'last_sent_at', 'last_error'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function pendingTicks(database: TestDatabase) {
  return database.db
    .selectFrom('job')
    .select(['run_after'])
    .where('name', '=', 'listening.digests')
    .where('status', '=', 'pending')
    .execute();
}

describe.each(DATABASE_KINDS)('scheduled listening digests (%s)', (kind) => {
  let database: TestDatabase;
  let smtp: SmtpReceiver;
  const mail = () => ({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(kind), startSmtpReceiver()]);
  });
  afterAll(async () => {
    await Promise.all([database.close(), smtp.close()]);
  });
  afterEach(async () => {
    smtp.mails.length = 0;
    await database.db.deleteFrom('job').execute();
    await database.db.deleteFrom('listening_digest').execute();
  });

  it('the tick sends a due digest once, in the subscriber language, and books its successor', async () => {
    const digest = await dueDigest(database, 'sv', ['pr@example.se']);
    const runner = createJobRunner({
      registry: createJobRegistry({ mail: mail() }),
      context: { db: database.db, now: () => new Date() },
      log: silent,
    });
    const before = Date.now();
    expect(await ensureDigestTickScheduled(database.db, new Date(before - 1000))).toBe(true);
    // A second process starting at the same time books no second tick.
    expect(await ensureDigestTickScheduled(database.db, new Date(before - 1000))).toBe(false);
    await runner.drain();

    expect(smtp.mails).toHaveLength(1);
    const received = smtp.mails[0];
    expect(received?.from).toBe(FROM);
    expect(received?.to).toEqual(['pr@example.se']);
    const message = readMail(received?.raw ?? '');
    expect(message.headers.get('subject')).toBe('[Ombud] Tapa sv: 0 nya omnämnanden');
    expect(message.text).toContain('Din sparade sökning "Tapa sv"');
    expect(message.text).toContain('Inget nytt matchade sökningen.');

    const row = await digestRow(database, digest.id);
    expect(row.last_sent_at).not.toBeNull();
    expect(row.last_error).toBeNull();
    // The next daily slot at 07:00 UTC, in the future.
    expect(row.next_due_at.getTime()).toBeGreaterThan(Date.now());
    expect(row.next_due_at.getUTCHours()).toBe(7);
    const ticks = await pendingTicks(database);
    expect(ticks).toHaveLength(1);
    expect(ticks[0]?.run_after.getTime()).toBeGreaterThanOrEqual(before + DIGEST_TICK_INTERVAL_MS - 1000);

    // The successor, made runnable now, finds nothing due: no second e-mail this period.
    await database.db
      .updateTable('job')
      .set({ run_after: new Date(Date.now() - 1000) })
      .execute();
    await runner.drain();
    expect(smtp.mails).toHaveLength(1);
  });

  it('a refused send is recorded and tried again within the period, not at the next slot', async () => {
    const closed = await startSmtpReceiver();
    const port = closed.port;
    await closed.close();
    // A slot half a day away: a retry is never cut short by the next slot, whatever the time of the run.
    const digest = await dueDigest(database, 'es', ['pr@example.es'], (new Date().getUTCHours() + 12) % 24);
    const runner = createJobRunner({
      registry: createJobRegistry({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM } }),
      context: { db: database.db, now: () => new Date() },
      log: silent,
    });
    await ensureDigestTickScheduled(database.db, new Date(Date.now() - 1000));
    const before = Date.now();
    await runner.drain();
    const row = await digestRow(database, digest.id);
    expect(row.last_sent_at).toBeNull();
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(row.next_due_at.getTime()).toBeGreaterThanOrEqual(before + DIGEST_RETRY_MS - 1000);
    expect(row.next_due_at.getTime()).toBeLessThanOrEqual(Date.now() + DIGEST_RETRY_MS);

    // The retry, with the mail server back, sends it (in Spanish).
    await database.db
      .updateTable('listening_digest')
      .set({ next_due_at: new Date(Date.now() - 1000) })
      .execute();
    await database.db
      .updateTable('job')
      .set({ run_after: new Date(Date.now() - 1000) })
      .execute();
    await createJobRunner({
      registry: createJobRegistry({ mail: mail() }),
      context: { db: database.db, now: () => new Date() },
      log: silent,
    }).drain();
    expect(smtp.mails).toHaveLength(1);
    expect(readMail(smtp.mails[0]?.raw ?? '').headers.get('subject')).toBe(
      '[Ombud] Tapa es: 0 menciones nuevas',
    );
    expect((await digestRow(database, digest.id)).last_error).toBeNull();
  });

  it('without mail configured the tick sends nothing and books no successor', async () => {
    const digest = await dueDigest(database, 'en', ['pr@example.com']);
    await ensureDigestTickScheduled(database.db, new Date(Date.now() - 1000));
    await createJobRunner({
      registry: createJobRegistry(),
      context: { db: database.db, now: () => new Date() },
      log: silent,
    }).drain();
    expect(smtp.mails).toHaveLength(0);
    expect(await pendingTicks(database)).toHaveLength(0);
    expect((await digestRow(database, digest.id)).last_sent_at).toBeNull();
  });

  it.runIf(kind === 'postgres')(
    'two workers, each on its own connections, race for the same digest: one e-mail',
    async () => {
      const digest = await dueDigest(database, 'en', ['pr@example.com', 'ceo@example.com']);
      const url = database.url ?? '';
      const handles = await Promise.all([
        openDatabase({ kind: 'postgres', url }),
        openDatabase({ kind: 'postgres', url }),
      ]);
      try {
        // Two ticks waiting (two processes booked one each), so both workers hold a tick at once.
        for (let i = 0; i < 2; i++)
          await database.db
            .insertInto('job')
            .values({ name: 'listening.digests', payload: '{}', run_after: new Date(Date.now() - 1000) })
            .execute();
        const streams = handles.map((handle) =>
          createEmbeddedWorkStream({
            db: handle.db,
            handlers: createJobRegistry({ mail: mail() }),
            log: silent,
            now: () => new Date(),
            concurrency: 1,
          }),
        );
        const ran = await Promise.all(streams.map((stream) => stream.drain()));
        await Promise.all(streams.map((stream) => stream.stop()));
        expect(ran.reduce((a, b) => a + b, 0)).toBe(2);
        expect(smtp.mails).toHaveLength(1);
        expect(smtp.mails[0]?.to).toEqual(['pr@example.com', 'ceo@example.com']);
        expect(readMail(smtp.mails[0]?.raw ?? '').headers.get('subject')).toBe(
          '[Ombud] Tapa en: 0 new mentions',
        );
        expect((await digestRow(database, digest.id)).last_sent_at).not.toBeNull();
        // The chain did not double: one successor waits.
        expect(await pendingTicks(database)).toHaveLength(1);
      } finally {
        await Promise.all(handles.map((handle) => handle.close()));
      }
    },
  );

  it.runIf(kind === 'postgres')(
    'two `ombud worker` processes send a due digest by themselves, once',
    async () => {
      const digest = await dueDigest(database, 'es', ['pr@example.es']);
      const env = {
        ...process.env,
        DATABASE_URL: database.url ?? '',
        NATS_URL: '',
        OMBUD_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        OMBUD_MAIL_FROM: FROM,
        OMBUD_LOG_LEVEL: 'warn',
      };
      const children: { child: ChildProcess; output: string; exited: Promise<unknown> }[] = [];
      for (let i = 0; i < 2; i++) {
        const child = spawn(process.execPath, ombudArgs(['worker']), { env });
        const entry = { child, output: '', exited: new Promise((resolve) => child.once('exit', resolve)) };
        const keep = (chunk: string) => (entry.output = (entry.output + chunk).slice(-4000));
        child.stdout.setEncoding('utf8').on('data', keep);
        child.stderr.setEncoding('utf8').on('data', keep);
        children.push(entry);
      }
      try {
        const deadline = Date.now() + 90_000;
        while ((await digestRow(database, digest.id)).last_sent_at === null) {
          if (Date.now() > deadline)
            throw new Error(`no digest sent within 90 s:\n${children.map((c) => c.output).join('\n')}`);
          await sleep(250);
        }
        // Both workers are up and have booked (or found) the tick; let any second tick run too.
        await sleep(3000);
        expect(smtp.mails).toHaveLength(1);
        expect(smtp.mails[0]?.to).toEqual(['pr@example.es']);
        expect(readMail(smtp.mails[0]?.raw ?? '').text).toContain('Tu búsqueda guardada «Tapa es»');
      } finally {
        for (const { child } of children) child.kill('SIGTERM');
        await Promise.all(children.map((c) => c.exited));
      }
    },
  );
});
