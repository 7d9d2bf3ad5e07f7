// The campaign brief as the brand checks read it. Structurally the output of the contract's
// `briefSchema` (packages/contract/src/brief.ts), kept here so the core stays free of zod.

export type PerLanguage<T> = Readonly<Record<string, T>>;

export type QuantityUnit =
  | 'day'
  | 'week'
  | 'month'
  | 'year'
  | 'hour'
  | 'minute'
  | 'second'
  | 'percent'
  | 'EUR'
  | 'SEK'
  | 'USD'
  | 'GBP'
  | 'NOK'
  | 'DKK'
  | 'litre'
  | 'millilitre'
  | 'watt'
  | 'kilogram'
  | 'gram'
  | 'degree_c'
  | 'millimetre'
  | 'kilometre';

export interface FactQuantity {
  value: number;
  unit: QuantityUnit;
  /** Markets where the figure applies; empty = all. */
  markets: readonly string[];
}

export interface BriefFact {
  id: string;
  subject: string;
  kind: string;
  text: PerLanguage<string>;
  keywords: PerLanguage<readonly string[]>;
  quantities: readonly FactQuantity[];
  contradictions: PerLanguage<readonly string[]>;
}

export interface BannedClaim {
  id: string;
  phrases: PerLanguage<readonly string[]>;
  reason?: string | undefined;
  factId?: string | undefined;
}

export interface KeyMessage {
  id: string;
  text: PerLanguage<string>;
  keywords: PerLanguage<readonly string[]>;
}

export interface ToneGuide {
  formality: 'formal' | 'neutral' | 'casual';
  profanity: 'forbid' | 'allow';
  aggressiveLanguage: 'forbid' | 'allow';
  extraProfanity: PerLanguage<readonly string[]>;
  extraAggressive: PerLanguage<readonly string[]>;
}

export interface Competitor {
  name: string;
  handles: readonly string[];
  keywords: readonly string[];
}

export type DisclosurePlacement = 'start' | 'first_chars' | 'anywhere';

export interface DisclosureRule {
  market: string;
  tags: readonly string[];
  placement: DisclosurePlacement;
  firstChars?: number | undefined;
  note?: string | undefined;
}

export interface BrandBrief {
  brand: string;
  product?: string | undefined;
  languages: readonly string[];
  hashtags: readonly string[];
  defaultMarkets: PerLanguage<string>;
  keyMessages: readonly KeyMessage[];
  keyMessagesPerPost: number;
  facts: readonly BriefFact[];
  bannedClaims: readonly BannedClaim[];
  bannedPhrases: PerLanguage<readonly string[]>;
  tone: ToneGuide;
  competitors: readonly Competitor[];
  disclosure: { useDefaults: boolean; rules: readonly DisclosureRule[] };
}

/** One post to check. `language` is ISO 639-1 (`en`, `es`, `sv`); `market` ISO 3166-1 alpha-2. */
export interface BrandPost {
  text: string;
  language?: string | undefined;
  market?: string | undefined;
  advocate?: boolean | undefined;
}
