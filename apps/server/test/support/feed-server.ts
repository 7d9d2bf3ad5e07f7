// A local feed host: serves RSS 2.0, Atom 1.0 and RSS 1.0/RDF documents shaped like real ones
// (WordPress, a blog engine's Atom, an RDF news site), with ETag/Last-Modified validators, 304 on
// a matching conditional GET, and 429/503 with Retry-After on demand.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFeed {
  body: string;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

export interface FeedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
  status: number;
}

export interface FeedTestServer {
  url(path: string): string;
  setFeed(path: string, feed: ServedFeed): void;
  /** The next `count` requests for `path` get this status with a Retry-After header. */
  throttle(path: string, input: { status: 429 | 503; retryAfter: string; count?: number }): void;
  requests: FeedRequest[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedTestServer> {
  const feeds = new Map<string, ServedFeed>();
  const throttles = new Map<string, { status: number; retryAfter: string; count: number }>();
  const requests: FeedRequest[] = [];
  const http = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const answer = (status: number, headers: Record<string, string> = {}, body = '') => {
      requests.push({ path, headers: request.headers, at: Date.now(), status });
      response.writeHead(status, headers).end(body);
    };
    const throttle = throttles.get(path);
    if (throttle && throttle.count > 0) {
      throttle.count -= 1;
      return answer(throttle.status, { 'retry-after': throttle.retryAfter });
    }
    const feed = feeds.get(path);
    if (!feed) return answer(404);
    const validators: Record<string, string> = {};
    if (feed.etag) validators['etag'] = feed.etag;
    if (feed.lastModified) validators['last-modified'] = feed.lastModified;
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    const notModified =
      ifNoneMatch !== undefined
        ? feed.etag !== undefined && ifNoneMatch === feed.etag
        : ifModifiedSince !== undefined &&
          feed.lastModified !== undefined &&
          Date.parse(ifModifiedSince) >= Date.parse(feed.lastModified);
    if (notModified) return answer(304, validators);
    return answer(
      200,
      { 'content-type': feed.contentType ?? 'application/rss+xml; charset=utf-8', ...validators },
      feed.body,
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    setFeed: (path, feed) => feeds.set(path, feed),
    throttle: (path, input) => throttles.set(path, { ...input, count: input.count ?? 1 }),
    requests,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

export interface FeedFixtureItem {
  id: string;
  title: string;
  html: string;
  link: string;
  date: string;
  /** Atom `updated` when the entry changed after it was published (default: `date`). */
  updated?: string;
  author?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An RSS 2.0 document as WordPress writes it (CDATA HTML in content:encoded, dc:creator, sy:*). */
export function rss2Document(input: {
  title: string;
  items: FeedFixtureItem[];
  ttlMinutes?: number;
  updatePeriod?: { period: string; frequency: number };
  extraItemXml?: string;
}) {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
	<title>${escapeXml(input.title)}</title>
	<atom:link href="https://blog.example/feed/" rel="self" type="application/rss+xml" />
	<link>https://blog.example</link>
	<description>Consumer news</description>
	<lastBuildDate>Mon, 23 Nov 2026 09:00:00 +0000</lastBuildDate>
	<language>es-ES</language>
${input.updatePeriod ? `	<sy:updatePeriod>${input.updatePeriod.period}</sy:updatePeriod>\n	<sy:updateFrequency>${input.updatePeriod.frequency}</sy:updateFrequency>\n` : ''}	<generator>https://wordpress.org/?v=6.4</generator>
${input.ttlMinutes === undefined ? '' : `	<ttl>${input.ttlMinutes}</ttl>\n`}${input.items
    .map(
      (item) => `	<item>
		<title>${escapeXml(item.title)}</title>
		<link>${escapeXml(item.link)}</link>
		<comments>${escapeXml(item.link)}#respond</comments>
		<dc:creator><![CDATA[${item.author ?? 'redaccion'}]]></dc:creator>
		<pubDate>${new Date(item.date).toUTCString()}</pubDate>
		<category><![CDATA[Consumo]]></category>
		<guid isPermaLink="false">${escapeXml(item.id)}</guid>
		<description><![CDATA[${item.html.slice(0, 60)} [&#8230;]]]></description>
		<content:encoded><![CDATA[${item.html}]]></content:encoded>
		<slash:comments>0</slash:comments>
	</item>`,
    )
    .join('\n')}${input.extraItemXml ?? ''}
</channel>
</rss>`;
}

/**
 * An Atom 1.0 document (HTML summaries escaped, one entry with XHTML content), with a tombstone
 * (RFC 6721) for each of `deleted`.
 */
export function atomDocument(input: {
  title: string;
  items: FeedFixtureItem[];
  deleted?: { ref: string; when: string }[];
}) {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0" xml:lang="sv">
  <title type="text">${escapeXml(input.title)}</title>
  <subtitle>Nyheter</subtitle>
  <link rel="alternate" type="text/html" href="https://nyheter.example/"/>
  <link rel="self" type="application/atom+xml" href="https://nyheter.example/feed.atom"/>
  <id>tag:nyheter.example,2026:feed</id>
  <updated>2026-11-23T09:00:00Z</updated>
  <author><name>Nyhetsredaktionen</name></author>
${(input.deleted ?? [])
  .map((gone) => `  <at:deleted-entry ref="${escapeXml(gone.ref)}" when="${gone.when}"/>\n`)
  .join('')}${input.items
    .map(
      (item, index) => `  <entry>
    <title type="html">${escapeXml(item.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(item.link)}"/>
    <link rel="replies" type="text/html" href="${escapeXml(item.link)}#comments"/>
    <id>${escapeXml(item.id)}</id>
    <published>${item.date}</published>
    <updated>${item.updated ?? item.date}</updated>
${item.author ? `    <author><name>${escapeXml(item.author)}</name></author>\n` : ''}${
        index % 2 === 0
          ? `    <summary type="html">${escapeXml(item.html)}</summary>`
          : `    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${item.html}</div></content>`
      }
  </entry>`,
    )
    .join('\n')}
</feed>`;
}

/** An RSS 1.0 (RDF) document as older news sites still publish. */
export function rdfDocument(input: { title: string; items: FeedFixtureItem[] }) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/">
<channel rdf:about="https://news.example/">
<title>${escapeXml(input.title)}</title>
<link>https://news.example/</link>
<description>News for consumers</description>
<items><rdf:Seq>${input.items.map((item) => `<rdf:li rdf:resource="${escapeXml(item.id)}" />`).join('')}</rdf:Seq></items>
</channel>
${input.items
  .map(
    (item) => `<item rdf:about="${escapeXml(item.id)}">
<title>${escapeXml(item.title)}</title>
<link>${escapeXml(item.link)}</link>
<description>${escapeXml(item.html)}</description>
<dc:creator>${escapeXml(item.author ?? 'editors')}</dc:creator>
<dc:date>${item.date}</dc:date>
<dc:subject>consumers</dc:subject>
</item>`,
  )
  .join('\n')}
</rdf:RDF>`;
}
