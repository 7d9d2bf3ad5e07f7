import type { DemoRandom } from './demo-random.ts';

export type DemoMarket = 'US' | 'GB' | 'ES' | 'SE';

export const MARKET_TIME_ZONES: Readonly<Record<DemoMarket, string>> = {
  US: 'America/New_York',
  GB: 'Europe/London',
  ES: 'Europe/Madrid',
  SE: 'Europe/Stockholm',
};

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Relative activity by local hour: night trough, lunch bump, evening peak. */
const DIURNAL: readonly number[] = [
  0.34, 0.22, 0.14, 0.1, 0.1, 0.16, 0.32, 0.58, 0.8, 0.9, 0.95, 1.0, 1.08, 1.02, 0.95, 0.94, 0.98, 1.08, 1.24,
  1.4, 1.56, 1.62, 1.3, 0.78,
];
/** Relative activity by local weekday, Sunday first: quieter Saturday, busy Monday and Sunday evening. */
const WEEKLY: readonly number[] = [0.95, 1.08, 1.04, 1.0, 1.02, 0.92, 0.78];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at `utcMs`, in minutes (Madrid in summer: +120). */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(utcMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/** The UTC instant of `hour`:00 local time in `timeZone` on the local calendar day containing `utcMs`. */
export function localHourOnDay(timeZone: string, utcMs: number, hour: number): number {
  const offset = zoneOffsetMinutes(timeZone, utcMs);
  const local = utcMs + offset * MINUTE_MS;
  const localMidnight = Math.floor(local / DAY_MS) * DAY_MS;
  const guess = localMidnight + hour * HOUR_MS - offset * MINUTE_MS;
  // Re-read the offset at the target time in case a DST change lies between.
  return localMidnight + hour * HOUR_MS - zoneOffsetMinutes(timeZone, guess) * MINUTE_MS;
}

/**
 * A minute-resolution window [startMs, startMs + minutes) with, per market, the local
 * seasonality weight of each minute. Built once per stream; sampling is a binary search.
 */
export class DemoTimeline {
  readonly startMs: number;
  readonly endMs: number;
  readonly minutes: number;
  private readonly seasonal: Record<DemoMarket, Float64Array>;
  private readonly baselineCumulative: Record<DemoMarket, Float64Array>;

  constructor(startMs: number, days: number) {
    this.startMs = startMs;
    this.minutes = Math.round(days * 24 * 60);
    this.endMs = startMs + this.minutes * MINUTE_MS;
    const seasonal = {} as Record<DemoMarket, Float64Array>;
    const cumulative = {} as Record<DemoMarket, Float64Array>;
    for (const market of Object.keys(MARKET_TIME_ZONES) as DemoMarket[]) {
      const zone = MARKET_TIME_ZONES[market];
      const weights = new Float64Array(this.minutes);
      let offsetHour = -1;
      let offset = 0;
      for (let m = 0; m < this.minutes; m++) {
        const utc = startMs + m * MINUTE_MS;
        const hourIndex = Math.floor(utc / HOUR_MS);
        // Every zone here changes offset on a whole UTC hour, so one lookup per hour suffices.
        if (hourIndex !== offsetHour) {
          offsetHour = hourIndex;
          offset = zoneOffsetMinutes(zone, utc);
        }
        const local = utc + offset * MINUTE_MS;
        const localHour = Math.floor(local / HOUR_MS) % 24;
        const localMinute = Math.floor(local / MINUTE_MS) % 60;
        const weekday = (Math.floor(local / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday
        // Interpolate between hours so the curve has no steps at the top of each hour.
        const h0 = DIURNAL[localHour] ?? 1;
        const h1 = DIURNAL[(localHour + 1) % 24] ?? 1;
        weights[m] = (h0 + ((h1 - h0) * localMinute) / 60) * (WEEKLY[weekday] ?? 1);
      }
      seasonal[market] = weights;
      cumulative[market] = cumulate(weights, () => 1);
    }
    this.seasonal = seasonal;
    this.baselineCumulative = cumulative;
  }

  /** Seasonal weight (local time of day × day of week) of the minute containing `utcMs`. */
  seasonalWeight(market: DemoMarket, utcMs: number): number {
    const m = Math.floor((utcMs - this.startMs) / MINUTE_MS);
    return this.seasonal[market][m] ?? 0;
  }

  /** A time drawn from the market's ordinary daily and weekly rhythm. */
  sampleBaseline(rng: DemoRandom, market: DemoMarket): number {
    return this.sampleFrom(rng, this.baselineCumulative[market]);
  }

  /**
   * Builds a sampler for an event: weight per minute = kernel(minutes since `fromMs`)
   * × (1 − seasonality + seasonality × local rhythm). Returns null when the window holds none of it.
   */
  eventSampler(
    market: DemoMarket,
    fromMs: number,
    kernel: (minutesSince: number) => number,
    seasonality: number,
  ): ((rng: DemoRandom) => number) | null {
    const seasonal = this.seasonal[market];
    const fromMinute = (fromMs - this.startMs) / MINUTE_MS;
    const cumulative = cumulate(seasonal, (m, w) => {
      const since = m - fromMinute;
      if (since < 0) return 0;
      return kernel(since) * (1 - seasonality + seasonality * w);
    });
    if ((cumulative[cumulative.length - 1] ?? 0) <= 0) return null;
    return (rng) => this.sampleFrom(rng, cumulative, fromMs);
  }

  private sampleFrom(rng: DemoRandom, cumulative: Float64Array, notBeforeMs = this.startMs): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const u = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    const t = this.startMs + lo * MINUTE_MS + Math.floor(rng.next() * MINUTE_MS);
    return Math.min(this.endMs - 1, Math.max(notBeforeMs, t));
  }
}

function cumulate(
  weights: Float64Array,
  weightOf: (minute: number, seasonal: number) => number,
): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let m = 0; m < weights.length; m++) {
    sum += weightOf(m, weights[m] ?? 0);
    out[m] = sum;
  }
  return out;
}
