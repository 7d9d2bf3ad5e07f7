import type { PersonalDataFinding, PersonalDataType } from './personal-data.types.ts';

export type RedactionMode = 'mask' | 'pseudonymise';

export type RedactOptions = {
  mode: RedactionMode;
  /**
   * Returns a stable token for a value (e.g. the first hex digits of an HMAC keyed per
   * workspace); core cannot hash with a key itself. Only letters, digits, '_' and '-' are kept.
   */
  pseudonym?: (type: PersonalDataType, value: string) => string;
};

export type RedactedSpan = {
  type: PersonalDataType;
  /** Span of the original value in the input text. */
  originalStart: number;
  originalEnd: number;
  /** Span of the placeholder in the redacted text. */
  start: number;
  end: number;
  placeholder: string;
};

export type Redaction = { text: string; spans: RedactedSpan[] };

function placeholderFor(finding: PersonalDataFinding, value: string, options: RedactOptions): string {
  if (options.mode === 'mask' || !options.pseudonym) return `[${finding.type}]`;
  const token = options
    .pseudonym(finding.type, value)
    .replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 32);
  return token ? `[${finding.type}:${token}]` : `[${finding.type}]`;
}

/**
 * Replaces each finding's span with a placeholder (`[EMAIL]`, or `[EMAIL:3f9a1c]` when
 * pseudonymising) and returns the new text with where every placeholder came from. Overlapping or
 * out-of-range findings are skipped so the result is always well formed.
 */
export function redactText(
  text: string,
  findings: readonly PersonalDataFinding[],
  options: RedactOptions,
): Redaction {
  const ordered = [...findings]
    .filter(
      (f) =>
        Number.isInteger(f.start) &&
        Number.isInteger(f.end) &&
        f.start >= 0 &&
        f.end <= text.length &&
        f.start < f.end,
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let cursor = 0;
  const spans: RedactedSpan[] = [];
  for (const f of ordered) {
    if (f.start < cursor) continue;
    out += text.slice(cursor, f.start);
    const value = text.slice(f.start, f.end);
    const placeholder = placeholderFor(f, value, options);
    spans.push({
      type: f.type,
      originalStart: f.start,
      originalEnd: f.end,
      start: out.length,
      end: out.length + placeholder.length,
      placeholder,
    });
    out += placeholder;
    cursor = f.end;
  }
  out += text.slice(cursor);
  return { text: out, spans };
}

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]{1,39}(?::[A-Za-z0-9_-]{1,32})?\]/g;

/**
 * Blanks redaction placeholders (`[EMAIL]`, `[PHONE:3f9a1c]`) with spaces of the same length, so
 * analysers neither read "EMAIL" as a word nor shift the offsets of their evidence.
 */
export function blankPlaceholders(text: string): string {
  if (!text.includes('[')) return text;
  return text.replace(PLACEHOLDER, (placeholder) => ' '.repeat(placeholder.length));
}
