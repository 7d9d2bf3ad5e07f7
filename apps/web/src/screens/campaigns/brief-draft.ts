import type { Brief, BriefInput, Campaign } from '@ombud/contract';

/** The brief as the editor holds it: a figure or a character count may be blank while being typed. */
export type BriefDraft = Omit<Brief, 'facts' | 'disclosure'> & {
  facts: (Omit<Brief['facts'][number], 'quantities'> & {
    quantities: (Omit<Brief['facts'][number]['quantities'][number], 'value'> & {
      value: number | undefined;
    })[];
  })[];
  disclosure: {
    useDefaults: boolean;
    rules: (Brief['disclosure']['rules'][number] & { firstChars?: number | undefined })[];
  };
};
export type FactDraft = BriefDraft['facts'][number];
export type DisclosureRuleDraft = BriefDraft['disclosure']['rules'][number];

const CORE_LANGUAGES = ['en', 'es', 'sv'];

/** A brief to start from when the campaign has none: its name, languages and hashtags, nothing claimed. */
export function emptyBrief(campaign: Campaign): BriefDraft {
  return {
    version: 1,
    brand: campaign.name,
    languages: campaign.languages.length > 0 ? [...campaign.languages] : [...CORE_LANGUAGES],
    hashtags: campaign.hashtags.filter((tag) => /^#\S+$/.test(tag)),
    defaultMarkets: { en: 'US', es: 'ES', sv: 'SE' },
    keyMessages: [],
    keyMessagesPerPost: 1,
    facts: [],
    bannedClaims: [],
    bannedPhrases: {},
    tone: {
      formality: 'neutral',
      profanity: 'forbid',
      aggressiveLanguage: 'forbid',
      extraProfanity: {},
      extraAggressive: {},
    },
    competitors: [],
    disclosure: { useDefaults: true, rules: [] },
  };
}

/** The languages the editor asks for: en, es and sv, and any other the campaign or brief uses. */
export function editingLanguages(campaign: Campaign, draft: BriefDraft): string[] {
  return [...new Set([...CORE_LANGUAGES, ...campaign.languages, ...draft.languages])].filter(
    (code) => code !== 'und',
  );
}

function cleanText(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, text]) => text.trim() !== ''));
}

function cleanLists(record: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(record)
      .map(([language, list]) => [language, list.filter((entry) => entry.trim() !== '')] as const)
      .filter(([, list]) => list.length > 0),
  );
}

function optionalText(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** What is sent to the server: blank languages and optional fields left out, nothing else checked here. */
export function briefFromDraft(draft: BriefDraft): BriefInput {
  const { product, ...rest } = draft;
  const cleanProduct = optionalText(product);
  return {
    ...rest,
    ...(cleanProduct !== undefined ? { product: cleanProduct } : {}),
    keyMessages: draft.keyMessages.map((message) => ({
      ...message,
      text: cleanText(message.text),
      keywords: cleanLists(message.keywords),
    })),
    facts: draft.facts.map((fact) => ({
      ...fact,
      text: cleanText(fact.text),
      keywords: cleanLists(fact.keywords),
      contradictions: cleanLists(fact.contradictions),
      // A blank figure goes as it is, so the server names the field that needs it.
      quantities: fact.quantities.map((quantity) => quantity as { value: number } & typeof quantity),
    })),
    bannedClaims: draft.bannedClaims.map(({ reason, factId, ...claim }) => {
      const cleanReason = optionalText(reason);
      const cleanFact = optionalText(factId);
      return {
        ...claim,
        phrases: cleanLists(claim.phrases),
        ...(cleanReason !== undefined ? { reason: cleanReason } : {}),
        ...(cleanFact !== undefined ? { factId: cleanFact } : {}),
      };
    }),
    bannedPhrases: cleanLists(draft.bannedPhrases),
    disclosure: {
      useDefaults: draft.disclosure.useDefaults,
      rules: draft.disclosure.rules.map(({ firstChars, note, ...rule }) => {
        const cleanNote = optionalText(note);
        return {
          ...rule,
          ...(firstChars !== undefined ? { firstChars } : {}),
          ...(cleanNote !== undefined ? { note: cleanNote } : {}),
        };
      }),
    },
  };
}

/** An id not used yet in a list, from a stem (`fact-3`). */
export function freshId(stem: string, taken: readonly { id: string }[]): string {
  const used = new Set(taken.map((entry) => entry.id));
  let n = taken.length + 1;
  while (used.has(`${stem}-${n}`)) n += 1;
  return `${stem}-${n}`;
}

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((entry, at) => (at === index ? value : entry));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, at) => at !== index);
}
