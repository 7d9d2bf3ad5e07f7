import { detectCustomPatterns } from './custom-pattern.detector.ts';
import { detectEmails } from './email.detector.ts';
import { detectSpanishIds, detectPersonnummer, detectSsns } from './national-id.detector.ts';
import { detectIpAddresses } from './network.detector.ts';
import { detectCards, detectIbans } from './payment.detector.ts';
import { detectSelfIntroducedNames } from './person-name.detector.ts';
import { detectPhones } from './phone.detector.ts';
import { detectStreetAddresses } from './street-address.detector.ts';
import type {
  BuiltInPersonalDataType,
  DetectPersonalDataOptions,
  PersonalDataFinding,
} from './personal-data.types.ts';

// When two findings overlap, the better-validated kind wins (a Luhn-valid card is not also a phone).
const PRIORITY: Record<BuiltInPersonalDataType, number> = {
  IBAN: 10,
  CREDIT_CARD: 9,
  SE_PERSONNUMMER: 8,
  ES_NIE: 8,
  ES_DNI: 8,
  EMAIL: 8,
  US_SSN: 7,
  IP_ADDRESS: 7,
  PHONE: 5,
  STREET_ADDRESS: 3,
  PERSON: 2,
};
const CUSTOM_PRIORITY = 11;

function priorityOf(finding: PersonalDataFinding): number {
  return (PRIORITY as Record<string, number | undefined>)[finding.type] ?? CUSTOM_PRIORITY;
}

function countDigits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Keeps the strongest of overlapping findings: higher priority, then confidence, then longer span. */
export function resolvePersonalDataOverlaps(findings: readonly PersonalDataFinding[]): PersonalDataFinding[] {
  const ranked = [...findings].sort(
    (a, b) =>
      priorityOf(b) - priorityOf(a) ||
      b.confidence - a.confidence ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start,
  );
  const kept: PersonalDataFinding[] = [];
  for (const f of ranked) {
    if (kept.every((k) => f.end <= k.start || f.start >= k.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds personal data in a text with character spans, a confidence and the evidence for each
 * finding. Cheap checks (an '@', enough digits, a trigger word) gate the expensive validators.
 */
export function detectPersonalData(
  text: string,
  options: DetectPersonalDataOptions = {},
): PersonalDataFinding[] {
  const wanted = options.types ? new Set<BuiltInPersonalDataType>(options.types) : undefined;
  const on = (type: BuiltInPersonalDataType) => !wanted || wanted.has(type);
  const all: PersonalDataFinding[] = [];
  if (on('EMAIL')) all.push(...detectEmails(text));
  const digits = countDigits(text);
  if (digits >= 7) {
    if (on('CREDIT_CARD') && digits >= 12) all.push(...detectCards(text));
    if (on('IBAN') && digits >= 10) all.push(...detectIbans(text));
    if (on('SE_PERSONNUMMER') && digits >= 10) all.push(...detectPersonnummer(text));
    if (on('ES_DNI') || on('ES_NIE'))
      all.push(...detectSpanishIds(text).filter((f) => on(f.type as BuiltInPersonalDataType)));
    if (on('US_SSN') && digits >= 9) all.push(...detectSsns(text));
    if (on('PHONE')) all.push(...detectPhones(text, options.defaultRegion));
  }
  if (on('IP_ADDRESS') && (digits >= 4 || text.includes('::'))) all.push(...detectIpAddresses(text));
  if (on('STREET_ADDRESS') && digits >= 1) all.push(...detectStreetAddresses(text));
  if (on('PERSON')) all.push(...detectSelfIntroducedNames(text));
  if (options.customPatterns && options.customPatterns.length > 0)
    all.push(...detectCustomPatterns(text, options.customPatterns));
  const min = options.minConfidence ?? 0.5;
  const kept = all.filter((f) => f.confidence >= min);
  for (const f of kept) f.confidence = Math.round(f.confidence * 100) / 100;
  return resolvePersonalDataOverlaps(kept);
}
