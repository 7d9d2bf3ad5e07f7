import type { componentsEn } from './messages.en.ts';

export const componentsSv: Record<keyof typeof componentsEn, string> = {
  'common.loading': 'Läser in…',
  'formError.required': 'Fyll i det här fältet.',
  'formError.duplicateId': 'Det här id:t används två gånger; id måste vara unika.',
  'formError.duplicateMarket': 'Det finns två regler för den här marknaden; behåll en.',
  'formError.noSuchFact': 'Inget faktum har det här id:t.',
  'formError.firstCharsRequired': 'Ange inom hur många tecken märkningen måste börja.',
  'formError.hashtag': 'En hashtagg som #MinHistoria förväntades.',
  'formError.language': 'En språkkod som "sv" förväntades.',
  'formError.market': 'En marknadskod som "SE" förväntades.',
  'formError.server': 'Servern godtog inte värdet: {message}',
  'formError.unshown': 'Också avvisat: {field} — {message}',
};
