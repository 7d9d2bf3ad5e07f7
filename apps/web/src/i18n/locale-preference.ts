import { isUiLocale, type UiLocale } from './i18n.tsx';

// There is no API to save a user's language yet, so a choice made in the header is kept in this
// browser, per user; the user's stored `locale` applies until they choose.
const GLOBAL_KEY = 'ombud.locale';
const userKey = (userId: string) => `ombud.locale.${userId}`;

function read(key: string): UiLocale | undefined {
  try {
    const value = localStorage.getItem(key);
    return isUiLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The language before anyone signs in: the last one chosen here, else the browser's. */
export function initialLocale(): UiLocale {
  const stored = read(GLOBAL_KEY);
  if (stored) return stored;
  for (const tag of navigator.languages) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isUiLocale(base)) return base;
  }
  return 'en';
}

/** The language for a signed-in user: their choice in this browser, else their profile's. */
export function localeForUser(userId: string, profileLocale: string): UiLocale {
  return read(userKey(userId)) ?? (isUiLocale(profileLocale) ? profileLocale : initialLocale());
}

export function rememberLocale(locale: UiLocale, userId: string | undefined): void {
  try {
    localStorage.setItem(GLOBAL_KEY, locale);
    if (userId) localStorage.setItem(userKey(userId), locale);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this page only.
  }
}
