import { describe, expect, it } from 'vitest';
import { compileBlueskyFilter } from './bluesky-filter.ts';
import { parseBlueskyCursor } from './bluesky.connector.ts';
import { facetTags, parseJetstreamMessage, readPostRecord, toConnectorRecord } from './jetstream-event.ts';

const DID = 'did:plc:eygmaihciaxprqvxpfvl6flk';
const commit = (record: unknown, operation = 'create') =>
  JSON.stringify({
    did: DID,
    time_us: 1725911162329308,
    kind: 'commit',
    commit: {
      rev: '3l3qo2vutsw2b',
      operation,
      collection: 'app.bsky.feed.post',
      rkey: '3l3qo2vuowo2b',
      record,
      cid: 'bafyrei',
    },
  });

describe('Jetstream events', () => {
  it.each([
    ['{', 'not valid JSON', null],
    ['{"did":"x","time_us":5,"kind":"commit"}', 'did: ', 5],
    ['{"did":"did:plc:a","time_us":5,"kind":"labels"}', 'kind: ', 5],
    ['[]', 'event', null],
  ])('describes a bad frame %s', (frame, reason, timeUs) => {
    const parsed = parseJetstreamMessage(frame);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toContain(reason);
      expect(parsed.timeUs).toBe(timeUs);
    }
  });

  it('reads identity and account events', () => {
    const identity = parseJetstreamMessage(
      '{"did":"did:plc:ufbl","time_us":1725516665234703,"kind":"identity","identity":{"did":"did:plc:ufbl","handle":"yo.bsky.social","seq":1,"time":"2024-09-05T06:11:04.870Z"}}',
    );
    expect(identity).toMatchObject({
      ok: true,
      event: { kind: 'identity', identity: { handle: 'yo.bsky.social' } },
    });
    const account = parseJetstreamMessage(
      '{"did":"did:plc:ufbl","time_us":1725516665333808,"kind":"account","account":{"active":true,"did":"did:plc:ufbl","seq":2,"time":"2024-09-05T06:11:04.870Z"}}',
    );
    expect(account).toMatchObject({ ok: true, event: { kind: 'account' } });
  });

  it('maps a post with facets, language and reply to a record', () => {
    const parsed = parseJetstreamMessage(
      commit({
        $type: 'app.bsky.feed.post',
        text: 'Hola',
        createdAt: '2026-11-20T10:00:00.000Z',
        langs: ['es'],
        reply: {
          parent: { uri: 'at://did:plc:b/app.bsky.feed.post/1', cid: 'x' },
          root: { uri: 'x', cid: 'y' },
        },
        facets: [
          {
            index: { byteStart: 0, byteEnd: 4 },
            features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'MiHistoria' }],
          },
          {
            index: { byteStart: 0, byteEnd: 4 },
            features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://x' }],
          },
        ],
      }),
    );
    if (!parsed.ok || parsed.event.kind !== 'commit') throw new Error('expected a commit');
    const read = readPostRecord(parsed.event);
    if (!read.ok) throw new Error(read.reason);
    expect(facetTags(read.post)).toEqual(['MiHistoria']);
    expect(toConnectorRecord(parsed.event, read.post, undefined)).toEqual({
      id: `at://${DID}/app.bsky.feed.post/3l3qo2vuowo2b`,
      text: 'Hola',
      created_at: '2026-11-20T10:00:00.000Z',
      author: DID,
      platform: 'bluesky',
      url: `https://bsky.app/profile/${DID}/post/3l3qo2vuowo2b`,
      lang: 'es',
      reply_to: 'at://did:plc:b/app.bsky.feed.post/1',
    });
  });

  it('says why a record is not a post', () => {
    const parsed = parseJetstreamMessage(
      commit({ $type: 'app.bsky.feed.post', createdAt: '2026-11-20T10:00:00Z' }),
    );
    if (!parsed.ok || parsed.event.kind !== 'commit') throw new Error('expected a commit');
    expect(readPostRecord(parsed.event)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('record.text'),
    });
  });

  it.each([
    [null, null],
    ['1725911162329308', 1725911162329308],
    ['abc', null],
    ['-5', null],
  ])('cursor %s → %s', (cursor, expected) => {
    expect(parseBlueskyCursor(cursor)).toBe(expected);
  });
});

describe('Bluesky filter', () => {
  const post = (text: string, tags: string[] = []) => ({
    text,
    createdAt: '2026-11-20T10:00:00Z',
    facets: [{ features: tags.map((tag) => ({ $type: 'app.bsky.richtext.facet#tag', tag })) }],
  });
  const filter = compileBlueskyFilter(
    { keywords: ['Kettle Pro'], hashtags: ['#MinBerättelse'], handles: ['nordvik.example'] },
    new Set(['did:plc:brand']),
  );
  it.each([
    ['keyword, other case and accents', post('my KÉTTLE pro broke'), 'did:plc:x', undefined, true],
    ['keyword inside a longer word', post('kettle professional'), 'did:plc:x', undefined, false],
    ['hashtag in text without accents', post('#minberattelse here'), 'did:plc:x', undefined, true],
    ['hashtag only as a facet', post('here', ['MINBERÄTTELSE']), 'did:plc:x', undefined, true],
    ['wanted DID', post('anything'), 'did:plc:brand', undefined, true],
    ['wanted handle as author', post('anything'), 'did:plc:y', 'Nordvik.example', true],
    ['mention of the handle', post('hey @nordvik.example'), 'did:plc:y', undefined, true],
    ['nothing', post('unrelated'), 'did:plc:x', 'someone.bsky.social', false],
  ])('%s', (_name, record, did, handle, expected) => {
    expect(filter.matches(record, did, handle)).toBe(expected);
  });
});
