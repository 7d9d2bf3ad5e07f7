import type { BrandBrief, BrandPost, DisclosureRule } from './brief.types.ts';
import { checkClaims, compileClaimBrief, type CheckedClaim, type ClaimBrief } from './claim-check.ts';
import { checkDisclosure, disclosureRulesFor, type DisclosureCheck } from './disclosure-check.ts';
import {
  compileOnMessageBrief,
  scoreOnMessage,
  type IssueSeverity,
  type OnMessageBrief,
  type OnMessageResult,
} from './on-message.ts';
import {
  findingLanguage,
  renderFinding,
  type FindingMessageKey,
  type FindingParams,
  type FindingReason,
} from './finding-messages.ts';

export type BrandIssueCode =
  | 'CLAIM_CONTRADICTED'
  | 'CLAIM_UNVERIFIED'
  | 'BANNED_CLAIM'
  | 'DISCLOSURE_MISSING'
  | 'DISCLOSURE_MISPLACED'
  | OnMessageResult['issues'][number]['code'];

/**
 * The messages each issue code is said with (every code has at least one, in every language: a new
 * code without an entry here fails to compile, and finding-messages.test.ts checks the catalogues).
 */
export const ISSUE_MESSAGE_KEYS: Readonly<Record<BrandIssueCode, readonly FindingMessageKey[]>> = {
  CLAIM_CONTRADICTED: ['issue.claimContradicted', 'issue.claimContradictedApproved'],
  CLAIM_UNVERIFIED: ['issue.claimUnverified'],
  BANNED_CLAIM: ['brand.bannedClaim', 'brand.bannedClaimBecause'],
  DISCLOSURE_MISSING: ['issue.disclosureMissing'],
  DISCLOSURE_MISPLACED: ['issue.disclosureMisplaced'],
  KEY_MESSAGE_MISSING: ['onMessage.keyMessageMissing'],
  BANNED_PHRASE: ['onMessage.bannedPhrase'],
  PROFANITY: ['onMessage.profanity'],
  AGGRESSIVE_LANGUAGE: ['onMessage.aggressive'],
  COMPETITOR_MENTION: ['onMessage.competitor'],
  INFORMAL_TONE: ['onMessage.informalFormal', 'onMessage.informalNeutral'],
};

export interface BrandIssue {
  code: BrandIssueCode;
  severity: IssueSeverity;
  /** English, for the CLI and logs (`localizeBrandCheck` says it in another language). */
  message: string;
  /** The message as a stable code + parameters of the finding catalogue (finding-messages.ts). */
  messageCode: FindingMessageKey;
  messageParams: Record<string, string | number>;
  /** Claim and disclosure issues: the claim's or disclosure's own reason, which fills `{reason}`. */
  reasonCode?: string;
  reasonParams?: Record<string, string | number>;
}

export interface BrandCheck {
  claims: CheckedClaim[];
  disclosure: DisclosureCheck;
  onMessage: OnMessageResult;
  issues: BrandIssue[];
}

/** A brief compiled once for checking many posts. */
export interface CompiledBrandBrief {
  brief: BrandBrief;
  claims: ClaimBrief;
  onMessage: OnMessageBrief;
  disclosureRules: ReadonlyMap<string, DisclosureRule>;
}

/** Prepares a brief for `checkBrandPost` (compile once, check many). */
export function compileBrandBrief(brief: BrandBrief): CompiledBrandBrief {
  return {
    brief,
    claims: compileClaimBrief(brief),
    onMessage: compileOnMessageBrief(brief),
    disclosureRules: disclosureRulesFor(brief),
  };
}

