import type { PersonalDataFinding } from './personal-data.types.ts';

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;
// What every address has: "@", a domain's first letter or digit, then ".xx". Most "@" in posts are
// mentions ("@brand thanks"): this rules them out without trying EMAIL at every position.
const AT_DOMAIN = /@[\p{L}\p{N}][\p{L}\p{N}.-]*\.\p{L}{2}/u;

/** Finds e-mail addresses (local@domain.tld, international letters allowed). */
export function detectEmails(text: string): PersonalDataFinding[] {
  if (!text.includes('@') || !AT_DOMAIN.test(text)) return [];
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(EMAIL)) {
    found.push({
      type: 'EMAIL',
      start: m.index,
      end: m.index + m[0].length,
      confidence: 0.97,
      text: m[0],
      evidence: 'email: local@domain.tld',
    });
  }
  return found;
}
