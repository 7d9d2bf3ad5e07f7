/** English texts of the shared components (load states, form errors `formError.`); the reference for es and sv. */
export const componentsEn = {
  'common.loading': 'Loading…',
  'formError.required': 'Fill this in.',
  'formError.duplicateId': 'This id is used twice; ids must be unique.',
  'formError.duplicateMarket': 'There are two rules for this market; keep one.',
  'formError.noSuchFact': 'No fact has this id.',
  'formError.firstCharsRequired': 'Say within how many characters the label must begin.',
  'formError.hashtag': 'Expected a hashtag such as #MyStory.',
  'formError.language': 'Expected a language code such as "en".',
  'formError.market': 'Expected a market code such as "SE".',
  'formError.server': 'The server refused this value: {message}',
  'formError.unshown': 'Also refused: {field} — {message}',
};
