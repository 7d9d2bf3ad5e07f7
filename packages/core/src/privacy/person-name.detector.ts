import type { PersonalDataFinding } from './personal-data.types.ts';

/**
 * `words`: what every match of `re` contains once the text is lower-cased (`ſ` read as `s`, which
 * the case-insensitive pattern matches too), so a text with none of them skips the pattern.
 */
type Trigger = { re: RegExp; confidence: number; words: readonly string[] };

// Strong phrases say "my name is"; weak ones ("I'm", "soy", "jag är") also start "I'm Tired", so
// they need a capitalised word that is not in the stop list below.
const TRIGGERS: readonly Trigger[] = [
  {
    re: /\b(?:my name is|my name's|mi nombre es|me llamo|jag heter|mitt namn är|i am called|me llaman|kalla mig)\s+/giu,
    confidence: 0.9,
    words: ['name', 'nombre', 'llam', 'heter', 'namn', 'called', 'kalla'],
  },
  {
    re: /\b(?:titular|account holder|kontoinnehavare)\s*:?\s+|\b(?:name|nombre|namn)\s*:\s+/giu,
    confidence: 0.75,
    words: ['titular', 'holder', 'kontoinnehavare', 'nam', 'nombre'],
  },
  {
    re: /(?<![\p{L}])(?:i'm|i’m|i am|soy|jag är)\s+/giu,
    confidence: 0.65,
    words: ["i'm", 'i’m', 'i am', 'soy', 'jag är'],
  },
];

const NAME_TOKEN = /\p{Lu}(?:\p{Ll}|['’]\p{Lu})[\p{Ll}'’]*(?:-\p{Lu}?\p{Ll}[\p{Ll}'’]*)?/uy;
const CONNECTOR = /(?:de|del|de la|de los|van|von|af|da)\s+(?=\p{Lu})/uy;

const NOT_NAMES = new Set(
  [
    // en
    'sorry',
    'not',
    'so',
    'very',
    'really',
    'just',
    'here',
    'the',
    'a',
    'an',
    'in',
    'at',
    'on',
    'from',
    'with',
    'going',
    'done',
    'happy',
    'sad',
    'angry',
    'furious',
    'tired',
    'fine',
    'good',
    'back',
    'still',
    'also',
    'never',
    'always',
    'customer',
    'client',
    'british',
    'american',
    'english',
    'swedish',
    'spanish',
    'canadian',
    'irish',
    'scottish',
    'welsh',
    'german',
    'french',
    'ok',
    'okay',
    'amazing',
    'disappointed',
    'like',
    'lmao',
    'lol',
    'hated',
    'loved',
    'legend',
    'leyenda',
    'es',
    'hi',
    'hello',
    'done',
    'writing',
    'calling',
    'trying',
    'waiting',
    'sure',
    'afraid',
    'glad',
    'thankful',
    // es
    'yo',
    'muy',
    'cliente',
    'una',
    'un',
    'el',
    'la',
    'de',
    'del',
    'español',
    'española',
    'sueco',
    'sueca',
    'inglés',
    'nuevo',
    'nueva',
    'usuario',
    'usuaria',
    'socio',
    'socia',
    'fan',
    'madre',
    'padre',
    // sv
    'jag',
    'så',
    'inte',
    'mycket',
    'kund',
    'en',
    'ett',
    'helt',
    'svensk',
    'svenska',
    'spansk',
    'glad',
    'arg',
    'besviken',
    'nöjd',
    'här',
    'också',
    'fortfarande',
    'medlem',
    'ny',
  ].map((w) => w.toLowerCase()),
);

/** Finds names people give for themselves ("my name is…", "me llamo…", "jag heter…", carefully "I'm…"). */
export function detectSelfIntroducedNames(text: string): PersonalDataFinding[] {
  const found: PersonalDataFinding[] = [];
  const lower = text.toLowerCase();
  const folded = lower.includes('ſ') ? lower.replaceAll('ſ', 's') : lower;
  for (const { re, confidence, words } of TRIGGERS) {
    if (!words.some((word) => folded.includes(word))) continue;
    for (const m of text.matchAll(re)) {
      let pos = m.index + m[0].length;
      const tokens: { start: number; end: number }[] = [];
      while (tokens.length < 4) {
        if (tokens.length > 0) {
          const space = /[ \t]+/uy;
          space.lastIndex = pos;
          if (!space.exec(text)) break;
          const afterSpace = space.lastIndex;
          CONNECTOR.lastIndex = afterSpace;
          const connector = CONNECTOR.exec(text);
          NAME_TOKEN.lastIndex = connector ? CONNECTOR.lastIndex : afterSpace;
        } else {
          NAME_TOKEN.lastIndex = pos;
        }
        const token = NAME_TOKEN.exec(text);
        if (!token) break;
        if (NOT_NAMES.has(token[0].toLowerCase())) break;
        tokens.push({ start: token.index, end: NAME_TOKEN.lastIndex });
        pos = NAME_TOKEN.lastIndex;
      }
      const first = tokens[0];
      const last = tokens[tokens.length - 1];
      if (!first || !last) continue;
      const phrase = m[0].trim();
      found.push({
        type: 'PERSON',
        start: first.start,
        end: last.end,
        confidence,
        text: text.slice(first.start, last.end),
        evidence: `name: capitalised words after "${phrase}"`,
      });
    }
  }
  return found;
}
