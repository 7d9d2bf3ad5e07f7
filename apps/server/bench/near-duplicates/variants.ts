import type { TestLanguage } from './source-texts.ts';

/** Seeded PRNG (mulberry32): the whole test set is a function of its seed. */
export interface Random {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    chance: (p) => next() < p,
  };
}

// Small hand-written synonym tables (both directions are used): enough to make "the same complaint
// in slightly different words" without a thesaurus.
const SYNONYM_PAIRS: Record<TestLanguage, [string, string][]> = {
  en: [
    ['good', 'great'],
    ['bad', 'awful'],
    ['big', 'huge'],
    ['small', 'little'],
    ['happy', 'glad'],
    ['sad', 'unhappy'],
    ['really', 'truly'],
    ['very', 'so'],
    ['love', 'adore'],
    ['hate', 'despise'],
    ['buy', 'purchase'],
    ['start', 'begin'],
    ['fast', 'quick'],
    ['help', 'assist'],
    ['want', 'need'],
    ['today', 'tonight'],
    ['people', 'folks'],
    ['friend', 'mate'],
    ['amazing', 'awesome'],
    ['funny', 'hilarious'],
    ['stupid', 'dumb'],
    ['tired', 'exhausted'],
    ['angry', 'mad'],
    ['phone', 'mobile'],
    ['movie', 'film'],
    ['game', 'match'],
    ['car', 'vehicle'],
    ['money', 'cash'],
    ['job', 'work'],
    ['home', 'house'],
    ['think', 'believe'],
    ['get', 'receive'],
    ['tell', 'inform'],
    ['maybe', 'perhaps'],
    ['lol', 'haha'],
  ],
  es: [
    ['bueno', 'genial'],
    ['malo', 'horrible'],
    ['grande', 'enorme'],
    ['pequeño', 'chico'],
    ['feliz', 'contento'],
    ['triste', 'apenado'],
    ['muy', 'super'],
    ['mucho', 'bastante'],
    ['quiero', 'deseo'],
    ['odio', 'detesto'],
    ['comprar', 'adquirir'],
    ['empezar', 'comenzar'],
    ['rápido', 'veloz'],
    ['ayuda', 'apoyo'],
    ['hoy', 'ahora'],
    ['gente', 'personas'],
    ['amigo', 'colega'],
    ['increíble', 'alucinante'],
    ['gracioso', 'divertido'],
    ['tonto', 'bobo'],
    ['cansado', 'agotado'],
    ['enfadado', 'cabreado'],
    ['móvil', 'celular'],
    ['película', 'peli'],
    ['partido', 'juego'],
    ['coche', 'carro'],
    ['dinero', 'pasta'],
    ['trabajo', 'curro'],
    ['casa', 'hogar'],
    ['creo', 'pienso'],
    ['pero', 'aunque'],
    ['también', 'además'],
    ['quizás', 'tal vez'],
    ['jaja', 'jajaja'],
    ['gracias', 'mil gracias'],
  ],
  sv: [
    ['bra', 'toppen'],
    ['dålig', 'usel'],
    ['stor', 'enorm'],
    ['liten', 'pytteliten'],
    ['glad', 'lycklig'],
    ['ledsen', 'nere'],
    ['väldigt', 'jätte'],
    ['mycket', 'massor'],
    ['vill', 'önskar'],
    ['hatar', 'avskyr'],
    ['köpa', 'handla'],
    ['börja', 'starta'],
    ['snabb', 'kvick'],
    ['hjälp', 'stöd'],
    ['idag', 'nu'],
    ['folk', 'människor'],
    ['vän', 'kompis'],
    ['fantastisk', 'grym'],
    ['rolig', 'kul'],
    ['dum', 'korkad'],
    ['trött', 'slut'],
    ['arg', 'förbannad'],
    ['mobil', 'telefon'],
    ['film', 'rulle'],
    ['match', 'spel'],
    ['bil', 'kärra'],
    ['pengar', 'stålar'],
    ['jobb', 'arbete'],
    ['hem', 'hus'],
    ['tror', 'tycker'],
    ['men', 'fast'],
    ['också', 'även'],
    ['kanske', 'möjligen'],
    ['haha', 'hahaha'],
    ['tack', 'stort tack'],
  ],
};

const SYNONYMS: Record<TestLanguage, Map<string, string>> = {
  en: synonymMap('en'),
  es: synonymMap('es'),
  sv: synonymMap('sv'),
};

function synonymMap(language: TestLanguage): Map<string, string> {
  const map = new Map<string, string>();
  for (const [a, b] of SYNONYM_PAIRS[language]) {
    map.set(a, b);
    map.set(b, a);
  }
  return map;
}

const HANDLES = [
  'maria_g',
  'jonny88',
  'SvenssonAnna',
  'elpepe',
  'brandfan',
  'k_lindqvist',
  'lucia_rm',
  'TheRealTom',
  'ombud_help',
  'carlos1987',
];
const NAMES: Record<TestLanguage, string[]> = {
  en: ['Sarah', 'Mike', 'Emma', 'John', 'Olivia', 'David'],
  es: ['Lucía', 'Javier', 'Carmen', 'Pablo', 'Marta', 'Diego'],
  sv: ['Anna', 'Erik', 'Maja', 'Lars', 'Sofia', 'Johan'],
};
const EMOJI = ['😡', '😂', '🙏', '👍🏽', '❤️', '🔥', '😭', '🤔', '👏', '😤'];
const HASHTAGS = ['#fail', '#help', '#wtf', '#justsaying', '#monday', '#fyi'];

