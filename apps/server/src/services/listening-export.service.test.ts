import { describe, expect, it } from 'vitest';
import type { ListeningPost } from '@ombud/contract';
import { csvCell, exportChunks } from './listening-export.service.ts';
import { nextDigestSlot, renderDigest } from './listening-digest.service.ts';

const post = (text: string): ListeningPost => ({
  id: '1',
  externalId: 'x1',
  platform: 'twitter',
  source: 'twitter',
  url: null,
  text,
  language: 'es',
  market: 'ES',
  createdAt: '2026-05-01T10:00:00.000Z',
  replyToExternalId: null,
  author: { handle: 'lola', displayName: null, followers: 10, verified: false },
  sentiment: 'negative',
  sentimentScore: -0.5,
  intents: ['complaint'],
  aspects: ['safety'],
  riskFlags: [],
  engagement: 3,
});

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

function posts(...items: ListeningPost[]): AsyncIterable<ListeningPost> {
  return (async function* () {
    for (const item of items) yield await Promise.resolve(item);
  })();
}

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [-0.5, '-0.5'],
    [null, ''],
  ] as const)('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('exportChunks', () => {
  it('writes a CSV header and one record per post, and a JSON array that parses', async () => {
    const csv = await collect(exportChunks(posts(post('hola, "tapa"'), post('=1+1')), 'csv'));
    expect(csv.startsWith('\uFEFFid,external_id,')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv).toContain('"hola, ""tapa"""');
    expect(csv).toContain("'=1+1");
    const json = JSON.parse(
      await collect(exportChunks(posts(post('a'), post('b')), 'json')),
    ) as ListeningPost[];
    expect(json.map((p) => p.text)).toEqual(['a', 'b']);
    expect(JSON.parse(await collect(exportChunks(posts(), 'json')))).toEqual([]);
  });
});

describe('nextDigestSlot', () => {
  it.each([
    ['daily', 7, '2026-05-01T06:59:00Z', '2026-05-01T07:00:00.000Z'],
    ['daily', 7, '2026-05-01T07:00:00Z', '2026-05-02T07:00:00.000Z'],
    ['weekly', 7, '2026-05-01T08:00:00Z', '2026-05-04T07:00:00.000Z'], // a Friday → Monday
    ['weekly', 7, '2026-05-04T06:00:00Z', '2026-05-04T07:00:00.000Z'],
  ] as const)('%s at %i after %s → %s', (frequency, hour, after, next) => {
    expect(nextDigestSlot(frequency, hour, new Date(after)).toISOString()).toBe(next);
  });
});

describe('renderDigest', () => {
  const content = {
    searchName: 'Tapa <b>',
    from: new Date('2026-05-01T07:00:00Z'),
    to: new Date('2026-05-02T07:00:00Z'),
    posts: 12,
    negative: 9,
    top: [post('<script>alert(1)</script> la tapa explota')],
  };
  it.each([
    ['en', /12 mentions, 9 of them negative/, /Most engaging posts/],
    ['es', /12 menciones, 9 de ellas negativas/, /Publicaciones con más interacción/],
    ['sv', /12 omnämnanden, varav 9 negativa/, /Inlägg med mest engagemang/],
  ] as const)('speaks %s and escapes post text in HTML', (locale, totals, heading) => {
    const message = renderDigest(locale, content);
    expect(message.text).toMatch(totals);
    expect(message.html).toMatch(heading);
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;');
    expect(message.html).toContain('Tapa &lt;b&gt;');
    expect(message.subject).toContain('Tapa <b>');
  });
});
