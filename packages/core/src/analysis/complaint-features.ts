import type { FirstClassLanguage, SentimentResult } from './analysis.types.ts';
import {
  emptyFeatures,
  familySeed,
  hashPrefix,
  hashString,
  type FeatureVector,
} from './hashed-linear-model.ts';
import {
  COMPLAINT_CONCEPT_TERMS,
  COMPLAINT_CONCEPTS,
  DURATION_UNITS,
  FIRST_PERSON,
  MONEY_UNITS,
  SECOND_PERSON,
  type ComplaintConcept,
} from './lexicons/complaint.lexicon.ts';
import { compileTerms, matchTerms } from './term-matcher.ts';
import type { Token, TokenizedText } from './tokenize.ts';

const SEED = {
  word: familySeed('cw'),
  negatedWord: familySeed('cwn'),
  bigram: familySeed('cb'),
  stem: familySeed('cs'),
  hashtag: familySeed('ch'),
  emoji: familySeed('ce'),
  concept: familySeed('cc'),
  flag: familySeed('cf'),
} as const;

const CONCEPTS = compileTerms(
  COMPLAINT_CONCEPTS.flatMap((concept) =>
    COMPLAINT_CONCEPT_TERMS[concept].map((term) => [term, concept] as const),
  ),
);

const FLAGS = [
  'concepts',
  'mention',
  'no-mention',
  'starts-with-mention',
  'retweet',
  'url',
  'number',
  'duration',
  'money',
  '?',
  '!',
  'shout',
  'first-person',
  'second-person',
  'short',
  'sentiment-positive',
  'sentiment-neutral',
  'sentiment-negative',
  'sentiment-score',
  'rule-score',
  'service-',
  'service+',
  'aspect',
  'complaint-cue',
  'praise-cue',
  'question-cue',
  'rule-complaint',
] as const;
type FlagName = (typeof FLAGS)[number];
// Hashed once: whole-text flags are on every post.
const FLAG_HASH = Object.fromEntries(FLAGS.map((name) => [name, hashString(SEED.flag, name)])) as Record<
  FlagName,
  number
>;

const SENTIMENT_FLAG = {
  positive: 'sentiment-positive',
  neutral: 'sentiment-neutral',
  negative: 'sentiment-negative',
} as const satisfies Record<SentimentResult['label'], FlagName>;

const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'without',
  'cannot',
  'nunca',
  'nada',
  'nadie',
  'sin',
  'ni',
  'inte',
  'aldrig',
  'ingen',
  'inget',
  'inga',
  'utan',
]);
const NEGATION_SCOPE = 3;
const STEM_LENGTH = 5;

// "if it breaks, can I return it?" asks about a policy; "it hasn't broken" reports nothing.
const CONDITIONAL: ReadonlySet<string> = new Set(['if', 'unless', 'whether', 'caso', 'ifall']);
// "si" and "om" are also "yes"/"whether" and "about": conditional only where a clause starts, or after
// "what happens" / "I wonder".
const CLAUSE_CONDITIONAL: ReadonlySet<string> = new Set(['si', 'om']);
const BEFORE_CLAUSE_CONDITIONAL: ReadonlySet<string> = new Set(['pasa', 'ocurre', 'sé', 'händer', 'undrar']);
const DEFECT_NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'never',
  'no',
  'nunca',
  'nada',
  'inte',
  'aldrig',
  'ej',
  'dont',
  'doesnt',
  'didnt',
  'hasnt',
  'havent',
  'wont',
  'isnt',
  'wasnt',
]);
const HEDGE_NEGATION_SCOPE = 3;

/**
 * Whether what starts at token `index` is hedged: a conditional word earlier in its sentence ("if",
 * "si", "om") or a negator among the three words just before it ("has not broken", "no se ha roto").
 */
