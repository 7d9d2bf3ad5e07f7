import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import {
  applyCrisisScenario,
  checkCapacity,
  createSeededRandom,
  erlangC,
  forecastFromCampaign,
  forecastFromHistory,
  poolsFromStaffingPlan,
  simulateCapacity,
  staffingPlan,
  type CampaignForecastInput,
  type CapacityScenario,
  type CrisisScenario,
  type DurationDistribution,
  type HistoryForecastInput,
  type StaffingTarget,
  type VolumeForecast,
} from '@ombud/core';
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

const estimateSchema = z.union([
  z.number().nonnegative(),
  z.object({ low: z.number().positive(), expected: z.number().positive(), high: z.number().positive() }),
]);

const campaignSchema = z.object({
  markets: z
    .array(
      z.object({
        market: z.string().min(1),
        language: z.string().min(1),
        reach: estimateSchema,
        utcOffsetHours: z.number().min(-14).max(14),
        participationRate: estimateSchema.optional(),
        replyRate: estimateSchema.optional(),
      }),
    )
    .min(1),
  participationRate: estimateSchema,
  replyRate: estimateSchema,
  durationHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 366),
  launchUtcHourOfDay: z.number().int().min(0).max(23),
  dailyProfile: z.array(z.number().nonnegative()).length(24).optional(),
  launchPeak: z.object({ multiplier: z.number().min(1), decayHours: z.number().positive() }).optional(),
  interestHalfLifeHours: z.number().positive().optional(),
});

const historySchema = z.object({
  history: z.array(z.record(z.string(), z.number().nonnegative())).min(1),
  scale: z.union([z.number().nonnegative(), z.record(z.string(), z.number().nonnegative())]),
  launchUtcHourOfDay: z.number().int().min(0).max(23),
  smoothingHours: z.number().int().min(1).optional(),
  spread: z.object({ low: z.number().positive().max(1), high: z.number().min(1) }).optional(),
});

const bandSchema = z.enum(['p10', 'p50', 'p90']);

/** A staffing question: a forecast (from campaign parameters or a past campaign), a target, optional crisis. */
export const staffingFileSchema = z
  .object({
    campaign: campaignSchema.optional(),
    history: historySchema.optional(),
    target: z.object({
      targetSeconds: z.number().nonnegative(),
      serviceLevelTarget: z.number().min(0).lt(1),
      maxOccupancy: z.number().positive().max(1).optional(),
      ahtSeconds: z.number().positive(),
      ahtSecondsByLanguage: z.record(z.string(), z.number().positive()).optional(),
      band: bandSchema.optional(),
      minimumAgents: z.number().int().nonnegative().optional(),
    }),
    simulation: z
      .object({
        band: bandSchema.optional(),
        handleTime: durationSchema.optional(),
        patience: z.union([durationSchema, z.object({ kind: z.literal('infinite') })]).optional(),
        drainHours: z.number().int().nonnegative().optional(),
        maxAbandonmentRate: z.number().min(0).max(1).optional(),
        seed: z.number().int().optional(),
        runs: z.number().int().min(1).max(1000).optional(),
      })
      .optional(),
    crisis: z
      .object({
        startHour: z.number().int().nonnegative(),
        durationHours: z.number().int().min(1).optional(),
        negativeMultiplier: z.number().nonnegative().optional(),
        negativeShare: z.number().min(0).max(1),
        languages: z.array(z.string().min(1)).optional(),
      })
      .optional(),
  })
  .refine((value) => (value.campaign === undefined) !== (value.history === undefined), {
    message: 'give exactly one of campaign or history',
    path: ['campaign'],
  });

function zodProblems(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
  );
}

/** Drops undefined optionals at every depth: the core's types use exactOptionalPropertyTypes. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    );
  }
  return value;
}

/** Reads and validates a JSON input file; reports every problem as `<file>: <path>: <reason>` and returns undefined. */
async function readJsonInput<T>(file: string, schema: z.ZodType<T>, command: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`ombud plan ${command}: cannot read ${file}: ${(error as Error).message}`);
    process.exitCode = 1;
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    console.error(`${file}: (root): not valid JSON: ${(error as Error).message}`);
    process.exitCode = 1;
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const problem of zodProblems(parsed.error)) console.error(`${file}: ${problem}`);
    console.error(
      `ombud plan ${command}: ${parsed.error.issues.length} problem(s) in ${file}; nothing computed`,
    );
    process.exitCode = 1;
    return undefined;
  }
  return withoutUndefined(parsed.data) as T;
}

async function emit(value: unknown, output: string | undefined): Promise<void> {
  const rendered = `${JSON.stringify(value, null, 2)}\n`;
  if (output === undefined) process.stdout.write(rendered);
  else await writeFile(output, rendered);
}

