import { compileCampaignMatcher, containsPhrase } from '../campaign/campaign-matcher.ts';
import { foldText } from '../text/fold.ts';

export interface CompetitorTerms {
  name: string;
  handles: readonly string[];
  keywords: readonly string[];
}

export interface BrandTerms {
  hashtags: readonly string[];
  keywords: readonly string[];
  handles: readonly string[];
}

export interface SubjectMentions {
  brand: boolean;
  /** Names of the competitors the post mentions (or is written by). */
  competitors: string[];
  /** What matched, per subject (`''` is the brand): `keyword:kettlo`, `@kettlo`, `author:@kettlo`. */
  evidence: Record<string, string[]>;
}

/** Names with their genitive ("Kettlos app", Swedish; English "Kettlo's" already splits at the apostrophe). */
function withGenitive(names: readonly string[]): string[] {
  return names.flatMap((name) => (/\p{L}$/u.test(name.trim()) ? [name, `${name.trim()}s`] : [name]));
}

/** Compiles brand and competitor terms once; the result tells which of them a post mentions. */
export function compileSubjectMatcher(
  brand: BrandTerms,
  competitors: readonly CompetitorTerms[],
): (post: { text: string; authorHandle?: string }) => SubjectMentions {
  const match = compileCampaignMatcher([
    { id: '', hashtags: brand.hashtags, keywords: withGenitive(brand.keywords), handles: brand.handles },
    ...competitors.map((c) => ({
      id: c.name,
      hashtags: [],
      keywords: withGenitive([c.name, ...c.keywords]),
      handles: c.handles,
    })),
  ]);
  return (post) => {
    const result: SubjectMentions = { brand: false, competitors: [], evidence: {} };
    for (const found of match(post)) {
      result.evidence[found.campaignId] = found.evidence;
      if (found.campaignId === '') result.brand = true;
      else result.competitors.push(found.campaignId);
    }
    return result;
  };
}

/** A handle compared as platforms do: without `@`, lower-case, no diacritics. */
export function normaliseHandle(handle: string): string {
  return foldText(handle.trim().replace(/^@/, ''));
}

// Verb phrases that announce a move; the competitor's name must follow directly.
const SWITCH_LEADS = [
  // English
  String.raw`(?:switch|switching|switched|move|moving|moved|change|changing|go|going|went|goin)(?: over| back)? to`,
  String.raw`(?:going|go|gone|went) with`,
  String.raw`(?:buy|buying|get|getting|order|ordering) (?:a |an )?`,
  // Spanish
  String.raw`me (?:cambio|paso|voy|vuelvo|quedo) (?:a|con)`,
  String.raw`(?:cambiarme|pasarme|irme|volver) (?:a|con)`,
  String.raw`me (?:compro|pido) (?:un|una|el|la)?`,
  // Swedish
  String.raw`(?:byter|byta|bytt|bytte)(?: jag| vi)? till`,
  String.raw`(?:gar|gick)(?: jag)? over till`,
  String.raw`(?:koper|kopa|kop)(?: jag)?(?: en| ett)?`,
];
const SWITCH_TAILS = String.raw`(?:\s+(?:instead|istallet|en vez|en su lugar))?`;
// A negation up to two words before the verb, inside the same clause ("not switching to X").
const NEGATION =
  /(?<![\p{L}])(?:not|never|no|dont|don't|won't|wont|nunca|jamas|inte|aldrig)\s+(?:[^\s.,;:!?]+\s+){0,2}$/u;

export interface SwitchAnnouncement {
  competitor: string;
  /** The words that announced it, as folded text ("me cambio a kettlo"). */
  evidence: string;
}

/**
 * Finds a post announcing a move to a competitor ("switching to Kettlo", "me cambio a Kettlo",
 * "byter till Kettlo"). "Switched from Kettlo to …" is not one: the name must follow the verb.
 * Buying verbs count only with "instead"/"istället"/"en vez" after the name.
 */
export function compileSwitchDetector(
  competitors: readonly CompetitorTerms[],
): (text: string) => SwitchAnnouncement | null {
  const compiled = competitors.map((competitor) => {
    const names = [
      ...new Set(
        [competitor.name, ...competitor.keywords, ...competitor.handles]
          .map((name) => foldText(name.trim().replace(/^@/, '')))
          .filter((name) => name.length > 1),
      ),
    ];
    const name = `@?(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
    const patterns = SWITCH_LEADS.map((lead, i) => {
      const buying = i === 2 || i === 5 || i === 8;
      return new RegExp(
        String.raw`(?<![\p{L}\p{N}_])${lead}\s*${name}(?![\p{L}\p{N}_])${buying ? String.raw`\s+(?:instead|istallet|en vez|en su lugar)` : SWITCH_TAILS}`,
        'u',
      );
    });
    return { competitor: competitor.name, names, patterns };
  });
  return (text) => {
    const folded = foldText(text).replace(/[’]/g, "'").replace(/\s+/g, ' ');
    for (const { competitor, names, patterns } of compiled) {
      // Every pattern needs one of the names verbatim: most posts name no competitor, and a
      // substring test is far cheaper than nine patterns with look-behinds.
      if (!names.some((n) => folded.includes(n))) continue;
      for (const pattern of patterns) {
        const match = pattern.exec(folded);
        if (match === null) continue;
        if (NEGATION.test(folded.slice(Math.max(0, match.index - 40), match.index))) continue;
        return { competitor, evidence: match[0].trim() };
      }
    }
    return null;
  };
}

const PROMO_CUES =
  /(?<![\p{L}\p{N}_])(?:dm|dms|code|codigo|koden?|discount|descuento|rabatt|\d+ ?% off|% de descuento|free (?:next-day )?delivery|envio gratis|fri frakt|escribenos|skriv till oss|skicka ett dm)(?![\p{L}\p{N}_])/u;

/** True when a reply mentioning a competitor also pitches it (a code, a discount, "DM us"). */
export function isCompetitorPitch(text: string, competitor: CompetitorTerms): boolean {
  const folded = foldText(text);
  const names = [competitor.name, ...competitor.keywords]
    .map((n) => foldText(n.trim()))
    .filter((n) => n.length > 1);
  return names.some((n) => containsPhrase(folded, n)) && PROMO_CUES.test(folded);
}
