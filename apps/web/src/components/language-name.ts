import type { Translator } from '../i18n/i18n.tsx';
import { formatterFor } from '../i18n/format.ts';

/** A language code as a name in the user's language (`sv` → "Swedish", "sueco", "svenska"). */
export function languageName(translator: Translator, code: string | null): string {
  if (!code || code === 'und') return translator.t('language.undetermined');
  return formatterFor(translator.locale).language(code) ?? code;
}
