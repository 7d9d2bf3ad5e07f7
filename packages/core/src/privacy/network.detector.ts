import { isIpv4Valid, isIpv6Valid } from './checksums.ts';
import type { PersonalDataFinding } from './personal-data.types.ts';

const IPV4 = /(?<![\p{L}\p{N}_.-])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\p{L}\p{N}_]|\.\d)/gu;
const IPV6 =
  /(?<![\p{L}\p{N}_:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:|\d{1,3}(?:\.\d{1,3}){3})(?![\p{L}\p{N}_:])/gu;
const VERSION_BEFORE = /(?<![\p{L}])(?:version|versión|versionen|ver\.?|build|release|firmware|v)\s*$/iu;

/** Finds IPv4 addresses (octets 0-255, no leading zeros; not version numbers) and IPv6 addresses. */
export function detectIpAddresses(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  if (text.includes('.')) {
    for (const m of text.matchAll(IPV4)) {
      if (!isIpv4Valid(m[0])) continue;
      if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      found.push({
        type: 'IP_ADDRESS',
        start: m.index,
        end: m.index + m[0].length,
        confidence: 0.9,
        text: m[0],
        evidence: 'ipv4: four octets 0-255',
      });
    }
  }
  if (text.includes(':')) {
    for (const m of text.matchAll(IPV6)) {
      const raw = m[0];
      // Clock times (12:30:45) and ratios are colon groups too: demand `::` or eight groups.
      if (!raw.includes('::') && raw.split(':').length < 8) continue;
      if (!isIpv6Valid(raw)) continue;
      found.push({
        type: 'IP_ADDRESS',
        start: m.index,
        end: m.index + raw.length,
        confidence: 0.9,
        text: raw,
        evidence: 'ipv6: valid hex groups',
      });
    }
  }
  return found;
}
