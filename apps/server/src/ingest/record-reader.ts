import { Readable } from 'node:stream';
import { Parser, type CsvError } from 'csv-parse';
import { splitLines, type PhysicalLine } from './line-splitter.ts';

export type InputFormat = 'csv' | 'jsonl';

export type RecordProblemCode =
  | 'EMPTY_INPUT'
  | 'INVALID_UTF8'
  | 'RECORD_TOO_LARGE'
  | 'INVALID_JSON'
  | 'NOT_AN_OBJECT'
  | 'CSV_SYNTAX'
  | 'CSV_COLUMN_COUNT'
  | 'CSV_HEADER';

export type RecordItem =
  | { kind: 'record'; line: number; fields: Record<string, unknown> }
  | { kind: 'problem'; line: number; field?: string; code: string; reason: string };

export interface ReadRecordsOptions {
  format: InputFormat;
  /** CSV only; sniffed from the header line when absent. */
  delimiter?: string;
  /** Largest accepted record (one JSONL line, one CSV physical line), in bytes. */
  maxRecordBytes?: number;
  /** CSV only: called once with the header's column names and the delimiter in use. */
  onHeader?: (columns: readonly string[], delimiter: string) => void;
}

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
const CSV_DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/** Guesses the format from a file name: `.csv`/`.tsv` → csv, `.jsonl`/`.ndjson`/`.json` → jsonl. */
export function inferFormat(path: string): InputFormat | undefined {
  const lower = path.toLowerCase().replace(/\.gz$/, '');
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  return undefined;
}

/**
 * Streams records out of CSV or JSONL input. Every unreadable record becomes a `problem` item naming
 * its line and reason; readable records around it are still yielded. Memory stays bounded by
 * `maxRecordBytes` whatever the file size.
 */
export async function* readRecords(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: ReadRecordsOptions,
): AsyncGenerator<RecordItem> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const lines = splitLines(input, maxRecordBytes);
  if (options.format === 'jsonl') yield* readJsonLines(lines, maxRecordBytes);
  else yield* readCsv(lines, options, maxRecordBytes);
}

function lineProblem(line: Extract<PhysicalLine, { kind: 'too-long' }>, maxRecordBytes: number): RecordItem {
  return {
    kind: 'problem',
    line: line.line,
    code: 'RECORD_TOO_LARGE',
    reason: `record is ${line.bytes} bytes; the limit is ${maxRecordBytes} bytes`,
  };
}

async function* readJsonLines(
  lines: AsyncIterable<PhysicalLine>,
  maxRecordBytes: number,
): AsyncGenerator<RecordItem> {
  let sawContent = false;
  for await (const line of lines) {
    if (line.kind === 'too-long') {
      sawContent = true;
      yield lineProblem(line, maxRecordBytes);
      continue;
    }
    if (line.text.trim() === '') continue;
    sawContent = true;
    if (!line.validUtf8) {
      yield { kind: 'problem', line: line.line, code: 'INVALID_UTF8', reason: 'line is not valid UTF-8' };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      yield {
        kind: 'problem',
        line: line.line,
        code: 'INVALID_JSON',
        reason: `not valid JSON (${(error as Error).message})`,
      };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield {
        kind: 'problem',
        line: line.line,
        code: 'NOT_AN_OBJECT',
        reason: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
      };
      continue;
    }
    yield { kind: 'record', line: line.line, fields: value as Record<string, unknown> };
  }
  if (!sawContent) yield { kind: 'problem', line: 0, code: 'EMPTY_INPUT', reason: 'the input is empty' };
}

/** Picks the candidate delimiter that splits the header (outside quotes) into the most columns. */
export function sniffDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CSV_DELIMITER_CANDIDATES) {
    let count = 0;
    let quoted = false;
    for (const char of headerLine) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === candidate) count += 1;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

