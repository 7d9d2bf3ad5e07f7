/** A planning figure given either as one number or as a range: `low` and `high` are the 10th and 90th percentiles. */
export type Estimate = number | { readonly low: number; readonly expected: number; readonly high: number };

/** Expected arrivals in one hour: median and the 80 % band around it. */
export interface ArrivalBand {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
}

export type BandName = keyof ArrivalBand;

export interface ForecastHour {
  /** Hours since launch (0 = the launch hour). */
  readonly hour: number;
  readonly utcHourOfDay: number;
  readonly arrivals: Readonly<Record<string, ArrivalBand>>;
}

/** Hourly arrivals per language with an uncertainty band, and how they were derived. */
export interface VolumeForecast {
  readonly languages: readonly string[];
  readonly hours: readonly ForecastHour[];
  readonly totals: Readonly<Record<string, ArrivalBand>>;
  /** The assumptions and figures behind the numbers, one sentence each. */
  readonly evidence: readonly string[];
}

/** One market the campaign reaches. */
export interface MarketAudience {
  /** Market label, e.g. `SE` or `ES-MX`. */
  readonly market: string;
  /** Language the market's posts arrive in. */
  readonly language: string;
  /** People in this market who will see the campaign. */
  readonly reach: Estimate;
  /** Local time = UTC + offset (e.g. 1 for Stockholm in winter, -6 for Mexico City). */
  readonly utcOffsetHours: number;
  /** Market-specific participation rate, overriding the campaign's. */
  readonly participationRate?: Estimate;
  /** Market-specific reply rate, overriding the campaign's. */
  readonly replyRate?: Estimate;
}

export interface CampaignForecastInput {
  readonly markets: readonly MarketAudience[];
  /** Share of the reached audience who post about or mention the campaign during its run. */
  readonly participationRate: Estimate;
  /** Share of those posts that need a handled reply (become inbox items). */
  readonly replyRate: Estimate;
  readonly durationHours: number;
  /** UTC hour of day of the launch hour (0..23). */
  readonly launchUtcHourOfDay: number;
  /** 24 relative weights by local hour of day; default {@link DEFAULT_DAILY_PROFILE}. */
  readonly dailyProfile?: readonly number[];
  /** Launch-day surge: the first hours run `multiplier` × the usual rate, fading with an e-folding time of `decayHours`. */
  readonly launchPeak?: { readonly multiplier: number; readonly decayHours: number };
  /** Interest halves every this many hours after launch; omit for a flat campaign. */
  readonly interestHalfLifeHours?: number;
}

/**
 * A typical social-media day by local hour (quiet 01–05, rising through the morning, an evening
 * high around 19–21). Illustrative, not fitted to Ombud data: replace it with a past campaign's own
 * profile (see {@link forecastFromHistory}) when one exists.
 */
export const DEFAULT_DAILY_PROFILE: readonly number[] = [
  0.35, 0.25, 0.18, 0.14, 0.14, 0.2, 0.4, 0.7, 0.95, 1.05, 1.1, 1.15, 1.2, 1.15, 1.1, 1.05, 1.05, 1.1, 1.2,
  1.3, 1.35, 1.25, 0.95, 0.6,
];

export const DEFAULT_LAUNCH_PEAK = { multiplier: 3, decayHours: 12 } as const;

/** 90th percentile of the standard normal: turns a p10/p90 range into a log-normal spread. */
const Z90 = 1.2815515655446004;

interface LogSpread {
  /** Log-normal sigma below and above the median (a split log-normal allows asymmetric ranges). */
  readonly down: number;
  readonly up: number;
}

function estimateProblems(name: string, estimate: Estimate, allowZero: boolean): string[] {
  if (typeof estimate === 'number') {
    return Number.isFinite(estimate) && (estimate > 0 || (allowZero && estimate === 0))
      ? []
      : [`${name} must be a number ${allowZero ? '≥ 0' : '> 0'}, got ${estimate}`];
  }
  const { low, expected, high } = estimate;
  if (![low, expected, high].every((v) => Number.isFinite(v) && v > 0)) {
    return [`${name} low/expected/high must be numbers > 0`];
  }
  return low <= expected && expected <= high ? [] : [`${name} must satisfy low ≤ expected ≤ high`];
}

