// Settings of a Mastodon connector (issue #11): hashtag timelines and status search on one
// instance, streamed when the instance allows it and polled otherwise.
import { z } from 'zod';

const hashtagSchema = z
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

export const mastodonSettingsSchema = z
  .object({
    /** The instance's base URL, e.g. `https://mastodon.social`. */
    instanceUrl: z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://mastodon.social' })
      .transform((value) => value.replace(/\/+$/, '')),
    hashtags: z.array(hashtagSchema).max(20).default([]),
    /** Full-text status searches (`GET /api/v2/search?type=statuses`; needs an access token). */
    searches: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
    /** Use the streaming API for hashtags, falling back to polling when it fails. */
    streaming: z.boolean().default(true),
    pollIntervalSeconds: z.number().int().min(5).max(3600).default(60),
    /** Publish inbox replies to this instance's posts with the access token (needs `write:statuses`). */
    publishReplies: z.boolean().default(false),
  })
  .refine((settings) => settings.hashtags.length + settings.searches.length > 0, {
    message: 'give at least one hashtag or search',
    path: ['hashtags'],
  });
export type MastodonSettings = z.output<typeof mastodonSettingsSchema>;

export const mastodonSecretsSchema = z.object({
  /** An OAuth access token of an account on the instance (`read`, and `write:statuses` to reply). */
  accessToken: z.string().trim().min(1).max(500).optional(),
});
export type MastodonSecrets = z.output<typeof mastodonSecretsSchema>;

/** One member of the connector union: kind, settings and (write-only) secrets. */
export const mastodonConnectorSchema = z.object({
  kind: z.literal('mastodon'),
  settings: mastodonSettingsSchema,
  secrets: mastodonSecretsSchema.default({}),
});
