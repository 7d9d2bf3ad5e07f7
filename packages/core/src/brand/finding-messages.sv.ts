import type { FindingCatalogue } from './finding-messages.types.ts';

// The brand check's findings in Swedish (keys and placeholders as in finding-messages.en.ts).
export const findingMessagesSv: FindingCatalogue = {
  'claim.figureNotOnSheet': 'inget faktum i faktabladet täcker siffran ”{figure}”',
  'claim.figureAgrees': '”{figure}” stämmer med det godkända faktumet om {subject}',
  'claim.figureAgreesNegated': '”{figure}” (negerat) stämmer med det godkända faktumet om {subject}',
  'claim.figureDiffers': '”{figure}” skiljer sig från det godkända faktumet om {subject}',
  'claim.figureDiffersNegated': '”{figure}” (negerat) skiljer sig från det godkända faktumet om {subject}',
  'claim.ruledOut': '”{words}” utesluts av det godkända faktumet om {subject}',
  'claim.deniesRuledOut': 'förnekar ”{words}”, som faktumet om {subject} utesluter',
  'claim.banned': 'förbjudet påstående ”{words}”',
  'claim.deniesBanned': 'förnekar det förbjudna påståendet ”{words}”',
  'claim.bannedOverstates':
    'det förbjudna påståendet ”{words}” överdriver det godkända faktumet om {subject}',
  'claim.statesApproved': 'anger det godkända faktumet om {subject}',
  'claim.deniesApproved': 'förnekar det godkända faktumet om {subject}',
  'claim.cueNotOnSheet': 'påstående av typen {cue} ”{words}” finns inte i faktabladet',

  'disclosure.anywhere': 'reklammärkning finns; marknaden godtar den var som helst',
  'disclosure.withinFirst': 'märkningen börjar vid tecken {offset}, inom de första {limit}',
  'disclosure.tooLate': 'märkningen börjar vid tecken {offset}; den måste börja inom de första {limit}',
  'disclosure.atStart': 'märkningen står i början av inlägget',
  'disclosure.notAtStart': 'märkningen kommer efter {words} ord; marknaden kräver den i början',
  'disclosure.missing': 'ingen av {tags} hittades',
  'disclosure.notRequired': 'inte ett ambassadörsinlägg; ingen märkning krävs',

  'brand.bannedClaim': 'förbjudet påstående ”{words}” ({id})',
  'brand.bannedClaimBecause': 'förbjudet påstående ”{words}” ({id}): {reason}',

  'onMessage.keyMessageMissing': 'täcker {covered} av de {wanted} nyckelbudskap ett inlägg ska bära',
  'onMessage.bannedPhrase': 'använder förbjudna fraser: {words}',
  'onMessage.profanity': 'svordomar: {words}',
  'onMessage.aggressive': 'aggressivt språk: {words}',
  'onMessage.competitor': 'nämner konkurrenter: {words}',
  'onMessage.informalFormal': 'för informellt för en formell brief: {words}',
  'onMessage.informalNeutral': 'för informellt för en neutral brief: {words}',

  'issue.claimContradicted': '”{claim}” motsäger faktumet {factId}',
  'issue.claimContradictedApproved': '”{claim}” motsäger faktumet {factId}: godkänd formulering ”{approved}”',
  'issue.claimUnverified': '”{claim}” finns inte i faktabladet: {reason}',
  'issue.disclosureMissing': 'reklammärkning saknas ({market}): {reason}',
  'issue.disclosureMisplaced': 'reklammärkningen står på fel plats ({market}): {reason}',

  'claimCue.superlative': 'superlativ',
  'claimCue.comparative': 'jämförande',
  'claimCue.guarantee': 'garanti',
  'claimCue.health': 'hälsa',
  'claimCue.safety': 'säkerhet',
  'claimCue.environmental': 'miljö',
  'claimCue.origin': 'ursprung',
};
