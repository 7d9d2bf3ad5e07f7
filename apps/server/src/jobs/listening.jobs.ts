import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config.ts';

type MailConfig = NonNullable<AppConfig['mail']>;
import type { Database } from '../db/schema.ts';
import { enqueueJobUnlessPending } from '../repositories/job.repository.ts';
import { sendDueDigests, type MailSender } from '../services/listening-digest.service.ts';
import { outsideTransaction, type JobHandler } from './job-registry.ts';

/** How often a running Ombud looks for digests whose slot has come (slots are whole hours). */
export const DIGEST_TICK_INTERVAL_MS = 60_000;

const SMTP_TIMEOUT_MS = 10_000;

/**
 * Books the next `listening.digests` tick unless one is already waiting. Several processes may call
 * this at once; the booking is serialised, so at most one tick waits. (A second tick would cost one
 * extra pass and never a second e-mail, because each digest is claimed before it is sent.)
 */
export async function ensureDigestTickScheduled(db: Kysely<Database>, runAfter: Date): Promise<boolean> {
  return enqueueJobUnlessPending(db, 'listening.digests', runAfter);
}

/** An SMTP sender for `OMBUD_SMTP_URL`: one connection per message (digests are few; none stays idle). */
export function smtpMailSender(config: MailConfig): MailSender {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return { sendMail: (message) => transport.sendMail(message) };
}

/**
 * Job handlers of issue #8 (listening): the once-a-minute digest tick, which sends the digests that
 * are due (outside the delivery's transaction) and books its own successor. Without mail configured it does nothing and books nothing.
 */
export function createListeningJobHandlers(
  mail: MailConfig | undefined,
  sender: MailSender | undefined = mail ? smtpMailSender(mail) : undefined,
): { 'listening.digests': JobHandler } {
  return {
    // Claims each digest before sending and records the outcome itself, so no transaction stays
    // open while the mail server answers; booking the successor is idempotent (one waits).
    'listening.digests': outsideTransaction(async (_payload, context) => {
      if (!mail || !sender) return 'skipped';
      const now = context.now();
      await sendDueDigests(context.db, sender, { now, from: mail.from });
      await ensureDigestTickScheduled(context.db, new Date(now.getTime() + DIGEST_TICK_INTERVAL_MS));
      return 'done';
    }),
  };
}