async function* readCsv(
  lines: AsyncGenerator<PhysicalLine>,
  options: ReadRecordsOptions,
  maxRecordBytes: number,
): AsyncGenerator<RecordItem> {
  // Problems found below the CSV parser (too long, bad UTF-8) wait here until the parser passes their line.
  const pending: RecordItem[] = [];
  const invalidUtf8Lines = new Set<number>();
  let firstLine: string | undefined;
  let sawContent = false;

  // Lines holding a quote are checked before the parser sees them (once the delimiter is known): a
  // quote that closes mid-field or never closes would leave the parser inside a quoted field, and it
  // would swallow the good lines after it. Such a line is reported and skipped; the lines after it
  // are read again as records of their own.
  let delimiter = ',';
  let checkingQuotes = false;
  async function* textForParser(): AsyncGenerator<string> {
    const iterator = lines[Symbol.asyncIterator]();
    // Lines to read again (those after a rejected line of a group), read from `next`: a group may hold
    // up to maxRecordBytes of short lines, too many to spread into arguments or shift one by one.
    let requeued: PhysicalLine[] = [];
    let next = 0;
    const nextFromFile = async (): Promise<PhysicalLine | undefined> => {
      const next = await iterator.next();
      return next.done === true ? undefined : next.value;
    };
    let group: Extract<PhysicalLine, { kind: 'line' }>[] = [];
    let groupChars = 0;
    const rejectFirstOfGroup = (reason: string, after: PhysicalLine[] = []) => {
      const first = group[0];
      if (first) pending.push({ kind: 'problem', line: first.line, code: 'CSV_SYNTAX', reason });
      requeued = [...group.slice(1), ...after, ...requeued.slice(next)];
      next = 0;
      group = [];
      groupChars = 0;
    };
    for (;;) {
      const line = next < requeued.length ? requeued[next++] : await nextFromFile();
      if (line === undefined) {
        if (group.length === 0) return;
        rejectFirstOfGroup('a quoted field opened here is never closed');
        yield '\n';
        continue;
      }
      if (line.kind === 'too-long') {
        sawContent = true;
        if (group.length > 0) {
          rejectFirstOfGroup('a quoted field opened here is never closed', [line]);
          yield '\n';
          continue;
        }
        pending.push(lineProblem(line, maxRecordBytes));
        yield '\n'; // keeps the parser's line count aligned with the file
        continue;
      }
      if (line.text.trim() !== '') sawContent = true;
      if (!line.validUtf8) invalidUtf8Lines.add(line.line);
      if (firstLine === undefined && line.text.trim() !== '') firstLine = line.text;
      if (!checkingQuotes || (group.length === 0 && !line.text.includes('"'))) {
        yield line.text + '\n';
        continue;
      }
      const state = quoteState(line.text, delimiter, group.length > 0);
      group.push(line);
      groupChars += line.text.length + 1;
      if (state === 'open' && groupChars <= maxRecordBytes) continue;
      if (state === 'closed') {
        for (const member of group) yield member.text + '\n';
        group = [];
        groupChars = 0;
        continue;
      }
      rejectFirstOfGroup(
        state === 'open'
          ? `a quoted field opened here is not closed within ${maxRecordBytes} bytes`
          : 'a quote is misplaced: a quoted field must start the field and end before a delimiter or the line end',
      );
      yield '\n';
    }
  }

  const text = textForParser();
  // Read ahead to the header to choose the delimiter before the parser starts.
  const buffered: string[] = [];
  while (firstLine === undefined) {
    const next = await text.next();
    if (next.done) break;
    buffered.push(next.value);
  }
  if (!sawContent) {
    yield* pending.splice(0);
    yield { kind: 'problem', line: 0, code: 'EMPTY_INPUT', reason: 'the input is empty' };
    return;
  }
  delimiter = options.delimiter ?? sniffDelimiter(firstLine ?? '');
  checkingQuotes = true;
  let header: string[] | undefined;

  const parser = new Parser({
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_quotes: false,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) pending.push(csvProblem(error));
      return undefined;
    },
    columns: (names: string[]) => {
      header = names.map((name) => name.trim());
      options.onHeader?.(header, delimiter);
      return header;
    },
  });
  const source = Readable.from(
    (async function* () {
      yield* buffered;
      yield* text;
    })(),
  );
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  for await (const item of parser as AsyncIterable<{
    record: Record<string, unknown>;
    info: { lines: number; invalid_field_length: number };
  }>) {
    const line = item.info.lines;
    yield* flushPendingBefore(pending, line);
    if (rangeHasInvalidUtf8(invalidUtf8Lines, line)) {
      yield { kind: 'problem', line, code: 'INVALID_UTF8', reason: 'record is not valid UTF-8' };
      continue;
    }
    yield { kind: 'record', line, fields: item.record };
  }
  yield* pending.splice(0);
  if (header === undefined) {
    yield {
      kind: 'problem',
      line: 1,
      code: 'CSV_HEADER',
      reason: 'no header row with column names was found',
    };
  }
}

/**
 * Whether the quotes of a record's text (one or more lines) are well formed as the parser (strict
 * quotes) requires: a quoted field starts the field, doubles its inner quotes and ends right before a
 * delimiter or a line end. `open`: a quoted field is still open at the end of the text. `continuing`:
 * the text goes on a record whose quoted field was left open (one line at a time, never rescanned).
 */
export function quoteState(
  text: string,
  delimiter: string,
  continuing = false,
): 'closed' | 'open' | 'invalid' {
  let inQuotes = continuing;
  let fieldStart = !continuing;
  let i = 0;
  while (i < text.length) {
    if (inQuotes) {
      const quote = text.indexOf('"', i);
      if (quote === -1) return 'open';
      if (text[quote + 1] === '"') {
        i = quote + 2;
        continue;
      }
      const after = quote + 1;
      const next = text[after];
      if (next !== undefined && next !== '\n' && next !== '\r' && !text.startsWith(delimiter, after))
        return 'invalid';
      i = after;
      inQuotes = false;
      fieldStart = false;
      continue;
    }
    const char = text[i];
    if (fieldStart && char === '"') {
      inQuotes = true;
      i += 1;
    } else if (char === '"') {
      return 'invalid';
    } else if (text.startsWith(delimiter, i)) {
      fieldStart = true;
      i += delimiter.length;
    } else {
      fieldStart = char === '\n';
      i += 1;
    }
  }
  return inQuotes ? 'open' : 'closed';
}

function* flushPendingBefore(pending: RecordItem[], line: number): Generator<RecordItem> {
  while (pending.length > 0 && (pending[0]?.line ?? Infinity) < line) {
    const next = pending.shift();
    if (next) yield next;
  }
}

function rangeHasInvalidUtf8(invalidLines: Set<number>, endLine: number): boolean {
  if (invalidLines.size === 0) return false;
  // A record normally sits on one line; multi-line quoted records are rare, so check the end line
  // and drop flags of lines already passed.
  let found = false;
  for (const line of invalidLines) {
    if (line <= endLine) {
      invalidLines.delete(line);
      found = true;
    }
  }
  return found;
}

function csvProblem(error: CsvError): RecordItem {
  const line = typeof error['lines'] === 'number' ? error['lines'] : 0;
  const code =
    error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
      ? 'CSV_COLUMN_COUNT'
      : 'CSV_SYNTAX';
  return { kind: 'problem', line, code, reason: error.message };
}
