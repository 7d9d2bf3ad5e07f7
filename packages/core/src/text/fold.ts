/** Lower-cases and strips diacritics so `#MinBerättelse`, `#minberattelse` and `#MINBERÄTTELSE` compare equal. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}
