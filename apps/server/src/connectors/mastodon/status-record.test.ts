import { describe, expect, it } from 'vitest';
import { htmlToText, mastodonStatusSchema, statusToRecord } from './status-record.ts';

const account = { id: '1', acct: 'ana@example.social', display_name: 'Ana', followers_count: 42 };
const status = (overrides: Record<string, unknown> = {}) =>
  mastodonStatusSchema.parse({
    id: '109000000000000001',
    uri: 'https://example.social/users/ana/statuses/109000000000000001',
    url: 'https://example.social/@ana/109000000000000001',
    created_at: '2026-11-23T10:00:00.000Z',
    content: '<p>Hello</p>',
    language: 'en',
    in_reply_to_id: null,
    favourites_count: 3,
    reblogs_count: 2,
    replies_count: 1,
    account,
    media_attachments: [],
    tags: [{ name: 'ombud' }],
    ...overrides,
  });

describe('htmlToText', () => {
  it.each([
    ['<p>one</p><p>two</p>', 'one\n\ntwo'],
    ['line<br>break<br/>again', 'line\nbreak\nagain'],
    ['<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', '<script>alert(1)</script>'],
    ['Tom &amp; Jerry &quot;quoted&quot; &#x1F600;', 'Tom & Jerry "quoted" 😀'],
    [
      '<p><a href="https://x.example/a" class="mention">@<span>bob</span></a> see <a href="https://x.example/long"><span class="invisible">https://</span><span class="">x.example/long</span></a></p>',
      '@bob see https://x.example/long',
    ],
    ['<p>unclosed <b>bold', 'unclosed bold'],
  ])('%s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('statusToRecord', () => {
  it('maps the Status entity onto the flat import format', () => {
    const converted = statusToRecord(status({ in_reply_to_id: '108' }));
    expect(converted).toEqual({
      kind: 'record',
      record: {
        id: '109000000000000001',
        text: 'Hello',
        created_at: '2026-11-23T10:00:00.000Z',
        author: 'ana@example.social',
        author_name: 'Ana',
        author_followers: 42,
        platform: 'mastodon',
        url: 'https://example.social/@ana/109000000000000001',
        lang: 'en',
        reply_to: '108',
        likes: 3,
        reposts: 2,
        replies: 1,
        tags: ['ombud'],
      },
    });
  });

  it('takes the boosted status instead of the reblog wrapper', () => {
    const original = status({ id: '5', account: { id: '2', acct: 'orig' }, content: '<p>original</p>' });
    const converted = statusToRecord(status({ id: '6', content: '', reblog: original }));
    expect(converted.kind === 'record' && converted.record).toMatchObject({
      id: '5',
      author: 'orig',
      text: 'original',
      boosted_by: 'ana@example.social',
    });
  });

  it('keeps a content warning and media descriptions; skips a status with no text', () => {
    const cw = statusToRecord(status({ spoiler_text: 'spoilers', content: '' }));
    expect(cw.kind === 'record' && cw.record['text']).toBe('CW: spoilers');
    const media = statusToRecord(
      status({
        content: '',
        media_attachments: [{ type: 'image', url: 'https://m/1.png', description: 'a cat' }],
      }),
    );
    expect(media.kind === 'record' && media.record['text']).toBe('a cat');
    expect(statusToRecord(status({ content: '<p> </p>' })).kind).toBe('skipped');
  });

  it('drops a link that is not http(s)', () => {
    const converted = statusToRecord(status({ url: 'javascript:alert(1)', uri: 'javascript:alert(1)' }));
    expect(converted.kind === 'record' && converted.record['url']).toBeUndefined();
  });
});
