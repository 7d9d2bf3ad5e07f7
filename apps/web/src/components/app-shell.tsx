import type { Me } from '@ombud/contract';
import type { MouseEvent, ReactNode } from 'react';
import { useI18n, type UiLocale } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.en.ts';
import { ROUTES, type RouteEntry } from '../routing/routes.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { UnreadAlertsBadge } from '../screens/inbox/unread-alerts.tsx';

const GROUPS: readonly { id: RouteEntry['group']; label: MessageKey }[] = [
  { id: 'monitor', label: 'nav.group.monitor' },
  { id: 'act', label: 'nav.group.act' },
  { id: 'settings', label: 'nav.group.settings' },
];

/** Header, navigation and the main landmark around every signed-in screen. */
export function AppShell(props: {
  me: Me;
  path: string;
  navigate: (path: string) => void;
  onLocaleChange: (locale: UiLocale) => void;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const follow = (event: MouseEvent<HTMLAnchorElement>, path: string) => {
    // Let the browser handle new-tab and download clicks.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    props.navigate(path);
  };
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <a className="brand" href="/overview" onClick={(event) => follow(event, '/overview')}>
          {t('app.name')}
        </a>
        <div className="header-tools">
          <UnreadAlertsBadge />
          <LanguageSwitcher onChange={props.onLocaleChange} />
          <span className="who">
            <span className="who-name">{props.me.displayName}</span>
            <span className="who-role">{t(`role.${props.me.role}`)}</span>
          </span>
          <button type="button" className="button quiet" onClick={props.onSignOut}>
            {t('header.signOut')}
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label={t('nav.label')}>
        {GROUPS.map((group) => (
          <div className="nav-group" key={group.id}>
            <h2 className="nav-group-title">{t(group.label)}</h2>
            <ul>
              {ROUTES.filter((route) => route.group === group.id).map((route) => (
                <li key={route.id}>
                  <a
                    href={route.path}
                    aria-current={props.path === route.path ? 'page' : undefined}
                    onClick={(event) => follow(event, route.path)}
                  >
                    {t(route.label)}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main className="app-main" id="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
