const NAB_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a series timestamp to epoch ms: NAB's `2015-02-26 21:42:53` (read as UTC), ISO 8601 with
 * `T`, fractions and a zone, or plain epoch milliseconds. Returns undefined when it is not a time.
 */
export function parseSeriesTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d{10,14}$/.test(trimmed)) return Number(trimmed);
  const m = NAB_TIMESTAMP.exec(trimmed);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const fields = [y, mo, d, h, mi].map(Number) as [number, number, number, number, number];
  const seconds = sec === undefined ? 0 : Number(sec);
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const [year, month, day, hour, minute] = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || seconds > 60)
    return undefined;
  let time = Date.UTC(year, month - 1, day, hour, minute, seconds, millis);
  // Date.UTC silently rolls 31 February into March; refuse instead.
  if (new Date(time).getUTCDate() !== day) return undefined;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return time;
}