export type VariantKind = 'retweet' | 'template' | 'paraphrase';
export type ParaphraseOp = 'drop' | 'swap' | 'synonym' | 'typo' | 'emoji' | 'case' | 'hashtag';
const PARAPHRASE_OPS: readonly ParaphraseOp[] = [
  'drop',
  'swap',
  'synonym',
  'typo',
  'emoji',
  'case',
  'hashtag',
];

/** "RT @handle: text", cut at 140 characters with "…" the way old clients truncated retweets. */
export function retweetOf(text: string, rng: Random): string {
  const full = `RT @${rng.pick(HANDLES)}: ${text}`;
  return full.length > 140 && rng.chance(0.5) ? `${full.slice(0, 139)}…` : full;
}

/** The same text sent by a campaign: other @handles, other numbers, a name greeting or signature. */
export function templateOf(text: string, language: TestLanguage, rng: Random): string {
  let out = text
    .replace(/@[\p{L}\p{N}_]+/gu, () => `@${rng.pick(HANDLES)}`)
    .replace(/\d+/g, () => String(rng.int(1000)));
  const name = rng.pick(NAMES[language]);
  switch (rng.int(3)) {
    case 0:
      out = `@${rng.pick(HANDLES)} ${out}`;
      break;
    case 1:
      out = `${out} /${name}`;
      break;
    default:
      out = `${name}: ${out} @${rng.pick(HANDLES)}`;
  }
  return out;
}

/** A light rewording: `opCount` of word drop, adjacent swap, synonym, typo, emoji, case, hashtag. */
export function paraphraseOf(
  text: string,
  language: TestLanguage,
  rng: Random,
  opCount: number,
): { text: string; ops: ParaphraseOp[] } {
  let words = text.split(/\s+/).filter((w) => w.length > 0);
  const ops: ParaphraseOp[] = [];
  const wordIndexes = (): number[] =>
    words
      .map((w, i) => (/\p{L}{2,}/u.test(w) && !w.startsWith('@') && !w.startsWith('http') ? i : -1))
      .filter((i) => i >= 0);
  for (let n = 0; n < opCount; n++) {
    const op = rng.pick(PARAPHRASE_OPS);
    const candidates = wordIndexes();
    if (candidates.length < 3) break;
    switch (op) {
      case 'drop': {
        const i = rng.pick(candidates);
        words = words.filter((_, j) => j !== i);
        break;
      }
      case 'swap': {
        const i = rng.pick(candidates.slice(0, -1));
        const j = candidates[candidates.indexOf(i) + 1] ?? i;
        const copy = [...words];
        [copy[i], copy[j]] = [copy[j] ?? '', copy[i] ?? ''];
        words = copy;
        break;
      }
      case 'synonym': {
        const hits = candidates.filter((i) => SYNONYMS[language].has(bare(words[i] ?? '')));
        // No known word to replace: fall back to replacing with a filler word, still a rewording.
        const i = hits.length > 0 ? rng.pick(hits) : rng.pick(candidates);
        const word = words[i] ?? '';
        const replacement = SYNONYMS[language].get(bare(word)) ?? rng.pick(SYNONYM_PAIRS[language])[0];
        words = words.map((w, j) => (j === i ? replacement : w));
        break;
      }
      case 'typo': {
        const i = rng.pick(candidates);
        words = words.map((w, j) => (j === i ? typo(w, rng) : w));
        break;
      }
      case 'emoji':
        words = [...words, rng.pick(EMOJI)];
        break;
      case 'case':
        words = rng.chance(0.5) ? words.map((w) => w.toLowerCase()) : words.map((w) => w.toUpperCase());
        break;
      case 'hashtag':
        words = [...words, rng.pick(HASHTAGS)];
        break;
    }
    ops.push(op);
  }
  return { text: words.join(' '), ops };
}

function bare(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}]/gu, '');
}

function typo(word: string, rng: Random): string {
  if (word.length < 3) return word;
  const i = 1 + rng.int(word.length - 2);
  switch (rng.int(4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + (word[i] ?? '') + word.slice(i);
    case 2:
      return word.slice(0, i - 1) + (word[i] ?? '') + (word[i - 1] ?? '') + word.slice(i + 1);
    default:
      return word.slice(0, i) + 'aeiou'.charAt(rng.int(5)) + word.slice(i + 1);
  }
}

/**
 * A different tweet that shares many words with `text`: its first half (at least three words) kept
 * and the rest taken from another tweet, so the two read alike at the start but say something else.
 */
export function sharedOpeningNegative(text: string, other: string): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const otherWords = other.split(/\s+/).filter((w) => w.length > 0);
  const keep = Math.max(3, Math.floor(words.length / 2));
  const tail = otherWords.slice(Math.floor(otherWords.length / 2));
  return [...words.slice(0, keep), ...tail].join(' ');
}

/**
 * A different tweet built on the same frame: every second content word (4+ letters) replaced by a
 * content word from another tweet, so about half the vocabulary is shared.
 */
export function sameFrameNegative(text: string, other: string, rng: Random): string {
  const donors = other.split(/\s+/).filter((w) => /^\p{L}{4,}$/u.test(w));
  if (donors.length === 0) return sharedOpeningNegative(text, other);
  let flip = rng.chance(0.5);
  return text
    .split(/\s+/)
    .map((w) => {
      if (!/^\p{L}{4,}$/u.test(w)) return w;
      flip = !flip;
      return flip ? rng.pick(donors) : w;
    })
    .join(' ');
}