const percent = (value: number | null): string => (value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`);

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
        const file = await readJsonInput(flags.input, simulationFileSchema, 'simulate');
        if (file === undefined) return;
        const { seed, runs, ...scenario } = file;
        const started = performance.now();
        const result = simulateCapacity(scenario as CapacityScenario, {
          random: createSeededRandom(flags.seed ?? seed ?? 1),
          runs: flags.runs ?? runs ?? 1,
        });
        const elapsedMs = performance.now() - started;
        for (const warning of result.warnings) console.error(`ombud plan simulate: warning: ${warning}`);
        await emit(result, flags.output);
        console.error(
          `ombud plan simulate: ${result.hours.length} hours, ${Math.round(result.totals.arrivals)} arrivals per run, ` +
            `${result.runs} run(s), service level ${percent(result.totals.serviceLevel)}, ` +
            `peak backlog ${result.totals.peakBacklog.toFixed(0)} in ${elapsedMs.toFixed(0)} ms`,
        );
      }),
  );
}

type StaffingFile = z.infer<typeof staffingFileSchema>;

function forecastOf(file: StaffingFile): VolumeForecast {
  return file.campaign !== undefined
    ? forecastFromCampaign(file.campaign as CampaignForecastInput)
    : forecastFromHistory(file.history as HistoryForecastInput);
}

function registerStaffing(plan: Command): void {
  usageExitCodes(
    plan
      .command('staffing')
      .description(
        'Forecast → agents per hour and language → simulation check, optionally under a crisis scenario (JSON)',
      )
      .requiredOption(
        '--input <file>',
        'plan JSON: campaign or history, target, optional simulation and crisis',
      )
      .option('--output <file>', 'write the JSON here instead of stdout')
      .option('--seed <n>', 'random seed (overrides the file; default 1)', integer)
      .option('--runs <n>', 'simulation replications (overrides the file; default 20)', positiveInteger)
      .action(async (flags: { input: string; output?: string; seed?: number; runs?: number }) => {
        const file = await readJsonInput(flags.input, staffingFileSchema, 'staffing');
        if (file === undefined) return;
        let forecast: VolumeForecast;
        try {
          forecast = forecastOf(file);
        } catch (error) {
          console.error(`${flags.input}: ${(error as Error).message}`);
          process.exitCode = 1;
          return;
        }
        const target = file.target as StaffingTarget;
        const staffing = staffingPlan(forecast, target);
        const simulation = file.simulation ?? {};
        const seed = flags.seed ?? simulation.seed ?? 1;
        const runs = flags.runs ?? simulation.runs ?? 20;
        const handleTime: DurationDistribution = simulation.handleTime ?? {
          kind: 'exponential',
          meanSeconds: target.ahtSeconds,
        };
        const handleTimeByLanguage = Object.fromEntries(
          Object.entries(target.ahtSecondsByLanguage ?? {}).map(([language, seconds]) => [
            language,
            { kind: 'exponential', meanSeconds: seconds } satisfies DurationDistribution,
          ]),
        );
        const breakTarget = {
          serviceLevelTarget: target.serviceLevelTarget,
          ...(simulation.maxAbandonmentRate === undefined
            ? {}
            : { maxAbandonmentRate: simulation.maxAbandonmentRate }),
        };
        const checkOn = (volume: VolumeForecast) =>
          checkCapacity(
            {
              forecast: volume,
              band: simulation.band ?? 'p50',
              pools: poolsFromStaffingPlan(staffing),
              handleTime,
              handleTimeByLanguage,
              targetSeconds: target.targetSeconds,
              ...(simulation.patience === undefined ? {} : { patience: simulation.patience }),
              ...(simulation.drainHours === undefined ? {} : { drainHours: simulation.drainHours }),
            },
            breakTarget,
            { random: createSeededRandom(seed), runs },
          );
        const baseline = checkOn(forecast);
        let crisis: { forecast: VolumeForecast; check: ReturnType<typeof checkCapacity> } | undefined;
        if (file.crisis !== undefined) {
          const crisisForecast = applyCrisisScenario(forecast, file.crisis as CrisisScenario);
          crisis = { forecast: crisisForecast, check: checkOn(crisisForecast) };
        }
        await emit(
          { forecast, staffing, check: baseline, ...(crisis === undefined ? {} : { crisis }) },
          flags.output,
        );
        const peak = Object.entries(staffing.peakAgents)
          .map(([language, agents]) => `${language} ${agents}`)
          .join(', ');
        console.error(
          `ombud plan staffing: ${staffing.hours.length} hours, peak agents ${peak}, ${staffing.totalAgentHours} agent-hours; ` +
            `simulated service level ${percent(baseline.simulation.totals.serviceLevel)} (${runs} runs)` +
            (crisis === undefined
              ? ''
              : `; crisis: ${crisis.check.breakingPoint.evidence[0] ?? 'nothing breaks'}`),
        );
      }),
  );
}

/** `ombud plan …`: capacity planning sub-commands (Erlang C, simulation, staffing). */
export const registerPlanCommand: CommandRegistration = (program) => {
  const plan = program
    .command('plan')
    .description('Capacity planning before launch: Erlang C, simulation, forecast and staffing');
  registerErlang(plan);
  registerSimulate(plan);
  registerStaffing(plan);
};
