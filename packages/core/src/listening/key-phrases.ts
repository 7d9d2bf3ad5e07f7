import { tokenize } from '../analysis/tokenize.ts';
import { foldText } from '../text/fold.ts';
import { STOPWORDS } from './stopwords.data.ts';

/** The phrases a post contributes to narratives: content words, adjacent word pairs, hashtags. */
export interface PostPhrases {
  /** Unigrams and bigrams (lower-case, diacritics kept), each once. */
  terms: string[];
  /** Hashtags, lower-case with `#`, each once. */
  hashtags: string[];
}

export interface PhraseExtractorOptions {
  /**
   * Words, hashtags and handles never used as topic words, e.g. the brand's own name and campaign
   * hashtags (present in nearly every post, so they name no narrative). Compared without diacritics.
   */
  ignore?: readonly string[];
  /** Shortest content word kept; default 3 letters. */
  minWordLength?: number;
}

export type PhraseExtractor = (text: string, language: string) => PostPhrases;

const EMPTY = new Set<string>();
const stopwordSets = new Map<string, Set<string>>(
  Object.entries(STOPWORDS).map(([language, words]) => [language, new Set(words)]),
);
const RETWEET_PREFIX = /^RT @[\p{L}\p{N}_]+:\s*/u;

/** Compiles the ignore list once; the extractor is then called per post. */
export function compilePhraseExtractor(options: PhraseExtractorOptions = {}): PhraseExtractor {
  const ignore = new Set<string>();
  for (const entry of options.ignore ?? []) {
    const folded = foldText(entry.trim().replace(/^[#@]/, ''));
    if (folded.length === 0) continue;
    ignore.add(folded);
    for (const word of folded.split(/[^\p{L}\p{N}_]+/u)) if (word.length > 0) ignore.add(word);
  }
  const minLength = options.minWordLength ?? 3;
  return (text, language) => {
    const stop = stopwordSets.get(language) ?? EMPTY;
    const { tokens } = tokenize(text.replace(RETWEET_PREFIX, ''));
    const terms = new Set<string>();
    const hashtags = new Set<string>();
    let previous: string | null = null;
    for (const token of tokens) {
      if (token.kind === 'hashtag') {
        if (!ignore.has(token.folded)) hashtags.add(`#${token.norm}`);
        previous = null;
        continue;
      }
      if (token.kind !== 'word') {
        // Punctuation, links and mentions end a phrase; emoji do too.
        previous = null;
        continue;
      }
      const word = token.norm.replace(/^'+|'+$/g, '');
      const content =
        word.length >= minLength && !stop.has(word) && !ignore.has(token.folded) && !/\d/.test(word);
      if (!content) {
        // A stopword between two content words still breaks the pair ("tapa del hervidor" → no pair).
        previous = null;
        continue;
      }
      terms.add(word);
      if (previous !== null && previous !== word) terms.add(`${previous} ${word}`);
      previous = word;
    }
    return { terms: [...terms], hashtags: [...hashtags] };
  };
}
