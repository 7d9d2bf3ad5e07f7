// Settings of an RSS/Atom connector (issue #11): feeds polled with conditional GET.
import { z } from 'zod';

export const rssSettingsSchema = z.object({
  feeds: z
    .array(z.url({ protocol: /^https?$/, error: 'expected an http(s) feed URL' }))
    .min(1, 'give at least one feed')
    .max(100)
    .refine((feeds) => new Set(feeds).size === feeds.length, 'a feed is listed twice'),
  /** The shortest wait between two requests for one feed; a feed's ttl or Retry-After may ask for longer. */
  pollIntervalSeconds: z.number().int().min(60).max(86_400).default(900),
});
export type RssSettings = z.output<typeof rssSettingsSchema>;

export const rssConnectorSchema = z.object({
  kind: z.literal('rss'),
  settings: rssSettingsSchema,
  secrets: z.object({}).default({}),
});
