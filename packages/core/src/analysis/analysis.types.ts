/** Languages the analysis recognises; `und` means "not sure" (too short, emoji-only, too close to call). */
export const LANGUAGE_CODES = ['en', 'es', 'sv', 'da', 'no', 'de', 'fr', 'pt', 'it', 'fi'] as const;
export type KnownLanguage = (typeof LANGUAGE_CODES)[number];
export type LanguageCode = KnownLanguage | 'und';

/** Languages with their own sentiment model, lexicons and intent patterns. */
export const FIRST_CLASS_LANGUAGES = ['en', 'es', 'sv'] as const;
export type FirstClassLanguage = (typeof FIRST_CLASS_LANGUAGES)[number];

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/**
 * Intent labels. Spelled as stable snake_case identifiers:
 * `complaint`, `question`, `request_for_help`, `praise`, `suggestion`,
 * `purchase_intent`, `churn_threat`.
 */
export const INTENT_LABELS = [
  'complaint',
  'question',
  'request_for_help',
  'praise',
  'suggestion',
  'purchase_intent',
  'churn_threat',
] as const;
export type IntentLabel = (typeof INTENT_LABELS)[number];

export const ASPECT_LABELS = [
  'delivery',
  'price',
  'product_quality',
  'customer_service',
  'staff',
  'website_app',
  'safety',
  'privacy',
  'sustainability',
] as const;
export type AspectLabel = (typeof ASPECT_LABELS)[number];

export const TOXICITY_CATEGORIES = ['insult', 'threat', 'hate', 'profanity'] as const;
export type ToxicityCategory = (typeof TOXICITY_CATEGORIES)[number];
export type ToxicitySeverity = 'none' | 'low' | 'medium' | 'high';

/** Why a judgement was made: the rule that fired, the words it fired on and how much it weighed. */
export interface Evidence {
  rule: string;
  match: string;
  weight: number;
}

export interface LanguageResult {
  language: LanguageCode;
  /** 0..1, margin-based; low when the top candidates are close. */
  confidence: number;
  evidence: Evidence[];
}

export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  evidence: Evidence[];
}

export interface IntentResult {
  label: IntentLabel;
  confidence: number;
  evidence: Evidence[];
}

export interface AspectResult {
  aspect: AspectLabel;
  /** Sentiment of the clause the aspect was mentioned in. */
  sentiment: SentimentLabel;
  evidence: Evidence[];
}

export interface ToxicityFinding {
  category: ToxicityCategory;
  severity: Exclude<ToxicitySeverity, 'none'>;
  evidence: Evidence[];
}

export interface ToxicityResult {
  toxic: boolean;
  /** Highest severity over all findings. */
  severity: ToxicitySeverity;
  findings: ToxicityFinding[];
}

/** Extra terms a workspace adds to the default aspect lexicons, per aspect (any language). */
export type AspectTerms = Partial<Record<AspectLabel, readonly string[]>>;

export interface AnalysisOptions {
  /** Extra aspect terms; merged with the defaults (compile once with `compileAspectLexicon` for speed). */
  aspectTerms?: AspectTerms;
  /** One symmetric neutral band for every language; default: each language's own thresholds (`SENTIMENT_CALIBRATION`). */
  neutralBand?: number;
}

export interface PostInput {
  text: string;
  /** Languages the campaign expects (ISO 639-1); used as priors, not as a filter. */
  languageHints?: readonly string[];
}

export interface PostAnalysis {
  language: LanguageResult;
  sentiment: SentimentResult;
  intents: IntentResult[];
  aspects: AspectResult[];
  toxicity: ToxicityResult;
}
