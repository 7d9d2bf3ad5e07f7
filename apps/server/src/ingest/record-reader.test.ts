import { describe, expect, it } from 'vitest';
import {
  quoteState,
  readRecords,
  sniffDelimiter,
  type RecordItem,
  type ReadRecordsOptions,
} from './record-reader.ts';

async function collect(chunks: (string | Buffer)[], options: ReadRecordsOptions): Promise<RecordItem[]> {
  const items: RecordItem[] = [];
  for await (const item of readRecords(chunks, options)) items.push(item);
  return items;
}

const summary = (items: RecordItem[]) =>
  items.map((item) => (item.kind === 'record' ? `record@${item.line}` : `${item.code}@${item.line}`));

describe('readRecords jsonl', () => {
  it('keeps good lines around bad ones and names each bad line', async () => {
    const items = await collect(
      ['{"id":"1","text":"hola"}\n', 'not json\n', '[1,2]\n', '\n', '{"id":"2",', '"text":"hej"}\n'],
      { format: 'jsonl' },
    );
    expect(summary(items)).toEqual(['record@1', 'INVALID_JSON@2', 'NOT_AN_OBJECT@3', 'record@5']);
    expect(items[3]).toMatchObject({ fields: { id: '2', text: 'hej' } });
  });

  it('reports invalid UTF-8 on its line and keeps the rest', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"id":"x","text":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n'),
    ]);
    const items = await collect([bad, '{"id":"y","text":"ok"}\n'], { format: 'jsonl' });
    expect(summary(items)).toEqual(['INVALID_UTF8@1', 'record@2']);
  });

  it('skips a 10 MB line without holding it and reports its size', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const items = await collect(['{"id":"a"}\n{"text":"', huge, '"}\n{"id":"b"}\n'], {
      format: 'jsonl',
      maxRecordBytes: 1024 * 1024,
    });
    expect(summary(items)).toEqual(['record@1', 'RECORD_TOO_LARGE@2', 'record@3']);
    expect(items[1]).toMatchObject({ reason: expect.stringContaining('limit is 1048576 bytes') });
  });

  it('reports an empty input', async () => {
    expect(summary(await collect([], { format: 'jsonl' }))).toEqual(['EMPTY_INPUT@0']);
    expect(summary(await collect(['\n\n  \n'], { format: 'jsonl' }))).toEqual(['EMPTY_INPUT@0']);
  });

  it('accepts a last line without a newline and CRLF endings', async () => {
    const items = await collect(['{"id":"1"}\r\n{"id":"2"}'], { format: 'jsonl' });
    expect(summary(items)).toEqual(['record@1', 'record@2']);
  });
});

describe('readRecords csv', () => {
  it('parses a header, quoted fields with commas and newlines', async () => {
    const items = await collect(['id,text\n1,"hola, mundo"\n2,"two\nlines"\n3,plain\n'], { format: 'csv' });
    expect(summary(items)).toEqual(['record@2', 'record@4', 'record@5']);
    expect(items[0]).toMatchObject({ fields: { id: '1', text: 'hola, mundo' } });
    expect(items[1]).toMatchObject({ fields: { text: 'two\nlines' } });
  });

  it('sniffs semicolon and tab delimiters and reports the header', async () => {
    let header: readonly string[] = [];
    const items = await collect(['\uFEFFid;text\n1;hej då\n'], {
      format: 'csv',
      onHeader: (columns) => (header = columns),
    });
    expect(header).toEqual(['id', 'text']);
    expect(items[0]).toMatchObject({ fields: { id: '1', text: 'hej då' } });
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"a,b";c')).toBe(';');
  });

  it('reports a row with the wrong number of fields and keeps its neighbours', async () => {
    const items = await collect(['id,text\n1,a\n2,b,extra\n3,c\n'], { format: 'csv' });
    expect(summary(items)).toEqual(['record@2', 'CSV_COLUMN_COUNT@3', 'record@4']);
  });

  it('reports invalid UTF-8 and over-long lines in CSV by line', async () => {
    const bad = Buffer.concat([Buffer.from('2,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    const items = await collect(['id,text\n1,ok\n', bad, `3,${'y'.repeat(5000)}\n4,fine\n`], {
      format: 'csv',
      maxRecordBytes: 1000,
    });
    expect(summary(items)).toEqual(['record@2', 'INVALID_UTF8@3', 'RECORD_TOO_LARGE@4', 'record@5']);
  });

  it('skips a line whose quote closes mid-field and keeps every line after it', async () => {
    // The parser alone stayed inside a quoted field after this line and swallowed the next four.
    const items = await collect(['id,text\n1,a\n"broken,line with "quote\n2,b\n3,c\n4,d\n5,"e, f"\n6,g\n'], {
      format: 'csv',
    });
    expect(summary(items)).toEqual([
      'record@2',
      'CSV_SYNTAX@3',
      'record@4',
      'record@5',
      'record@6',
      'record@7',
      'record@8',
    ]);
    expect(items[5]).toMatchObject({ fields: { id: '5', text: 'e, f' } });
    expect(items[1]).toMatchObject({ reason: expect.stringContaining('quote is misplaced') });
  });

  it('skips a quoted field that is never closed and reads the lines after it again', async () => {
    const items = await collect(['id,text\n1,a\n2,"never closed\n3,c\n4,"two\nlines"\n'], { format: 'csv' });
    expect(summary(items)).toEqual(['record@2', 'CSV_SYNTAX@3', 'record@4', 'record@6']);
    expect(items[3]).toMatchObject({ fields: { id: '4', text: 'two\nlines' } });
  });

  it('reads again the many short lines an unclosed quote held, without overflowing the stack', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},x`).join('\n');
    const items = await collect([`id,text\n1,"never closed\n${rows}\n`], { format: 'csv' });
    expect(items.filter((item) => item.kind === 'problem').map((item) => item.line)).toEqual([2]);
    expect(items.filter((item) => item.kind === 'record')).toHaveLength(200_000);
  });

  it('tells well-formed quotes from misplaced and open ones', () => {
    expect(quoteState('1,"a ""quoted"" word",x', ',')).toBe('closed');
    expect(quoteState('1,"two\nlines"', ',')).toBe('closed');
    expect(quoteState('1,"still open', ',')).toBe('open');
    expect(quoteState('"broken,line with "quote', ',')).toBe('invalid');
    expect(quoteState('1,say "hi"', ',')).toBe('invalid');
    expect(quoteState('1;"a;b";c', ';')).toBe('closed');
    expect(quoteState('1,"a"\r', ',')).toBe('closed');
    // Line by line: a later line continues the quoted field a former one left open.
    expect(quoteState('lines", x', ',', true)).toBe('closed');
    expect(quoteState('still inside', ',', true)).toBe('open');
    expect(quoteState('ends" here', ',', true)).toBe('invalid');
  });

  it('reports an empty CSV', async () => {
    expect(summary(await collect([''], { format: 'csv' }))).toEqual(['EMPTY_INPUT@0']);
  });
});
