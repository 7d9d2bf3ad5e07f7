import type { BrandBrief, BrandPost } from './brief.types.ts';
import { compilePhrases, findPhrases, foldKeepingOffsets, type PhraseMatcher } from './phrase-matcher.ts';
import { AGGRESSIVE, INFORMAL, PROFANITY } from './tone-lexicon.ts';
import { findingText, type FindingMessageKey } from './finding-messages.ts';

export type OnMessageCode =
  | 'KEY_MESSAGE_MISSING'
  | 'BANNED_PHRASE'
  | 'PROFANITY'
  | 'AGGRESSIVE_LANGUAGE'
  | 'COMPETITOR_MENTION'
  | 'INFORMAL_TONE';

export type IssueSeverity = 'error' | 'warning' | 'info';

export interface OnMessageIssue {
  code: OnMessageCode;
  severity: IssueSeverity;
  message: string;
  /** `message` as a stable code + parameters (contract JUDGEMENT_CODES), said in the reader's language. */
  messageCode: FindingMessageKey;
  messageParams: Record<string, string | number>;
  /** The words in the post that raised it (or the key messages not covered). */
  evidence: string[];
  /** What it cost the score. */
  penalty: number;
}

export interface OnMessageResult {
  /** 0..1: 0.3 × key-message coverage + 0.7, minus the issues' penalties, clamped. */
  score: number;
  coverage: { covered: string[]; missing: string[]; ratio: number };
  issues: OnMessageIssue[];
}

/** Score weights, documented in docs/brief.md. */
export const ON_MESSAGE_WEIGHTS = {
  coverage: 0.3,
  bannedPhrase: 0.3,
  bannedPhraseMax: 0.6,
  profanity: 0.35,
  aggressive: 0.35,
  competitor: 0.15,
  informalFormal: 0.1,
  informalNeutral: 0.05,
  /** Neutral briefs only flag a post with at least this many informal markers. */
  neutralInformalMarkers: 3,
} as const;

type Lexicon = Readonly<Record<string, readonly string[]>>;

export interface OnMessageBrief {
  brief: BrandBrief;
  keyMessages: PhraseMatcher<string>;
  bannedPhrases: PhraseMatcher<string>;
  competitors: PhraseMatcher<string>;
  profanity: ReadonlyMap<string, PhraseMatcher<string>>;
  aggressive: ReadonlyMap<string, PhraseMatcher<string>>;
  informal: ReadonlyMap<string, PhraseMatcher<string>>;
}

function perLanguageMatchers(base: Lexicon, extra: Lexicon): Map<string, PhraseMatcher<string>> {
  const languages = new Set([...Object.keys(base), ...Object.keys(extra)]);
  const matchers = new Map<string, PhraseMatcher<string>>();
  for (const language of languages) {
    const phrases = [...(base[language] ?? []), ...(extra[language] ?? [])];
    matchers.set(language, compilePhrases(phrases.map((p) => [p, language] as const)));
  }
  return matchers;
}

/** Compiles a brief's key messages, banned phrases, competitors and tone lists once. */
export function compileOnMessageBrief(brief: BrandBrief): OnMessageBrief {
  return {
    brief,
    keyMessages: compilePhrases(
      brief.keyMessages.flatMap((m) =>
        Object.values(m.keywords)
          .flat()
          .map((k) => [k, m.id] as const),
      ),
    ),
    bannedPhrases: compilePhrases(
      Object.values(brief.bannedPhrases)
        .flat()
        .map((p) => [p, p] as const),
    ),
    competitors: compilePhrases(
      brief.competitors.flatMap((c) =>
        [c.name, ...c.handles, ...c.keywords].map((p) => [p, c.name] as const),
      ),
    ),
    profanity: perLanguageMatchers(PROFANITY, brief.tone.extraProfanity),
    aggressive: perLanguageMatchers(AGGRESSIVE, brief.tone.extraAggressive),
    informal: perLanguageMatchers(INFORMAL, {}),
  };
}

function languageHits(
  matchers: ReadonlyMap<string, PhraseMatcher<string>>,
  language: string | undefined,
  text: string,
  folded: string,
): string[] {
  // Tone words are language-specific ("fan" is a Swedish swear word and an English noun).
  const chosen =
    language !== undefined && matchers.has(language) ? [matchers.get(language)!] : [...matchers.values()];
  return chosen.flatMap((m) => findPhrases(m, text, folded).map((h) => h.text));
}

