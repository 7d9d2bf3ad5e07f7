// Settings of a Bluesky connector (issue #11): posts from Jetstream, kept when they carry one of
// the keywords or hashtags or come from one of the handles.
import { z } from 'zod';

export const DEFAULT_JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';
export const DEFAULT_BLUESKY_RESOLVER_URL = 'https://public.api.bsky.app';

const blueskyHashtagSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^#/, ''))
  .pipe(
    z
      .string()
      .min(1, 'a hashtag needs at least one character')
      .max(100)
      .regex(/^[\p{L}\p{N}_]+$/u, 'a hashtag has only letters, digits and "_"'),
  );

const blueskyHandleSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .max(253)
      .regex(
        /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'a handle looks like a domain name, e.g. nordvik.bsky.social',
      ),
  );

export const blueskySettingsSchema = z
  .object({
    /** A Jetstream instance's subscribe endpoint. */
    jetstreamUrl: z
      .url({ protocol: /^wss?$/, error: 'expected a ws(s) URL such as ' + DEFAULT_JETSTREAM_URL })
      .default(DEFAULT_JETSTREAM_URL),
    /** A PDS or AppView that answers com.atproto.identity.resolveHandle. */
    resolverUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as ' + DEFAULT_BLUESKY_RESOLVER_URL })
      .default(DEFAULT_BLUESKY_RESOLVER_URL)
      .transform((value) => value.replace(/\/+$/, '')),
    keywords: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    hashtags: z.array(blueskyHashtagSchema).max(50).default([]),
    /** Accounts whose every post is kept; with no keywords or hashtags only these are asked for. */
    handles: z.array(blueskyHandleSchema).max(100).default([]),
  })
  .refine((settings) => settings.keywords.length + settings.hashtags.length + settings.handles.length > 0, {
    message: 'give at least one keyword, hashtag or handle',
    path: ['keywords'],
  });
export type BlueskySettings = z.output<typeof blueskySettingsSchema>;

export const blueskyConnectorSchema = z.object({
  kind: z.literal('bluesky'),
  settings: blueskySettingsSchema,
  secrets: z.object({}).default({}),
});
