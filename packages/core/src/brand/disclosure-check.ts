import type { BrandBrief, BrandPost, DisclosureRule } from './brief.types.ts';
import { DEFAULT_DISCLOSURE_RULES, FALLBACK_DISCLOSURE_RULE } from './disclosure-defaults.ts';
import { findingText, type FindingMessageKey } from './finding-messages.ts';
import { compilePhrases, findPhrases, foldKeepingOffsets, type PhraseMatcher } from './phrase-matcher.ts';

export interface DisclosureCheck {
  market: string;
  required: boolean;
  present: boolean;
  /** True when not required, or present and placed as the rule demands. */
  ok: boolean;
  evidence: {
    rule: {
      market: string;
      placement: DisclosureRule['placement'];
      firstChars?: number;
      tags: readonly string[];
    };
    found?: { text: string; offset: number };
    /** English, for the CLI and logs. */
    reason: string;
    /** Stable code and parameters the dashboard words in the reader's language (contract `JUDGEMENT_CODES`). */
    reasonCode: string;
    reasonParams: Record<string, string | number>;
  };
}

type Placement = {
  ok: boolean;
  reason: string;
  reasonCode: string;
  reasonParams: Record<string, string | number>;
};

/** Rules in force for a brief: the defaults (unless switched off) with the brief's own rules replacing them per market. */
export function disclosureRulesFor(brief: BrandBrief): ReadonlyMap<string, DisclosureRule> {
  const rules = new Map<string, DisclosureRule>();
  if (brief.disclosure.useDefaults) for (const rule of DEFAULT_DISCLOSURE_RULES) rules.set(rule.market, rule);
  for (const rule of brief.disclosure.rules) rules.set(rule.market, rule);
  return rules;
}

/** The market a post is judged under: its own, else the brief's default for its language. */
export function postMarket(brief: BrandBrief, post: BrandPost): string | undefined {
  return post.market ?? (post.language !== undefined ? brief.defaultMarkets[post.language] : undefined);
}

const matcherCache = new WeakMap<DisclosureRule, PhraseMatcher<string>>();

function tagMatcher(rule: DisclosureRule): PhraseMatcher<string> {
  const cached = matcherCache.get(rule);
  if (cached !== undefined) return cached;
  const entries: [string, string][] = [];
  for (const tag of rule.tags) {
    entries.push([tag, tag]);
    // A word label also counts as a hashtag: "Reklam" accepts "#reklam", "Paid partnership" "#paidpartnership".
    if (!tag.startsWith('#')) entries.push([`#${tag.replace(/\s+/g, '')}`, tag]);
  }
  const matcher = compilePhrases(entries);
  matcherCache.set(rule, matcher);
  return matcher;
}

const START_WORD_ALLOWANCE = 2;

/** A placement's reason: its code and parameters, and the English words for the CLI and logs. */
function said(
  reasonCode: FindingMessageKey,
  reasonParams: Record<string, string | number>,
): Pick<Placement, 'reason' | 'reasonCode' | 'reasonParams'> {
  return { reason: findingText('en', reasonCode, reasonParams), reasonCode, reasonParams };
}

function placedWell(rule: DisclosureRule, text: string, offset: number): Placement {
  switch (rule.placement) {
    case 'anywhere':
      return {
        ok: true,
        ...said('disclosure.anywhere', {}),
      };
    case 'first_chars': {
      const limit = rule.firstChars ?? 125;
      return offset < limit
        ? {
            ok: true,
            ...said('disclosure.withinFirst', { offset, limit }),
          }
        : {
            ok: false,
            ...said('disclosure.tooLate', { offset, limit }),
          };
    }
    case 'start': {
      const before = text.slice(0, offset);
      const words = (before.replace(/[@#][\p{L}\p{N}_.]+/gu, ' ').match(/[\p{L}\p{N}]+/gu) ?? []).length;
      const sentenceEnded = /[.!?\n]/u.test(before);
      return words <= START_WORD_ALLOWANCE && !sentenceEnded
        ? {
            ok: true,
            ...said('disclosure.atStart', {}),
          }
        : {
            ok: false,
            ...said('disclosure.notAtStart', { words }),
          };
    }
  }
}

/** Whether a post carries the disclosure its market requires, placed where the rule demands (required for advocate posts only). */
export function checkDisclosure(
  brief: BrandBrief,
  post: BrandPost,
  rules: ReadonlyMap<string, DisclosureRule> = disclosureRulesFor(brief),
): DisclosureCheck {
  const market = postMarket(brief, post);
  const rule = (market !== undefined ? rules.get(market) : undefined) ?? FALLBACK_DISCLOSURE_RULE;
  const text = post.text.normalize('NFC');
  const hits = findPhrases(tagMatcher(rule), text, foldKeepingOffsets(text));
  const first = hits[0];
  const required = post.advocate === true;
  const ruleEvidence = {
    market: rule.market,
    placement: rule.placement,
    ...(rule.firstChars !== undefined ? { firstChars: rule.firstChars } : {}),
    tags: rule.tags,
  };
  const marketName = market ?? 'unknown';
  if (first === undefined)
    return {
      market: marketName,
      required,
      present: false,
      ok: !required,
      evidence: {
        rule: ruleEvidence,
        ...said(
          required ? 'disclosure.missing' : 'disclosure.notRequired',
          required ? { tags: rule.tags.join(', ') } : {},
        ),
      },
    };
  const placement = placedWell(rule, text, first.start);
  return {
    market: marketName,
    required,
    present: true,
    ok: !required || placement.ok,
    evidence: {
      rule: ruleEvidence,
      found: { text: first.text, offset: first.start },
      reason: placement.reason,
      reasonCode: placement.reasonCode,
      reasonParams: placement.reasonParams,
    },
  };
}
