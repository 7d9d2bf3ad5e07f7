import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { createSeededRandom, erlangC, simulateCapacity, type CapacityScenario } from '@ombud/core';
import type { CommandRegistration } from '../command.ts';

function numberFrom(raw: string): number {
  return raw.trim() === '' ? Number.NaN : Number(raw);
}

function positiveNumber(raw: string): number {
  const value = numberFrom(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError('must be a number greater than 0');
  return value;
}

function nonNegativeNumber(raw: string): number {
  const value = numberFrom(raw);
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError('must be a number ≥ 0');
  return value;
}

function positiveInteger(raw: string): number {
  const value = numberFrom(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return value;
}

function integer(raw: string): number {
  const value = numberFrom(raw);
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError('must be a whole number');
  return value;
}

/** Bad flags are bad usage: exit 2 like commander's own usage errors, 0 for --help. */
function usageExitCodes(command: Command): Command {
  return command.exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
}

const durationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exponential'), meanSeconds: z.number().positive() }),
  z.object({ kind: z.literal('fixed'), seconds: z.number().positive() }),
  z.object({
    kind: z.literal('lognormal'),
    meanSeconds: z.number().positive(),
    coefficientOfVariation: z.number().positive(),
  }),
]);

/** A simulation scenario file: the core's CapacityScenario plus an optional seed and number of runs. */
export const simulationFileSchema = z.object({
  arrivalsPerHour: z.array(z.record(z.string(), z.number().nonnegative())).min(1),
  handleTime: durationSchema,
  handleTimeByLanguage: z.record(z.string(), durationSchema).optional(),
  patience: z.union([durationSchema, z.object({ kind: z.literal('infinite') })]).optional(),
  pools: z
    .array(
      z.object({
        id: z.string().min(1),
        languages: z.array(z.string().min(1)).min(1),
        onDuty: z.union([z.number().int().nonnegative(), z.array(z.number().int().nonnegative()).min(1)]),
      }),
    )
    .min(1),
  targetSeconds: z.number().nonnegative(),
  drainHours: z.number().int().nonnegative().optional(),
  seed: z.number().int().optional(),
  runs: z.number().int().min(1).max(1000).optional(),
});

function zodProblems(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
}

/** Drops undefined optionals: the core's types use exactOptionalPropertyTypes. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function registerErlang(plan: Command): void {
  usageExitCodes(
    plan
      .command('erlang')
      .description('Erlang C figures for one stationary period (serviceLevel and probability as 0..1 shares)')
      .requiredOption('--arrivals-per-hour <n>', 'items arriving per hour', positiveNumber)
      .requiredOption('--aht-seconds <n>', 'average handle time per item, seconds', positiveNumber)
      .requiredOption('--agents <n>', 'agents working the queue', positiveInteger)
      .requiredOption(
        '--target-seconds <n>',
        'answer-time threshold of the service level, seconds',
        nonNegativeNumber,
      )
      .action(
        (flags: { arrivalsPerHour: number; ahtSeconds: number; agents: number; targetSeconds: number }) => {
          const result = erlangC(flags);
          if (!result.stable) {
            console.error(
              `ombud plan erlang: ${flags.agents} agents cannot keep up with ${result.trafficErlangs.toFixed(2)} Erlangs of work; ` +
                'the queue grows without bound (averageSpeedOfAnswer is null).',
            );
          }
          const output = {
            probabilityOfWaiting: result.probabilityOfWaiting,
            serviceLevel: result.serviceLevel,
            averageSpeedOfAnswer: Number.isFinite(result.averageSpeedOfAnswer)
              ? result.averageSpeedOfAnswer
              : null,
            occupancy: result.occupancy,
          };
          process.stdout.write(`${JSON.stringify(output)}\n`);
        },
      ),
  );
}

function registerSimulate(plan: Command): void {
  usageExitCodes(
    plan
      .command('simulate')
      .description('Discrete-event simulation of a scenario file; prints hourly results as JSON')
      .requiredOption(
        '--input <file>',
        'scenario JSON (arrivalsPerHour, handleTime, pools, targetSeconds, …)',
      )
      .option('--output <file>', 'write the JSON here instead of stdout')
      .option('--seed <n>', 'random seed (overrides the file; default 1)', integer)
      .option(
        '--runs <n>',
        'replications pooled into the result (overrides the file; default 1)',
        positiveInteger,
      )
      .action(async (flags: { input: string; output?: string; seed?: number; runs?: number }) => {
        let text: string;
        try {
          text = await readFile(flags.input, 'utf8');
        } catch (error) {
          console.error(`ombud plan simulate: cannot read ${flags.input}: ${(error as Error).message}`);
          process.exitCode = 1;
          return;
        }
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (error) {
          console.error(`${flags.input}: (root): not valid JSON: ${(error as Error).message}`);
          process.exitCode = 1;
          return;
        }
        const parsed = simulationFileSchema.safeParse(json);
        if (!parsed.success) {
          for (const problem of zodProblems(parsed.error)) console.error(`${flags.input}: ${problem}`);
          console.error(
            `ombud plan simulate: ${parsed.error.issues.length} problem(s) in the scenario; nothing simulated`,
          );
          process.exitCode = 1;
          return;
        }
        const { seed, runs, ...rest } = parsed.data;
        const scenario = withoutUndefined(rest) as CapacityScenario;
        const started = performance.now();
        const result = simulateCapacity(scenario, {
          random: createSeededRandom(flags.seed ?? seed ?? 1),
          runs: flags.runs ?? runs ?? 1,
        });
        const elapsedMs = performance.now() - started;
        for (const warning of result.warnings) console.error(`ombud plan simulate: warning: ${warning}`);
        const rendered = `${JSON.stringify(result, null, 2)}\n`;
        if (flags.output === undefined) process.stdout.write(rendered);
        else await writeFile(flags.output, rendered);
        const level = result.totals.serviceLevel;
        console.error(
          `ombud plan simulate: ${result.hours.length} hours, ${Math.round(result.totals.arrivals)} arrivals per run, ` +
            `${result.runs} run(s), service level ${level === null ? 'n/a' : (level * 100).toFixed(1) + ' %'}, ` +
            `peak backlog ${result.totals.peakBacklog.toFixed(0)} in ${elapsedMs.toFixed(0)} ms`,
        );
      }),
  );
}

/** `ombud plan …`: capacity planning sub-commands (Erlang C, simulation). */
export const registerPlanCommand: CommandRegistration = (program) => {
  const plan = program
    .command('plan')
    .description('Capacity planning before launch: Erlang C and simulation');
  registerErlang(plan);
  registerSimulate(plan);
};
