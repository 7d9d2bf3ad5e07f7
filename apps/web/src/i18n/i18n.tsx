import { uiLocaleSchema } from '@ombud/contract';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { z } from 'zod';
import { en, type MessageKey } from './messages.en.ts';
import { es } from './messages.es.ts';
import { sv } from './messages.sv.ts';

export type UiLocale = z.infer<typeof uiLocaleSchema>;
export const UI_LOCALES: readonly UiLocale[] = uiLocaleSchema.options;
export const CATALOGUES: Record<UiLocale, Record<MessageKey, string>> = { en, es, sv };

type PluralBase<K> = K extends `${infer Base}.one` ? Base : never;
/** Keys that have `.one` and `.other` forms. */
export type PluralKey = PluralBase<MessageKey>;
export type MessageVars = Record<string, string | number>;

export function isUiLocale(value: unknown): value is UiLocale {
  return uiLocaleSchema.safeParse(value).success;
}

/** Fills `{name}` placeholders; numbers are formatted in the locale. */
export function interpolate(template: string, vars: MessageVars | undefined, locale: UiLocale): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

export interface Translator {
  locale: UiLocale;
  t: (key: MessageKey, vars?: MessageVars) => string;
  /** Picks `<key>.one` or `<key>.other` by the locale's plural rules; `{count}` is the formatted count. */
  tn: (key: PluralKey, count: number, vars?: MessageVars) => string;
}

export function createTranslator(locale: UiLocale): Translator {
  const messages = CATALOGUES[locale];
  const plural = new Intl.PluralRules(locale);
  const t = (key: MessageKey, vars?: MessageVars) => interpolate(messages[key], vars, locale);
  const tn = (key: PluralKey, count: number, vars?: MessageVars) => {
    const form = plural.select(count) === 'one' ? 'one' : 'other';
    return t(`${key}.${form}` as MessageKey, { ...vars, count });
  };
  return { locale, t, tn };
}

const TranslatorContext = createContext<Translator>(createTranslator('en'));

export function I18nProvider(props: { locale: UiLocale; children: ReactNode }) {
  const translator = useMemo(() => createTranslator(props.locale), [props.locale]);
  return <TranslatorContext.Provider value={translator}>{props.children}</TranslatorContext.Provider>;
}

export function useI18n(): Translator {
  return useContext(TranslatorContext);
}
