import type { Me } from '@ombud/contract';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, SESSION_ENDED_EVENT } from './api/api-client.ts';
import { AppShell } from './components/app-shell.tsx';
import { AuthLayout } from './components/auth-layout.tsx';
import { errorText } from './components/error-text.ts';
import { ScreenHeading } from './components/screen-heading.tsx';
import { I18nProvider, createTranslator, useI18n, type UiLocale } from './i18n/i18n.tsx';
import { initialLocale, localeForUser, rememberLocale } from './i18n/locale-preference.ts';
import { DEFAULT_PATH, routeForPath, type ScreenId } from './routing/routes.ts';
import { useLocationPath } from './routing/use-location.ts';
import { ApiKeysSettingsScreen } from './screens/api-keys-settings.screen.tsx';
import { CampaignsSettingsScreen } from './screens/campaigns/campaigns-settings.screen.tsx';
import { FirstRunScreen } from './screens/first-run.screen.tsx';
import { MentionsScreen } from './screens/mentions.screen.tsx';
import { OverviewScreen } from './screens/overview.screen.tsx';
import { SignInScreen } from './screens/sign-in.screen.tsx';
import { TeamSettingsScreen } from './screens/team/team-settings.screen.tsx';
import { ReplyTemplatesScreen } from './screens/reply-templates/reply-templates.screen.tsx';
import { InboxScreen } from './screens/inbox/inbox.screen.tsx';
import { CrisisScreen } from './screens/crisis/crisis.screen.tsx';
import { AdvocatesScreen } from './screens/advocates/advocates.screen.tsx';
import { ListeningScreen } from './screens/listening/listening.screen.tsx';
import { PrivacyScreen } from './screens/privacy/privacy.screen.tsx';
import { ReadinessScreen } from './screens/readiness/readiness.screen.tsx';
import { AlertsSettingsScreen } from './screens/alerts/alerts-settings.screen.tsx';
import { ConnectorsSettingsScreen } from './screens/connectors/connectors-settings.screen.tsx';

type Session =
  | { state: 'loading' }
  | { state: 'first-run' }
  | { state: 'signed-out' }
  | { state: 'signed-in'; me: Me }
  | { state: 'failed'; error: unknown };

async function loadSession(): Promise<Session> {
  const [setup, me] = await Promise.all([
    api.setupStatus(),
    api.me().catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }),
  ]);
  if (me) return { state: 'signed-in', me };
  return setup.firstRun ? { state: 'first-run' } : { state: 'signed-out' };
}

export function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [locale, setLocale] = useState<UiLocale>(initialLocale);
  const [path, navigate] = useLocationPath();

  useEffect(() => {
    loadSession().then(
      (loaded) => {
        if (loaded.state === 'signed-in') setLocale(localeForUser(loaded.me.id, loaded.me.locale));
        setSession(loaded);
      },
      (error: unknown) => setSession({ state: 'failed', error }),
    );
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    const ended = () => setSession({ state: 'signed-out' });
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, []);

  const userId = session.state === 'signed-in' ? session.me.id : undefined;
  const changeLocale = useCallback(
    (next: UiLocale) => {
      rememberLocale(next, userId);
      setLocale(next);
    },
    [userId],
  );

  const signedIn = useCallback(
    (me: Me) => {
      setLocale(localeForUser(me.id, me.locale));
      setSession({ state: 'signed-in', me });
      if (!routeForPath(window.location.pathname)) navigate(DEFAULT_PATH, { replace: true });
    },
    [navigate],
  );

  const signOut = useCallback(() => {
    api.logout().then(
      () => setSession({ state: 'signed-out' }),
      () => setSession({ state: 'signed-out' }),
    );
  }, []);

  useEffect(() => {
    if (session.state === 'signed-in' && path === '/') navigate(DEFAULT_PATH, { replace: true });
  }, [session.state, path, navigate]);

  return (
    <I18nProvider locale={locale}>
      {session.state === 'loading' ? (
        <Loading />
      ) : session.state === 'failed' ? (
        <AuthLayout onLocaleChange={changeLocale}>
          <p className="form-error" role="alert">
            {errorText(createTranslator(locale), session.error)}
          </p>
        </AuthLayout>
      ) : session.state === 'first-run' ? (
        <AuthLayout onLocaleChange={changeLocale}>
          <FirstRunScreen onSignedIn={signedIn} />
        </AuthLayout>
      ) : session.state === 'signed-out' ? (
        <AuthLayout onLocaleChange={changeLocale}>
          <SignInScreen onSignedIn={signedIn} />
        </AuthLayout>
      ) : (
        <AppShell
          me={session.me}
          path={path}
          navigate={navigate}
          onLocaleChange={changeLocale}
          onSignOut={signOut}
        >
          <Screen key={path} id={routeForPath(path)?.id} me={session.me} />
        </AppShell>
      )}
    </I18nProvider>
  );
}

function Loading() {
  const { t } = useI18n();
  return (
    <main className="boot" id="main">
      <p role="status">{t('common.loading')}</p>
    </main>
  );
}

function Screen(props: { id: ScreenId | undefined; me: Me }) {
  const { t } = useI18n();
  switch (props.id) {
    case undefined:
      return (
        <div className="screen">
          <ScreenHeading title={t('notFound.title')} />
          <p>{t('notFound.body')}</p>
        </div>
      );
    case 'overview':
      return <OverviewScreen />;
    case 'mentions':
      return <MentionsScreen />;
    case 'settings-campaigns':
      return <CampaignsSettingsScreen me={props.me} />;
    case 'settings-team':
      return <TeamSettingsScreen me={props.me} />;
    case 'settings-reply-templates':
      return <ReplyTemplatesScreen me={props.me} />;
    case 'settings-api-keys':
      return <ApiKeysSettingsScreen me={props.me} />;
    case 'settings-alerts':
      return <AlertsSettingsScreen />;
    case 'settings-connectors':
      return <ConnectorsSettingsScreen me={props.me} />;
    case 'inbox':
      return <InboxScreen />;
    case 'crisis':
      return <CrisisScreen />;
    case 'advocates':
      return <AdvocatesScreen />;
    case 'listening':
      return <ListeningScreen />;
    case 'privacy':
      return <PrivacyScreen />;
    case 'readiness':
      return <ReadinessScreen />;
  }
}
