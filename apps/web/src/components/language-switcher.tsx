import { useId } from 'react';
import { UI_LOCALES, useI18n, type UiLocale } from '../i18n/i18n.tsx';

// Each language is named in itself, so anyone can find their own whatever the current language.
const ENDONYMS: Record<UiLocale, string> = { en: 'English', es: 'Español', sv: 'Svenska' };

export function LanguageSwitcher(props: { onChange: (locale: UiLocale) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('header.language')}</label>
      <select id={id} value={locale} onChange={(event) => props.onChange(event.target.value as UiLocale)}>
        {UI_LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {ENDONYMS[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
