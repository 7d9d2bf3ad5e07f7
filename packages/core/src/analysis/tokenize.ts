import { foldText } from '../text/fold.ts';

export type TokenKind = 'word' | 'hashtag' | 'mention' | 'url' | 'emoji' | 'emoticon' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The token as written. */
  raw: string;
  /**
   * Lookup form: lower-cased, runs of 3+ equal letters cut to 2 ("sooo" → "soo"), `#`/`@` removed,
   * typographic apostrophes made straight. Diacritics are kept (å/ä/ö/ñ matter).
   */
  norm: string;
  /** `norm` with runs cut to one letter ("soo" → "so"), for a second lexicon lookup. */
  squeezed: string;
  /** `norm` without diacritics ("pésimo" → "pesimo"); the same string when `norm` is ASCII. */
  folded: string;
  /** Letters repeated 3+ times ("sooo", "noooo"). */
  elongated: boolean;
  /** All capitals and at least 3 letters ("TERRIBLE"). */
  shouted: boolean;
  /** Offset in the original text. */
  start: number;
}

export interface TokenizedText {
  text: string;
  tokens: Token[];
  /** Number of letters in word and hashtag tokens. */
  letterCount: number;
}

// One pass over the text; alternatives are ordered so URLs and emoticons win over words/punctuation.
// Capture groups, in order: 1 url, 2 mention, 3 hashtag, 4 emoticon, 5 word, 6 number, 7 emoji, 8 punct.
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(https?:\/\/\S+|www\.\S+)`,
    String.raw`(@[\p{L}\p{N}_]+)`,
    String.raw`(#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)`,
    String.raw`((?<![\p{L}\p{N}])(?:[:;=8][\-o^']?[()\[\]dDpP/\\|*3$@]+|[()\[\]][\-o^']?[:;=8]|<3+|:'\(|[xX][dD]+(?![\p{L}])|\^_*\^|-_+-|[tT]_[tT]))`,
    String.raw`([\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*)`,
    String.raw`(\p{N}+(?:[.,:]\p{N}+)*)`,
    String.raw`(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*|\p{Regional_Indicator}{2})`,
    String.raw`([!?¡¿.,;:…]+)`,
  ].join('|'),
  'gu',
);

const RUNS_TO_TWO = /(\p{L})\1{2,}/gu;
const RUNS_TO_ONE = /(\p{L})\1+/gu;
const HAS_LOWER = /\p{Ll}/u;
const NON_ASCII = /[^ -~]/;

/** Splits a post into words, hashtags, mentions, URLs, emoji, emoticons, numbers and punctuation, once, for every analyser. */
export function tokenize(text: string): TokenizedText {
  return tokenizeWith(text, true);
}

/** `tokenize` with every token found by TOKEN_PATTERN (no plain-word fast path): the reference its tests compare with. */
export function tokenizeByPattern(text: string): TokenizedText {
  return tokenizeWith(text, false);
}

function tokenizeWith(text: string, plainWords: boolean): TokenizedText {
  const tokens: Token[] = [];
  let letterCount = 0;
  let at = 0;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    // No token starts with white space: skip it as the pattern would.
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      at++;
      continue;
    }
    let token: Token;
    const wordEnd = plainWords ? plainWordEnd(text, at) : -1;
    if (wordEnd > at) {
      token = makeToken('word', text.slice(at, wordEnd), at);
      at = wordEnd;
    } else {
      TOKEN_PATTERN.lastIndex = at;
      const m = TOKEN_PATTERN.exec(text);
      if (m === null) break;
      token = makeToken(tokenKind(m), m[0], m.index);
      at = TOKEN_PATTERN.lastIndex;
    }
    if (token.kind === 'word') letterCount += token.raw.length;
    else if (token.kind === 'hashtag') letterCount += token.raw.length - 1;
    tokens.push(token);
  }
  return { text, tokens, letterCount };
}

/** ASCII and Latin-1 letters (all of U+00C0–U+00FF but × and ÷). */
function isLatinLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)
  );
}

/**
 * The end of a plain word at `start` — Latin letters, then Latin letters or ASCII digits, ending before
 * other ASCII — or −1 when TOKEN_PATTERN must decide: a start that could begin a URL or an emoticon
 * (h, w, x, t), an apostrophe, or any other character. Most words of a post take this path; the
 * pattern's word alternative would match exactly the same characters.
 */
function plainWordEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (!isLatinLetter(c) || c === 120 || c === 88 || c === 116 || c === 84) return -1;
  if ((c === 104 && text.startsWith('http', start)) || (c === 119 && text.startsWith('www.', start)))
    return -1;
  let end = start + 1;
  for (; end < text.length; end++) {
    const d = text.charCodeAt(end);
    if (isLatinLetter(d) || (d >= 48 && d <= 57)) continue;
    if (d >= 0x80 || d === 39) return -1;
    break;
  }
  return end;
}

function makeToken(kind: TokenKind, raw: string, start: number): Token {
  let norm: string;
  let squeezed: string;
  let folded: string;
  let elongated = false;
  let shouted = false;
  if (kind === 'word' || kind === 'hashtag') {
    const body = kind === 'hashtag' ? raw.slice(1) : raw;
    norm = body.toLowerCase();
    if (norm.includes('’')) norm = norm.replace('’', "'");
    // Cutting runs to two letters leaves every run of two or more at two or more: one count serves both.
    const run = longestLetterRun(norm);
    if (run >= 3) {
      const cut = norm.replace(RUNS_TO_TWO, '$1$1');
      elongated = cut !== norm;
      norm = cut;
    }
    shouted = kind === 'word' && body.length >= 3 && !HAS_LOWER.test(body) && body !== norm;
    squeezed = run >= 2 ? norm.replace(RUNS_TO_ONE, '$1') : norm;
    folded = NON_ASCII.test(norm) ? foldText(norm) : norm;
  } else {
    if (kind === 'mention') norm = raw.slice(1).toLowerCase();
    else if (kind === 'emoji') norm = raw.replace(/\uFE0F|\p{Emoji_Modifier}/gu, '');
    else if (kind === 'punct') norm = raw.replace(/\.{2,}|…/g, '…');
    else norm = raw.toLowerCase();
    squeezed = norm;
    folded = norm;
  }
  return { kind, raw, norm, squeezed, folded, elongated, shouted, start };
}

function tokenKind(m: RegExpExecArray): TokenKind {
  if (m[5] !== undefined) return 'word';
  if (m[8] !== undefined) return 'punct';
  if (m[2] !== undefined) return 'mention';
  if (m[3] !== undefined) return 'hashtag';
  if (m[1] !== undefined) return 'url';
  if (m[4] !== undefined) return 'emoticon';
  if (m[6] !== undefined) return 'number';
  return 'emoji';
}

/** Longest run of one repeated character (letters in practice: callers pass words). */
function longestLetterRun(text: string): number {
  let longest = 1;
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    run = text.charCodeAt(i) === text.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Splits a hashtag body written in camel case ("EpicFail" → ["epic", "fail"]); lower-case tags stay whole. */
export function splitHashtag(raw: string): string[] {
  const body = raw.startsWith('#') ? raw.slice(1) : raw;
  const parts = body.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+/gu);
  return parts === null ? [body.toLowerCase()] : parts.map((p) => p.toLowerCase());
}
