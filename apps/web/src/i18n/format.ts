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
  };
  cache.set(locale, formatter);
  return formatter;
}
