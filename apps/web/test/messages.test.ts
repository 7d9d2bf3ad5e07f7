import { describe, expect, it } from 'vitest';
import { CATALOGUES, createTranslator, UI_LOCALES } from '../src/i18n/i18n.tsx';
import { en } from '../src/i18n/messages.en.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogues', () => {
  const reference = Object.keys(en).sort();

  it.each(UI_LOCALES)('%s has exactly the English keys', (locale) => {
    expect(Object.keys(CATALOGUES[locale]).sort()).toEqual(reference);
  });

  it.each(UI_LOCALES)('%s has no empty or untrimmed message', (locale) => {
    const bad = Object.entries(CATALOGUES[locale]).filter(
      ([, text]) => text.trim() === '' || text !== text.trim(),
    );
    expect(bad).toEqual([]);
  });

  it.each(UI_LOCALES)('%s uses the same placeholders as English in every message', (locale) => {
    const mismatched = reference.filter(
      (key) =>
        JSON.stringify(placeholders(CATALOGUES[locale][key as keyof typeof en])) !==
        JSON.stringify(placeholders(en[key as keyof typeof en])),
    );
    expect(mismatched).toEqual([]);
  });

  it.each(['es', 'sv'] as const)('%s translates the navigation and screen titles', (locale) => {
    const navigation = reference.filter((key) => key.startsWith('nav.') && key !== 'nav.team');
    const untranslated = navigation.filter(
      (key) => CATALOGUES[locale][key as keyof typeof en] === en[key as keyof typeof en],
    );
    expect(untranslated).toEqual([]);
  });
});

describe('translator', () => {
  it.each([
    ['en', 1, '1 campaign'],
    ['en', 1234, '1,234 campaigns'],
    ['es', 1, '1 campaña'],
    ['es', 1234, '1234 campañas'],
    ['sv', 2, '2 kampanjer'],
    ['sv', 12345, '12 345 kampanjer'],
  ] as const)('%s counts %d as "%s"', (locale, count, expected) => {
    // Swedish groups with a no-break space.
    expect(
      createTranslator(locale)
        .tn('overview.campaignCount', count)
        .replace(/\u00a0/g, ' '),
    ).toBe(expected);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const { t } = createTranslator('en');
    expect(t('form.passwordTooShort', { min: 10 })).toBe('Use at least 10 characters.');
    expect(t('form.passwordTooShort')).toBe('Use at least {min} characters.');
  });
});
