import { describe, expect, it } from 'vitest';
import { parseFeed } from './feed-parser.ts';
import { htmlToText } from './feed-text.ts';
import { decodeFeed, feedItemId, parseRssCursor, retryAfterSeconds } from './rss.connector.ts';

const rss = (items: string, channel = '') =>
  `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed</title>${channel}${items}</channel></rss>`;

describe('feed parser', () => {
  it('reads an RSS item: guid, permalink guid as link, dc:creator, dc:date', () => {
    const result = parseFeed(
      rss(
        '<item><title>T</title><guid>https://x.example/1</guid><dc:creator>Ana</dc:creator><dc:date>2026-11-01T10:00:00+01:00</dc:date></item>',
      ),
    );
    expect(result).toMatchObject({
      ok: true,
      feed: {
        format: 'rss',
        items: [
          {
            id: 'https://x.example/1',
            link: 'https://x.example/1',
            author: 'Ana',
            publishedAt: '2026-11-01T09:00:00.000Z',
            text: 'T',
          },
        ],
      },
    });
  });

  it('reads Atom tombstones (RFC 6721) under whatever prefix the feed binds their namespace to', () => {
    const atom = (prefix: string, body: string) =>
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:${prefix}="http://purl.org/atompub/tombstones/1.0"><title>F</title>${body}</feed>`;
    const entry = '<entry><id>tag:x.example,2026:2</id><title>Kept</title></entry>';
    const result = parseFeed(
      atom(
        'ts',
        `<ts:deleted-entry ref="tag:x.example,2026:1" when="2026-11-20T10:00:00+01:00"/>${entry}` +
          '<ts:deleted-entry ref="urn:x:3"/><ts:deleted-entry when="2026-11-20T10:00:00Z"/>' +
          // Another namespace's element of the same local name is not a tombstone.
          '<other:deleted-entry xmlns:other="urn:elsewhere" ref="urn:x:4"/>',
      ),
    );
    expect(result.ok && result.feed.deleted).toEqual([
      { id: 'tag:x.example,2026:1', deletedAt: '2026-11-20T09:00:00.000Z' },
      { id: 'urn:x:3', deletedAt: null },
    ]);
    expect(result.ok && result.feed.items.map((item) => item.id)).toEqual(['tag:x.example,2026:2']);
    const declaredOnItself = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><deleted-entry xmlns="http://purl.org/atompub/tombstones/1.0" ref="urn:x:5"/></feed>`,
    );
    expect(declaredOnItself.ok && declaredOnItself.feed.deleted).toEqual([
      { id: 'urn:x:5', deletedAt: null },
    ]);
    const inRss = parseFeed(
      `<rss version="2.0" xmlns:at="http://purl.org/atompub/tombstones/1.0"><channel><title>F</title><at:deleted-entry ref="https://x.example/9"/></channel></rss>`,
    );
    expect(inRss.ok && inRss.feed.deleted).toEqual([{ id: 'https://x.example/9', deletedAt: null }]);
    // A document that is not well-formed is salvaged for its items, never for deletions.
    const broken = parseFeed(
      atom('at', `<at:deleted-entry ref="urn:x:1"/>${entry}<entry><title>oops</entry>`),
    );
    expect(broken.ok && broken.feed.deleted).toEqual([]);
    expect(broken.ok && broken.feed.items.length).toBe(1);
  });

  it('does not take a guid marked isPermaLink="false" as a link', () => {
    const result = parseFeed(
      rss('<item><title>T</title><guid isPermaLink="false">https://x.example/1</guid></item>'),
    );
    expect(result.ok && result.feed.items[0]?.link).toBeNull();
  });

  it.each([
    ['<ttl>30</ttl>', 1800],
    ['<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>', 21_600],
    ['<sy:updatePeriod>weekly</sy:updatePeriod><ttl>5</ttl>', 604_800],
    ['', null],
  ])('update hint %s → %s s', (channel, seconds) => {
    const result = parseFeed(rss('', channel));
    expect(result.ok && result.feed.minIntervalSeconds).toBe(seconds);
  });

  it('reads RDF items by rdf:about', () => {
    const result = parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://n.example/"><title>N</title></channel><item rdf:about="https://n.example/1"><title>One</title><link>https://n.example/1</link></item></rdf:RDF>`,
    );
    expect(result).toMatchObject({
      ok: true,
      feed: { format: 'rdf', title: 'N', items: [{ id: 'https://n.example/1', author: 'N' }] },
    });
  });

  it('reads Atom text, html and xhtml constructs in order', () => {
    const result = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:uuid:1</id><title type="text">a &lt; b</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">one <em>two</em> three</div></content><link href="https://a.example/1"/></entry></feed>`,
    );
    expect(result).toMatchObject({
      ok: true,
      feed: {
        items: [{ title: 'a < b', text: 'a < b\n\none two three', link: 'https://a.example/1', author: 'A' }],
      },
    });
  });

  it.each([
    ['not xml', /not well-formed|not an RSS/],
    ['<html><body>hi</body></html>', /not an RSS, Atom or RDF feed/],
    ['<rss version="2.0"></rss>', /without a <channel>/],
  ])('refuses %s', (document, reason) => {
    const result = parseFeed(document);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('reports an item without id or link by position', () => {
    const result = parseFeed(
      rss('<item><title>ok</title><link>https://x.example/a</link></item><item><title>no id</title></item>'),
    );
    expect(result.ok && result.feed.problems).toEqual([{ item: 1, reason: 'has no guid and no link' }]);
  });
});

