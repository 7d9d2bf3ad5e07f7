import type { CueKind } from './claim-cues.ts';

// Every message of a brand check's findings with the names of its parameters. The `claim.`,
// `disclosure.`, `brand.` and `onMessage.` keys are the contract's judgement codes of the same name
// (apps/server/test/services/brand-finding-messages.test.ts checks that they agree); `issue.` keys frame a
// claim's or disclosure's reason as an issue ({reason} is that reason, said in the same language).

const CLAIM_CUE_KEYS = {
  'claimCue.superlative': [],
  'claimCue.comparative': [],
  'claimCue.guarantee': [],
  'claimCue.health': [],
  'claimCue.safety': [],
  'claimCue.environmental': [],
  'claimCue.origin': [],
} as const satisfies Record<`claimCue.${CueKind}`, readonly []>;

export const FINDING_MESSAGE_PARAMS = {
  'claim.figureNotOnSheet': ['figure'],
  'claim.figureAgrees': ['figure', 'subject'],
  'claim.figureAgreesNegated': ['figure', 'subject'],
  'claim.figureDiffers': ['figure', 'subject'],
  'claim.figureDiffersNegated': ['figure', 'subject'],
  'claim.ruledOut': ['words', 'subject'],
  'claim.deniesRuledOut': ['words', 'subject'],
  'claim.banned': ['words'],
  'claim.deniesBanned': ['words'],
  'claim.bannedOverstates': ['words', 'subject'],
  'claim.statesApproved': ['subject'],
  'claim.deniesApproved': ['subject'],
  'claim.cueNotOnSheet': ['cue', 'words'],
  'disclosure.anywhere': [],
  'disclosure.withinFirst': ['offset', 'limit'],
  'disclosure.tooLate': ['offset', 'limit'],
  'disclosure.atStart': [],
  'disclosure.notAtStart': ['words'],
  'disclosure.missing': ['tags'],
  'disclosure.notRequired': [],
  'brand.bannedClaim': ['words', 'id'],
  'brand.bannedClaimBecause': ['words', 'id', 'reason'],
  'onMessage.keyMessageMissing': ['covered', 'wanted'],
  'onMessage.bannedPhrase': ['words'],
  'onMessage.profanity': ['words'],
  'onMessage.aggressive': ['words'],
  'onMessage.competitor': ['words'],
  'onMessage.informalFormal': ['words'],
  'onMessage.informalNeutral': ['words'],
  'issue.claimContradicted': ['claim', 'factId'],
  'issue.claimContradictedApproved': ['claim', 'factId', 'approved'],
  'issue.claimUnverified': ['claim', 'reason'],
  'issue.disclosureMissing': ['market', 'reason'],
  'issue.disclosureMisplaced': ['market', 'reason'],
  ...CLAIM_CUE_KEYS,
} as const satisfies Record<string, readonly string[]>;

export type FindingMessageKey = keyof typeof FINDING_MESSAGE_PARAMS;

/** One language's words for every finding message; `{name}` marks a parameter. */
export type FindingCatalogue = Readonly<Record<FindingMessageKey, string>>;

export type FindingParams = Readonly<Record<string, string | number>>;