/** Checks one post against a brief: claims vs the fact sheet, banned claims, disclosure and on-message score. */
export function checkBrandPost(compiled: CompiledBrandBrief, post: BrandPost): BrandCheck {
  const { claims, bannedClaims } = checkClaims(compiled.claims, post);
  const disclosure = checkDisclosure(compiled.brief, post, compiled.disclosureRules);
  const onMessage = scoreOnMessage(compiled.onMessage, post);
  const issues: BrandIssue[] = [];
  const issue = (
    code: BrandIssueCode,
    severity: IssueSeverity,
    messageCode: FindingMessageKey,
    messageParams: Record<string, string | number>,
    reason?: FindingReason,
  ): BrandIssue => ({
    code,
    severity,
    message: renderFinding('en', messageCode, messageParams, reason) ?? messageCode,
    messageCode,
    messageParams,
    ...(reason !== undefined ? { reasonCode: reason.code, reasonParams: { ...reason.params } } : {}),
  });
  for (const claim of claims) {
    const reason = { code: claim.evidence.reasonCode, params: claim.evidence.reasonParams };
    if (claim.verdict === 'contradicted')
      issues.push(
        claim.evidence.approved !== undefined
          ? issue('CLAIM_CONTRADICTED', 'error', 'issue.claimContradictedApproved', {
              claim: claim.text,
              factId: claim.factId ?? '',
              approved: claim.evidence.approved,
            })
          : issue('CLAIM_CONTRADICTED', 'error', 'issue.claimContradicted', {
              claim: claim.text,
              factId: claim.factId ?? '',
            }),
      );
    else if (claim.verdict === 'unverified')
      issues.push(
        issue('CLAIM_UNVERIFIED', 'warning', 'issue.claimUnverified', { claim: claim.text }, reason),
      );
  }
  for (const banned of bannedClaims)
    issues.push(
      banned.reason !== undefined
        ? issue('BANNED_CLAIM', 'error', 'brand.bannedClaimBecause', {
            words: banned.text,
            id: banned.id,
            reason: banned.reason,
          })
        : issue('BANNED_CLAIM', 'error', 'brand.bannedClaim', { words: banned.text, id: banned.id }),
    );
  if (disclosure.required && !disclosure.ok)
    issues.push(
      issue(
        disclosure.present ? 'DISCLOSURE_MISPLACED' : 'DISCLOSURE_MISSING',
        'error',
        disclosure.present ? 'issue.disclosureMisplaced' : 'issue.disclosureMissing',
        { market: disclosure.market },
        { code: disclosure.evidence.reasonCode, params: disclosure.evidence.reasonParams },
      ),
    );
  for (const found of onMessage.issues)
    issues.push({
      code: found.code,
      severity: found.severity,
      message: found.message,
      messageCode: found.messageCode,
      messageParams: found.messageParams,
    });
  return { claims, disclosure, onMessage, issues };
}

/**
 * The same check with every human message said in `language` (en, es or sv; others get English) from
 * its code and parameters: each claim's and the disclosure's `reason`, the on-message issues' and the
 * issues' `message`. Codes, parameters and everything else are unchanged.
 */
export function localizeBrandCheck(check: BrandCheck, language: string | null | undefined): BrandCheck {
  const lang = findingLanguage(language);
  if (lang === 'en') return check;
  const say = (code: string, params: FindingParams | undefined, fallback: string, reason?: FindingReason) =>
    renderFinding(lang, code, params, reason) ?? fallback;
  return {
    claims: check.claims.map((claim) => ({
      ...claim,
      evidence: {
        ...claim.evidence,
        reason: say(claim.evidence.reasonCode, claim.evidence.reasonParams, claim.evidence.reason),
      },
    })),
    disclosure: {
      ...check.disclosure,
      evidence: {
        ...check.disclosure.evidence,
        reason: say(
          check.disclosure.evidence.reasonCode,
          check.disclosure.evidence.reasonParams,
          check.disclosure.evidence.reason,
        ),
      },
    },
    onMessage: {
      ...check.onMessage,
      issues: check.onMessage.issues.map((found) => ({
        ...found,
        message: say(found.messageCode, found.messageParams, found.message),
      })),
    },
    issues: check.issues.map((found) => ({
      ...found,
      message: say(
        found.messageCode,
        found.messageParams,
        found.message,
        found.reasonCode !== undefined
          ? { code: found.reasonCode, params: found.reasonParams ?? {} }
          : undefined,
      ),
    })),
  };
}
