import { sql, type Kysely } from 'kysely';
import { nextAlertRetry, renderCorrectionNotice, type AlertRetryPolicy } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import {
  claimNoticeDelivery,
  findNoticeDelivery,
  finishNoticeDelivery,
  revokePortalTokens,
} from '../repositories/advocate-portal.repository.ts';
import { findAdvocate } from '../repositories/advocate.repository.ts';
import { findCorrectionRow } from '../repositories/brand-correction.repository.ts';
import { findCampaign } from '../repositories/campaign.repository.ts';
import { jobRunAfter } from './alert-delivery.service.ts';
import { NOTICE_EMAIL, portalLanguage } from './advocate-portal-texts.ts';
import { mayContactAdvocate } from './advocate-portal.service.ts';
import { issuePortalToken, portalPath } from './advocate-portal-token.ts';
import { parseStoredBrief } from './brand-check.service.ts';
import type { MailSender } from './listening-digest.service.ts';
import { stableMessageId } from './mail-message-id.ts';

/** How correction e-mails are retried: 5 attempts, 1 min, 2, 4, 8 between them. */
export const NOTICE_RETRY: AlertRetryPolicy = { maxAttempts: 5, backoffSeconds: 60, maxBackoffSeconds: 3600 };
const SEND_LOCK_SECONDS = 120;
/** The link in an e-mail opens the portal for this long. */
const EMAIL_LINK_DAYS = 30;

export interface NoticeMailer {
  sender: MailSender;
  from: string;
  /** Base of the links in e-mails (OMBUD_PUBLIC_URL). */
  publicUrl: string;
}

export type NoticeDeliveryOutcome = 'delivered' | 'portal_only' | 'retry' | 'failed' | 'skipped';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 500);
}

/**
 * Sends one correction notice by e-mail, when the advocate has an address and consent to be
 * contacted and SMTP is configured; otherwise records it as portal-only (it is always in the
 * portal). A failed send is retried with back-off, then recorded as failed. Safe to run twice: the
 * notice is claimed before it is sent.
 */
export async function deliverCorrectionNotice(
  db: Kysely<Database>,
  noticeId: string,
  mailer: NoticeMailer | undefined,
  now: Date,
): Promise<NoticeDeliveryOutcome> {
  const notice = await claimNoticeDelivery(db, noticeId, now, SEND_LOCK_SECONDS);
  if (!notice) {
    const current = await findNoticeDelivery(db, noticeId);
    const wakeAt =
      current?.delivery_status === 'pending'
        ? current.next_attempt_at
        : current?.delivery_status === 'sending'
          ? current.locked_until
          : null;
    if (wakeAt !== null && wakeAt !== undefined && wakeAt > now)
      await scheduleNoticeJob(db, noticeId, wakeAt, now);
    return 'skipped';
  }
  const correction = await findCorrectionRow(
    db,
    (
      await db
        .selectFrom('brand_correction')
        .select('workspace_id')
        .where('id', '=', notice.correction_id)
        .executeTakeFirstOrThrow()
    ).workspace_id,
    notice.correction_id,
  );
  const advocate = correction
    ? await findAdvocate(db, correction.workspace_id, notice.advocate_id)
    : undefined;
  if (!correction || !advocate) {
    await finishNoticeDelivery(db, noticeId, {
      status: 'portal_only',
      reason: 'the correction or advocate no longer exists',
    });
    return 'portal_only';
  }
  const reason =
    mailer === undefined
      ? 'e-mail is not configured (OMBUD_SMTP_URL, OMBUD_MAIL_FROM)'
      : advocate.email === null
        ? 'the advocate has no e-mail address'
        : !(await mayContactAdvocate(db, correction.workspace_id, advocate, now))
          ? 'the advocate has not agreed to be contacted by e-mail'
          : null;
  if (reason !== null || mailer === undefined || advocate.email === null) {
    await finishNoticeDelivery(db, noticeId, { status: 'portal_only', reason: reason ?? '' });
    return 'portal_only';
  }

  const campaign = await findCampaign(db, correction.workspace_id, correction.campaign_id);
  const brand = (campaign ? parseStoredBrief(campaign)?.brand : undefined) ?? campaign?.name ?? 'Ombud';
  const posts = await db
    .selectFrom('brand_correction_post')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('correction_id', '=', correction.id)
    .where('advocate_id', '=', advocate.id)
    .executeTakeFirst();
  const rendered = renderCorrectionNotice(notice.language, {
    brand,
    advocateName: advocate.displayName,
    posts: Math.max(1, Number(posts?.n ?? 1)),
    correction:
      correction.correction[notice.language] ??
      correction.correction.en ??
      Object.values(correction.correction)[0] ??
      '',
    claim: correction.claim_text ?? undefined,
  });
  // A fresh link per e-mail: only token hashes are stored, so an earlier link cannot be repeated.
  const link = await issuePortalToken(db, {
    workspaceId: correction.workspace_id,
    advocateId: advocate.id,
    source: 'notice',
    days: EMAIL_LINK_DAYS,
    now,
  });
  const url = `${mailer.publicUrl}${portalPath(link.token)}`;
  const texts = NOTICE_EMAIL[portalLanguage(notice.language)];
  const paragraphs = [rendered.body, texts.portal(url), texts.footer(brand)];
  const attempts = notice.delivery_attempts + 1;
  try {
    await mailer.sender.sendMail({
      from: mailer.from,
      to: [advocate.email],
      // Every attempt of this notice (retries, a resend after a crash) is recognisably one mail.
      messageId: stableMessageId('correction-notice', noticeId, mailer.from),
      subject: rendered.subject,
      text: paragraphs.join('\n\n'),
      html: `<div lang="${rendered.language}">${paragraphs
        .map(
          (p) =>
            `<p>${escapeHtml(p)
              .replace(/\n/g, '<br>')
              .replace(escapeHtml(url), `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`)}</p>`,
        )
        .join('')}</div>`,
    });
  } catch (error) {
    await revokePortalTokens(db, correction.workspace_id, advocate.id, now, link.id);
    const decision = nextAlertRetry(attempts, NOTICE_RETRY);
    if (decision.kind === 'dead') {
      await finishNoticeDelivery(db, noticeId, { status: 'failed', attempts, error: describe(error) });
      return 'failed';
    }
    const nextAttemptAt = new Date(now.getTime() + decision.delayMs);
    await db.transaction().execute(async (trx) => {
      await finishNoticeDelivery(trx, noticeId, {
        status: 'pending',
        attempts,
        error: describe(error),
        nextAttemptAt,
      });
      await scheduleNoticeJob(trx, noticeId, nextAttemptAt, now);
    });
    return 'retry';
  }
  await finishNoticeDelivery(db, noticeId, { status: 'delivered', attempts, at: now });
  return 'delivered';
}

async function scheduleNoticeJob(
  db: Parameters<typeof finishNoticeDelivery>[0],
  noticeId: string,
  at: Date,
  now: Date,
): Promise<void> {
  await db
    .insertInto('job')
    .values({
      name: 'advocate.notice.deliver',
      payload: JSON.stringify({ noticeId }),
      run_after: jobRunAfter(at, now),
    })
    .execute();
}
