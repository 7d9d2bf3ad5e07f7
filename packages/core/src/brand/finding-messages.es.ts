import type { FindingCatalogue } from './finding-messages.types.ts';

// The brand check's findings in Spanish (keys and placeholders as in finding-messages.en.ts).
export const findingMessagesEs: FindingCatalogue = {
  'claim.figureNotOnSheet': 'ningún dato de la ficha cubre la cifra «{figure}»',
  'claim.figureAgrees': '«{figure}» coincide con el dato aprobado sobre {subject}',
  'claim.figureAgreesNegated': '«{figure}» (negado) coincide con el dato aprobado sobre {subject}',
  'claim.figureDiffers': '«{figure}» difiere del dato aprobado sobre {subject}',
  'claim.figureDiffersNegated': '«{figure}» (negado) difiere del dato aprobado sobre {subject}',
  'claim.ruledOut': '«{words}» queda descartado por el dato aprobado sobre {subject}',
  'claim.deniesRuledOut': 'niega «{words}», que el dato sobre {subject} descarta',
  'claim.banned': 'afirmación prohibida «{words}»',
  'claim.deniesBanned': 'niega la afirmación prohibida «{words}»',
  'claim.bannedOverstates': 'la afirmación prohibida «{words}» exagera el dato aprobado sobre {subject}',
  'claim.statesApproved': 'afirma el dato aprobado sobre {subject}',
  'claim.deniesApproved': 'niega el dato aprobado sobre {subject}',
  'claim.cueNotOnSheet': 'afirmación de tipo {cue} «{words}» que no está en la ficha de datos',

  'disclosure.anywhere': 'aviso de publicidad presente; este mercado lo acepta en cualquier lugar',
  'disclosure.withinFirst': 'el aviso empieza en el carácter {offset}, dentro de los primeros {limit}',
  'disclosure.tooLate':
    'el aviso empieza en el carácter {offset}; debe empezar dentro de los primeros {limit}',
  'disclosure.atStart': 'el aviso está al principio de la publicación',
  'disclosure.notAtStart': 'el aviso aparece tras {words} palabras; este mercado lo exige al principio',
  'disclosure.missing': 'no aparece ninguno de {tags}',
  'disclosure.notRequired': 'no es una publicación de embajador; no hace falta aviso',

  'brand.bannedClaim': 'afirmación prohibida «{words}» ({id})',
  'brand.bannedClaimBecause': 'afirmación prohibida «{words}» ({id}): {reason}',

  'onMessage.keyMessageMissing':
    'cubre {covered} de los {wanted} mensajes clave que debe llevar una publicación',
  'onMessage.bannedPhrase': 'usa frases prohibidas: {words}',
  'onMessage.profanity': 'palabrotas: {words}',
  'onMessage.aggressive': 'lenguaje agresivo: {words}',
  'onMessage.competitor': 'menciona a la competencia: {words}',
  'onMessage.informalFormal': 'demasiado informal para un brief formal: {words}',
  'onMessage.informalNeutral': 'demasiado informal para un brief neutro: {words}',

  'issue.claimContradicted': '«{claim}» contradice el dato {factId}',
  'issue.claimContradictedApproved': '«{claim}» contradice el dato {factId}: texto aprobado «{approved}»',
  'issue.claimUnverified': '«{claim}» no está en la ficha de datos: {reason}',
  'issue.disclosureMissing': 'falta el aviso de publicidad ({market}): {reason}',
  'issue.disclosureMisplaced': 'el aviso de publicidad está mal colocado ({market}): {reason}',

  'claimCue.superlative': 'superlativo',
  'claimCue.comparative': 'comparativo',
  'claimCue.guarantee': 'garantía',
  'claimCue.health': 'salud',
  'claimCue.safety': 'seguridad',
  'claimCue.environmental': 'medioambiental',
  'claimCue.origin': 'origen',
};
