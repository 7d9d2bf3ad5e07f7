import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOmbud } from '../support/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'ombud-import-cli-'));

const post = (id: string, text: string) =>
  JSON.stringify({ id, text, created_at: '2026-03-01T10:00:00Z', author: 'ana', platform: 'twitter' });

function ombud(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, OMBUD_DATA_DIR: join(work, 'data') };
  delete env['DATABASE_URL'];
  return runOmbud(args, env);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ombud import', () => {
  it('keeps the good lines of a hostile file, names every bad line, and adds nothing the second time', async () => {
    const file = join(work, 'mixed.jsonl');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${post('1', 'hola #MiHistoria')}\n{"id": "2", "text": \n`),
        Buffer.from('{"id":"3","text":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(`","created_at":"2026-03-01T10:00:00Z","author":"x"}\n`),
        Buffer.from(`{"id":"4","text":"${'x'.repeat(10 * 1024 * 1024)}"}\n`),
        Buffer.from(`${post('5', 'hej')}\n[1,2]\n${post('6', '')}\n${post('7', 'hello')}\n`),
      ]),
    );
    const first = await ombud('import', file, '--no-progress');
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ accepted: 3, duplicate: 0, rejected: 5 });
    const lines = first.stderr.split('\n').filter((line) => line.startsWith(file));
    expect(lines.map((line) => line.slice(file.length + 1).split(':')[0])).toEqual(['2', '3', '4', '6', '7']);
    expect(first.stderr).toMatch(/:3: INVALID_UTF8/);
    expect(first.stderr).toMatch(/:4: RECORD_TOO_LARGE: record is \d+ bytes; the limit is 1048576 bytes/);
    expect(first.stderr).toMatch(/:7: text: "text" is empty/);

    const second = await ombud('import', file, '--no-progress');
    expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 0, duplicate: 3, rejected: 5 });
  });

  it('explains a wrong delimiter, an empty file and a missing file', async () => {
    const semicolons = join(work, 'semi.csv');
    writeFileSync(semicolons, 'id;text;created_at;author\n1;hej;2026-01-01;a\n');
    const wrong = await ombud('import', semicolons, '--delimiter', ',', '--no-progress');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/has no column for: id, text, createdAt, author\. Check --delimiter/);
    expect(JSON.parse((await ombud('import', semicolons, '--no-progress')).stdout)).toMatchObject({
      accepted: 1,
    });

    const empty = join(work, 'empty.csv');
    writeFileSync(empty, '');
    expect((await ombud('import', empty, '--no-progress')).stderr).toMatch(/EMPTY_INPUT: the input is empty/);

    const missing = await ombud('import', join(work, 'nope.jsonl'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.jsonl/);
  });
});
