import { foldText } from '../text/fold.ts';

export interface FaqEntry {
  id: string;
  language: string;
  /** Every one of these terms (folded: case and accents ignored) must occur for the FAQ to match. */
  matchTerms: readonly string[];
}

export interface FaqMatch {
  faqId: string;
  /** The terms found, as evidence. */
  matched: string[];
}

/**
 * The first FAQ of the text's language whose terms all occur in the text (whole-word, folded);
 * null when none does. An FAQ without terms never matches: auto-replies need an explicit rule.
 */
export function matchFaq(text: string, language: string, faqs: readonly FaqEntry[]): FaqMatch | null {
  const folded = ` ${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  for (const faq of faqs) {
    if (faq.language !== language || faq.matchTerms.length === 0) continue;
    const terms = faq.matchTerms.map((t) =>
      foldText(t)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    );
    if (terms.every((t) => t.length > 0 && folded.includes(` ${t} `)))
      return { faqId: faq.id, matched: terms };
  }
  return null;
}
