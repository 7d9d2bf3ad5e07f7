import { compileTerms, matchTerms, type TermMatcher } from '../analysis/term-matcher.ts';
import { tokenize, type TokenizedText } from '../analysis/tokenize.ts';

/**
 * Kinds of harm that turn a complaint into a brand crisis. The labels are language-independent, so
 * a story told in Spanish and retold in English shares them (the incident engine joins on them).
 */
export const RISK_CATEGORIES = [
  'explosion',
  'fire',
  'overheating',
  'injury',
  'danger',
  'health',
  'legal',
  'fraud',
  'boycott',
  'data_breach',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export interface RiskTermMatch {
  category: RiskCategory;
  /** The lexicon entry that matched. */
  term: string;
  /** The words as written in the post. */
  text: string;
}

export interface RiskTermResult {
  /** Categories found, each once, in `RISK_CATEGORIES` order. */
  categories: RiskCategory[];
  matches: RiskTermMatch[];
}

/**
 * Crisis vocabulary in English, Spanish and Swedish. Written from the kinds of brand crises
 * (product safety, health, legal, fraud, boycotts, data leaks), not from any one data set;
 * words with an everyday second meaning ("fire" as praise, "demanda" as sales demand, "stämning"
 * as mood, "recall" as remember) are left out or only kept inside a phrase. `*` marks a prefix.
 */
const RISK_TERMS: Readonly<Record<RiskCategory, readonly string[]>> = {
  explosion: [
    'explode',
    'explodes',
    'exploded',
    'exploding',
    'explosion*',
    'blew up',
    'blow up',
    'blows up',
    'burst open',
    'bursts open',
    'blew off',
    'blows off',
    'explot*',
    'explosión',
    'explosiones',
    'estall*',
    'revent*',
    'exploder*',
    'explosionen',
    'sprack',
    'sprängdes',
  ],
  fire: [
    'caught fire',
    'catch fire',
    'catches fire',
    'caught on fire',
    'fire hazard',
    'went up in flames',
    'in flames',
    'sparks',
    'melted',
    'incendi*',
    'en llamas',
    'chispas',
    'se derritió',
    'derretido',
    'började brinna',
    'fattade eld',
    'tog eld',
    'brandfarlig*',
    'gnistor',
    'smälte',
  ],
  overheating: [
    'overheat*',
    'over heat*',
    'sobrecalent*',
    'sobrecalient*',
    'se recalienta',
    'recalentamiento',
    'överhett*',
    'blir överhettad',
  ],
  injury: [
    'burned',
    'burnt',
    'burns',
    'burning my',
    'scald*',
    'injured',
    'injury',
    'injuries',
    'hospitalised',
    'hospitalized',
    'in hospital',
    'in the hospital',
    'emergency room',
    'electrocut*',
    'electric shock',
    'quemadura*',
    'quemado',
    'quemada',
    'me quemé',
    'se quemó',
    'herido',
    'herida',
    'heridos',
    'heridas',
    'lesiones',
    'urgencias',
    'descarga eléctrica',
    'brännskad*',
    'brände mig',
    'brände sig',
    'skållad*',
    'skadad',
    'skadade',
    'skadades',
    'akuten',
    'sjukhus*',
    'elchock*',
    'strömstöt*',
  ],
  danger: [
    'dangerous',
    'unsafe',
    'hazard',
    'hazardous',
    'safety hazard',
    'product recall',
    'recalled',
    'issue a recall',
    'defective',
    'peligros*',
    'retirada',
    'retirar del mercado',
    'defectuos*',
    'farlig',
    'farligt',
    'farliga',
    'livsfarlig*',
    'återkall*',
    'defekt',
    'defekta',
  ],
  health: [
    'poisoned',
    'poisoning',
    'food poisoning',
    'contaminated',
    'made me sick',
    'got sick',
    'intoxicación',
    'intoxicad*',
    'envenen*',
    'contaminad*',
    'förgift*',
    'kontaminer*',
    'matförgiftning',
    'blev sjuk',
  ],
  legal: [
    'lawsuit*',
    'class action',
    'sue them',
    'suing',
    'lawyer',
    'lawyers',
    'illegal',
    'demanda colectiva',
    'abogado',
    'abogados',
    'denunciar*',
    'ilegal',
    'grupptalan',
    'advokat*',
    'olaglig*',
    'polisanmäl*',
  ],
  fraud: [
    'scam',
    'scams',
    'scammed',
    'fraud',
    'fraudulent',
    'estafa*',
    'fraude*',
    'timo',
    'bedrägeri*',
    'bedragare',
  ],
  boycott: ['boycott*', 'boicot*', 'bojkott*'],
  data_breach: [
    'data breach',
    'data leak',
    'hacked',
    'leaked my',
    'filtración de datos',
    'hackead*',
    'dataintrång',
    'dataläcka',
    'hackad*',
  ],
};

/** Compiles the risk vocabulary plus a workspace's extra terms; compile once and reuse. */
export function compileRiskLexicon(
  extra: Partial<Record<RiskCategory, readonly string[]>> = {},
): TermMatcher<RiskCategory> {
  const entries: [string, RiskCategory][] = [];
  for (const category of RISK_CATEGORIES) {
    for (const term of [...RISK_TERMS[category], ...(extra[category] ?? [])]) entries.push([term, category]);
  }
  return compileTerms(entries);
}

export const DEFAULT_RISK_LEXICON: TermMatcher<RiskCategory> = compileRiskLexicon();

/**
 * Finds crisis vocabulary (explosions, burns, recalls, lawsuits…) in a post, with the words that
 * matched as evidence. Pass a tokenised text to share the tokenisation with other analysers.
 */
export function detectRiskTerms(
  text: string | TokenizedText,
  lexicon: TermMatcher<RiskCategory> = DEFAULT_RISK_LEXICON,
): RiskTermResult {
  const tokens = typeof text === 'string' ? tokenize(text).tokens : text.tokens;
  const matches = matchTerms(lexicon, tokens).map((m) => ({
    category: m.payload,
    term: m.term,
    text: m.text,
  }));
  const found = new Set(matches.map((m) => m.category));
  return { categories: RISK_CATEGORIES.filter((c) => found.has(c)), matches };
}
