import { checkPersonnummer, isDniValid, isNieValid, isSsnValid } from './checksums.ts';
import { NATIONAL_ID_CONTEXT, textBefore } from './context-words.ts';
import type { PersonalDataFinding } from './personal-data.types.ts';

const PERSONNUMMER = /(?<![\p{L}\p{N}_.,/+-])(?:\d{2})?\d{6}[-+]?\d{4}(?![\p{L}\p{N}_]|[.,/-]\d)/gu;

/** Finds Swedish personnummer and samordningsnummer: a real date (day+60 for samordning) and a Luhn check digit. */
export function detectPersonnummer(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(PERSONNUMMER)) {
    const raw = m[0];
    const digits = raw.replace(/\D/g, '');
    const check = checkPersonnummer(digits);
    if (!check.valid) continue;
    const separated = /[-+]/.test(raw);
    const context = NATIONAL_ID_CONTEXT.test(textBefore(text, m.index));
    const confidence = Math.min(
      0.98,
      (separated || digits.length === 12 ? 0.88 : 0.72) + (context ? 0.1 : 0),
    );
    const kind = check.coordination ? 'samordningsnummer' : 'personnummer';
    found.push({
      type: 'SE_PERSONNUMMER',
      start: m.index,
      end: m.index + raw.length,
      confidence,
      text: raw,
      evidence: `${kind}: valid date, Luhn check digit${context ? ', ID keyword before' : ''}`,
    });
  }
  return found;
}

const DNI = /(?<![\p{L}\p{N}_-])(\d{8})[- ]?([A-Za-z])(?![\p{L}\p{N}_])/gu;
const NIE = /(?<![\p{L}\p{N}_-])([XYZxyz])[- ]?(\d{7})[- ]?([A-Za-z])(?![\p{L}\p{N}_])/gu;

/** Finds Spanish DNI/NIF and NIE numbers whose check letter matches (mod 23). */
export function detectSpanishIds(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(DNI)) {
    if (!isDniValid(m[1] ?? '', m[2] ?? '')) continue;
    const upper = (m[2] ?? '') === (m[2] ?? '').toUpperCase();
    found.push({
      type: 'ES_DNI',
      start: m.index,
      end: m.index + m[0].length,
      confidence: upper ? 0.95 : 0.8,
      text: m[0],
      evidence: 'dni: 8 digits with matching mod-23 check letter',
    });
  }
  for (const m of text.matchAll(NIE)) {
    if (!isNieValid(m[1] ?? '', m[2] ?? '', m[3] ?? '')) continue;
    found.push({
      type: 'ES_NIE',
      start: m.index,
      end: m.index + m[0].length,
      confidence: 0.95,
      text: m[0],
      evidence: 'nie: X/Y/Z + 7 digits with matching mod-23 check letter',
    });
  }
  return found;
}

const SSN = /(?<![\p{L}\p{N}_.,/+-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[.,/-]\d)/gu;

/** Finds US social security numbers in issued ranges; undelimited nine digits need an SSN keyword before them. */
export function detectSsns(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const m of text.matchAll(SSN)) {
    if (!isSsnValid(m[1] ?? '', m[3] ?? '', m[4] ?? '')) continue;
    const context = /(?:ssn|social security|social|seguridad social)\b[^0-9]{0,14}$/u.test(
      textBefore(text, m.index),
    );
    const separator = m[2] ?? '';
    if (separator === '' && !context) continue;
    found.push({
      type: 'US_SSN',
      start: m.index,
      end: m.index + m[0].length,
      confidence: Math.min(0.97, (separator === '-' ? 0.85 : 0.7) + (context ? 0.12 : 0)),
      text: m[0],
      evidence: `ssn: AAA${separator}GG${separator}SSSS in issued ranges${context ? ', SSN keyword before' : ''}`,
    });
  }
  return found;
}
