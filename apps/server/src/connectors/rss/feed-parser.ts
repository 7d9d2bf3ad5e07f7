// RSS 2.0 (and 0.9x), Atom 1.0 and RSS 1.0/RDF to a list of items. Entities are never expanded
// beyond the XML built-ins and numeric references, and the DOCTYPE is removed before parsing, so
// a hostile feed (billion laughs, external entities) costs nothing. A document that is not
// well-formed is salvaged item by item: each bad item is reported, the good ones are kept.
// Atom tombstones (RFC 6721, `<at:deleted-entry ref="…" when="…"/>`) name entries the publisher
// deleted; they are read from well-formed documents only, since acting on them erases posts.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXmlText, htmlToText } from './feed-text.ts';

export type FeedFormat = 'rss' | 'atom' | 'rdf';

export interface FeedItem {
  /** guid / atom:id / rdf:about, or the link when the feed gives none. */
  id: string;
  title: string;
  /** Title and stripped description/summary as plain text. */
  text: string;
  link: string | null;
  /** ISO time, or null when the item has none (or none that parses). */
  publishedAt: string | null;
  /** Atom `updated` (also inside RSS items) as ISO time: when the item was last changed, if it says. */
  updatedAt: string | null;
  author: string | null;
}

export interface FeedProblem {
  /** 0-based position of the item in the document; null for the document as a whole. */
  item: number | null;
  reason: string;
}

/** An entry the publisher deleted (RFC 6721): its id, and when it was deleted if the feed says. */
export interface DeletedItem {
  id: string;
  deletedAt: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  items: FeedItem[];
  deleted: DeletedItem[];
  problems: FeedProblem[];
  /** The feed's own hint how often it changes (RSS `ttl`, `sy:updatePeriod`/`sy:updateFrequency`). */
  minIntervalSeconds: number | null;
}

export type FeedParseResult = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

type XmlNode = Record<string, unknown>;

const ARRAY_ELEMENTS = new Set(['item', 'entry', 'link', 'author', 'dc:creator', 'category']);

const TEXT_ELEMENTS = ['title', 'description', 'summary', 'content', 'content:encoded'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  cdataPropName: '#cdata',
  isArray: (name) => ARRAY_ELEMENTS.has(name) || name === 'deleted-entry' || name.endsWith(':deleted-entry'),
  // Text elements are kept raw: mixed XHTML content keeps its order, CDATA its exact text.
  stopNodes: TEXT_ELEMENTS.map((name) => `*.${name}`),
});

const DOCTYPE = /<!DOCTYPE\b(?:[^[>]|\[[\s\S]*?\])*>/gi;

export const MAX_TEXT_CHARS = 20_000;

/** Parses a feed document; the result lists the items and every problem found. */
export function parseFeed(document: string): FeedParseResult {
  const xml = document.replace(/^\uFEFF/, '').replace(DOCTYPE, '');
  const valid = XMLValidator.validate(xml);
  if (valid === true) {
    const tree = safeParse(xml);
    if (!tree.ok) return tree;
    return readTree(tree.value);
  }
  const whole = `the document is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg})`;
  return salvage(xml, whole);
}

function safeParse(xml: string): { ok: true; value: XmlNode } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parser.parse(xml) as XmlNode };
  } catch (error) {
    return { ok: false, reason: `the document cannot be parsed: ${(error as Error).message}` };
  }
}

function readTree(tree: XmlNode): FeedParseResult {
  const rss = asNode(tree['rss']);
  if (rss) {
    const channel = asNode(rss['channel']);
    if (!channel) return { ok: false, reason: 'an <rss> document without a <channel>' };
    const feed = readItems('rss', channel, asArray(channel['item']));
    feed.deleted = readTombstones(channel, [rss, channel]);
    return { ok: true, feed };
  }
  const atom = asNode(tree['feed']);
  if (atom) {
    const feed = readItems('atom', atom, asArray(atom['entry']));
    feed.deleted = readTombstones(atom, [atom]);
    return { ok: true, feed };
  }
  const rdf = asNode(tree['rdf:RDF']);
  if (rdf) return { ok: true, feed: readItems('rdf', asNode(rdf['channel']) ?? {}, asArray(rdf['item'])) };
  return {
    ok: false,
    reason: 'not an RSS, Atom or RDF feed (the root element is none of rss, feed, rdf:RDF)',
  };
}

