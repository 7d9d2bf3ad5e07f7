import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOmbud } from '../../../test/support/run-cli.ts';

const ombud = (...args: string[]) => runOmbud(args);

const erlangFlags = (agents: string) => [
  'plan',
  'erlang',
  '--arrivals-per-hour',
  '200',
  '--aht-seconds',
  '180',
  '--agents',
  agents,
  '--target-seconds',
  '20',
];

describe('ombud plan erlang', () => {
  it('prints the four Erlang C figures as JSON', async () => {
    const run = await ombud(...erlangFlags('14'));
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual([
      'probabilityOfWaiting',
      'serviceLevel',
      'averageSpeedOfAnswer',
      'occupancy',
    ]);
    expect(output.probabilityOfWaiting).toBeCloseTo(0.1741, 4);
    expect(output.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(output.averageSpeedOfAnswer).toBeCloseTo(7.836, 3);
    expect(output.occupancy).toBeCloseTo(0.7143, 4);
  });

  it('says so on stderr when the queue is unstable and prints a null wait', async () => {
    const run = await ombud(...erlangFlags('9'));
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      probabilityOfWaiting: 1,
      serviceLevel: 0,
      averageSpeedOfAnswer: null,
      occupancy: 1,
    });
    expect(run.stderr).toContain('grows without bound');
  });

  it.each([
    { flag: '--agents', args: erlangFlags('2.5') },
    { flag: '--agents', args: erlangFlags('0') },
    {
      flag: '--arrivals-per-hour',
      args: [
        'plan',
        'erlang',
        '--arrivals-per-hour',
        'many',
        '--aht-seconds',
        '1',
        '--agents',
        '1',
        '--target-seconds',
        '1',
      ],
    },
    {
      flag: '--aht-seconds',
      args: [
        'plan',
        'erlang',
        '--arrivals-per-hour',
        '1',
        '--aht-seconds',
        '0',
        '--agents',
        '1',
        '--target-seconds',
        '1',
      ],
    },
    {
      flag: '--target-seconds',
      args: ['plan', 'erlang', '--arrivals-per-hour', '1', '--aht-seconds', '1', '--agents', '1'],
    },
  ])('rejects a bad or missing $flag with exit code 2 and names it', async ({ flag, args }) => {
    const run = await ombud(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(flag);
  });
});

describe('ombud plan simulate', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ombud-plan-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints hourly results for a scenario file', async () => {
    const input = join(folder, 'scenario.json');
    writeFileSync(
      input,
      JSON.stringify({
        arrivalsPerHour: [{ en: 40, sv: 10 }, { en: 80, sv: 20 }, { en: 20 }],
        handleTime: { kind: 'exponential', meanSeconds: 240 },
        patience: { kind: 'exponential', meanSeconds: 1800 },
        pools: [
          { id: 'en', languages: ['en'], onDuty: 4 },
          { id: 'nordic', languages: ['sv', 'en'], onDuty: [1, 2, 1] },
        ],
        targetSeconds: 300,
        seed: 3,
        runs: 5,
      }),
    );
    const run = await ombud('plan', 'simulate', '--input', input);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.runs).toBe(5);
    expect(result.hours).toHaveLength(3);
    expect(result.hours[1].byLanguage.sv.arrivals).toBeGreaterThan(10);
    expect(result.hours[0].serviceLevel).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/3 hours, .* 5 run\(s\)/);
    // Same seed, same answer.
    expect((await ombud('plan', 'simulate', '--input', input)).stdout).toBe(run.stdout);
  });

  it('lists every problem in a bad scenario with its path and simulates nothing', async () => {
    const input = join(folder, 'bad.json');
    writeFileSync(
      input,
      JSON.stringify({
        arrivalsPerHour: [{ en: -5 }],
        handleTime: { kind: 'exponential', meanSeconds: 240 },
        pools: [{ id: 'en', languages: ['en'], onDuty: 1.5 }],
      }),
    );
    const run = await ombud('plan', 'simulate', '--input', input);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${input}: arrivalsPerHour.0.en`);
    expect(run.stderr).toContain(`${input}: pools.0.onDuty`);
    expect(run.stderr).toContain(`${input}: targetSeconds`);
  });

  it('fails with exit code 1 on an unreadable file', async () => {
    const run = await ombud('plan', 'simulate', '--input', join(folder, 'missing.json'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot read');
  });
});

describe('ombud plan staffing', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ombud-staffing-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('forecasts, staffs and shows what a Swedish crisis breaks first', async () => {
    const input = join(folder, 'plan.json');
    writeFileSync(
      input,
      JSON.stringify({
        campaign: {
          markets: [
            { market: 'SE', language: 'sv', reach: 200_000, utcOffsetHours: 1 },
            { market: 'MX', language: 'es', reach: 250_000, utcOffsetHours: -6 },
            { market: 'UK', language: 'en', reach: 400_000, utcOffsetHours: 0 },
          ],
          participationRate: { low: 0.01, expected: 0.02, high: 0.03 },
          replyRate: 0.25,
          durationHours: 48,
          launchUtcHourOfDay: 8,
        },
        target: {
          targetSeconds: 900,
          serviceLevelTarget: 0.8,
          maxOccupancy: 0.85,
          ahtSeconds: 240,
          band: 'p90',
        },
        simulation: { runs: 4 },
        crisis: { startHour: 30, negativeShare: 0.25, languages: ['sv'] },
      }),
    );
    const run = await ombud('plan', 'staffing', '--input', input);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.forecast.languages).toEqual(['sv', 'es', 'en']);
    expect(output.staffing.hours).toHaveLength(48);
    expect(output.staffing.peakAgents.sv).toBeGreaterThan(0);
    expect(output.check.simulation.totals.serviceLevel).toBeGreaterThan(0.8);
    expect(output.crisis.check.breakingPoint.firstBreak).toMatchObject({
      kind: 'service-level',
      language: 'sv',
    });
    expect(run.stderr).toContain('peak agents');
  });

  it('asks for exactly one of campaign or history', async () => {
    const input = join(folder, 'neither.json');
    writeFileSync(
      input,
      JSON.stringify({ target: { targetSeconds: 60, serviceLevelTarget: 0.8, ahtSeconds: 120 } }),
    );
    const run = await ombud('plan', 'staffing', '--input', input);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${input}: campaign: give exactly one of campaign or history`);
  });
});
