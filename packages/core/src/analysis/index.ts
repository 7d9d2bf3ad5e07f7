export * from './analysis.types.ts';
export { analyzePost } from './analyze-post.ts';
export {
  compileAspectLexicon,
  DEFAULT_ASPECT_LEXICON,
  detectAspects,
  type AspectLexicon,
} from './aspects.ts';
export { COMPLAINT_THRESHOLD, detectIntents, type IntentContext } from './intents.ts';
export { identifyLanguage, ISO_639_3_TO_1, normaliseLanguageCode } from './language-id.ts';
export {
  analyzeSentiment,
  DEFAULT_NEUTRAL_BAND,
  MODEL_WEIGHT,
  SENTIMENT_CALIBRATION,
  type SentimentCalibration,
  sentimentModelLanguage,
  type SentimentDetail,
} from './sentiment.ts';
export { normaliseValence, ruleSentiment, type RuleSentiment } from './sentiment-rules.ts';
export { splitHashtag, tokenize, type Token, type TokenizedText, type TokenKind } from './tokenize.ts';
export { detectToxicity } from './toxicity.ts';
