import type { ReactNode } from 'react';
import { useI18n, type UiLocale } from '../i18n/i18n.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';

/** The frame around first-run and sign-in: brand, language and one centred form. */
export function AuthLayout(props: { children: ReactNode; onLocaleChange: (locale: UiLocale) => void }) {
  const { t } = useI18n();
  return (
    <div className="auth-layout">
      <header className="auth-header">
        <span className="brand">{t('app.name')}</span>
        <LanguageSwitcher onChange={props.onLocaleChange} />
      </header>
      <main className="auth-main" id="main">
        {props.children}
      </main>
    </div>
  );
}
