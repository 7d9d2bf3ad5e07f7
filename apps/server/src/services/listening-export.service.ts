import type { ListeningPost } from '@ombud/contract';

const CSV_COLUMNS = [
  'id',
  'external_id',
  'created_at',
  'platform',
  'source',
  'author',
  'author_followers',
  'language',
  'market',
  'sentiment',
  'sentiment_score',
  'intents',
  'aspects',
  'risk_flags',
  'engagement',
  'url',
  'text',
] as const;

/**
 * One CSV cell. Post texts come from strangers: a cell starting with = + - @ (or a tab/CR) would run
 * as a formula in a spreadsheet, so it is prefixed with an apostrophe (OWASP CSV injection advice).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(post: ListeningPost): string {
  const cells: (string | number | null)[] = [
    post.id,
    post.externalId,
    post.createdAt,
    post.platform,
    post.source,
    post.author.handle,
    post.author.followers,
    post.language,
    post.market,
    post.sentiment,
    post.sentimentScore,
    post.intents.join(' '),
    post.aspects.join(' '),
    post.riskFlags.join(' '),
    post.engagement,
    post.url,
    post.text,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The posts as CSV (RFC 4180, UTF-8 with BOM so spreadsheets read accents) or as one JSON array, chunk by chunk. */
export async function* exportChunks(
  posts: AsyncIterable<ListeningPost>,
  format: 'csv' | 'json',
): AsyncGenerator<string> {
  if (format === 'csv') {
    yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
    let chunk = '';
    for await (const post of posts) {
      chunk += csvRow(post);
      if (chunk.length > 64_000) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
    return;
  }
  yield '[';
  let first = true;
  let chunk = '';
  for await (const post of posts) {
    chunk += `${first ? '\n' : ',\n'}${JSON.stringify(post)}`;
    first = false;
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n]\n`;
}
