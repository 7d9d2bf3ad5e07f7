import type { Kysely } from 'kysely';
import type { Digest, ListeningFilter, ListeningPost } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { stableMessageId } from './mail-message-id.ts';
import { countMentions, topMentions } from '../repositories/listening-search.repository.ts';
import {
  claimDigest,
  dueDigests,
  findSavedSearch,
  insertDigest,
  recordDigestOutcome,
} from '../repositories/listening-saved.repository.ts';

export type DigestLocale = 'en' | 'es' | 'sv';

/** The part of a nodemailer transport the digest uses (so any transport, or a test one, fits). */
export interface MailSender {
  sendMail(message: {
    from: string;
    to: string[];
    subject: string;
    text: string;
    html: string;
    /** The same for every attempt of one delivery (see stableMessageId). */
    messageId?: string;
  }): Promise<unknown>;
}

const DAY_MS = 86_400_000;

/** The first daily (or Monday, for weekly) slot at `hourUtc` strictly after `after`. */
export function nextDigestSlot(frequency: 'daily' | 'weekly', hourUtc: number, after: Date): Date {
  const day = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
  for (let i = 0; i <= 8; i++) {
    const slot = day + i * DAY_MS + hourUtc * 3_600_000;
    if (slot <= after.getTime()) continue;
    if (frequency === 'weekly' && new Date(slot).getUTCDay() !== 1) continue;
    return new Date(slot);
  }
  throw new Error('unreachable: a Monday falls within eight days');
}

export async function createDigest(
  db: Kysely<Database>,
  workspaceId: string,
  input: Pick<Digest, 'savedSearchId' | 'recipients' | 'frequency' | 'hourUtc' | 'locale'>,
  now: Date,
): Promise<Digest> {
  if (!(await findSavedSearch(db, workspaceId, input.savedSearchId)))
    throw new AppError('NOT_FOUND', `savedSearchId: no saved search ${input.savedSearchId}`);
  return insertDigest(db, workspaceId, {
    ...input,
    nextDueAt: nextDigestSlot(input.frequency, input.hourUtc, now).toISOString(),
  });
}

interface DigestContent {
  searchName: string;
  from: Date;
  to: Date;
  posts: number;
  negative: number;
  top: ListeningPost[];
}

const TEXTS: Record<
  DigestLocale,
  {
    locale: string;
    subject: (name: string, posts: number) => string;
    intro: (name: string, from: string, to: string) => string;
    totals: (posts: number, negative: number) => string;
    top: string;
    none: string;
    footer: string;
  }