function expectedOf(estimate: Estimate): number {
  return typeof estimate === 'number' ? estimate : estimate.expected;
}

function spreadOf(estimate: Estimate): LogSpread {
  if (typeof estimate === 'number') return { down: 0, up: 0 };
  return {
    down: Math.log(estimate.expected / estimate.low) / Z90,
    up: Math.log(estimate.high / estimate.expected) / Z90,
  };
}

/** Independent log-normal factors multiply, so their log-variances add. */
function combineSpreads(spreads: readonly LogSpread[]): LogSpread {
  return {
    down: Math.sqrt(spreads.reduce((sum, s) => sum + s.down ** 2, 0)),
    up: Math.sqrt(spreads.reduce((sum, s) => sum + s.up ** 2, 0)),
  };
}

function band(median: number, spread: LogSpread): ArrivalBand {
  return { p10: median * Math.exp(-Z90 * spread.down), p50: median, p90: median * Math.exp(Z90 * spread.up) };
}

function addBands(a: ArrivalBand | undefined, b: ArrivalBand): ArrivalBand {
  return a === undefined ? b : { p10: a.p10 + b.p10, p50: a.p50 + b.p50, p90: a.p90 + b.p90 };
}

const modulo24 = (value: number): number => ((Math.round(value) % 24) + 24) % 24;

function formatEstimate(estimate: Estimate): string {
  return typeof estimate === 'number'
    ? String(estimate)
    : `${estimate.expected} (p10 ${estimate.low}, p90 ${estimate.high})`;
}

/** Lists every problem in a campaign forecast input, each naming its field. */
export function campaignForecastProblems(input: CampaignForecastInput): string[] {
  const problems: string[] = [];
  if (input.markets.length === 0) problems.push('markets must list at least one market');
  input.markets.forEach((market, index) => {
    problems.push(...estimateProblems(`markets[${index}].reach`, market.reach, true));
    if (!Number.isFinite(market.utcOffsetHours) || Math.abs(market.utcOffsetHours) > 14) {
      problems.push(`markets[${index}].utcOffsetHours must be between -14 and 14`);
    }
    if (market.language.trim() === '') problems.push(`markets[${index}].language must not be empty`);
    if (market.participationRate !== undefined) {
      problems.push(
        ...estimateProblems(`markets[${index}].participationRate`, market.participationRate, true),
      );
    }
    if (market.replyRate !== undefined) {
      problems.push(...estimateProblems(`markets[${index}].replyRate`, market.replyRate, true));
    }
  });
  problems.push(...estimateProblems('participationRate', input.participationRate, true));
  problems.push(...estimateProblems('replyRate', input.replyRate, true));
  if (!Number.isInteger(input.durationHours) || input.durationHours < 1) {
    problems.push(`durationHours must be a whole number ≥ 1, got ${input.durationHours}`);
  }
  if (
    !Number.isInteger(input.launchUtcHourOfDay) ||
    input.launchUtcHourOfDay < 0 ||
    input.launchUtcHourOfDay > 23
  ) {
    problems.push(`launchUtcHourOfDay must be a whole number 0..23, got ${input.launchUtcHourOfDay}`);
  }
  const profile = input.dailyProfile;
  if (profile !== undefined) {
    if (profile.length !== 24) problems.push(`dailyProfile must have 24 values, got ${profile.length}`);
    if (profile.some((v) => !Number.isFinite(v) || v < 0) || profile.every((v) => v === 0)) {
      problems.push('dailyProfile values must be ≥ 0 and not all zero');
    }
  }
  const peak = input.launchPeak;
  if (peak !== undefined && (!(peak.multiplier >= 1) || !(peak.decayHours > 0))) {
    problems.push('launchPeak needs multiplier ≥ 1 and decayHours > 0');
  }
  if (input.interestHalfLifeHours !== undefined && !(input.interestHalfLifeHours > 0)) {
    problems.push('interestHalfLifeHours must be > 0');
  }
  return problems;
}

