import type { componentsEn } from './messages.en.ts';

export const componentsEs: Record<keyof typeof componentsEn, string> = {
  'common.loading': 'Cargando…',
  'formError.required': 'Rellena este campo.',
  'formError.duplicateId': 'Este identificador se usa dos veces; debe ser único.',
  'formError.duplicateMarket': 'Hay dos reglas para este mercado; deja una.',
  'formError.noSuchFact': 'Ningún dato tiene este identificador.',
  'formError.firstCharsRequired': 'Indica en cuántos caracteres debe empezar la etiqueta.',
  'formError.hashtag': 'Se esperaba un hashtag como #MiHistoria.',
  'formError.language': 'Se esperaba un código de idioma como «es».',
  'formError.market': 'Se esperaba un código de mercado como «ES».',
  'formError.server': 'El servidor rechazó este valor: {message}',
  'formError.unshown': 'También rechazado: {field} — {message}',
};
