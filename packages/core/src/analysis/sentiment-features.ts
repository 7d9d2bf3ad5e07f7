import { emptyFeatures, familySeed, hashString, type FeatureVector } from './hashed-linear-model.ts';
import type { RuleSentiment } from './sentiment-rules.ts';
import type { Token, TokenizedText } from './tokenize.ts';

const SEED = {
  word: familySeed('w'),
  negatedWord: familySeed('wn'),
  hashtag: familySeed('h'),
  emoji: familySeed('e'),
  flag: familySeed('f'),
} as const;

const NEGATION_SCOPE = 3;
/** Words that open a negation scope for the model's features (all three languages; a word here is cheap to mis-mark). */
const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'without',
  'cannot',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'cant',
  'wont',
  'nunca',
  'jamás',
  'ni',
  'nada',
  'nadie',
  'sin',
  'tampoco',
  'inte',
  'ej',
  'aldrig',
  'ingen',
  'inget',
  'inga',
  'utan',
  'icke',
  'varken',
]);

function flag(features: FeatureVector, name: string, value: number): void {
  features.indices.push(hashString(SEED.flag, name));
  features.values.push(value);
  features.sources.push(-1);
}

function isNegator(token: Token): boolean {
  return NEGATORS.has(token.norm) || token.norm.endsWith("n't");
}

/**
 * Hashed features for the sentiment model: words (marked when inside a negation scope), hashtags,
 * emoji/emoticons, punctuation and shouting flags, and the rule engine's positive/negative sums.
 * Shared by the trainer and runtime. Bigrams and character n-grams were tried and dropped: they fit
 * the training tweets' topics and transferred worse to other tweets.
 */
export function sentimentFeatures(tokenized: TokenizedText, rules: RuleSentiment): FeatureVector {
  const features = emptyFeatures();
  const { indices, values, sources } = features;
  let negationLeft = 0;
  let exclamation = false;
  let question = false;
  let shouted = false;
  let elongated = false;
  tokenized.tokens.forEach((token, index) => {
    switch (token.kind) {
      case 'word': {
        if (token.raw === 'RT') return;
        const form = token.norm;
        indices.push(hashString(negationLeft > 0 ? SEED.negatedWord : SEED.word, form));
        values.push(1);
        sources.push(index);
        shouted ||= token.shouted;
        elongated ||= token.elongated;
        if (isNegator(token)) negationLeft = NEGATION_SCOPE;
        else if (negationLeft > 0) negationLeft--;
        return;
      }
      case 'hashtag':
        indices.push(hashString(SEED.hashtag, token.norm), hashString(SEED.word, token.norm));
        values.push(1, 0.5);
        sources.push(index, index);
        return;
      case 'emoji':
      case 'emoticon':
        indices.push(hashString(SEED.emoji, token.norm));
        values.push(1);
        sources.push(index);
        return;
      case 'punct':
        exclamation ||= token.raw.includes('!');
        question ||= token.raw.includes('?');
        negationLeft = 0;
        return;
      case 'mention':
      case 'url':
      case 'number':
        return;
    }
  });
  if (exclamation) flag(features, '!', 1);
  if (question) flag(features, '?', 1);
  if (shouted) flag(features, 'shout', 1);
  if (elongated) flag(features, 'elongated', 1);
  flag(features, 'rule+', Math.log1p(rules.positive));
  flag(features, 'rule-', Math.log1p(rules.negative));
  return features;
}