export function isHedged(tokens: readonly Token[], index: number): boolean {
  for (let i = index - 1, words = 0; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.kind === 'punct' && /[.!?¿¡;]/.test(token.raw)) return false;
    if (token.kind !== 'word') continue;
    words++;
    if (CONDITIONAL.has(token.norm)) return true;
    if (CLAUSE_CONDITIONAL.has(token.norm)) {
      const previous = tokens[i - 1];
      if (
        previous === undefined ||
        previous.kind === 'punct' ||
        previous.kind === 'mention' ||
        (previous.kind === 'word' && BEFORE_CLAUSE_CONDITIONAL.has(previous.norm))
      )
        return true;
    }
    if (words <= HEDGE_NEGATION_SCOPE && (DEFECT_NEGATORS.has(token.norm) || token.norm.endsWith("n't")))
      return true;
  }
  return false;
}

/** What the complaint model reads besides the words: the other analysers' results. */
export interface ComplaintSignals {
  language: FirstClassLanguage;
  sentiment: SentimentResult;
  aspectCount: number;
  /** Intent cue matches found by the cue rules, per label. */
  complaintCues: number;
  praiseCues: number;
  questionCues: number;
  /** The hand-written complaint rules fired. */
  ruleComplaint: boolean;
}

/** Mixes two 32-bit hashes into one (FNV-style multiply, then a murmur finaliser). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ b, 0x01000193) ^ (b >>> 15);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function pushFeature(features: FeatureVector, index: number, value: number, source: number): void {
  features.indices.push(index);
  features.values.push(value);
  features.sources.push(source);
}

function flag(features: FeatureVector, name: FlagName, value = 1): void {
  pushFeature(features, FLAG_HASH[name], value, -1);
}

const FIRST = 1;
const SECOND = 2;
const DURATION = 4;
const MONEY = 8;
const NEGATOR = 16;

// One lookup per word instead of five set lookups.
function wordRoles(language: FirstClassLanguage): ReadonlyMap<string, number> {
  const roles = new Map<string, number>();
  const mark = (words: Iterable<string>, bit: number): void => {
    for (const word of words) roles.set(word, (roles.get(word) ?? 0) | bit);
  };
  mark(FIRST_PERSON[language], FIRST);
  mark(SECOND_PERSON[language], SECOND);
  mark(DURATION_UNITS, DURATION);
  mark(MONEY_UNITS, MONEY);
  mark(NEGATORS, NEGATOR);
  return roles;
}

const WORD_ROLES: Readonly<Record<FirstClassLanguage, ReadonlyMap<string, number>>> = {
  en: wordRoles('en'),
  es: wordRoles('es'),
  sv: wordRoles('sv'),
};

/**
 * Hashed features for the complaint model: words (negation-marked), word pairs, 5-letter stems,
 * hashtags, emoji, complaint concepts shared by the three languages (waiting, no answer, broken…),
 * waiting times and money amounts, first/second person, and the sentiment and intent rules' outputs.
 * Shared by the trainer (`scripts/train-complaint-model.ts`) and runtime. Each feature records the
 * token that produced it (or −1), for evidence.
 */