function readItems(format: FeedFormat, channel: XmlNode, items: unknown[]): ParsedFeed {
  const title = textOf(channel['title']) || null;
  const feedAuthor = format === 'atom' ? atomAuthor(channel['author']) : null;
  const feed: ParsedFeed = {
    format,
    title,
    items: [],
    deleted: [],
    problems: [],
    minIntervalSeconds: updateHint(channel),
  };
  items.forEach((raw, index) => {
    const node = asNode(raw);
    const result = node ? readItem(format, node, feedAuthor ?? title) : 'the item is empty';
    if (typeof result === 'string') feed.problems.push({ item: index, reason: result });
    else feed.items.push(result);
  });
  return feed;
}

function readItem(format: FeedFormat, node: XmlNode, fallbackAuthor: string | null): FeedItem | string {
  const guid = asNode(node['guid']);
  // An RSS guid is a permalink unless it says isPermaLink="false".
  const guidLink =
    format === 'rss' &&
    (!guid || attribute(guid, 'isPermaLink') !== 'false') &&
    /^https?:\/\//i.test(textOf(node['guid']))
      ? textOf(node['guid'])
      : null;
  const link = (format === 'atom' ? atomLink(node['link']) : textOf(node['link']) || null) ?? guidLink;
  const id =
    (format === 'atom'
      ? textOf(node['id'])
      : format === 'rdf'
        ? attribute(node, 'rdf:about')
        : textOf(node['guid'])) || link;
  if (!id) return `has no ${format === 'atom' ? 'id' : format === 'rdf' ? 'rdf:about' : 'guid'} and no link`;
  const title = readText(node['title']);
  const body =
    format === 'atom'
      ? readText(node['summary']) || readText(node['content'])
      : readText(node['description']) || readText(node['content:encoded']);
  if (!title && !body)
    return `"${id.slice(0, 200)}" has neither a title nor a ${format === 'atom' ? 'summary' : 'description'}`;
  const text = !title || body.startsWith(title) ? body : body ? `${title}\n\n${body}` : title;
  const dateText =
    format === 'atom'
      ? textOf(node['published']) || textOf(node['updated'])
      : textOf(node['pubDate']) || textOf(node['dc:date']);
  const time = dateText ? Date.parse(dateText) : Number.NaN;
  const updatedText = format === 'atom' ? textOf(node['updated']) : textOf(node['atom:updated']);
  const updated = updatedText ? Date.parse(updatedText) : Number.NaN;
  const author =
    (format === 'atom' ? atomAuthor(node['author']) : textOf(node['author']) || textOf(node['dc:creator'])) ||
    fallbackAuthor;
  return {
    id,
    title,
    text: text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text,
    link,
    publishedAt: Number.isNaN(time) ? null : new Date(time).toISOString(),
    updatedAt: Number.isNaN(updated) ? null : new Date(updated).toISOString(),
    author: author ? author.slice(0, 200) : null,
  };
}

/** Text of an element that may hold HTML (RSS descriptions, Atom `type="html"`/`xhtml`). */
function readText(value: unknown): string {
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  const node = asNode(first);
  const raw = node ? textValue(node['#text']) : textValue(first);
  const type = node ? attribute(node, 'type') : '';
  if (type === 'xhtml') return htmlToText(raw);
  const data = decodeCharacterData(raw);
  return type === 'text' ? data.trim() : htmlToText(data);
}

const textValue = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** Raw element content to its character data: CDATA sections as written, entities decoded elsewhere. */
function decodeCharacterData(raw: string): string {
  let out = '';
  let from = 0;
  for (const match of raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)) {
    out += decodeXmlText(raw.slice(from, match.index)) + (match[1] ?? '');
    from = match.index + match[0].length;
  }
  return out + decodeXmlText(raw.slice(from));
}

/** Character data of an element and everything inside it (CDATA kept as written). */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return decodeCharacterData(value).trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(' ').trim();
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('@_')) continue;
      if (key === '#cdata') parts.push(Array.isArray(child) ? child.map(String).join('') : String(child));
      else parts.push(textOf(child));
    }
    return parts.filter(Boolean).join(' ').trim();
  }
  return '';
}

function attribute(node: XmlNode, name: string): string {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? decodeXmlText(value).trim() : '';
}

function atomLink(value: unknown): string | null {
  const links = asArray(value)
    .map(asNode)
    .filter((link): link is XmlNode => link !== null);
  const alternate =
    links.find((link) => attribute(link, 'rel') === 'alternate') ??
    links.find((link) => attribute(link, 'rel') === '');
  return alternate ? attribute(alternate, 'href') || null : null;
}

