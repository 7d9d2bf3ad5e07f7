// Jetstream's JSON events (bluesky-social/jetstream): every event carries `did`, `time_us` (the
// cursor, unix microseconds) and `kind`; `commit` events carry the repo operation and, for creates
// and updates, the record; `identity` events carry the account's current handle; `account` events
// its status. Only the fields Ombud reads are checked; unknown fields are ignored.
import { z } from 'zod';
import type { ConnectorRecord } from '../connector.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';

const facetFeature = z
  .object({ $type: z.string().optional(), tag: z.string().optional(), did: z.string().optional() })
  .passthrough();

const postRecord = z
  .object({
    $type: z.literal(POST_COLLECTION).optional(),
    text: z.string(),
    createdAt: z.string(),
    langs: z.array(z.string()).optional(),
    reply: z
      .object({ parent: z.object({ uri: z.string() }).passthrough() })
      .passthrough()
      .optional(),
    facets: z.array(z.object({ features: z.array(facetFeature).optional() }).passthrough()).optional(),
  })
  .passthrough();

export type BlueskyPostRecord = z.infer<typeof postRecord>;

const commitEvent = z.object({
  did: z.string().startsWith('did:'),
  time_us: z.number().int().nonnegative(),
  kind: z.literal('commit'),
  commit: z
    .object({
      rev: z.string().optional(),
      operation: z.enum(['create', 'update', 'delete']),
      collection: z.string(),
      rkey: z.string().min(1),
      record: z.unknown().optional(),
      cid: z.string().optional(),
    })
    .passthrough(),
});

const identityEvent = z.object({
  did: z.string().startsWith('did:'),
  time_us: z.number().int().nonnegative(),
  kind: z.literal('identity'),
  identity: z.object({ did: z.string(), handle: z.string().optional() }).passthrough(),
});

const accountEvent = z.object({
  did: z.string().startsWith('did:'),
  time_us: z.number().int().nonnegative(),
  kind: z.literal('account'),
  account: z.object({ active: z.boolean(), did: z.string() }).passthrough(),
});

export const jetstreamEvent = z.discriminatedUnion('kind', [commitEvent, identityEvent, accountEvent]);
export type JetstreamEvent = z.infer<typeof jetstreamEvent>;
export type JetstreamCommitEvent = z.infer<typeof commitEvent>;

export type ParsedJetstreamMessage =
  { ok: true; event: JetstreamEvent } | { ok: false; reason: string; timeUs: number | null };

/** Parses one WebSocket text frame; a bad frame is described, never thrown. */
export function parseJetstreamMessage(data: string): ParsedJetstreamMessage {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'not valid JSON', timeUs: null };
  }
  const parsed = jetstreamEvent.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  const timeUs =
    typeof json === 'object' && json !== null && typeof (json as { time_us?: unknown }).time_us === 'number'
      ? (json as { time_us: number }).time_us
      : null;
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'not a Jetstream event',
    timeUs,
  };
}

/** Reads a post record out of a create/update commit, or describes why it is not one. */
export function readPostRecord(
  event: JetstreamCommitEvent,
): { ok: true; post: BlueskyPostRecord } | { ok: false; reason: string } {
  const parsed = postRecord.safeParse(event.commit.record);
  if (parsed.success) return { ok: true, post: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `record.${issue.path.join('.')}: ${issue.message}` : 'not a post' };
}

/** The hashtags a post's facets carry (Bluesky keeps tags as facets, not only in the text). */
export function facetTags(post: BlueskyPostRecord): string[] {
  const tags: string[] = [];
  for (const facet of post.facets ?? [])
    for (const feature of facet.features ?? [])
      if (feature.$type === 'app.bsky.richtext.facet#tag' && feature.tag) tags.push(feature.tag);
  return tags;
}

/** The post's at:// URI, its stable id on the network. */
export const postUri = (did: string, rkey: string) => `at://${did}/${POST_COLLECTION}/${rkey}`;

/** A Bluesky post as a record in Ombud's flat import format. */
export function toConnectorRecord(
  event: JetstreamCommitEvent,
  post: BlueskyPostRecord,
  handle: string | undefined,
): ConnectorRecord {
  const record: ConnectorRecord = {
    id: postUri(event.did, event.commit.rkey),
    text: post.text,
    created_at: post.createdAt,
    author: handle ?? event.did,
    platform: 'bluesky',
    url: `https://bsky.app/profile/${event.did}/post/${encodeURIComponent(event.commit.rkey)}`,
  };
  const lang = post.langs?.[0];
  if (lang) record['lang'] = lang;
  const parent = post.reply?.parent.uri;
  if (parent) record['reply_to'] = parent;
  return record;
}
