// Splits a post into sentences and clauses so each claim is judged on its own words:
// "2-year warranty and 60-day returns" is two claims; "between 14 and 30 days" stays one.

export interface Clause {
  start: number;
  end: number;
  /** The clause as written, trimmed. */
  text: string;
  sentenceStart: number;
  sentenceEnd: number;
  /** Start of the sentence before this one (= sentenceStart for the first). */
  previousSentenceStart: number;
  /** The sentence asks rather than states ("Is it BPA-free?", "¿Es verdad…?"). */
  question: boolean;
}

const SENTENCE_BREAK = /[.!?;…]+(?=\s|$)|\n+|\s[|•·]\s|:(?=\s)|\s[–—]\s/gu;
const CLAUSE_BREAK =
  /,(?=\s)|\s(?:and|but|while|plus|y|e|pero|mientras|och|men|medan|samt|&|\+)(?=\s)|\s-\s|\(|\)/giu;

interface Span {
  start: number;
  end: number;
}

function breaks(
  text: string,
  pattern: RegExp,
  from: number,
  to: number,
  protectedSpans: readonly Span[],
): number[][] {
  const cuts: number[][] = [];
  pattern.lastIndex = 0;
  const slice = text.slice(from, to);
  for (const match of slice.matchAll(pattern)) {
    const start = from + match.index;
    const end = start + match[0].length;
    if (protectedSpans.some((s) => s.start < end && start < s.end)) continue;
    cuts.push([start, end]);
  }
  return cuts;
}

function pieces(from: number, to: number, cuts: readonly number[][]): Span[] {
  const spans: Span[] = [];
  let cursor = from;
  for (const [start, end] of cuts) {
    spans.push({ start: cursor, end: start! });
    cursor = end!;
  }
  spans.push({ start: cursor, end: to });
  return spans;
}

function trimSpan(text: string, span: Span, protectedSpans: readonly Span[]): Span {
  let { start, end } = span;
  // Never trim into a figure or phrase: "699:-" keeps its ":-".
  const inside = (at: number) => protectedSpans.some((s) => s.start <= at && at < s.end);
  while (start < end && /[\s,;:.!?¿¡|•·()\-–—]/u.test(text[start]!) && !inside(start)) start++;
  while (end > start && /[\s,;:|•·()\-–—]/u.test(text[end - 1]!) && !inside(end - 1)) end--;
  return { start, end };
}

/** Sentences and clauses of `text`; no break falls inside a `protectedSpans` item (figures, matched phrases). */
export function segmentClauses(text: string, protectedSpans: readonly Span[]): Clause[] {
  const sentences = pieces(0, text.length, breaks(text, SENTENCE_BREAK, 0, text.length, protectedSpans))
    .map((s, i, all) => ({
      raw: { start: s.start, end: all[i + 1]?.start ?? s.end },
      trimmed: trimSpan(text, s, protectedSpans),
    }))
    .filter((s) => s.trimmed.end > s.trimmed.start);
  const clauses: Clause[] = [];
  let previousSentenceStart = 0;
  for (const [index, sentence] of sentences.entries()) {
    const { start: sentenceStart, end: sentenceEnd } = sentence.trimmed;
    const raw = text.slice(sentence.raw.start, sentence.raw.end).trim();
    const question = raw.includes('?') || raw.startsWith('¿');
    const clauseCuts = breaks(text, CLAUSE_BREAK, sentenceStart, sentenceEnd, protectedSpans);
    for (const piece of pieces(sentenceStart, sentenceEnd, clauseCuts)) {
      const span = trimSpan(text, piece, protectedSpans);
      if (span.end <= span.start) continue;
      clauses.push({
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end).replace(/[.!?…]+$/u, ''),
        sentenceStart,
        sentenceEnd,
        previousSentenceStart: index === 0 ? sentenceStart : previousSentenceStart,
        question,
      });
    }
    previousSentenceStart = sentenceStart;
  }
  return clauses;
}
