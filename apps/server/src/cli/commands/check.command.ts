import { createReadStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { briefSchema, formatBriefIssues } from '@ombud/contract';
import {
  checkBrandPost,
  compileBrandBrief,
  FINDING_LANGUAGES,
  localizeBrandCheck,
  type BrandPost,
  type CompiledBrandBrief,
  type FindingLanguage,
} from '@ombud/core';
import { inferFormat, readRecords, type RecordItem } from '../../ingest/record-reader.ts';
import type { CommandRegistration } from '../command.ts';
import { openLineOutput } from '../line-output.ts';

export interface CheckProblem {
  line: number;
  field: string;
  reason: string;
}

export interface CheckSummary {
  posts: number;
  contradicted: number;
  disclosureProblems: number;
  rejected: number;
}

/** Reads and validates a brief file; the error lists every bad field path. */
export function loadBrief(path: string): CompiledBrandBrief {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read brief ${path}: ${(error as Error).message}`);
  }
  const parsed = briefSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `invalid brief ${path}:\n${formatBriefIssues(parsed.error)
        .map((line) => `  ${line}`)
        .join('\n')}`,
    );
  return compileBrandBrief(parsed.data);
}

/** `--lang`: en, es or sv (any case); undefined when not given. Throws a message naming the choices. */
export function findingLanguageFlag(value: string | undefined): FindingLanguage | undefined {
  if (value === undefined) return undefined;
  const language = value.toLowerCase();
  if (!FINDING_LANGUAGES.includes(language as FindingLanguage))
    throw new Error(`--lang must be one of ${FINDING_LANGUAGES.join(', ')}, not "${value}"`);
  return language as FindingLanguage;
}

export const LANG_OPTION_HELP = `language of the messages and reasons (${FINDING_LANGUAGES.join(', ')}); default: each post's own language, else en`;

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Checks every post record against the brief and writes one JSON line per post; bad records are
 * reported and skipped. Messages and reasons are said in `language`, else in each post's own language
 * (en, es or sv; English for any other or none).
 */
export async function runCheck(
  records: AsyncIterable<RecordItem>,
  compiled: CompiledBrandBrief,
  options: {
    write: (line: string) => Promise<void> | void;
    onProblem: (problem: CheckProblem) => void;
    language?: FindingLanguage | undefined;
  },
): Promise<CheckSummary> {
  const summary: CheckSummary = { posts: 0, contradicted: 0, disclosureProblems: 0, rejected: 0 };
  const reject = (problem: CheckProblem) => {
    summary.rejected++;
    options.onProblem(problem);
  };
  for await (const item of records) {
    if (item.kind === 'problem') {
      reject({ line: item.line, field: item.field ?? item.code, reason: item.reason });
      continue;
    }
    const { fields } = item;
    const id = typeof fields.id === 'number' ? String(fields.id) : optionalString(fields.id);
    if (id === undefined) {
      reject({ line: item.line, field: 'id', reason: 'required: a non-empty string or number' });
      continue;
    }
    if (typeof fields.text !== 'string') {
      reject({ line: item.line, field: 'text', reason: 'required: a string' });
      continue;
    }
    if (fields.advocate !== undefined && typeof fields.advocate !== 'boolean') {
      reject({ line: item.line, field: 'advocate', reason: 'expected true or false' });
      continue;
    }
    const market = optionalString(fields.market)?.toUpperCase();
    const post: BrandPost = {
      text: fields.text,
      language: optionalString(fields.language)?.toLowerCase(),
      market,
      advocate: fields.advocate === true,
    };
    const result = localizeBrandCheck(checkBrandPost(compiled, post), options.language ?? post.language);
    summary.posts++;
    summary.contradicted += result.claims.filter((c) => c.verdict === 'contradicted').length;
    if (!result.disclosure.ok) summary.disclosureProblems++;
    const { market: disclosureMarket, required, present, ok } = result.disclosure;
    await options.write(
      JSON.stringify({
        id,
        claims: result.claims.map(({ text, verdict, factId, evidence }) => ({
          text,
          verdict,
          factId,
          evidence,
        })),
        disclosure: { market: disclosureMarket, required, present, ok },
        onMessage: {
          score: result.onMessage.score,
          issues: result.onMessage.issues.map(({ code, severity, message, evidence }) => ({
            code,
            severity,
            message,
            evidence,
          })),
        },
        issues: result.issues,
      }),
    );
  }
  return summary;
}

export const registerCheckCommand: CommandRegistration = (program) => {
  program
    .command('check')
    .description(
      'check posts against a campaign brief: claims vs the fact sheet, disclosure, on-message score',
    )
    .requiredOption('--brief <file>', 'campaign brief JSON (docs/brief.md)')
    .requiredOption(
      '--input <file>',
      'JSONL (or CSV) of posts with id, text and optional market, language, advocate',
    )
    .option('--output <file>', 'write results here instead of stdout')
    .option('--lang <language>', LANG_OPTION_HELP)
    .action(async (flags: { brief: string; input: string; output?: string; lang?: string }) => {
      let language: FindingLanguage | undefined;
      try {
        language = findingLanguageFlag(flags.lang);
      } catch (error) {
        console.error(`ombud check: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      let compiled: CompiledBrandBrief;
      try {
        compiled = loadBrief(flags.brief);
      } catch (error) {
        console.error(`ombud check: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const input = createReadStream(flags.input);
      try {
        await once(input, 'open');
      } catch (error) {
        console.error(`ombud check: cannot read ${flags.input}: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const output = openLineOutput(flags.output);
      const started = performance.now();
      const summary = await runCheck(
        readRecords(input, { format: inferFormat(flags.input) ?? 'jsonl' }),
        compiled,
        {
          write: (line) => output.write(line),
          onProblem: (p) => console.error(`${flags.input}:${p.line}: ${p.field}: ${p.reason}`),
          language,
        },
      ).catch((error: unknown) => {
        console.error(`ombud check: ${(error as Error).message}`);
        process.exitCode = 1;
        return undefined;
      });
      await output.close();
      if (!summary) return;
      const seconds = (performance.now() - started) / 1000;
      console.error(
        `ombud check: ${summary.posts} posts, ${summary.contradicted} contradicted claims, ` +
          `${summary.disclosureProblems} disclosure problems, ${summary.rejected} rejected lines in ${seconds.toFixed(2)} s`,
      );
    });
};
