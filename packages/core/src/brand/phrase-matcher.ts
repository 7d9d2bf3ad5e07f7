// Brief phrases ("return*", "*garanti*", "100% recycled", "auto shut-off") compiled to regular
// expressions over a folded copy of the post that keeps every character at its original offset, so
// a match's span points into the text the user wrote.

export interface PhraseHit<P> {
  start: number;
  end: number;
  /** The words as written in the post. */
  text: string;
  /** The brief phrase that matched. */
  phrase: string;
  payload: P;
}

export interface PhraseMatcher<P> {
  /** `literal`: a piece of the phrase that must occur in the folded text, checked before the regex runs. */
  readonly entries: readonly { phrase: string; pattern: RegExp; payload: P; literal: string }[];
}

/** Lower-cases and strips diacritics character by character, keeping offsets (`"Återvunnen"` → `"atervunnen"`). */
export function foldKeepingOffsets(text: string): string {
  let out = '';
  for (const char of text) {
    const folded = char
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    if (folded.length === char.length) out += folded;
    else {
      const lower = char.toLowerCase();
      out += lower.length === char.length ? lower : char;
    }
  }
  return out;
}

const WORD_CHAR = '[\\p{L}\\p{N}]';
const SEPARATOR = '[\\s\\-\u2010\u2011\u2013]*';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Regular-expression source for one brief phrase; `*` at a word's start or end allows more letters there. */
export function phrasePatternSource(phrase: string): string {
  const words = foldKeepingOffsets(phrase.normalize('NFC'))
    .trim()
    .split(/[\s\-\u2010\u2011\u2013]+/)
    .filter((w) => w.length > 0);
  const parts = words.map((word) => {
    const leading = word.startsWith('*');
    const trailing = word.endsWith('*') && word.length > 1;
    const core = word.replace(/^\*+|\*+$/g, '');
    // "100%" and "100 %" are the same figure.
    const body = escapeRegExp(core).replace(/(\d)%/g, '$1\\s*%');
    return `${leading ? `${WORD_CHAR}*` : ''}${body}${trailing ? `${WORD_CHAR}*` : ''}`;
  });
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  const startsWithWordChar = /^[\p{L}\p{N}]/u.test(first);
  const endsWithWordChar = /[\p{L}\p{N}]$/u.test(last);
  // A hyphen joins words into one ("BPA-free" is not "BPA" followed by "free").
  const before = first.startsWith('*') || !startsWithWordChar ? '' : `(?<!${WORD_CHAR}|${WORD_CHAR}-)`;
  const after = last.endsWith('*') || !endsWithWordChar ? '' : `(?!${WORD_CHAR}|-${WORD_CHAR})`;
  return `${before}${parts.join(SEPARATOR)}${after}`;
}

/** Compiles `[phrase, payload]` pairs once; empty phrases are skipped. */
export function compilePhrases<P>(entries: Iterable<readonly [string, P]>): PhraseMatcher<P> {
  const compiled: { phrase: string; pattern: RegExp; payload: P; literal: string }[] = [];
  for (const [phrase, payload] of entries) {
    if (phrase.replace(/\*/g, '').trim() === '') continue;
    const pieces = foldKeepingOffsets(phrase.normalize('NFC')).match(/[\p{L}\p{N}]+/gu) ?? [''];
    const literal = pieces.reduce((a, b) => (b.length > a.length ? b : a), '');
    compiled.push({ phrase, pattern: new RegExp(phrasePatternSource(phrase), 'gu'), payload, literal });
  }
  return { entries: compiled };
}

/**
 * Every phrase occurrence in `folded` (from `foldKeepingOffsets`); where hits overlap the longest wins
 * (then the phrase compiled first),
 * so "BPA-free" is not also read as "contains BPA" in "contains BPA-free plastic".
 */
export function findPhrases<P>(matcher: PhraseMatcher<P>, original: string, folded: string): PhraseHit<P>[] {
  const hits: (PhraseHit<P> & { order: number })[] = [];
  for (const [order, entry] of matcher.entries.entries()) {
    if (!folded.includes(entry.literal)) continue;
    entry.pattern.lastIndex = 0;
    for (const match of folded.matchAll(entry.pattern)) {
      if (match[0].length === 0) continue;
      const start = match.index;
      const end = start + match[0].length;
      hits.push({
        start,
        end,
        text: original.slice(start, end),
        phrase: entry.phrase,
        payload: entry.payload,
        order,
      });
    }
  }
  // Longest first; on equal length the phrase compiled first wins.
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order || a.start - b.start);
  const kept: PhraseHit<P>[] = [];
  for (const { order: _order, ...hit } of hits) {
    if (kept.some((k) => hit.start < k.end && k.start < hit.end)) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}
