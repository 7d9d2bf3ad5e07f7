/** A stretch of the post that a judgement rests on. */
export interface EvidenceSpan {
  start: number;
  end: number;
  tone: 'negative' | 'positive' | 'neutral';
  label: string;
}

// Rules whose `match` is a summary (a language code, "P(complaint)"), not words of the post.
const NOT_WORDS = new Set(['rule-score', 'model-score', 'complaint-model', 'complaint-model-signals']);

/** A rule whose `match` summarises (a language code, a probability) rather than quoting the post. */
export const isSummaryRule = (rule: string): boolean => NOT_WORDS.has(rule);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordChar = /[\p{L}\p{N}_]/u;

/** Where `needle` occurs in `text` as whole words (ignoring case); at most `limit` places. */
export function wordOccurrences(text: string, needle: string, limit = 10): Array<[number, number]> {
  const trimmed = needle.trim();
  if (trimmed === '') return [];
  const before = wordChar.test(trimmed.at(0) ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = wordChar.test(trimmed.at(-1) ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  const pattern = new RegExp(`${before}${escape(trimmed).replace(/\s+/g, '\\s+')}${after}`, 'giu');
  const found: Array<[number, number]> = [];
  for (const match of text.matchAll(pattern)) {
    found.push([match.index, match.index + match[0].length]);
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * Places each piece of evidence in the text: the phrase itself, else (a negated phrase rebuilt from
 * tokens, "leaks, refund") each of its words.
 */
export function spansOf(
  text: string,
  evidence: readonly { rule: string; match: string; tone: EvidenceSpan['tone']; label: string }[],
): EvidenceSpan[] {
  const spans: EvidenceSpan[] = [];
  for (const entry of evidence) {
    if (NOT_WORDS.has(entry.rule)) continue;
    let places = wordOccurrences(text, entry.match);
    if (places.length === 0)
      places = entry.match
        .split(/[\s,]+/u)
        .filter((word) => word.length >= 2)
        .flatMap((word) => wordOccurrences(text, word, 3));
    for (const [start, end] of places) spans.push({ start, end, tone: entry.tone, label: entry.label });
  }
  return spans;
}

/** The text cut at every span edge: each piece with the spans covering it. */
export function piecesOf(
  text: string,
  spans: readonly EvidenceSpan[],
): { start: number; text: string; covering: EvidenceSpan[] }[] {
  const cuts = new Set<number>([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    if (end <= start) continue;
    pieces.push({
      start,
      text: text.slice(start, end),
      covering: spans.filter((span) => span.start <= start && span.end >= end),
    });
  }
  return pieces;
}
