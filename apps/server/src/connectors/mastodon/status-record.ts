// A Mastodon Status entity (https://docs.joinmastodon.org/entities/Status/) turned into a record in
// Ombud's flat import format. The instance's HTML is untrusted: it is parsed, never rendered, and
// only its text survives (an escaped `<script>` in a post stays visible text).
import { Parser } from 'htmlparser2';
import { z } from 'zod';
import type { ConnectorRecord } from '../connector.ts';

const accountSchema = z.object({
  id: z.string(),
  acct: z.string(),
  display_name: z.string().nullish(),
  followers_count: z.number().nullish(),
  bot: z.boolean().nullish(),
});

const baseStatusSchema = z.object({
  id: z.string().regex(/^\d+$/, 'a Mastodon status id is a decimal string'),
  uri: z.string().nullish(),
  url: z.string().nullish(),
  created_at: z.string(),
  /** Set once the status was edited (Mastodon 3.5+): the time of the latest edit. */
  edited_at: z.string().nullish(),
  content: z.string(),
  spoiler_text: z.string().nullish(),
  language: z.string().nullish(),
  visibility: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  favourites_count: z.number().nullish(),
  reblogs_count: z.number().nullish(),
  replies_count: z.number().nullish(),
  account: accountSchema,
  media_attachments: z
    .array(z.object({ type: z.string(), url: z.string().nullish(), description: z.string().nullish() }))
    .nullish(),
  tags: z.array(z.object({ name: z.string() })).nullish(),
});

export const mastodonStatusSchema = baseStatusSchema.extend({
  reblog: baseStatusSchema.nullish(),
});
export type MastodonStatus = z.infer<typeof mastodonStatusSchema>;

const BLOCK_ELEMENTS = new Set([
  'p',
  'div',
  'blockquote',
  'li',
  'ul',
  'ol',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** Plain text of a status's HTML: tags dropped, entities decoded, `<br>` and paragraphs as line breaks. */
export function htmlToText(html: string): string {
  let text = '';
  const parser = new Parser(
    {
      ontext(chunk) {
        text += chunk;
      },
      onopentag(name) {
        if (name === 'br') text += '\n';
        else if (BLOCK_ELEMENTS.has(name) && text !== '' && !text.endsWith('\n\n'))
          text += text.endsWith('\n') ? '\n' : '\n\n';
      },
      onclosetag(name) {
        if (BLOCK_ELEMENTS.has(name) && !text.endsWith('\n\n')) text += text.endsWith('\n') ? '\n' : '\n\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export type StatusConversion =
  { kind: 'record'; record: ConnectorRecord } | { kind: 'skipped'; reason: string };

/**
 * One status as an import record. A reblog is replaced by the status it shares (so the original
 * author and text are analysed once, whoever boosts it); a status with no text at all is skipped.
 */
export function statusToRecord(status: MastodonStatus): StatusConversion {
  const original = status.reblog ?? status;
  const body = htmlToText(original.content);
  const warning = original.spoiler_text?.trim();
  const described = (original.media_attachments ?? [])
    .map((media) => media.description?.trim())
    .filter((description): description is string => Boolean(description));
  const text = [warning ? `CW: ${warning}` : '', body || described.join('\n')].filter(Boolean).join('\n\n');
  if (!text) return { kind: 'skipped', reason: `status ${original.id} has no text` };
  const record: ConnectorRecord = {
    id: original.id,
    text,
    created_at: original.created_at,
    author: original.account.acct,
    platform: 'mastodon',
    likes: original.favourites_count ?? 0,
    reposts: original.reblogs_count ?? 0,
    replies: original.replies_count ?? 0,
  };
  if (original.account.display_name) record['author_name'] = original.account.display_name;
  if (typeof original.account.followers_count === 'number')
    record['author_followers'] = original.account.followers_count;
  const link = original.url ?? original.uri;
  if (link && /^https?:\/\//.test(link)) record['url'] = link;
  if (original.language) record['lang'] = original.language;
  if (original.in_reply_to_id) record['reply_to'] = original.in_reply_to_id;
  const tags = (original.tags ?? []).map((tag) => tag.name);
  if (tags.length > 0) record['tags'] = tags;
  const media = (original.media_attachments ?? []).map((item) => ({
    type: item.type,
    url: item.url ?? null,
  }));
  if (media.length > 0) record['media'] = media;
  if (status.reblog) record['boosted_by'] = status.account.acct;
  return { kind: 'record', record };
}