export function complaintFeatures(tokenized: TokenizedText, signals: ComplaintSignals): FeatureVector {
  const features = emptyFeatures();
  // Plain loops and no closures: this runs on every post.
  const { tokens } = tokenized;
  const roles = WORD_ROLES[signals.language];
  let negationLeft = 0;
  let previousWordHash: number | undefined;
  let mentions = 0;
  let firstPersonSeen = false;
  let secondPersonSeen = false;
  let question = false;
  let exclamation = false;
  let shouted = false;
  let duration = false;
  let money = false;
  let numbers = 0;
  let urls = 0;
  let words = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    switch (token.kind) {
      case 'word': {
        const form = token.folded;
        words++;
        const wordHash = hashString(SEED.word, form);
        pushFeature(features, negationLeft > 0 ? mix(SEED.negatedWord, wordHash) : wordHash, 1, index);
        // A pair's hash is mixed from the two words' hashes: no second pass over the letters.
        if (previousWordHash !== undefined)
          pushFeature(features, mix(mix(SEED.bigram, previousWordHash), wordHash), 0.7, index);
        if (form.length > STEM_LENGTH)
          pushFeature(features, hashPrefix(SEED.stem, form, STEM_LENGTH), 0.5, index);
        previousWordHash = wordHash;
        const role = roles.get(token.norm) ?? 0;
        firstPersonSeen ||= (role & FIRST) !== 0;
        secondPersonSeen ||= (role & SECOND) !== 0;
        shouted ||= token.shouted;
        if ((role & (DURATION | MONEY)) !== 0 && tokens[index - 1]?.kind === 'number') {
          if ((role & DURATION) !== 0) duration = true;
          else money = true;
        }
        if ((role & NEGATOR) !== 0 || token.norm.endsWith("n't")) negationLeft = NEGATION_SCOPE;
        else if (negationLeft > 0) negationLeft--;
        continue;
      }
      case 'hashtag':
        pushFeature(features, hashString(SEED.hashtag, token.folded), 1, index);
        pushFeature(features, hashString(SEED.word, token.folded), 0.5, index);
        continue;
      case 'emoji':
      case 'emoticon':
        pushFeature(features, hashString(SEED.emoji, token.norm), 1, index);
        continue;
      case 'punct':
        question ||= token.raw.includes('?') || token.raw.includes('¿');
        exclamation ||= token.raw.includes('!');
        negationLeft = 0;
        previousWordHash = undefined;
        continue;
      case 'mention':
        mentions++;
        continue;
      case 'number':
        numbers++;
        if ('$£€'.includes(tokenized.text.charAt(token.start - 1) || ' ')) money = true;
        continue;
      case 'url':
        urls++;
        continue;
    }
  }
  const concepts = new Set<ComplaintConcept>();
  let hedgedBreakage = false;
  for (const match of matchTerms(CONCEPTS, tokens)) {
    if (concepts.has(match.payload)) continue;
    // A breakage that is only supposed ("if it breaks") or denied ("never broke") is not one.
    if (match.payload === 'broken' && isHedged(tokens, match.start)) {
      if (!hedgedBreakage) pushFeature(features, hashString(SEED.concept, 'broken?'), 1, match.start);
      hedgedBreakage = true;
      continue;
    }
    concepts.add(match.payload);
    pushFeature(features, hashString(SEED.concept, match.payload), 1, match.start);
  }
  if (concepts.size > 1) flag(features, 'concepts', Math.log1p(concepts.size));
  if (mentions > 0) flag(features, 'mention');
  else flag(features, 'no-mention');
  const first = tokens[0];
  if (first?.kind === 'mention') flag(features, 'starts-with-mention');
  if (first?.raw === 'RT') flag(features, 'retweet');
  if (urls > 0) flag(features, 'url');
  if (numbers > 0) flag(features, 'number');
  if (duration) flag(features, 'duration');
  if (money) flag(features, 'money');
  if (question) flag(features, '?');
  if (exclamation) flag(features, '!');
  if (shouted) flag(features, 'shout');
  if (firstPersonSeen) flag(features, 'first-person');
  if (secondPersonSeen) flag(features, 'second-person');
  if (words <= 6) flag(features, 'short');
  const { sentiment } = signals;
  flag(features, SENTIMENT_FLAG[sentiment.label]);
  flag(features, 'sentiment-score', sentiment.score);
  const ruleScore = sentiment.evidence.find((e) => e.rule === 'rule-score')?.weight ?? 0;
  flag(features, 'rule-score', ruleScore);
  let serviceNegative = 0;
  let servicePositive = 0;
  for (const e of sentiment.evidence)
    if (e.rule.startsWith('service')) {
      if (e.weight < 0) serviceNegative -= e.weight;
      else servicePositive += e.weight;
    }
  if (serviceNegative > 0) flag(features, 'service-', Math.log1p(serviceNegative));
  if (servicePositive > 0) flag(features, 'service+', Math.log1p(servicePositive));
  if (signals.aspectCount > 0) flag(features, 'aspect', Math.min(2, signals.aspectCount));
  if (signals.complaintCues > 0) flag(features, 'complaint-cue', Math.min(2, signals.complaintCues));
  if (signals.praiseCues > 0) flag(features, 'praise-cue');
  if (signals.questionCues > 0) flag(features, 'question-cue');
  if (signals.ruleComplaint) flag(features, 'rule-complaint');
  return features;
}