/** An issue's message: its code and parameters, and the English words for the CLI and logs. */
function said(
  messageCode: FindingMessageKey,
  messageParams: Record<string, string | number>,
): Pick<OnMessageIssue, 'message' | 'messageCode' | 'messageParams'> {
  return { message: findingText('en', messageCode, messageParams), messageCode, messageParams };
}

const unique = (items: readonly string[]) => [...new Set(items)];

/** Scores how on-message a post is: key-message coverage, banned phrases, tone and competitor mentions, each with evidence. */
export function scoreOnMessage(compiled: OnMessageBrief, post: BrandPost): OnMessageResult {
  const { brief } = compiled;
  const text = post.text.normalize('NFC');
  const folded = foldKeepingOffsets(text);
  const issues: OnMessageIssue[] = [];
  const w = ON_MESSAGE_WEIGHTS;

  const covered = unique(findPhrases(compiled.keyMessages, text, folded).map((h) => h.payload));
  const missing = brief.keyMessages.map((m) => m.id).filter((id) => !covered.includes(id));
  const ratio =
    brief.keyMessages.length === 0
      ? 1
      : Math.min(
          1,
          covered.length / Math.max(1, Math.min(brief.keyMessagesPerPost, brief.keyMessages.length)),
        );
  if (ratio < 1)
    issues.push({
      code: 'KEY_MESSAGE_MISSING',
      severity: 'info',
      ...said('onMessage.keyMessageMissing', { covered: covered.length, wanted: brief.keyMessagesPerPost }),
      evidence: missing,
      penalty: 0,
    });

  const banned = unique(findPhrases(compiled.bannedPhrases, text, folded).map((h) => h.text));
  if (banned.length > 0)
    issues.push({
      code: 'BANNED_PHRASE',
      severity: 'error',
      ...said('onMessage.bannedPhrase', { words: banned.join(', ') }),
      evidence: banned,
      penalty: Math.min(w.bannedPhraseMax, w.bannedPhrase * banned.length),
    });

  if (brief.tone.profanity === 'forbid') {
    const words = unique(languageHits(compiled.profanity, post.language, text, folded));
    if (words.length > 0)
      issues.push({
        code: 'PROFANITY',
        severity: 'error',
        ...said('onMessage.profanity', { words: words.join(', ') }),
        evidence: words,
        penalty: w.profanity,
      });
  }
  if (brief.tone.aggressiveLanguage === 'forbid') {
    const words = unique(languageHits(compiled.aggressive, post.language, text, folded));
    if (words.length > 0)
      issues.push({
        code: 'AGGRESSIVE_LANGUAGE',
        severity: 'error',
        ...said('onMessage.aggressive', { words: words.join(', ') }),
        evidence: words,
        penalty: w.aggressive,
      });
  }

  const competitors = unique(findPhrases(compiled.competitors, text, folded).map((h) => h.text));
  if (competitors.length > 0)
    issues.push({
      code: 'COMPETITOR_MENTION',
      severity: 'warning',
      ...said('onMessage.competitor', { words: competitors.join(', ') }),
      evidence: competitors,
      penalty: w.competitor,
    });

  if (brief.tone.formality !== 'casual') {
    const markers = languageHits(compiled.informal, post.language, text, folded);
    const shouting =
      text
        .match(/(?<![\p{L}])\p{Lu}{3,}(?![\p{L}])/gu)
        ?.filter((word) => !/^(?:EUR|SEK|USD|GBP|BPA|PFC|EN)$/.test(word)) ?? [];
    const exclamations = text.match(/[!?]{3,}/g) ?? [];
    const evidence = [...markers, ...shouting, ...exclamations];
    const formal = brief.tone.formality === 'formal';
    if (evidence.length > 0 && (formal || evidence.length >= w.neutralInformalMarkers))
      issues.push({
        code: 'INFORMAL_TONE',
        severity: formal ? 'warning' : 'info',
        ...said(formal ? 'onMessage.informalFormal' : 'onMessage.informalNeutral', {
          words: evidence.join(', '),
        }),
        evidence,
        penalty: formal ? w.informalFormal : w.informalNeutral,
      });
  }

  const penalty = issues.reduce((sum, issue) => sum + issue.penalty, 0);
  const score = Math.max(0, Math.min(1, w.coverage * ratio + (1 - w.coverage) - penalty));
  return { score: Math.round(score * 100) / 100, coverage: { covered, missing, ratio }, issues };
}