/**
 * Hourly inbox arrivals per language from campaign parameters. Each market expects
 * reach × participation × reply items over the campaign, spread over its hours by the local daily
 * profile, a fading launch peak and optional interest decay. The band treats reach, participation
 * and reply rate as independent split-log-normal factors whose stated low/high are their p10/p90
 * (log-spreads add in quadrature); markets of one language are summed band by band, i.e. assumed to
 * move together, which keeps the band on the cautious side. Per-hour Poisson noise is not in the
 * band: the simulation adds it.
 */
export function forecastFromCampaign(input: CampaignForecastInput): VolumeForecast {
  const problems = campaignForecastProblems(input);
  if (problems.length > 0) throw new RangeError(`invalid campaign forecast input: ${problems.join('; ')}`);

  const profile = input.dailyProfile ?? DEFAULT_DAILY_PROFILE;
  const peak = input.launchPeak ?? DEFAULT_LAUNCH_PEAK;
  const halfLife = input.interestHalfLifeHours ?? Number.POSITIVE_INFINITY;
  const languages = [...new Set(input.markets.map((market) => market.language))];
  const perHour: Record<string, ArrivalBand>[] = Array.from({ length: input.durationHours }, () => ({}));
  const evidence: string[] = [];

  for (const market of input.markets) {
    const participation = market.participationRate ?? input.participationRate;
    const reply = market.replyRate ?? input.replyRate;
    const total = expectedOf(market.reach) * expectedOf(participation) * expectedOf(reply);
    const spread = combineSpreads([spreadOf(market.reach), spreadOf(participation), spreadOf(reply)]);
    const weights = Array.from({ length: input.durationHours }, (_, hour) => {
      const localHour = modulo24(input.launchUtcHourOfDay + hour + market.utcOffsetHours);
      const surge = 1 + (peak.multiplier - 1) * Math.exp(-hour / peak.decayHours);
      return profile[localHour]! * surge * 0.5 ** (hour / halfLife);
    });
    const weightSum = weights.reduce((sum, w) => sum + w, 0);
    weights.forEach((weight, hour) => {
      const median = weightSum > 0 ? (total * weight) / weightSum : 0;
      const row = perHour[hour]!;
      row[market.language] = addBands(row[market.language], band(median, spread));
    });
    evidence.push(
      `${market.market} (${market.language}): reach ${formatEstimate(market.reach)} × participation ` +
        `${formatEstimate(participation)} × reply rate ${formatEstimate(reply)} = ${total.toFixed(0)} items expected, ` +
        `local time UTC${market.utcOffsetHours >= 0 ? '+' : ''}${market.utcOffsetHours}`,
    );
  }
  evidence.push(
    `launch peak ×${peak.multiplier} fading over ~${peak.decayHours} h; ` +
      (Number.isFinite(halfLife) ? `interest halves every ${halfLife} h; ` : 'no interest decay; ') +
      (input.dailyProfile === undefined ? 'default daily profile (illustrative)' : 'daily profile supplied'),
    'band: p10/p90 from the stated low/high of reach, participation and reply rate as independent log-normal factors; markets of one language summed band by band',
  );

  return assembleForecast(languages, perHour, input.launchUtcHourOfDay, evidence);
}

export interface HistoryForecastInput {
  /** Hourly item counts per language of a past campaign, hour 0 being its launch hour. */
  readonly history: readonly Readonly<Record<string, number>>[];
  /** Multiplier from the past campaign to this one (e.g. new reach ÷ old reach), overall or per language. */
  readonly scale: number | Readonly<Record<string, number>>;
  readonly launchUtcHourOfDay: number;
  /** Centred moving average over this many hours (odd) to take out the past campaign's own noise; default 1 (none). */
  readonly smoothingHours?: number;
  /** p10 and p90 as multiples of the median; default 0.67 and 1.5. */
  readonly spread?: { readonly low: number; readonly high: number };
}

