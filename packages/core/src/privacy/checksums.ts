// Check-digit and range validators. Each takes the bare identifier (separators already removed).

/** True when a digit string passes the Luhn (mod 10) check used by payment cards and personnummer. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Issuer (IIN) ranges of the major card schemes with their allowed lengths. */
export function cardScheme(digits: string): string | undefined {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits.startsWith('4') && (len === 13 || len === 16 || len === 19)) return 'visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && len === 15) return 'amex';
  if (
    (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) &&
    len >= 16 &&
    len <= 19
  )
    return 'discover';
  if (p4 >= 3528 && p4 <= 3589 && len >= 16 && len <= 19) return 'jcb';
  if ((p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) && len >= 14 && len <= 19) return 'diners';
  if (p2 === 62 && len >= 16 && len <= 19) return 'unionpay';
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && len >= 12 && len <= 19) return 'maestro';
  return undefined;
}

// IBAN lengths per country (SWIFT IBAN registry).
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** True when a compact upper-case IBAN has its country's length and a valid mod-97 check. */
export function isIbanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

export type PersonnummerCheck = { valid: false } | { valid: true; coordination: boolean };

/**
 * Validates a Swedish personnummer or samordningsnummer (day + 60): 10 digits (YYMMDDNNNC) or
 * 12 digits (YYYYMMDDNNNC). The date must exist and the last digit is a Luhn check over YYMMDDNNN.
 */
export function checkPersonnummer(digits: string): PersonnummerCheck {
  if (!/^(\d{10}|\d{12})$/.test(digits)) return { valid: false };
  const ten = digits.length === 12 ? digits.slice(2) : digits;
  if (digits.length === 12) {
    const century = digits.slice(0, 2);
    if (century !== '18' && century !== '19' && century !== '20') return { valid: false };
  }
  const yy = Number(ten.slice(0, 2));
  const month = Number(ten.slice(2, 4));
  let day = Number(ten.slice(4, 6));
  const coordination = day > 60;
  if (coordination) day -= 60;
  // Without a clock the century of a 10-digit number is unknown: accept it if either century fits.
  const years = digits.length === 12 ? [Number(digits.slice(0, 4))] : [1900 + yy, 2000 + yy];
  if (!years.some((y) => isValidDate(y, month, day))) return { valid: false };
  if (ten.slice(6, 9) === '000') return { valid: false };
  return isLuhnValid(ten) ? { valid: true, coordination } : { valid: false };
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** True when an 8-digit DNI number carries its mod-23 check letter. */
export function isDniValid(number: string, letter: string): boolean {
  if (!/^\d{8}$/.test(number)) return false;
  return DNI_LETTERS[Number(number) % 23] === letter.toUpperCase();
}

/** True when an NIE (X/Y/Z + 7 digits + letter) carries its check letter (X=0, Y=1, Z=2). */
export function isNieValid(lead: string, number: string, letter: string): boolean {
  const prefix = 'XYZ'.indexOf(lead.toUpperCase());
  if (prefix < 0 || !/^\d{7}$/.test(number)) return false;
  return DNI_LETTERS[Number(`${prefix}${number}`) % 23] === letter.toUpperCase();
}

/** True when area/group/serial are in issued SSN ranges (no 000, 666, 9xx area; no 00 group; no 0000 serial). */
export function isSsnValid(area: string, group: string, serial: string): boolean {
  if (!/^\d{3}$/.test(area) || !/^\d{2}$/.test(group) || !/^\d{4}$/.test(serial)) return false;
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  // Numbers used in advertising and known to be invalid.
  return (
    !(area === '078' && group === '05' && serial === '1120') &&
    !(area === '123' && group === '45' && serial === '6789')
  );
}

/** True for a dotted-quad IPv4 address whose octets are 0-255 without leading zeros. */
export function isIpv4Valid(candidate: string): boolean {
  const parts = candidate.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv6 address in full or `::`-compressed form (optionally with an IPv4 tail). */
export function isIpv6Valid(candidate: string): boolean {
  if (candidate.length < 2 || candidate.length > 45) return false;
  let text = candidate;
  let extraGroups = 0;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4Valid(tail)) return false;
    text = `${text.slice(0, lastColon + 1)}0`;
    extraGroups = 1;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const group = /^[0-9a-fA-F]{1,4}$/;
  const split = (s: string) => (s === '' ? [] : s.split(':'));
  if (halves.length === 2) {
    const left = split(halves[0] ?? '');
    const right = split(halves[1] ?? '');
    if (![...left, ...right].every((g) => group.test(g))) return false;
    return left.length + right.length + extraGroups <= 7;
  }
  const groups = split(text);
  return groups.length + extraGroups === 8 && groups.every((g) => group.test(g));
}
