import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseSeriesTimestamp, type NabCostMatrix, type NabProfileName, type NabWindow } from '@ombud/core';

/** The shared data folder sits next to the repository: `../shared/data/nab`. */
export const NAB_DIR = resolve(import.meta.dirname, '../../../../../shared/data/nab');

export interface NabSeries {
  /** Path relative to NAB's data folder, e.g. `realTweets/Twitter_volume_AAPL.csv`. */
  name: string;
  path: string;
  timestamps: number[];
  values: number[];
  windows: NabWindow[];
}

/** Loads every labelled CSV of a NAB category folder with its windows (for evaluation only). */
export async function loadNabCategory(category = 'realTweets', nabDir = NAB_DIR): Promise<NabSeries[]> {
  const windowsByFile = JSON.parse(
    await readFile(join(nabDir, 'labels', 'combined_windows.json'), 'utf8'),
  ) as Record<string, [string, string][]>;
  const folder = join(nabDir, 'data', category);
  const files = (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort();
  const series: NabSeries[] = [];
  for (const file of files) {
    const name = `${category}/${file}`;
    const path = join(folder, file);
    const lines = (await readFile(path, 'utf8')).split('\n').slice(1);
    const timestamps: number[] = [];
    const values: number[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      const [ts = '', value = ''] = line.split(',');
      const time = parseSeriesTimestamp(ts);
      if (time === undefined) throw new Error(`${path}: bad timestamp ${ts}`);
      timestamps.push(time);
      values.push(Number(value));
    }
    const windows = (windowsByFile[name] ?? []).map(([start, end]) => ({
      start: toTime(start),
      end: toTime(end),
    }));
    series.push({ name, path, timestamps, values, windows });
  }
  return series;
}

/** NAB's three application profiles, read from its `config/profiles.json`. */
export async function loadNabProfiles(nabDir = NAB_DIR): Promise<Record<NabProfileName, NabCostMatrix>> {
  const raw = JSON.parse(await readFile(join(nabDir, 'config', 'profiles.json'), 'utf8')) as Record<
    NabProfileName,
    { CostMatrix: NabCostMatrix }
  >;
  return {
    standard: raw.standard.CostMatrix,
    reward_low_FP_rate: raw.reward_low_FP_rate.CostMatrix,
    reward_low_FN_rate: raw.reward_low_FN_rate.CostMatrix,
  };
}

export const NAB_PROFILE_NAMES: readonly NabProfileName[] = [
  'standard',
  'reward_low_FP_rate',
  'reward_low_FN_rate',
];

function toTime(text: string): number {
  const time = parseSeriesTimestamp(text);
  if (time === undefined) throw new Error(`bad window timestamp ${text}`);
  return time;
}
