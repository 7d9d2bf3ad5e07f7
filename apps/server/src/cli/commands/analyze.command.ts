import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { Option } from 'commander';
import { analyzePost, detectPersonalData, type AnalysisOptions, type PostAnalysis } from '@ombud/core';
import { inferFormat, readRecords, type InputFormat, type RecordItem } from '../../ingest/record-reader.ts';
import type { CommandRegistration } from '../command.ts';
import { openLineOutput } from '../line-output.ts';

export interface AnalyzeProblem {
  line: number;
  field: string;
  reason: string;
}

export interface AnalyzeSummary {
  analysed: number;
  rejected: number;
}

export interface RunAnalysisOptions {
  textField: string;
  idField: string;
  languageHints: readonly string[];
  analysis?: AnalysisOptions;
  /** Where JSONL lines go; awaited when it asks for back-pressure. */
  write: (line: string) => Promise<void> | void;
  onProblem: (problem: AnalyzeProblem) => void;
  onProgress?: (summary: AnalyzeSummary) => void;
}

/** One output line per analysed record. Add a field here (e.g. `pii`) and every output carries it. */
export function analysisRecord(id: string, text: string, analysis: PostAnalysis): Record<string, unknown> {
  void text; // the post text, for analysers that need it beside `analysis` (e.g. personal data)
  return {
    id,
    language: analysis.language.language,
    languageConfidence: analysis.language.confidence,
    sentiment: analysis.sentiment,
    intents: analysis.intents,
    aspects: analysis.aspects,
    toxicity: analysis.toxicity,
    pii: detectPersonalData(text).map(({ type, start, end, confidence }) => ({
      type,
      start,
      end,
      confidence,
    })),
  };
}

const PROGRESS_EVERY = 10_000;

/** Analyses every record's text field and writes one JSON line each; bad records are reported and skipped. */
export async function runAnalysis(
  records: AsyncIterable<RecordItem>,
  options: RunAnalysisOptions,
): Promise<AnalyzeSummary> {
  const summary: AnalyzeSummary = { analysed: 0, rejected: 0 };
  const reject = (problem: AnalyzeProblem): void => {
    summary.rejected++;
    options.onProblem(problem);
  };
  for await (const item of records) {
    if (item.kind === 'problem') {
      reject({ line: item.line, field: item.field ?? item.code, reason: item.reason });
      continue;
    }
    const text = item.fields[options.textField];
    if (typeof text !== 'string' || text.trim() === '') {
      reject({
        line: item.line,
        field: options.textField,
        reason: text === undefined ? 'missing' : 'empty or not text',
      });
      continue;
    }
    const rawId = item.fields[options.idField];
    const id =
      typeof rawId === 'string' && rawId !== ''
        ? rawId
        : typeof rawId === 'number'
          ? String(rawId)
          : `line-${item.line}`;
    const analysis = analyzePost({ text, languageHints: options.languageHints }, options.analysis);
    await options.write(JSON.stringify(analysisRecord(id, text, analysis)));
    summary.analysed++;
    if (summary.analysed % PROGRESS_EVERY === 0) options.onProgress?.(summary);
  }
  return summary;
}

export const registerAnalyzeCommand: CommandRegistration = (program) => {
  program
    .command('analyze')
    .description(
      'analyse posts from a CSV or JSONL export (language, sentiment, intents, aspects, toxicity) into JSONL',
    )
    .requiredOption('--input <file>', 'CSV or JSONL file with one post per record')
    .addOption(
      new Option('--format <format>', 'input format (default: from the file extension)').choices([
        'csv',
        'jsonl',
      ]),
    )
    .option('--text-field <name>', 'field holding the post text', 'text')
    .option('--id-field <name>', 'field holding the post id', 'id')
    .option(
      '--languages <codes>',
      "the campaign's languages, comma-separated (priors for language identification)",
      '',
    )
    .option('--output <file>', 'write JSONL here instead of stdout')
    .action(
      async (flags: {
        input: string;
        format?: InputFormat;
        textField: string;
        idField: string;
        languages: string;
        output?: string;
      }) => {
        const format = flags.format ?? inferFormat(flags.input);
        if (format === undefined) {
          console.error(`ombud analyze: cannot tell the format of ${flags.input}; pass --format csv|jsonl`);
          process.exitCode = 2;
          return;
        }
        const input = createReadStream(flags.input);
        try {
          await once(input, 'open');
        } catch (error) {
          console.error(`ombud analyze: cannot read ${flags.input}: ${(error as Error).message}`);
          process.exitCode = 1;
          return;
        }
        const output = openLineOutput(flags.output);
        let missingTextColumn = false;
        const records = readRecords(input, {
          format,
          onHeader: (columns) => {
            missingTextColumn = !columns.includes(flags.textField);
          },
        });
        const started = performance.now();
        const showProgress = process.stderr.isTTY;
        const summary = await runAnalysis(records, {
          textField: flags.textField,
          idField: flags.idField,
          languageHints: flags.languages
            .split(',')
            .map((code) => code.trim())
            .filter((code) => code !== ''),
          write: (line) => output.write(line),
          onProblem: (p) => console.error(`${flags.input}:${p.line}: ${p.field}: ${p.reason}`),
          onProgress: (s) => {
            if (showProgress || s.analysed % (PROGRESS_EVERY * 5) === 0)
              console.error(`… ${s.analysed} posts analysed`);
          },
        });
        await output.close();
        const seconds = (performance.now() - started) / 1000;
        if (missingTextColumn)
          console.error(`ombud analyze: no column "${flags.textField}" in ${flags.input}; use --text-field`);
        console.error(
          `analysed ${summary.analysed} posts, rejected ${summary.rejected} lines in ${seconds.toFixed(1)} s`,
        );
      },
    );
};
