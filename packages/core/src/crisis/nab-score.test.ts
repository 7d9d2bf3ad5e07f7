import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  nabProbationLength,
  nabScaledSigmoid,
  normaliseNabScores,
  scoreNabFile,
  type NabCostMatrix,
  type NabFileInput,
} from './nab-score.ts';
import { parseSeriesTimestamp } from './series-timestamp.ts';

const STANDARD: NabCostMatrix = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };
const LOW_FP: NabCostMatrix = { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 };
const LOW_FN: NabCostMatrix = { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 };
const STEP = 300_000;

function synthetic(length: number, windows: [number, number][], detectAt: number[]): NabFileInput {
  const timestamps = Array.from({ length }, (_, i) => i * STEP);
  return {
    timestamps,
    detections: timestamps.map((_, i) => detectAt.includes(i)),
    windows: windows.map(([a, b]) => ({ start: a * STEP, end: b * STEP })),
  };
}

describe('nabProbationLength', () => {
  it.each([
    [100, 15],
    [4000, 600],
    [5000, 750],
    [15902, 750],
  ])('%i rows → %i probationary rows', (rows, expected) => {
    expect(nabProbationLength(rows)).toBe(expected);
  });
});

describe('nabScaledSigmoid', () => {
  it.each([
    [-1, 0.98661],
    [-0.5, 0.84828],
    [0, 0],
    [1, -0.98661],
    [3.5, -1],
  ])('at %f is %f', (x, y) => {
    expect(nabScaledSigmoid(x)).toBeCloseTo(y, 4);
  });
});

describe('scoreNabFile (synthetic, no probation)', () => {
  const cases: { name: string; detectAt: number[]; expected: number }[] = [
    { name: 'no detection is one miss', detectAt: [], expected: -1 },
    { name: 'detection at the window start earns the full reward', detectAt: [20], expected: 1 },
    { name: 'only the earliest detection in a window counts', detectAt: [20, 25, 29], expected: 1 },
    {
      name: 'a detection at the last row earns the reward of position -1/width',
      detectAt: [29],
      expected: nabScaledSigmoid(-1 / 10) / nabScaledSigmoid(-1),
    },
    {
      name: 'a false positive before any window costs the full FP weight',
      detectAt: [5, 20],
      expected: 1 - 0.11,
    },
    {
      name: 'a false positive just after a window costs little',
      detectAt: [20, 31],
      expected: 1 + 0.11 * nabScaledSigmoid(2 / 9),
    },
  ];
  it.each(cases)('$name', ({ detectAt, expected }) => {
    const score = scoreNabFile(synthetic(100, [[20, 29]], detectAt), STANDARD, 0);
    expect(score.score).toBeCloseTo(expected, 10);
  });

  it('ignores detections and windows inside the probationary period', () => {
    const input = synthetic(
      100,
      [
        [2, 5],
        [50, 59],
      ],
      [3, 50],
    );
    const score = scoreNabFile(input, STANDARD, 0.15);
    expect(score.windows).toHaveLength(1);
    expect(score.score).toBeCloseTo(1, 10);
  });
});

// A real labelled NAB file from the shared data folder next to the repository.
const NAB_DIR = resolve(import.meta.dirname, '../../../../../shared/data/nab');
function loadRealFile(name: string): NabFileInput {
  const windows =
    (
      JSON.parse(readFileSync(resolve(NAB_DIR, 'labels/combined_windows.json'), 'utf8')) as Record<
        string,
        [string, string][]
      >
    )[name] ?? [];
  const timestamps = readFileSync(resolve(NAB_DIR, 'data', name), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => parseSeriesTimestamp(line.split(',')[0] ?? '') as number);
  return {
    timestamps,
    detections: timestamps.map(() => false),
    windows: windows.map(([a, b]) => ({
      start: parseSeriesTimestamp(a) as number,
      end: parseSeriesTimestamp(b) as number,
    })),
  };
}

describe('normaliseNabScores on a real labelled file (Twitter_volume_AAPL)', () => {
  const base = loadRealFile('realTweets/Twitter_volume_AAPL.csv');
  const perfect = {
    ...base,
    detections: base.timestamps.map((t) => base.windows.some((w) => w.start === t)),
  };
  it.each([
    ['standard', STANDARD],
    ['reward_low_FP_rate', LOW_FP],
    ['reward_low_FN_rate', LOW_FN],
  ] as const)('%s: the null detector scores 0 and a perfect detector 100', (_name, costs) => {
    expect(base.windows).toHaveLength(4);
    const none = normaliseNabScores([{ input: base, score: scoreNabFile(base, costs) }], costs);
    const best = normaliseNabScores([{ input: perfect, score: scoreNabFile(perfect, costs) }], costs);
    expect(none.normalised).toBeCloseTo(0, 10);
    expect(best.normalised).toBeCloseTo(100, 10);
  });

  it('an always-on detector scores far below zero', () => {
    const always = { ...base, detections: base.timestamps.map(() => true) };
    const result = normaliseNabScores([{ input: always, score: scoreNabFile(always, STANDARD) }], STANDARD);
    expect(result.normalised).toBeLessThan(-1000);
  });
});
