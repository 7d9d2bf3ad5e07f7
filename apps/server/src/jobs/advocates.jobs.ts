import { z } from 'zod';
import type { AppConfig } from '../config.ts';
import { deliverCorrectionNotice, type NoticeMailer } from '../services/advocate-notice-delivery.service.ts';
import type { MailSender } from '../services/listening-digest.service.ts';
import { outsideTransaction, type JobHandler } from './job-registry.ts';
import { smtpMailSender } from './listening.jobs.ts';

const noticePayload = z.object({ noticeId: z.uuid() });

/**
 * Job handlers of issue #6 (advocates): e-mailing a correction notice. Without mail configured the
 * notice is recorded as portal-only (the advocate still sees it in their portal).
 */
export function createAdvocateJobHandlers(
  options: { mail?: NonNullable<AppConfig['mail']> | undefined; publicUrl?: string | undefined },
  sender: MailSender | undefined = options.mail ? smtpMailSender(options.mail) : undefined,
): { 'advocate.notice.deliver': JobHandler } {
  const mailer: NoticeMailer | undefined =
    options.mail && sender
      ? { sender, from: options.mail.from, publicUrl: options.publicUrl ?? 'http://127.0.0.1:3000' }
      : undefined;
  return {
    // Claims the notice before sending and records the outcome itself, like an alert delivery.
    'advocate.notice.deliver': outsideTransaction(async (payload, context) => {
      const { noticeId } = noticePayload.parse(payload);
      const outcome = await deliverCorrectionNotice(context.db, noticeId, mailer, context.now());
      return outcome === 'skipped' ? 'skipped' : 'done';
    }),
  };
}
