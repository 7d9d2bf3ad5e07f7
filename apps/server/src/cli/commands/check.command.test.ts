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

  it('says every finding in the post’s language, or in --lang es / sv, keeping codes and fields', async () => {
    const posts = join(dir, 'languages.jsonl');
    const text = 'Öppet köp i 60 dagar och bäst i test!';
    writeFileSync(
      posts,
      [
        JSON.stringify({ id: 'sv', text, language: 'sv', advocate: true }),
        JSON.stringify({
          id: 'en',
          text: '60-day returns, the best kettle ever!',
          language: 'en',
          advocate: true,
        }),
      ].join('\n'),
    );
    const read = async (...extra: string[]) => {
      const run = await ombud('check', '--brief', demoBrief, '--input', posts, ...extra);
      expect(run.status, run.stderr).toBe(0);
      return run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as CheckLine);
    };
    // Two runs: each post in its own language, then everything in Spanish (--lang; case ignored).
    const [sv, en] = await read();
    const [es, enInSpanish] = await read('--lang', 'ES');
    const codes = (line: CheckLine) => line.issues.map((i) => i.code);
    expect(codes(sv!)).toEqual(
      expect.arrayContaining(['CLAIM_CONTRADICTED', 'CLAIM_UNVERIFIED', 'DISCLOSURE_MISSING']),
    );
    expect(codes(es!)).toEqual(codes(sv!));
    for (const line of [sv!, en!, es!, enInSpanish!]) {
      expect(Object.keys(line)).toEqual(['id', 'claims', 'disclosure', 'onMessage', 'issues']);
      for (const issue of line.issues)
        expect(Object.keys(issue).slice(0, 3)).toEqual(['code', 'severity', 'message']);
    }
    const messages = (line: CheckLine) => Object.fromEntries(line.issues.map((i) => [i.code, i.message]));
    expect(messages(sv!)).toMatchObject({
      CLAIM_CONTRADICTED: expect.stringContaining('motsäger faktumet returns-30-days: godkänd formulering ”'),
      CLAIM_UNVERIFIED: expect.stringMatching(/finns inte i faktabladet: påstående av typen superlativ ”/),
      DISCLOSURE_MISSING: expect.stringMatching(/^reklammärkning saknas \(SE\): ingen av .* hittades$/),
    });
    expect(messages(es!)).toMatchObject({
      CLAIM_CONTRADICTED: expect.stringContaining('contradice el dato returns-30-days: texto aprobado «'),
      CLAIM_UNVERIFIED: expect.stringMatching(
        /no está en la ficha de datos: afirmación de tipo superlativo «/,
      ),
      DISCLOSURE_MISSING: expect.stringMatching(
        /^falta el aviso de publicidad \(SE\): no aparece ninguno de /,
      ),
    });
    const reasons = (line: CheckLine) =>
      line.claims.map((c) => (c.evidence as { reason: string }).reason).join(' | ');
    expect(reasons(sv!)).toMatch(/skiljer sig från/);
    expect(reasons(es!)).toMatch(/difiere del dato/);
    // An English post is said in English unless --lang asks otherwise.
    expect(messages(en!)).toMatchObject({
      CLAIM_CONTRADICTED: expect.stringContaining('contradicts fact returns-30-days'),
      DISCLOSURE_MISSING: expect.stringMatching(/^US: none of /),
    });
    expect(messages(enInSpanish!)['CLAIM_CONTRADICTED']).toMatch(/contradice el dato/);
  }, 180_000);

  it('refuses a language it cannot speak', async () => {
    const run = await ombud('check', '--brief', demoBrief, '--input', input, '--lang', 'de');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--lang must be one of en, es, sv');
    expect(run.stdout).toBe('');
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
