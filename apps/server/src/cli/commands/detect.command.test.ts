import { describe, expect, it } from 'vitest';
import { readRecords } from '../../ingest/record-reader.ts';
import { runDetection, type DetectionProblem } from './detect.command.ts';

async function detect(csv: string): Promise<{ lines: string[]; problems: DetectionProblem[] }> {
  const lines: string[] = [];
  const problems: DetectionProblem[] = [];
  await runDetection(readRecords([csv], { format: 'csv' }), {
    rule: 'volume-spike',
    write: (line) => void lines.push(line),
    onProblem: (p) => problems.push(p),
  });
  return { lines, problems };
}

describe('runDetection', () => {
  it('prints NAB results columns and reports bad rows by line, keeping the rest', async () => {
    const csv = [
      'timestamp,value',
      '2015-02-26 21:42:53,104',
      'not-a-time,3',
      '2015-02-26 21:47:53,abc',
      '2015-02-26 21:47:53,100',
      '2015-02-26 21:47:53,99',
      '',
    ].join('\n');
    const { lines, problems } = await detect(csv);
    expect(lines).toEqual([
      'timestamp,value,anomaly_score,alert',
      '2015-02-26 21:42:53,104,0.000000,0',
      expect.stringMatching(/^2015-02-26 21:47:53,100,0\.\d{6},0$/),
    ]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [3, 'timestamp'],
      [4, 'value'],
      [6, 'timestamp'],
    ]);
  });

  it('marks exactly one alert for a burst in an otherwise steady series', async () => {
    const start = Date.UTC(2015, 1, 26);
    const rows = Array.from({ length: 288 * 4 }, (_, i) => {
      const time = new Date(start + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
      return `${time},${i >= 288 * 3 && i < 288 * 3 + 4 ? 2000 : 50}`;
    });
    const { lines } = await detect(['timestamp,value', ...rows].join('\n'));
    const alerts = lines.slice(1).filter((l) => l.endsWith(',1'));
    expect(alerts).toHaveLength(1);
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]));
    expect(scores.every((s) => s >= 0 && s < 1)).toBe(true);
  });
});
