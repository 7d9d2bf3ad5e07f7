import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../src/jobs/job-runner.ts';
import { ensureDigestTickScheduled, smtpMailSender } from '../../src/jobs/listening.jobs.ts';
import { createJobRegistry } from '../../src/jobs/registry.ts';
import { insertDigest, insertSavedSearch } from '../../src/repositories/listening-saved.repository.ts';
import { insertWorkspace } from '../../src/repositories/workspace.repository.ts';
import {
  DIGEST_SEND_LEASE_MS,
  sendDueDigests,
  type MailSender,
} from '../../src/services/listening-digest.service.ts';
import { readMail, startSmtpReceiver, type SmtpReceiver } from '../support/alert-receivers.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { waitFor } from '../support/wait-for.ts';

// Regression: a digest was claimed and sent inside one database transaction, so a slow mail server
// held the digest row (and, on PGlite's single connection, the whole database) for the length of the
// send. Now: claim with a lease, send outside any transaction, record. And a send the server
// accepted but we never recorded (the process died) is sent again with the same Message-ID.
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const FROM = 'Ombud <digests@ombud.example>';

/** A real SMTP server that holds each message's final answer until the test releases it. */
async function startHoldingSmtp() {
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        arrived();
        void released.then(() => callback());
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port: (server.server.address() as AddressInfo).port,
    arrival,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DATABASE_KINDS)('sending a listening digest (%s)', (kind) => {
  let database: TestDatabase;
  let smtp: SmtpReceiver;

  const dueDigest = async (name: string) => {
    const workspace = await insertWorkspace(database.db, name);
    const saved = await insertSavedSearch(database.db, workspace.id, null, {
      name: 'Tapa',
      filter: { q: 'tapa' },
    });
    if (!saved) throw new Error('saved search not created');
    return insertDigest(database.db, workspace.id, {
      savedSearchId: saved.id,
      recipients: ['pr@example.com'],
      frequency: 'daily',
      hourUtc: 7,
      locale: 'en',
      nextDueAt: new Date(Date.now() - 60_000).toISOString(),
    });
  };
  const row = (id: string) =>
    database.db
      .selectFrom('listening_digest')
      .select(['next_due_at', 'last_sent_at', 'last_error'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(kind), startSmtpReceiver()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([database.close(), smtp.close()]);
  });
  afterEach(async () => {
    smtp.mails.length = 0;
    await database.db.deleteFrom('job').execute();
    await database.db.deleteFrom('listening_digest').execute();
  });

  it('holds no transaction open while the mail server is slow: the digest row can be written meanwhile', async () => {
    const held = await startHoldingSmtp();
    try {
      const digest = await dueDigest('slow mail server');
      await ensureDigestTickScheduled(database.db, new Date(Date.now() - 1000));
      const runner = createJobRunner({
        registry: createJobRegistry({ mail: { smtpUrl: `smtp://127.0.0.1:${held.port}`, from: FROM } }),
        context: { db: database.db, now: () => new Date() },
        log: silent,
      });
      const drained = runner.drain();
      await held.arrival;
      // The e-mail is in flight. A write to the same digest row goes through at once (before the
      // fix it waited for the send: the row lock on PostgreSQL, the one connection on PGlite).
      const write = database.db
        .updateTable('listening_digest')
        .set({ recipients: ['pr@example.com', 'ceo@example.com'] })
        .where('id', '=', digest.id)
        .execute()
        .then(() => 'written' as const);
      const waited = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5000));
      expect(await Promise.race([write, waited])).toBe('written');
      // Claimed while sending: its due time is the end of the send lease, not yet the next slot.
      const sending = await row(digest.id);
      expect(sending.last_sent_at).toBeNull();
      expect(sending.next_due_at.getTime()).toBeGreaterThan(Date.now());
      expect(sending.next_due_at.getTime()).toBeLessThanOrEqual(Date.now() + DIGEST_SEND_LEASE_MS);
      held.release();
      await drained;
      const sent = await row(digest.id);
      expect(sent.last_sent_at).not.toBeNull();
      expect(sent.next_due_at.getUTCHours()).toBe(7);
    } finally {
      held.release();
      await held.close();
    }
  });

  it('a send accepted but never recorded is retried after the lease, with the same Message-ID', async () => {
    const digest = await dueDigest('dies after sending');
    const real = smtpMailSender({ smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: FROM });
    // The process "dies" right after the server accepted the message: nothing after it runs.
    const dying: MailSender = {
      sendMail: async (message) => {
        await real.sendMail(message);
        return new Promise<never>(() => undefined);
      },
    };
    const t0 = new Date();
    void sendDueDigests(database.db, dying, { now: t0, from: FROM });
    await waitFor(
      () => Promise.resolve(smtp.mails.length),
      (n) => n === 1,
    );
    const left = await row(digest.id);
    expect(left.last_sent_at).toBeNull();
    expect(left.next_due_at.getTime()).toBe(t0.getTime() + DIGEST_SEND_LEASE_MS);

    // While the lease runs, another worker leaves it alone.
    const during = new Date(t0.getTime() + 60_000);
    expect(await sendDueDigests(database.db, real, { now: during, from: FROM })).toEqual({
      sent: 0,
      failed: 0,
    });
    expect(smtp.mails).toHaveLength(1);
    // After it, the digest is due again and sent, as the same message.
    const after = new Date(t0.getTime() + DIGEST_SEND_LEASE_MS + 1000);
    expect(await sendDueDigests(database.db, real, { now: after, from: FROM })).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(smtp.mails).toHaveLength(2);
    const ids = smtp.mails.map((mail) => readMail(mail.raw).headers.get('message-id'));
    expect(ids[0]).toBe(`<ombud.listening-digest.${digest.id}.first@ombud.example>`);
    expect(ids[1]).toBe(ids[0]);
    const recorded = await row(digest.id);
    expect(recorded.last_sent_at?.getTime()).toBe(after.getTime());

    // The next period's digest is another message: another Message-ID.
    const nextSlot = new Date(recorded.next_due_at.getTime() + 60_000);
    expect(await sendDueDigests(database.db, real, { now: nextSlot, from: FROM })).toEqual({
      sent: 1,
      failed: 0,
    });
    const third = readMail(smtp.mails[2]?.raw ?? '').headers.get('message-id');
    expect(third).toBe(`<ombud.listening-digest.${digest.id}.${after.getTime()}@ombud.example>`);
  });
});
