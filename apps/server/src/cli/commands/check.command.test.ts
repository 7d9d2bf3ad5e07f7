import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runOmbud } from '../../../test/support/run-cli.ts';

const demoBrief = fileURLToPath(new URL('../../demo/demo-brief.json', import.meta.url));
const ombud = (...args: string[]) => runOmbud(args);

interface CheckLine {
  id: string;
  claims: { text: string; verdict: string; factId: string | null; evidence: unknown }[];
  disclosure: { market: string; required: boolean; present: boolean; ok: boolean };
  onMessage: { score: number; issues: unknown[] };
  issues: { code: string; severity: string; message: string }[];
}

describe('ombud check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ombud-check-'));
  const input = join(dir, 'posts.jsonl');
  writeFileSync(
    input,
    [
      JSON.stringify({
        id: 'a',
        text: '#ad 60-day returns on the Nordvik Kettle Pro!',
        market: 'US',
        language: 'en',
        advocate: true,
      }),
      JSON.stringify({ id: 'b', text: 'La tapa explota, no la compréis', language: 'es' }),
      '{"text": "no id"}',
      'not json',
      JSON.stringify({
        id: 7,
        text: 'Snygg vattenkokare, 2 års garanti! #reklam',
        language: 'sv',
        advocate: true,
      }),
    ].join('\n'),
  );

  it('prints one result line per post with claims, disclosure, on-message score and issues', async () => {
    const run = await ombud('check', '--brief', demoBrief, '--input', input);
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as CheckLine);
    const [a, b, c] = lines as [CheckLine, CheckLine, CheckLine];
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', '7']);
    for (const line of lines)
      expect(Object.keys(line)).toEqual(['id', 'claims', 'disclosure', 'onMessage', 'issues']);
    expect(a.claims.map((c) => [c.verdict, c.factId])).toEqual([['contradicted', 'returns-30-days']]);
    expect(Object.keys(a.claims[0]!)).toEqual(['text', 'verdict', 'factId', 'evidence']);
    expect(a.disclosure).toEqual({ market: 'US', required: true, present: true, ok: true });
    expect(b.claims[0]).toMatchObject({ verdict: 'contradicted', factId: 'safety-certified' });
    expect(c.disclosure).toEqual({ market: 'SE', required: true, present: true, ok: false });
    expect(c.issues.map((i) => i.code)).toContain('DISCLOSURE_MISPLACED');
    expect(typeof a.onMessage.score).toBe('number');
    expect(run.stderr).toContain(`${input}:3: id:`);
    expect(run.stderr).toContain(`${input}:4: INVALID_JSON:`);
    expect(run.stderr).toMatch(/ombud check: 3 posts, .* 2 rejected lines/);
  });

  it('writes to --output', async () => {
    const output = join(dir, 'out.jsonl');
    expect((await ombud('check', '--brief', demoBrief, '--input', input, '--output', output)).status).toBe(0);
    expect(readFileSync(output, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('names the bad field path of a broken brief and exits 1', async () => {
    const brief = JSON.parse(readFileSync(demoBrief, 'utf8')) as {
      facts: { quantities: { unit: string }[] }[];
      brand?: string;
    };
    brief.facts[0]!.quantities[0]!.unit = 'days';
    delete brief.brand;
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(brief));
    const run = await ombud('check', '--brief', broken, '--input', input);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('facts[0].quantities[0].unit:');
    expect(run.stderr).toContain('brand:');
    expect(run.stdout).toBe('');
  });

  it('exits 1 on an unreadable input file', async () => {
    const run = await ombud('check', '--brief', demoBrief, '--input', join(dir, 'missing.jsonl'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot read');
  });
});
