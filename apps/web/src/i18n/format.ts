import type { UiLocale } from './i18n.tsx';

/** Formatting in the user's language; one instance per locale. */
export interface Formatter {
  number: (value: number) => string;
  percent: (share: number) => string;
  /** A model score such as 0.73, with two decimals. */
  score: (value: number) => string;
  dateTime: (iso: string) => string;
  /** A calendar day `YYYY-MM-DD` (not an instant). */
  day: (day: string, style?: 'short' | 'long') => string;
  language: (code: string) => string | undefined;
  /**
   * A span of minutes in its two largest units: "45 minutes", "3 hours, 20 minutes",
   * "10 days, 4 hours" (what an SLA is over by reads badly as "14,652 minutes").
   */
  duration: (minutes: number) => string;
}

const cache = new Map<UiLocale, Formatter>();

export function formatterFor(locale: UiLocale): Formatter {
  const cached = cache.get(locale);
  if (cached) return cached;
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const score = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const longDay = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const languages = new Intl.DisplayNames(locale, { type: 'language', fallback: 'none' });
  const unit = (name: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' });
  const units = { day: unit('day'), hour: unit('hour'), minute: unit('minute') };
  const unitList = new Intl.ListFormat(locale, { type: 'unit', style: 'long' });
  const formatter: Formatter = {
    number: (value) => number.format(value),
    percent: (share) => percent.format(share),
    score: (value) => score.format(value),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    day: (day, style = 'short') =>
      (style === 'short' ? shortDay : longDay).format(new Date(`${day}T00:00:00Z`)),
    language: (code) => {
      try {
        return languages.of(code);
      } catch {
        return undefined;
      }
    },
    duration: (minutes) => {
      const total = Math.max(0, Math.round(minutes));
      if (total < 60) return units.minute.format(total);
      const [large, small, per] =
        total < 24 * 60 ? (['hour', 'minute', 60] as const) : (['day', 'hour', 24] as const);
      const inSmall = large === 'hour' ? total : Math.round(total / 60);
      const whole = Math.floor(inSmall / per);
      const rest = inSmall % per;
      const parts = [units[large].format(whole)];
      if (rest > 0) parts.push(units[small].format(rest));
      return unitList.format(parts);
    },
  };
  cache.set(locale, formatter);
  return formatter;
}
