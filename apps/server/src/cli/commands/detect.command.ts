import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { Option } from 'commander';
import {
  createCrisisDetector,
  parseSeriesTimestamp,
  seriesProfileOverrides,
  type CrisisRule,
  type Signal,
} from '@ombud/core';
import { readRecords, type RecordItem } from '../../ingest/record-reader.ts';
import type { CommandRegistration } from '../command.ts';
import { openLineOutput } from '../line-output.ts';

type SeriesRule = Exclude<CrisisRule, 'acceleration'>;
const RULES: readonly SeriesRule[] = ['volume-spike', 'negative-volume-spike', 'negative-share-shift'];

export interface DetectionProblem {
  line: number;
  field: string;
  reason: string;
}

export interface DetectionSummary {
  points: number;
  alerts: number;
  rejected: number;
  /** Time spent in the detector alone, for the speed figure. */
  detectorMs: number;
}

export interface RunDetectionOptions {
  rule: SeriesRule;
  /** Where result lines go (header included); awaited when it asks for back-pressure. */
  write: (line: string) => Promise<void> | void;
  onProblem: (problem: DetectionProblem) => void;
  onAlert?: (timestamp: string, signal: Signal) => void;
}

export const DETECT_RESULT_HEADER = 'timestamp,value,anomaly_score,alert';

/**
 * Runs the server's crisis detector over a `timestamp,value` series and writes NAB results
 * (`timestamp,value,anomaly_score,alert`). Bad rows are reported and skipped.
 */
export async function runDetection(
  records: AsyncIterable<RecordItem>,
  options: RunDetectionOptions,
): Promise<DetectionSummary> {
  // The standalone-series profile (one hour smoothing, one knob); the server's campaign monitor
  // keeps its own defaults. Same detector code either way.
  const detector = createCrisisDetector(options.rule, seriesProfileOverrides());
  const summary: DetectionSummary = { points: 0, alerts: 0, rejected: 0, detectorMs: 0 };
  let lastTime = -Infinity;
  await options.write(DETECT_RESULT_HEADER);
  const reject = (problem: DetectionProblem): void => {
    summary.rejected++;
    options.onProblem(problem);
  };
  for await (const item of records) {
    if (item.kind === 'problem') {
      reject({ line: item.line, field: item.field ?? item.code, reason: item.reason });
      continue;
    }
    const rawTime = fieldText(item.fields.timestamp);
    const rawValue = fieldText(item.fields.value);
    const time = parseSeriesTimestamp(rawTime);
    if (time === undefined) {
      reject({ line: item.line, field: 'timestamp', reason: `not a date and time: "${rawTime}"` });
      continue;
    }
    const value = rawValue === '' ? Number.NaN : Number(rawValue);
    if (!Number.isFinite(value)) {
      reject({ line: item.line, field: 'value', reason: `not a number: "${rawValue}"` });
      continue;
    }
    if (time <= lastTime) {
      reject({ line: item.line, field: 'timestamp', reason: `not after the previous row (${rawTime})` });
      continue;
    }
    lastTime = time;
    const started = performance.now();
    const signal = detector.update({ time, value });
    summary.detectorMs += performance.now() - started;
    summary.points++;
    if (signal.alert) {
      summary.alerts++;
      options.onAlert?.(rawTime, signal);
    }
    await options.write(`${rawTime},${rawValue},${signal.score.toFixed(6)},${signal.alert ? 1 : 0}`);
  }
  return summary;
}

export const registerDetectCommand: CommandRegistration = (program) => {
  program
    .command('detect')
    .description('run the crisis detector over a timestamp,value CSV and print NAB results')
    .requiredOption('--input <file>', 'CSV with columns timestamp,value (timestamps in UTC)')
    .option('--output <file>', 'write results here instead of stdout')
    .addOption(new Option('--rule <rule>', 'detector preset').choices(RULES).default('volume-spike'))
    .option('--explain', 'print every alert with its evidence on stderr')
    .action(async (flags: { input: string; output?: string; rule: SeriesRule; explain?: boolean }) => {
      const input = createReadStream(flags.input);
      try {
        await once(input, 'open');
      } catch (error) {
        console.error(`ombud detect: cannot read ${flags.input}: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const output = openLineOutput(flags.output);
      let missingColumns: string[] = [];
      const records = readRecords(input, {
        format: 'csv',
        onHeader: (columns) => {
          missingColumns = ['timestamp', 'value'].filter((c) => !columns.includes(c));
        },
      });
      const started = performance.now();
      const summary = await runDetection(
        checkColumns(records, () => missingColumns),
        {
          rule: flags.rule,
          write: (line) => output.write(line),
          onProblem: (p) => console.error(`${flags.input}:${p.line}: ${p.field}: ${p.reason}`),
          ...(flags.explain
            ? {
                onAlert: (ts: string, s: Signal) =>
                  console.error(`alert ${ts} [${s.level}] ${s.evidence.reason}`),
              }
            : {}),
        },
      ).catch((error: unknown) => {
        console.error(`ombud detect: ${(error as Error).message}`);
        process.exitCode = 1;
        return undefined;
      });
      await output.close();
      if (!summary) return;
      const seconds = (performance.now() - started) / 1000;
      console.error(
        `ombud detect: ${summary.points} points, ${summary.alerts} alerts, ${summary.rejected} rejected lines ` +
          `in ${seconds.toFixed(2)} s`,
      );
    });
};

async function* checkColumns(
  records: AsyncIterable<RecordItem>,
  missing: () => string[],
): AsyncGenerator<RecordItem> {
  for await (const item of records) {
    const absent = missing();
    if (absent.length > 0)
      throw new Error(`the header lacks column(s) ${absent.join(', ')}; expected timestamp,value`);
    yield item;
  }
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}
