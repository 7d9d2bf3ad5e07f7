import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIELD_MAPPING,
  mapRecord,
  missingRequiredColumns,
  parseMappingOverrides,
  parseTimestamp,
  withOverrides,
} from './field-mapping.ts';

const context = { defaultPlatform: 'import', latestAcceptedTime: Date.UTC(2030, 0, 1) };

describe('mapRecord', () => {
  it('reads Ombud flat records', () => {
    const result = mapRecord(
      {
        id: 'p1',
        platform: 'twitter',
        text: 'Hola #MiHistoria',
        created_at: '2026-03-01T10:00:00Z',
        author: '@ana',
        author_name: 'Ana',
        author_followers: '1200',
        author_verified: 'false',
        lang: 'es',
        market: 'es',
        reply_to: null,
        likes: 3,
        unmapped: 'kept',
      },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(result).toEqual({
      ok: true,
      extra: { unmapped: 'kept' },
      post: {
        externalId: 'p1',
        platform: 'twitter',
        text: 'Hola #MiHistoria',
        createdAt: '2026-03-01T10:00:00.000Z',
        url: null,
        language: 'es',
        market: 'ES',
        replyToExternalId: null,
        author: { platform: 'twitter', handle: 'ana', displayName: 'Ana', followers: 1200, verified: false },
        metrics: { likes: 3 },
      },
    });
  });

  it('reads a Twitter v1 export with nested user', () => {
    const result = mapRecord(
      {
        id_str: '123',
        full_text: 'hej',
        created_at: 'Wed Oct 10 20:19:24 +0000 2018',
        user: { screen_name: 'sven', followers_count: 10, verified: true },
        retweet_count: 2,
      },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(result.ok && result.post).toMatchObject({
      externalId: '123',
      createdAt: '2018-10-10T20:19:24.000Z',
      author: { handle: 'sven', followers: 10, verified: true },
      metrics: { reposts: 2 },
    });
  });

  it('lists every problem of a bad record with its field', () => {
    const result = mapRecord(
      { text: '   ', created_at: 'yesterday', author: 'x', author_followers: -4, url: 'javascript:alert(1)' },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => `${problem.field}:${problem.code}`)).toEqual([
      'id:FIELD_MISSING',
      'text:FIELD_INVALID',
      'created_at:FIELD_INVALID',
      'author_followers:FIELD_INVALID',
      'url:FIELD_INVALID',
    ]);
  });

  it('says a required field is empty or null rather than missing when the record has it', () => {
    const result = mapRecord(
      { id: 7, text: '', created_at: null, author: 'a' },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(!result.ok && result.problems).toEqual([
      { field: 'text', code: 'FIELD_MISSING', reason: '"text" is empty' },
      { field: 'created_at', code: 'FIELD_MISSING', reason: '"created_at" is null' },
    ]);
    const absent = mapRecord(
      { id: 7, created_at: '2026-01-01T00:00:00Z', author: 'a' },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(!absent.ok && absent.problems[0]?.reason).toMatch(/^no value in any of: text/);
  });

  it('names an untrusted object time without converting it (its own "toString" key must not throw)', () => {
    const result = mapRecord(
      { id: 1, text: 'a', author: 'a', created_at: { toString: '' } },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(!result.ok && result.problems).toEqual([
      { field: 'created_at', code: 'FIELD_INVALID', reason: 'an object is not a date and time' },
    ]);
    const text = mapRecord(
      { id: 1, text: 'a', author: 'a', created_at: 'soon' },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(!text.ok && text.problems[0]?.reason).toBe('"soon" is not a date and time');
  });

  it('refuses future times, strips NUL characters and requires an author', () => {
    const future = mapRecord(
      { id: 1, text: 'a', created_at: '2031-01-01T00:00:00Z', author: 'a' },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(!future.ok && future.problems[0]?.reason).toBe('is in the future');
    const nul = mapRecord(
      { id: 1, text: 'a\u0000b', created_at: '2026-01-01', author: 'a' },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(nul.ok && nul.post.text).toBe('ab');
    const anonymous = mapRecord(
      { id: 1, text: 'a', created_at: '2026-01-01' },
      DEFAULT_FIELD_MAPPING,
      context,
    );
    expect(!anonymous.ok && anonymous.problems[0]?.field).toBe('author');
  });

  it('applies overrides', () => {
    const mapping = withOverrides(parseMappingOverrides('text=Message, id=Guid'));
    const result = mapRecord(
      { Guid: 'g', Message: 'm', date: '2026-01-02 03:04:05', author: 'a' },
      mapping,
      context,
    );
    expect(result.ok && result.post).toMatchObject({
      externalId: 'g',
      text: 'm',
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(() => parseMappingOverrides('txt=Message')).toThrow(/unknown field "txt"/);
    expect(() => parseMappingOverrides('text')).toThrow(/not field=column/);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2015-02-26 21:42:53', Date.UTC(2015, 1, 26, 21, 42, 53)],
    ['2015-02-26T21:42:53+01:00', Date.UTC(2015, 1, 26, 20, 42, 53)],
    [1424987000, 1424987000000],
    ['1424987000000', 1424987000000],
    ['nonsense', undefined],
  ])('%s', (input, expected) => {
    expect(parseTimestamp(input)).toBe(expected);
  });
});

describe('missingRequiredColumns', () => {
  it('names the fields a header cannot supply (a wrong delimiter shows up here)', () => {
    expect(missingRequiredColumns(['id;text;created_at;author'], DEFAULT_FIELD_MAPPING)).toEqual([
      'id',
      'text',
      'createdAt',
      'author',
    ]);
    expect(missingRequiredColumns(['id', 'text', 'created_at', 'author'], DEFAULT_FIELD_MAPPING)).toEqual([]);
  });
});
