import type { MessageKey } from '../i18n/messages.en.ts';

export type ScreenId =
  | 'overview'
  | 'mentions'
  | 'inbox'
  | 'crisis'
  | 'advocates'
  | 'listening'
  | 'privacy'
  | 'readiness'
  | 'settings-campaigns'
  | 'settings-team'
  | 'settings-reply-templates'
  | 'settings-api-keys'
  | 'settings-alerts'
  | 'settings-connectors';

/** Screens whose capability has not landed in the API yet: they say so and show no data. */
export type PendingScreenId = Extract<ScreenId, never>;

/** The pending screens today (the browser test visits each); remove an id when its screen lands. */
export const PENDING_SCREEN_IDS: readonly PendingScreenId[] = [];

export interface RouteEntry {
  id: ScreenId;
  path: string;
  label: MessageKey;
  group: 'monitor' | 'act' | 'settings';
}

export const ROUTES: readonly RouteEntry[] = [
  { id: 'overview', path: '/overview', label: 'nav.overview', group: 'monitor' },
  { id: 'mentions', path: '/mentions', label: 'nav.mentions', group: 'monitor' },
  { id: 'listening', path: '/listening', label: 'nav.listening', group: 'monitor' },
  { id: 'inbox', path: '/inbox', label: 'nav.inbox', group: 'act' },
  { id: 'crisis', path: '/crisis', label: 'nav.crisis', group: 'act' },
  { id: 'advocates', path: '/advocates', label: 'nav.advocates', group: 'act' },
  { id: 'readiness', path: '/readiness', label: 'nav.readiness', group: 'act' },
  { id: 'privacy', path: '/privacy', label: 'nav.privacy', group: 'settings' },
  { id: 'settings-campaigns', path: '/settings/campaigns', label: 'nav.campaigns', group: 'settings' },
  { id: 'settings-team', path: '/settings/team', label: 'nav.team', group: 'settings' },
  {
    id: 'settings-reply-templates',
    path: '/settings/reply-templates',
    label: 'replyTemplates.nav',
    group: 'settings',
  },
  { id: 'settings-api-keys', path: '/settings/api-keys', label: 'nav.apiKeys', group: 'settings' },
  { id: 'settings-alerts', path: '/settings/alerts', label: 'nav.alertChannels', group: 'settings' },
  { id: 'settings-connectors', path: '/settings/connectors', label: 'connectors.nav', group: 'settings' },
];

export const DEFAULT_PATH = '/overview';

/** The screen a path shows; `/` and unknown paths are undefined (the caller redirects or says not found). */
export function routeForPath(path: string): RouteEntry | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return ROUTES.find((route) => route.path === normalised);
}
