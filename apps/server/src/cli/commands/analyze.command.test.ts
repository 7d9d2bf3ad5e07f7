import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../ingest/record-reader.ts';
import { runAnalysis, type AnalyzeProblem } from './analyze.command.ts';
import { ombudArgs } from '../../../test/support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ombud-analyze-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ombudArgs(args), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const POSTS = [
  '@united my flight was delayed again, still waiting for a refund',
  'Gracias @Iberia, el personal fue muy amable',
  '@SAS väskan kom aldrig fram och ingen svarar, usel service',
  'Love the new app, great job!',
];

describe('ombud analyze (end to end)', () => {
  it('streams one JSONL line per good CSV record and reports broken lines on stderr', async () => {
    const rows = ['id,text,author'];
    for (let i = 1; i <= 200; i++) rows.push(`${i},"${POSTS[i % POSTS.length]!}",user${i}`);
    rows.splice(51, 0, '9001,too,many,columns,here');
    rows.splice(102, 0, '9002,,empty-text');
    const input = join(dir, 'posts.csv');
    writeFileSync(input, rows.join('\n') + '\n');

    const { code, stdout, stderr } = await runCli(['analyze', '--input', input, '--languages', 'en,es,sv']);

    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(200);
    expect(lines[0]).toMatchObject({ id: '1', language: 'es', sentiment: { label: 'positive' } });
    expect(Object.keys(lines[0]!)).toEqual(
      expect.arrayContaining(['id', 'language', 'sentiment', 'intents', 'aspects', 'toxicity']),
    );
    const swedish = lines.find((l) => l.id === '2') as {
      language: string;
      sentiment: { label: string; evidence: unknown[] };
      intents: { label: string }[];
    };
    expect(swedish.language).toBe('sv');
    expect(swedish.sentiment.label).toBe('negative');
    expect(swedish.sentiment.evidence.length).toBeGreaterThan(0);
    expect(swedish.intents.map((i) => i.label)).toContain('complaint');
    expect(stderr).toMatch(new RegExp(`${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:52: `));
    expect(stderr).toMatch(/:103: text: /);
    expect(stderr).toMatch(/analysed 200 posts, rejected 2 lines/);
  });

  it('reads JSONL (format from the extension), writes --output and uses --text-field/--id-field', async () => {
    const input = join(dir, 'posts.jsonl');
    const output = join(dir, 'out.jsonl');
    writeFileSync(
      input,
      [
        '{"uid":"a","body":"worst service ever, switching to Delta"}',
        '{not json',
        '{"uid":"b","body":"tack för hjälpen!"}',
      ].join('\n') + '\n',
    );
    const { code, stderr } = await runCli([
      'analyze',
      '--input',
      input,
      '--text-field',
      'body',
      '--id-field',
      'uid',
      '--output',
      output,
    ]);
    expect(code).toBe(0);
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; intents: { label: string }[] });
    expect(lines.map((l) => l.id)).toEqual(['a', 'b']);
    expect(lines[0]!.intents.map((i) => i.label)).toContain('churn_threat');
    expect(stderr).toMatch(/posts\.jsonl:2: /);
  });

  it('exits 1 on an unreadable file', async () => {
    const { code, stderr } = await runCli(['analyze', '--input', join(dir, 'missing.csv')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot read/);
  });
});

describe('runAnalysis', () => {
  it('skips records whose text is missing and keeps going', async () => {
    const problems: AnalyzeProblem[] = [];
    const lines: string[] = [];
    const summary = await runAnalysis(
      readRecords(['id,text\n1,hola qué tal\n2,\n3,hej hej alla glada\n'], { format: 'csv' }),
      {
        textField: 'text',
        idField: 'id',
        languageHints: [],
        write: (line) => void lines.push(line),
        onProblem: (p) => problems.push(p),
      },
    );
    expect(summary).toEqual({ analysed: 2, rejected: 1 });
    expect(problems).toEqual([{ line: 3, field: 'text', reason: 'empty or not text' }]);
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['1', '3']);
  });
});
