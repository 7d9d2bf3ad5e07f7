/** Languages the demo stream is written in. */
export type DemoLanguage = 'en' | 'es' | 'sv';

/** What an ordinary (non-event) post is about; also used for launch-day posts. */
export type ConversationCategory =
  | 'unboxing'
  | 'praise'
  | 'ugc_story'
  | 'purchase_intent'
  | 'price_question'
  | 'delivery_question'
  | 'delivery_delay'
  | 'refund'
  | 'product_question'
  | 'request_for_help'
  | 'staff_praise'
  | 'suggestion'
  | 'churn_threat'
  | 'product_complaint'
  | 'mixed'
  | 'neutral_mention'
  | 'competitor_comparison'
  | 'toxic'
  | 'me_too';

/** Which canned answer the brand gives to a post. */
export type BrandReplyKind = 'delivery' | 'refund' | 'help' | 'question' | 'praise';

/** A claim an advocate gets wrong, against the fact sheet. */
export type WrongClaim = 'returns_60_days' | 'recycled_100' | 'warranty_5_years' | 'never_breaks';

/** Kinds of personal data the demo plants in posts. */
export type PersonalDataKind = 'email' | 'phone' | 'order';

/**
 * Everything written in one language. Templates use `{slot}` placeholders filled from `slots`
 * (and `{email}`, `{phone}`, `{order}` filled by the generator with fake values).
 */
export interface PhraseBook {
  readonly language: DemoLanguage;
  readonly slots: Readonly<Record<string, readonly string[]>>;
  readonly conversation: Readonly<Record<ConversationCategory, readonly string[]>>;
  readonly personalData: Readonly<Record<PersonalDataKind, readonly string[]>>;
  readonly brandReplies: Readonly<Record<BrandReplyKind, readonly string[]>>;
  readonly competitorReplies: readonly string[];
  readonly launchPosts: readonly string[];
  readonly advocate: {
    readonly correct: readonly string[];
    readonly wrong: Readonly<Record<WrongClaim, readonly string[]>>;
  };
  readonly crisis: {
    /** The first post of the wave in this language (by the language's amplifier account). */
    readonly origin: string;
    readonly copies: readonly string[];
    readonly angry: readonly string[];
    readonly questions: readonly string[];
    readonly skeptic: readonly string[];
    readonly brandReplies: readonly string[];
    readonly brandStatement: string;
  };
  readonly names: { readonly first: readonly string[]; readonly last: readonly string[] };
  /** Words people put in handles (tea_lover, kaffesugen…). */
  readonly handleWords: readonly string[];
}
