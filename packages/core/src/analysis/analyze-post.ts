import type { AnalysisOptions, PostAnalysis, PostInput } from './analysis.types.ts';
import {
  compileAspectLexicon,
  DEFAULT_ASPECT_LEXICON,
  detectAspects,
  type AspectLexicon,
} from './aspects.ts';
import { detectIntents } from './intents.ts';
import { identifyLanguage } from './language-id.ts';
import { analyzeSentiment, sentimentModelLanguage } from './sentiment.ts';
import { tokenize } from './tokenize.ts';
import { detectToxicity } from './toxicity.ts';
import { blankPlaceholders } from '../privacy/redact.ts';

// Extra aspect terms arrive as plain data; compile each distinct object once.
const compiledAspectTerms = new WeakMap<object, AspectLexicon>();

function aspectLexiconFor(options: AnalysisOptions): AspectLexicon {
  const extra = options.aspectTerms;
  if (extra === undefined) return DEFAULT_ASPECT_LEXICON;
  let lexicon = compiledAspectTerms.get(extra);
  if (lexicon === undefined) {
    lexicon = compileAspectLexicon(extra);
    compiledAspectTerms.set(extra, lexicon);
  }
  return lexicon;
}

/**
 * The whole analysis chain for one post: tokenise once, then language, sentiment, aspects, intents
 * and toxicity, each with its evidence. Pure and synchronous.
 */
export function analyzePost(input: PostInput, options: AnalysisOptions = {}): PostAnalysis {
  // Redacted posts carry placeholders ([EMAIL]); they are not words of the post.
  const tokenized = tokenize(blankPlaceholders(input.text));
  const language = identifyLanguage(tokenized, input.languageHints ?? []);
  const { rules, ...sentiment } = analyzeSentiment(tokenized, language.language, options.neutralBand);
  const aspects = detectAspects(tokenized, rules.tokenValence, aspectLexiconFor(options));
  const intents = detectIntents(tokenized, {
    sentiment,
    aspectCount: aspects.length,
    language: sentimentModelLanguage(language.language) ?? 'en',
  });
  const toxicity = detectToxicity(tokenized, language.language);
  return { language, sentiment, intents, aspects, toxicity };
}
