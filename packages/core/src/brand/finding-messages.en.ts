import type { FindingCatalogue } from './finding-messages.types.ts';

// The brand check's findings in English: the reference catalogue (keys and placeholders) and the words
// of the `reason` and `message` fields the check itself returns. Keep es and sv in step.
export const findingMessagesEn: FindingCatalogue = {
  'claim.figureNotOnSheet': 'no fact on the sheet covers the figure "{figure}"',
  'claim.figureAgrees': '"{figure}" agrees with the approved {subject}',
  'claim.figureAgreesNegated': '"{figure}" (negated) agrees with the approved {subject}',
  'claim.figureDiffers': '"{figure}" differs from the approved {subject}',
  'claim.figureDiffersNegated': '"{figure}" (negated) differs from the approved {subject}',
  'claim.ruledOut': '"{words}" is ruled out by the approved {subject}',
  'claim.deniesRuledOut': 'denies "{words}", which the {subject} fact rules out',
  'claim.banned': 'banned claim "{words}"',
  'claim.deniesBanned': 'denies the banned claim "{words}"',
  'claim.bannedOverstates': 'banned claim "{words}" overstates the approved {subject}',
  'claim.statesApproved': 'states the approved {subject}',
  'claim.deniesApproved': 'denies the approved {subject}',
  'claim.cueNotOnSheet': '{cue} claim "{words}" is not on the fact sheet',

  'disclosure.anywhere': 'disclosure present; this market accepts it anywhere',
  'disclosure.withinFirst': 'disclosure starts at character {offset}, within the first {limit}',
  'disclosure.tooLate': 'disclosure starts at character {offset}; it must start within the first {limit}',
  'disclosure.atStart': 'disclosure is at the start of the post',
  'disclosure.notAtStart': 'disclosure comes after {words} words; this market needs it at the start',
  'disclosure.missing': 'none of {tags} found',
  'disclosure.notRequired': 'not an advocate post; no disclosure required',

  'brand.bannedClaim': 'banned claim "{words}" ({id})',
  'brand.bannedClaimBecause': 'banned claim "{words}" ({id}): {reason}',

  'onMessage.keyMessageMissing': 'covers {covered} of the {wanted} key message(s) a post should carry',
  'onMessage.bannedPhrase': 'uses banned phrase(s): {words}',
  'onMessage.profanity': 'profanity: {words}',
  'onMessage.aggressive': 'aggressive language: {words}',
  'onMessage.competitor': 'mentions competitor(s): {words}',
  'onMessage.informalFormal': 'informal for a formal brief: {words}',
  'onMessage.informalNeutral': 'informal for a neutral brief: {words}',

  'issue.claimContradicted': '"{claim}" contradicts fact {factId}',
  'issue.claimContradictedApproved': '"{claim}" contradicts fact {factId}: approved wording "{approved}"',
  'issue.claimUnverified': '"{claim}" is not on the fact sheet: {reason}',
  'issue.disclosureMissing': '{market}: {reason}',
  'issue.disclosureMisplaced': '{market}: {reason}',

  'claimCue.superlative': 'superlative',
  'claimCue.comparative': 'comparative',
  'claimCue.guarantee': 'guarantee',
  'claimCue.health': 'health',
  'claimCue.safety': 'safety',
  'claimCue.environmental': 'environmental',
  'claimCue.origin': 'origin',
};
