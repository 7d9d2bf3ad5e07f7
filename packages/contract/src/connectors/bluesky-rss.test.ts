import { describe, expect, it } from 'vitest';
import { connectorConfigSchema } from './index.ts';

describe('Bluesky and RSS connector settings', () => {
  it('fills Bluesky defaults and normalises hashtags and handles', () => {
    const parsed = connectorConfigSchema.parse({
      kind: 'bluesky',
      settings: { hashtags: ['#MiHistoria'], handles: ['@Nordvik.bsky.social'] },
    });
    expect(parsed).toEqual({
      kind: 'bluesky',
      settings: {
        jetstreamUrl: 'wss://jetstream2.us-east.bsky.network/subscribe',
        resolverUrl: 'https://public.api.bsky.app',
        keywords: [],
        hashtags: ['MiHistoria'],
        handles: ['nordvik.bsky.social'],
      },
      secrets: {},
    });
  });

  it.each([
    [{ settings: {} }, 'give at least one keyword, hashtag or handle'],
    [{ settings: { handles: ['not a handle'] } }, 'a handle looks like a domain name'],
    [{ settings: { keywords: ['x'], jetstreamUrl: 'https://x.example/subscribe' } }, 'expected a ws(s) URL'],
  ])('refuses Bluesky settings %j', (input, message) => {
    const result = connectorConfigSchema.safeParse({ kind: 'bluesky', ...input });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join(' ')).toContain(message);
  });

  it('checks RSS feeds and the interval floor', () => {
    expect(
      connectorConfigSchema.parse({ kind: 'rss', settings: { feeds: ['https://blog.example/feed/'] } }),
    ).toEqual({
      kind: 'rss',
      settings: { feeds: ['https://blog.example/feed/'], pollIntervalSeconds: 900 },
      secrets: {},
    });
    const messages = (settings: unknown) =>
      connectorConfigSchema
        .safeParse({ kind: 'rss', settings })
        .error?.issues.map((issue) => issue.message) ?? [];
    expect(messages({ feeds: [] })).toEqual(['give at least one feed']);
    expect(messages({ feeds: ['file:///etc/passwd'] })).toEqual(['expected an http(s) feed URL']);
    expect(messages({ feeds: ['https://a.example/f', 'https://a.example/f'] })).toEqual([
      'a feed is listed twice',
    ]);
    expect(messages({ feeds: ['https://a.example/f'], pollIntervalSeconds: 5 })).toHaveLength(1);
  });
});
