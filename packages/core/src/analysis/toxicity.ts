import naughtyWords from 'naughty-words';
import type {
  Evidence,
  LanguageCode,
  ToxicityCategory,
  ToxicityFinding,
  ToxicityResult,
  ToxicitySeverity,
} from './analysis.types.ts';
import { TOXICITY_CATEGORIES } from './analysis.types.ts';
import { PROFANITY_EXCLUSIONS, TOXICITY_TERMS } from './lexicons/toxicity.lexicon.ts';
import { compileTerms, matchTerms, type TermMatcher } from './term-matcher.ts';
import type { TokenizedText } from './tokenize.ts';

interface ToxicTerm {
  category: ToxicityCategory;
  severity: 1 | 2 | 3;
}

const SEVERITY_NAMES = ['none', 'low', 'medium', 'high'] as const;
const NAUGHTY_LANGUAGES = ['en', 'es', 'sv', 'da', 'no', 'de', 'fr', 'pt', 'it', 'fi'] as const;
// Swedish-only words that are harmless English ("fan").
const LANGUAGE_EXTRAS: Partial<Record<LanguageCode, Readonly<Record<string, 1 | 2 | 3>>>> = {
  sv: { fan: 1 },
  da: { fan: 1 },
  no: { faen: 1 },
};

function compileFor(languages: readonly LanguageCode[]): TermMatcher<ToxicTerm> {
  const entries: [string, ToxicTerm][] = [];
  for (const category of TOXICITY_CATEGORIES) {
    for (const [term, severity] of Object.entries(TOXICITY_TERMS[category]))
      entries.push([term, { category, severity }]);
  }
  const lists = naughtyWords as Record<string, string[] | undefined>;
  for (const language of languages) {
    for (const word of lists[language] ?? []) {
      if (!PROFANITY_EXCLUSIONS.has(word.toLowerCase()))
        entries.push([word, { category: 'profanity', severity: 1 }]);
    }
    for (const [term, severity] of Object.entries(LANGUAGE_EXTRAS[language] ?? {}))
      entries.push([term, { category: 'profanity', severity }]);
  }
  // Explicit categories win over the generic profanity list: put them first so longest-first ties keep them.
  return compileTerms(entries);
}

const MATCHERS = new Map<LanguageCode, TermMatcher<ToxicTerm>>();
for (const language of NAUGHTY_LANGUAGES) MATCHERS.set(language, compileFor([language]));
MATCHERS.set('und', compileFor(['en', 'es', 'sv']));

const SECOND_PERSON = new Set([
  'you',
  'your',
  "you're",
  'youre',
  'u',
  'ur',
  'tú',
  'tu',
  'te',
  'vosotros',
  'os',
  'usted',
  'ustedes',
  'du',
  'ni',
  'er',
  'dig',
]);

/**
 * Insults, threats, hate and profanity with severity (low/medium/high). An insult aimed at "you"
 * is raised one level; shouting or repeating raises profanity one level. Evidence names the words.
 */
export function detectToxicity(tokenized: TokenizedText, language: LanguageCode): ToxicityResult {
  const matcher = MATCHERS.get(language) ?? MATCHERS.get('und')!;
  const { tokens } = tokenized;
  const byCategory = new Map<ToxicityCategory, { severity: number; evidence: Evidence[] }>();
  for (const match of matchTerms(matcher, tokens)) {
    let severity: number = match.payload.severity;
    const rules: string[] = [match.payload.category];
    const before = tokens[match.start - 1];
    if (match.payload.category === 'insult' && before !== undefined && SECOND_PERSON.has(before.norm)) {
      severity += 1;
      rules.push('directed');
    }
    if (tokens.slice(match.start, match.end).some((t) => t.shouted || t.elongated)) {
      severity += match.payload.category === 'profanity' ? 1 : 0;
      rules.push('emphasis');
    }
    const entry = byCategory.get(match.payload.category) ?? { severity: 0, evidence: [] };
    if (entry.evidence.length > 0 && match.payload.category === 'profanity') severity += 1;
    entry.severity = Math.max(entry.severity, Math.min(3, severity));
    entry.evidence.push({ rule: rules.join('+'), match: match.text, weight: Math.min(3, severity) });
    byCategory.set(match.payload.category, entry);
  }
  const findings: ToxicityFinding[] = [];
  let worst = 0;
  for (const category of TOXICITY_CATEGORIES) {
    const entry = byCategory.get(category);
    if (entry === undefined) continue;
    worst = Math.max(worst, entry.severity);
    findings.push({
      category,
      severity: SEVERITY_NAMES[entry.severity] as Exclude<ToxicitySeverity, 'none'>,
      evidence: entry.evidence,
    });
  }
  // Swearing alone is not toxic toward anyone; it still shows as a finding.
  const toxic = findings.some((f) => f.category !== 'profanity' || f.severity !== 'low');
  return { toxic, severity: SEVERITY_NAMES[worst]!, findings };
}