describe('feed text', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a\nb'],
    ['x<script type="text/javascript">alert(1)</script>y', 'x y'],
    ['x<script>never closed', 'x'],
    ['<!-- c -->&eacute;&nbsp;&#x27;&amp;lt;', "é '&lt;"],
    ['<a href="javascript:x()" onclick="y()">link</a>', 'link'],
  ])('%s → %s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('RSS polling helpers', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it.each([
    [null, null],
    ['120', 120],
    ['Mon, 23 Nov 2026 10:00:30 GMT', 30],
    ['Mon, 23 Nov 2026 09:00:00 GMT', 0],
    ['soon', null],
  ])('Retry-After %s → %s', (header, seconds) => {
    expect(retryAfterSeconds(header, now)).toBe(seconds);
  });

  it.each([
    ['<?xml version="1.0" encoding="ISO-8859-1"?><t>Caf\u00e9 \u00e5</t>', 'latin1', null],
    ['<t>Caf\u00e9 \u00e5</t>', 'latin1', 'text/xml; charset=iso-8859-1'],
    ['<t>Caf\u00e9 \u00e5</t>', 'utf8', null],
    ['<t>Caf\u00e9 \u00e5</t>', 'utf8', 'application/rss+xml; charset=no-such-charset'],
  ] as const)('decodes %s sent as %s (%s)', (xml, encoding, contentType) => {
    expect(decodeFeed(Buffer.from(xml, encoding), contentType)).toContain('Café å');
  });

  it('keeps URL and URN ids, prefixes the rest with the feed', () => {
    expect(feedItemId('https://f.example/rss', 'https://x/1')).toBe('https://x/1');
    expect(feedItemId('https://f.example/rss', 'tag:x,2026:1')).toBe('tag:x,2026:1');
    expect(feedItemId('https://f.example/rss', '42')).toBe('https://f.example/rss#42');
  });

  it('reads back its cursor and ignores one it did not write', () => {
    expect(parseRssCursor('{"v":1,"feeds":{"https://f":{"etag":"\\"a\\"","seen":["1"]}}}')).toEqual({
      'https://f': {
        etag: '"a"',
        lastModified: null,
        seen: ['1'],
        hashes: [],
        nextAt: null,
        failures: 0,
        // Cursors written before tombstones were read have handed on none.
        deleted: [],
      },
    });
    expect(parseRssCursor('garbage')).toEqual({});
    expect(parseRssCursor(null)).toEqual({});
  });
});
