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
  const tokens: Token[] = [];
  let letterCount = 0;
  TOKEN_PATTERN.lastIndex = 0;
  for (let m = TOKEN_PATTERN.exec(text); m !== null; m = TOKEN_PATTERN.exec(text)) {
    const raw = m[0];
    const kind = tokenKind(m);
    let norm: string;
    let elongated = false;
    let shouted = false;
    if (kind === 'word' || kind === 'hashtag') {
      const body = kind === 'hashtag' ? raw.slice(1) : raw;
      letterCount += body.length;
      norm = body.toLowerCase();
      if (norm.includes('’')) norm = norm.replace('’', "'");
      if (longestLetterRun(norm) >= 3) {
        const cut = norm.replace(RUNS_TO_TWO, '$1$1');
        elongated = cut !== norm;
        norm = cut;
      }
      shouted = kind === 'word' && body.length >= 3 && !HAS_LOWER.test(body) && body !== norm;
    } else if (kind === 'mention') {
      norm = raw.slice(1).toLowerCase();
    } else if (kind === 'emoji') {
      norm = raw.replace(/\uFE0F|\p{Emoji_Modifier}/gu, '');
    } else if (kind === 'punct') {
      norm = raw.replace(/\.{2,}|…/g, '…');
    } else {
      norm = raw.toLowerCase();
    }
    const squeezed =
      (kind === 'word' || kind === 'hashtag') && longestLetterRun(norm) >= 2
        ? norm.replace(RUNS_TO_ONE, '$1')
        : norm;
    const folded = NON_ASCII.test(norm) && (kind === 'word' || kind === 'hashtag') ? foldText(norm) : norm;
    tokens.push({ kind, raw, norm, squeezed, folded, elongated, shouted, start: m.index });
  }
  return { text, tokens, letterCount };
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