function atomAuthor(value: unknown): string | null {
  for (const author of asArray(value)) {
    const node = asNode(author);
    const name = node ? textOf(node['name']) : textOf(author);
    if (name) return name;
  }
  return null;
}

const TOMBSTONES_NAMESPACE = 'http://purl.org/atompub/tombstones/1.0';

/**
 * The `deleted-entry` elements of the tombstones namespace among `parent`'s children, whatever
 * prefix `declaring` elements bind it to (or declared on the element itself). One without a `ref`
 * names nothing and is skipped.
 */
function readTombstones(parent: XmlNode, declaring: readonly XmlNode[]): DeletedItem[] {
  const names = new Set<string>();
  for (const node of declaring)
    for (const [key, value] of Object.entries(node))
      if (key.startsWith('@_xmlns:') && value === TOMBSTONES_NAMESPACE)
        names.add(`${key.slice('@_xmlns:'.length)}:deleted-entry`);
  const deleted: DeletedItem[] = [];
  for (const [name, value] of Object.entries(parent)) {
    if (name !== 'deleted-entry' && !names.has(name)) continue;
    for (const raw of asArray(value)) {
      const node = asNode(raw);
      if (!node) continue;
      if (name === 'deleted-entry' && attribute(node, 'xmlns') !== TOMBSTONES_NAMESPACE) continue;
      const id = attribute(node, 'ref');
      if (!id) continue;
      const when = Date.parse(attribute(node, 'when'));
      deleted.push({ id, deletedAt: Number.isNaN(when) ? null : new Date(when).toISOString() });
    }
  }
  return deleted;
}

const PERIOD_SECONDS: Record<string, number> = {
  hourly: 3600,
  daily: 86_400,
  weekly: 7 * 86_400,
  monthly: 30 * 86_400,
  yearly: 365 * 86_400,
};

function updateHint(channel: XmlNode): number | null {
  const hints: number[] = [];
  const ttl = Number(textOf(channel['ttl']));
  if (Number.isFinite(ttl) && ttl > 0) hints.push(ttl * 60);
  const period = PERIOD_SECONDS[textOf(channel['sy:updatePeriod']).toLowerCase()];
  if (period !== undefined) {
    const frequency = Number(textOf(channel['sy:updateFrequency']) || '1');
    hints.push(period / (Number.isFinite(frequency) && frequency > 0 ? frequency : 1));
  }
  return hints.length > 0 ? Math.max(...hints) : null;
}

const asNode = (value: unknown): XmlNode | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : null;
const asArray = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

const ITEM_BLOCK = {
  rss: /<item\b[\s\S]*?<\/item\s*>/g,
  rdf: /<item\b[\s\S]*?<\/item\s*>/g,
  atom: /<entry\b[\s\S]*?<\/entry\s*>/g,
};

/** A malformed document: every item that is well-formed on its own is still read. */
function salvage(xml: string, whole: string): FeedParseResult {
  const root = /<(rss|feed|rdf:RDF)\b/.exec(xml)?.[1];
  if (!root) return { ok: false, reason: whole };
  const format: FeedFormat = root === 'rss' ? 'rss' : root === 'feed' ? 'atom' : 'rdf';
  const headEnd = xml.search(format === 'atom' ? /<entry\b/ : /<item\b/);
  const head = headEnd === -1 ? xml : xml.slice(0, headEnd);
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/.exec(head)?.[1];
  const feed: ParsedFeed = {
    format,
    title: title ? htmlToText(decodeXmlText(title.replace(/<!\[CDATA\[|\]\]>/g, ''))) || null : null,
    items: [],
    deleted: [],
    problems: [{ item: null, reason: whole }],
    minIntervalSeconds: null,
  };
  const tag = format === 'atom' ? 'entry' : 'item';
  const blocks = xml.match(ITEM_BLOCK[format]) ?? [];
  blocks.forEach((block, index) => {
    const valid = XMLValidator.validate(block);
    if (valid !== true) {
      feed.problems.push({ item: index, reason: `not well-formed (${valid.err.msg})` });
      return;
    }
    const tree = safeParse(block);
    const node = tree.ok ? asNode(asArray(tree.value[tag])[0]) : null;
    const result = node ? readItem(format, node, feed.title) : 'the item cannot be parsed';
    if (typeof result === 'string') feed.problems.push({ item: index, reason: result });
    else feed.items.push(result);
  });
  return { ok: true, feed };
}
