import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { NATIONAL_ID_CONTEXT, PHONE_CONTEXT, REFERENCE_CONTEXT, textBefore } from './context-words.ts';
import type { PersonalDataFinding, PhoneRegion } from './personal-data.types.ts';

// A run of digits with single spaces, dots, dashes or a bracketed area code between groups,
// optionally led by + or 00. Numbers glued to letters, #, / or decimal marks are not phones.
const CANDIDATE =
  /(?<![\p{L}\p{N}_+#@/.,:=-])(?:\+ ?|00)?(?:\(\d{1,5}\) ?)?\d+(?:(?:[ .-]|\s?\(\d{1,5}\)\s?|-\s|\s-\s)\d+)*(?![\p{L}\p{N}_@]|[.,:/]\d|-\p{L})/gu;

const DATE_AND_TIME_SHAPES = [
  /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/,
  /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/,
  /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/,
  // opening hours: 08.30-11.00
  /^\d{1,2}[.:]\d{2} ?- ?\d{1,2}[.:]\d{2}$/,
];

const ALWAYS_TRIED: readonly PhoneRegion[] = ['ES', 'SE', 'US', 'GB'];
// Regions whose national numbers are dialled with a trunk 0: written without it, they are not phones.
const TRUNK_ZERO = new Set<PhoneRegion>(['SE', 'GB', 'DE', 'FR', 'IT', 'NL', 'FI', 'IE']);

function plausibleNational(digits: string, region: PhoneRegion): boolean {
  if (TRUNK_ZERO.has(region)) return digits.startsWith('0') && !digits.startsWith('00');
  if (region === 'ES') return /^[6789]\d{8}$/.test(digits);
  if (region === 'US') return /^1?[2-9]\d{2}[2-9]\d{6}$/.test(digits);
  return true;
}

/**
 * Finds phone numbers: candidates are cut out cheaply, then validated with libphonenumber-js
 * (full metadata) in international form or as a national number of the default region, ES, SE, US or GB.
 */
export function detectPhones(text: string, defaultRegion?: PhoneRegion): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  const regions =
    defaultRegion && !ALWAYS_TRIED.includes(defaultRegion)
      ? [defaultRegion, ...ALWAYS_TRIED]
      : defaultRegion
        ? [defaultRegion, ...ALWAYS_TRIED.filter((r) => r !== defaultRegion)]
        : ALWAYS_TRIED;
  for (const m of text.matchAll(CANDIDATE)) {
    let raw = m[0];
    let start = m.index;
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    if (DATE_AND_TIME_SHAPES.some((re) => re.test(raw))) continue;
    const international = raw.startsWith('+') || raw.startsWith('00');
    const before = textBefore(text, start);
    const reference = REFERENCE_CONTEXT.test(before) || NATIONAL_ID_CONTEXT.test(before);
    if (reference && !international) continue;
    // "(" belongs to the number only when it opens an area code; a stray one before is not included.
    if (raw.startsWith('(') && !/^\(\d{1,5}\)/.test(raw)) {
      raw = raw.slice(1);
      start += 1;
    }
    let evidence: string | undefined;
    let confidence = 0;
    if (international) {
      const parsed = parsePhoneNumberFromString(raw.startsWith('00') ? `+${raw.slice(2)}` : raw);
      if (parsed?.isValid()) {
        evidence = `phone: valid international +${parsed.countryCallingCode} (${parsed.country ?? 'shared code'})`;
        confidence = 0.93;
      }
    } else {
      for (const region of regions) {
        if (!plausibleNational(digits, region)) continue;
        const parsed = parsePhoneNumberFromString(raw, region);
        if (!parsed?.isValid()) continue;
        evidence = `phone: valid national ${region} number`;
        const grouped = /[ .()-]/.test(raw);
        confidence = grouped ? 0.85 : 0.7;
        break;
      }
    }
    if (!evidence) continue;
    if (PHONE_CONTEXT.test(before)) {
      confidence = Math.min(0.97, confidence + 0.08);
      evidence += ', phone keyword before';
    }
    found.push({ type: 'PHONE', start, end: start + raw.length, confidence, text: raw, evidence });
  }
  return found;
}