/** Hourly arrivals per language shaped like a past campaign's history, scaled, with a multiplicative band. */
export function forecastFromHistory(input: HistoryForecastInput): VolumeForecast {
  const problems: string[] = [];
  if (input.history.length === 0) problems.push('history must have at least one hour');
  input.history.forEach((hour, index) => {
    for (const [language, count] of Object.entries(hour)) {
      if (!Number.isFinite(count) || count < 0) problems.push(`history[${index}].${language} must be ≥ 0`);
    }
  });
  const scales = typeof input.scale === 'number' ? { '*': input.scale } : input.scale;
  for (const [language, value] of Object.entries(scales)) {
    if (!Number.isFinite(value) || value < 0)
      problems.push(`scale${language === '*' ? '' : `.${language}`} must be ≥ 0`);
  }
  const smoothing = input.smoothingHours ?? 1;
  if (!Number.isInteger(smoothing) || smoothing < 1 || smoothing % 2 === 0) {
    problems.push('smoothingHours must be an odd whole number ≥ 1');
  }
  const spread = input.spread ?? { low: 0.67, high: 1.5 };
  if (!(spread.low > 0 && spread.low <= 1 && spread.high >= 1))
    problems.push('spread needs 0 < low ≤ 1 ≤ high');
  if (
    !Number.isInteger(input.launchUtcHourOfDay) ||
    input.launchUtcHourOfDay < 0 ||
    input.launchUtcHourOfDay > 23
  ) {
    problems.push('launchUtcHourOfDay must be a whole number 0..23');
  }
  if (problems.length > 0) throw new RangeError(`invalid history forecast input: ${problems.join('; ')}`);

  const languages = [...new Set(input.history.flatMap((hour) => Object.keys(hour)))];
  const half = (smoothing - 1) / 2;
  const scaleFor = (language: string): number =>
    typeof input.scale === 'number' ? input.scale : (input.scale[language] ?? 1);
  const perHour = input.history.map((_, hour) => {
    const row: Record<string, ArrivalBand> = {};
    for (const language of languages) {
      let sum = 0;
      let count = 0;
      for (let k = Math.max(0, hour - half); k <= Math.min(input.history.length - 1, hour + half); k++) {
        sum += input.history[k]![language] ?? 0;
        count += 1;
      }
      const median = (sum / count) * scaleFor(language);
      row[language] = { p10: median * spread.low, p50: median, p90: median * spread.high };
    }
    return row;
  });
  const evidence = [
    `shape of a past campaign: ${input.history.length} hours from its launch, ` +
      (typeof input.scale === 'number'
        ? `scaled ×${input.scale}`
        : `scaled per language (${Object.entries(input.scale)
            .map(([l, s]) => `${l} ×${s}`)
            .join(', ')})`) +
      (smoothing > 1 ? `, ${smoothing}-hour moving average` : ''),
    `band: p10 = ×${spread.low}, p90 = ×${spread.high} of the median`,
    'the past campaign is aligned by hours since launch; a different launch hour of day shifts its daily rhythm',
  ];
  return assembleForecast(languages, perHour, input.launchUtcHourOfDay, evidence);
}

function assembleForecast(
  languages: readonly string[],
  perHour: readonly Record<string, ArrivalBand>[],
  launchUtcHourOfDay: number,
  evidence: readonly string[],
): VolumeForecast {
  const totals: Record<string, ArrivalBand> = {};
  const hours = perHour.map((row, hour) => {
    const arrivals: Record<string, ArrivalBand> = {};
    for (const language of languages) {
      const value = row[language] ?? { p10: 0, p50: 0, p90: 0 };
      arrivals[language] = value;
      totals[language] = addBands(totals[language], value);
    }
    return { hour, utcHourOfDay: modulo24(launchUtcHourOfDay + hour), arrivals };
  });
  return { languages, hours, totals, evidence };
}

/** The arrivals of one band per hour, ready for {@link simulateCapacity}'s `arrivalsPerHour`. */
export function forecastArrivals(forecast: VolumeForecast, bandName: BandName): Record<string, number>[] {
  return forecast.hours.map((hour) => {
    const row: Record<string, number> = {};
    for (const language of forecast.languages) row[language] = hour.arrivals[language]?.[bandName] ?? 0;
    return row;
  });
}
