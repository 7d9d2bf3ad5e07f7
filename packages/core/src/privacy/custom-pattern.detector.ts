import type { CustomPattern, PersonalDataFinding } from './personal-data.types.ts';

/** Runs a workspace's own patterns (e.g. order numbers); empty matches are ignored. */
export function detectCustomPatterns(
  text: string,
  patterns: readonly CustomPattern[],
): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  for (const p of patterns) {
    const re = p.pattern.global
      ? new RegExp(p.pattern.source, p.pattern.flags)
      : new RegExp(p.pattern.source, `${p.pattern.flags}g`);
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      found.push({
        type: p.type,
        start: m.index,
        end: m.index + m[0].length,
        confidence: p.confidence ?? 0.95,
        text: m[0],
        evidence: `custom pattern ${p.type}: /${p.pattern.source}/`,
      });
    }
  }
  return found;
}

export type CustomPatternParse = { ok: true; pattern: CustomPattern } | { ok: false; reason: string };

/** Checks a workspace pattern from configuration: an UPPER_SNAKE type name and a compilable regular expression. */
export function parseCustomPattern(type: string, source: string, flags = ''): CustomPatternParse {
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(type))
    return { ok: false, reason: `type "${type}" must be UPPER_SNAKE_CASE (2-40 chars)` };
  if (!/^[imsu]*$/.test(flags)) return { ok: false, reason: `flags "${flags}" may only contain i, m, s, u` };
  try {
    const pattern = new RegExp(source, flags);
    if (pattern.test('')) return { ok: false, reason: 'pattern matches the empty string' };
    return { ok: true, pattern: { type, pattern } };
  } catch (error) {
    return { ok: false, reason: `invalid regular expression: ${(error as Error).message}` };
  }
}
