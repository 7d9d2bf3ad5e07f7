import { cardScheme, IBAN_LENGTHS, isIbanValid, isLuhnValid } from './checksums.ts';
import type { PersonalDataFinding } from './personal-data.types.ts';

// Digits in groups joined by at most one space or dash each; the separator must be consistent.
const CARD = /(?<![\p{L}\p{N}_.,/-])\d(?:[ -]?\d){11,18}(?![\p{L}\p{N}_]|[.,/-]\d)/gu;

/** Finds payment card numbers: 12-19 digits with a known issuer range and a valid Luhn check. */
export function detectCards(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(CARD)) {
    const raw = m[0];
    const separators = new Set(raw.replace(/\d/g, ''));
    if (separators.size > 1) continue;
    const digits = raw.replace(/\D/g, '');
    const scheme = cardScheme(digits);
    if (!scheme || !isLuhnValid(digits)) continue;
    // Long ids (tweet ids, tracking numbers) pass Luhn one time in ten: an ungrouped run must
    // have a common card length, other lengths only count when written in groups.
    if (separators.size === 0 && digits.length !== 15 && digits.length !== 16) continue;
    found.push({
      type: 'CREDIT_CARD',
      start: m.index,
      end: m.index + raw.length,
      confidence: 0.95,
      text: raw,
      evidence: `card: ${scheme} issuer range, ${digits.length} digits, Luhn valid`,
    });
  }
  return found;
}

const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,32}/gu;

/** Finds IBANs (compact or in groups of four): country length and mod-97 check must both hold. */
export function detectIbans(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(IBAN)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2)];
    if (length === undefined) continue;
    // Take exactly the country's length of characters so a following word is not swallowed.
    let count = 0;
    let end = 0;
    for (; end < m[0].length && count < length; end++) if (m[0][end] !== ' ') count++;
    if (count < length) continue;
    const next = text[m.index + end];
    if (next !== undefined && /[\p{L}\p{N}]/u.test(next)) continue;
    const raw = m[0].slice(0, end);
    const compact = raw.replace(/ /g, '');
    if (!isIbanValid(compact)) continue;
    found.push({
      type: 'IBAN',
      start: m.index,
      end: m.index + end,
      confidence: 0.98,
      text: raw,
      evidence: `iban: ${compact.slice(0, 2)} length ${length}, mod-97 valid`,
    });
  }
  return found;
}
