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

export type BrandIssueCode =
  | 'CLAIM_CONTRADICTED'
  | 'CLAIM_UNVERIFIED'
  | 'BANNED_CLAIM'
  | 'DISCLOSURE_MISSING'
  | 'DISCLOSURE_MISPLACED'
  | OnMessageResult['issues'][number]['code'];

export interface BrandIssue {
  code: BrandIssueCode;
  severity: IssueSeverity;
  message: string;
  /** The message as a stable code + parameters, for readers of other languages (absent on claim and disclosure issues). */
  messageCode?: string;
  messageParams?: Record<string, string | number>;
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
  for (const claim of claims) {
    if (claim.verdict === 'contradicted')
      issues.push({
        code: 'CLAIM_CONTRADICTED',
        severity: 'error',
        message: `"${claim.text}" contradicts fact ${claim.factId}${claim.evidence.approved !== undefined ? `: approved wording "${claim.evidence.approved}"` : ''}`,
      });
    else if (claim.verdict === 'unverified')
      issues.push({
        code: 'CLAIM_UNVERIFIED',
        severity: 'warning',
        message: `"${claim.text}" is not on the fact sheet: ${claim.evidence.reason}`,
      });
  }
  for (const banned of bannedClaims)
    issues.push({
      code: 'BANNED_CLAIM',
      severity: 'error',
      message: `banned claim "${banned.text}" (${banned.id})${banned.reason !== undefined ? `: ${banned.reason}` : ''}`,
      ...(banned.reason !== undefined
        ? {
            messageCode: 'brand.bannedClaimBecause',
            messageParams: { words: banned.text, id: banned.id, reason: banned.reason },
          }
        : { messageCode: 'brand.bannedClaim', messageParams: { words: banned.text, id: banned.id } }),
    });
  if (disclosure.required && !disclosure.ok)
    issues.push({
      code: disclosure.present ? 'DISCLOSURE_MISPLACED' : 'DISCLOSURE_MISSING',
      severity: 'error',
      message: `${disclosure.market}: ${disclosure.evidence.reason}`,
    });
  for (const issue of onMessage.issues)
    issues.push({
      code: issue.code,
      severity: issue.severity,
      message: issue.message,
      messageCode: issue.messageCode,
      messageParams: issue.messageParams,
    });
  return { claims, disclosure, onMessage, issues };
}
