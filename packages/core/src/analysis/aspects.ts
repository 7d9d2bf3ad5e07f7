import type { AspectLabel, AspectResult, AspectTerms, Evidence, SentimentLabel } from './analysis.types.ts';
import { ASPECT_LABELS } from './analysis.types.ts';
import { DEFAULT_ASPECT_TERMS } from './lexicons/aspect.lexicon.ts';
import { normaliseValence } from './sentiment-rules.ts';
import { compileTerms, matchTerms, type TermMatcher } from './term-matcher.ts';
import type { TokenizedText } from './tokenize.ts';

export type AspectLexicon = TermMatcher<AspectLabel>;

/** Compiles the default aspect terms plus a workspace's extra terms; compile once and reuse. */
export function compileAspectLexicon(extra: AspectTerms = {}): AspectLexicon {
  const entries: [string, AspectLabel][] = [];
  for (const aspect of ASPECT_LABELS) {
    for (const term of [...DEFAULT_ASPECT_TERMS[aspect], ...(extra[aspect] ?? [])])
      entries.push([term, aspect]);
  }
  return compileTerms(entries);
}

export const DEFAULT_ASPECT_LEXICON: AspectLexicon = compileAspectLexicon();
const CLAUSE_NEUTRAL = 0.15;

/**
 * Aspects a post talks about (delivery, price, product_quality, customer_service, staff,
 * website_app, safety, privacy, sustainability), each with the sentiment of the clause it sits in
 * (from the rule engine's per-token valence) and the words that named it.
 */
export function detectAspects(
  tokenized: TokenizedText,
  tokenValence: readonly number[],
  lexicon: AspectLexicon = DEFAULT_ASPECT_LEXICON,
): AspectResult[] {
  const { tokens } = tokenized;
  const found = new Map<AspectLabel, { valence: number; evidence: Evidence[] }>();
  for (const match of matchTerms(lexicon, tokens)) {
    let from = match.start;
    while (from > 0 && !isClauseBreak(tokens[from - 1]!.kind, tokens[from - 1]!.raw)) from--;
    let to = match.end;
    while (to < tokens.length && !isClauseBreak(tokens[to]!.kind, tokens[to]!.raw)) to++;
    let valence = 0;
    for (let i = from; i < to; i++) valence += tokenValence[i] ?? 0;
    const entry = found.get(match.payload) ?? { valence: 0, evidence: [] };
    entry.valence += valence;
    entry.evidence.push({
      rule: 'aspect-term',
      match: match.text,
      weight: Math.round(normaliseValence(valence) * 100) / 100,
    });
    found.set(match.payload, entry);
  }
  const results: AspectResult[] = [];
  for (const aspect of ASPECT_LABELS) {
    const entry = found.get(aspect);
    if (entry === undefined) continue;
    const score = normaliseValence(entry.valence);
    const sentiment: SentimentLabel =
      score > CLAUSE_NEUTRAL ? 'positive' : score < -CLAUSE_NEUTRAL ? 'negative' : 'neutral';
    results.push({ aspect, sentiment, evidence: entry.evidence });
  }
  return results;
}

function isClauseBreak(kind: string, raw: string): boolean {
  return kind === 'punct' && /[.!?;¡¿…]/.test(raw);
}
