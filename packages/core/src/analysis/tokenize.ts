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
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(?<url>https?:\/\/\S+|www\.\S+)`,
    String.raw`(?<mention>@[\p{L}\p{N}_]+)`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)`,
    String.raw`(?<emoticon>(?<![\p{L}\p{N}])(?:[:;=8][\-o^']?[()\[\]dDpP/\\|*3$@]+|[()\[\]][\-o^']?[:;=8]|<3+|:'\(|[xX][dD]+(?![\p{L}])|\^_*\^|-_+-|[tT]_[tT]))`,
    String.raw`(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)*)`,
    String.raw`(?<number>\p{N}+(?:[.,:]\p{N}+)*)`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*|\p{Regional_Indicator}{2})`,
    String.raw`(?<punct>[!?¡¿.,;:…]+)`,
  ].join('|'),
  'gu',
);

const RUN_OF_THREE = /(\p{L})\1{2,}/u;
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
    const groups = m.groups ?? {};
    const kind = tokenKind(groups);
    let norm: string;
    let elongated = false;
    let shouted = false;
    if (kind === 'word' || kind === 'hashtag') {
      const body = kind === 'hashtag' ? raw.slice(1) : raw;
      letterCount += body.length;
      norm = body.toLowerCase().replace('’', "'");
      if (RUN_OF_THREE.test(norm)) {
        elongated = true;
        norm = norm.replace(RUNS_TO_TWO, '$1$1');
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
    const squeezed = kind === 'word' || kind === 'hashtag' ? norm.replace(RUNS_TO_ONE, '$1') : norm;
    const folded = NON_ASCII.test(norm) && (kind === 'word' || kind === 'hashtag') ? foldText(norm) : norm;
    tokens.push({ kind, raw, norm, squeezed, folded, elongated, shouted, start: m.index });
  }
  return { text, tokens, letterCount };
}

function tokenKind(groups: Record<string, string | undefined>): TokenKind {
  if (groups.word !== undefined) return 'word';
  if (groups.punct !== undefined) return 'punct';
  if (groups.mention !== undefined) return 'mention';
  if (groups.hashtag !== undefined) return 'hashtag';
  if (groups.url !== undefined) return 'url';
  if (groups.emoticon !== undefined) return 'emoticon';
  if (groups.number !== undefined) return 'number';
  return 'emoji';
}

/** Splits a hashtag body written in camel case ("EpicFail" → ["epic", "fail"]); lower-case tags stay whole. */
export function splitHashtag(raw: string): string[] {
  const body = raw.startsWith('#') ? raw.slice(1) : raw;
  const parts = body.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+/gu);
  return parts === null ? [body.toLowerCase()] : parts.map((p) => p.toLowerCase());
}