> = {
  en: {
    locale: 'en-GB',
    subject: (name, posts) => `[Ombud] ${name}: ${posts} new mention${posts === 1 ? '' : 's'}`,
    intro: (name, from, to) => `Your saved search "${name}" from ${from} to ${to} (UTC).`,
    totals: (posts, negative) => `${posts} mentions, ${negative} of them negative.`,
    top: 'Most engaging posts',
    none: 'Nothing new matched this search.',
    footer:
      'You receive this digest because a colleague subscribed you in Ombud (Listening → Saved searches).',
  },
  es: {
    locale: 'es-ES',
    subject: (name, posts) => `[Ombud] ${name}: ${posts} menci${posts === 1 ? 'ón nueva' : 'ones nuevas'}`,
    intro: (name, from, to) => `Tu búsqueda guardada «${name}» del ${from} al ${to} (UTC).`,
    totals: (posts, negative) => `${posts} menciones, ${negative} de ellas negativas.`,
    top: 'Publicaciones con más interacción',
    none: 'No hay nada nuevo para esta búsqueda.',
    footer: 'Recibes este resumen porque un compañero te suscribió en Ombud (Escucha → Búsquedas guardadas).',
  },
  sv: {
    locale: 'sv-SE',
    subject: (name, posts) => `[Ombud] ${name}: ${posts} nya omnämnand${posts === 1 ? 'e' : 'en'}`,
    intro: (name, from, to) => `Din sparade sökning "${name}" från ${from} till ${to} (UTC).`,
    totals: (posts, negative) => `${posts} omnämnanden, varav ${negative} negativa.`,
    top: 'Inlägg med mest engagemang',
    none: 'Inget nytt matchade sökningen.',
    footer:
      'Du får den här sammanfattningen för att en kollega prenumererade åt dig i Ombud (Bevakning → Sparade sökningar).',
  },
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The digest e-mail in the subscriber's language; post texts are escaped, never trusted as HTML. */
export function renderDigest(locale: DigestLocale, content: DigestContent) {
  const t = TEXTS[locale];
  const format = (d: Date) =>
    new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);
  const intro = t.intro(content.searchName, format(content.from), format(content.to));
  const totals = t.totals(content.posts, content.negative);
  const lines = content.top.map(
    (post) =>
      `@${post.author.handle} (${post.language}, ${post.sentiment}): ${post.text.replace(/\s+/g, ' ').slice(0, 280)}${post.url ? ` ${post.url}` : ''}`,
  );
  const text = [
    intro,
    '',
    totals,
    '',
    ...(lines.length > 0 ? [`${t.top}:`, ...lines.map((l) => `- ${l}`)] : [t.none]),
    '',
    t.footer,
    '',
  ].join('\n');
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    `<p><strong>${escapeHtml(totals)}</strong></p>`,
    lines.length > 0
      ? `<h3>${escapeHtml(t.top)}</h3><ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
      : `<p>${escapeHtml(t.none)}</p>`,
    `<p style="color:#666">${escapeHtml(t.footer)}</p>`,
  ].join('\n');
  return { subject: t.subject(content.searchName, content.posts), text, html };
}

/** After a failed send, the digest is tried again this much later (within its period). */
export const DIGEST_RETRY_MS = 15 * 60_000;
/** A claimed digest whose sender neither records success nor failure is due again after this. */
export const DIGEST_SEND_LEASE_MS = 2 * 60_000;

/**
 * One digest e-mail's Message-ID: the digest and the last period it was sent for. A resend of the
 * same period (after a crash between the SMTP server's acceptance and our record) carries it again.
 */
export function digestMessageId(digest: { id: string; last_sent_at: Date | null }, from: string): string {
  const period = digest.last_sent_at === null ? 'first' : String(digest.last_sent_at.getTime());
  return stableMessageId('listening-digest', `${digest.id}.${period}`, from);
}

/**
 * Sends every digest whose time has come, each once per slot however many workers look at the same
 * moment, and holds no transaction open while the mail server answers. A digest is first claimed
 * (its due time moved to the end of a send lease, only if nobody else moved it), then built and
 * sent, then recorded (sent: the next slot; refused: tried again after DIGEST_RETRY_MS, still
 * covering the whole period). A sender that dies in between leaves the digest due again when the
 * lease runs out; the resend carries the same Message-ID, so it can be recognised as a duplicate.
 */
export async function sendDueDigests(
  db: Kysely<Database>,
  mailer: MailSender,
  options: { now: Date; from: string },
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const digest of await dueDigests(db, options.now)) {
    const lease = new Date(options.now.getTime() + DIGEST_SEND_LEASE_MS);
    if (!(await claimDigest(db, digest.id, digest.next_due_at, lease))) continue;
    // The saved search goes with its digests (ON DELETE CASCADE): none means the digest is gone too.
    const saved = await findSavedSearch(db, digest.workspace_id, digest.saved_search_id);
    if (!saved) continue;
    const period = digest.frequency === 'weekly' ? 7 * DAY_MS : DAY_MS;
    const from = digest.last_sent_at ?? new Date(options.now.getTime() - period);
    const filter: ListeningFilter = {
      ...saved.filter,
      from: from.toISOString(),
      to: options.now.toISOString(),
    };
    const counts = await countMentions(db, digest.workspace_id, filter);
    const top = await topMentions(db, digest.workspace_id, filter, 5);
    const message = renderDigest(digest.locale, {
      searchName: saved.name,
      from,
      to: options.now,
      posts: counts.posts,
      negative: counts.negative,
      top,
    });
    const next = nextDigestSlot(digest.frequency, digest.hour_utc, options.now);
    try {
      await mailer.sendMail({
        from: options.from,
        to: digest.recipients,
        ...message,
        messageId: digestMessageId(digest, options.from),
      });
    } catch (error) {
      const retry = new Date(Math.min(next.getTime(), options.now.getTime() + DIGEST_RETRY_MS));
      await recordDigestOutcome(db, digest.id, lease, {
        error: error instanceof Error ? error.message : String(error),
        retryAt: retry,
      });
      failed += 1;
      continue;
    }
    await recordDigestOutcome(db, digest.id, lease, { sentAt: options.now, nextDueAt: next });
    sent += 1;
  }
  return { sent, failed };
}
