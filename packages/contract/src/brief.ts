import { z } from 'zod';
import { languageCodeSchema, marketCodeSchema } from './domain.ts';

// The campaign brief: what advocates may say (facts, key messages), must not say (banned claims and
// phrases), how to say it (tone) and how to disclose a paid post per market. Documented in
// docs/brief.md; docs/brief.schema.json is generated from this schema (scripts/generate-brief-schema.ts).

const phraseList = z.array(z.string().trim().min(1));
/** Per-language values keyed by ISO 639-1 code (`en`, `es`, `sv`). */
const perLanguage = <T extends z.ZodType>(value: T) => z.record(languageCodeSchema, value);

export const briefUnitSchema = z
  .enum([
    'day',
    'week',
    'month',
    'year',
    'hour',
    'minute',
    'second',
    'percent',
    'EUR',
    'SEK',
    'USD',
    'GBP',
    'NOK',
    'DKK',
    'litre',
    'millilitre',
    'watt',
    'kilogram',
    'gram',
    'degree_c',
    'millimetre',
    'kilometre',
  ])
  .describe('Unit of a quantity; durations are compared in days, so "24 months" matches "2 years".');
export type BriefUnit = z.infer<typeof briefUnitSchema>;

export const briefQuantitySchema = z.strictObject({
  value: z.number().describe('The approved figure, e.g. 30 for "30-day returns".'),
  unit: briefUnitSchema,
  markets: z
    .array(marketCodeSchema)
    .default([])
    .describe('Markets where this figure applies (e.g. a price in SEK for SE); empty means every market.'),
});

export const briefFactKindSchema = z.enum([
  'returns',
  'warranty',
  'price',
  'material',
  'environmental',
  'health',
  'safety',
  'feature',
  'performance',
  'origin',
  'other',
]);

export const briefFactSchema = z.strictObject({
  id: z.string().trim().min(1),
  subject: z.string().trim().min(1).describe('Topic in a few words, e.g. "returns policy".'),
  kind: briefFactKindSchema.default('other'),
  text: perLanguage(z.string().trim().min(1)).describe('Canonical approved wording per language.'),
  keywords: perLanguage(phraseList.min(1)).describe(
    'Words that put a statement on this subject, per language. Case and accents are ignored; ' +
      '"return*" matches any word starting with "return", "*garanti*" also matches inside compounds.',
  ),
  quantities: z
    .array(briefQuantitySchema)
    .default([])
    .describe('Approved figures; a different figure contradicts.'),
  contradictions: perLanguage(phraseList)
    .default({})
    .describe(
      'Known false statements on this subject (e.g. "lid explodes"); said without negation they contradict.',
    ),
});
export type BriefFact = z.output<typeof briefFactSchema>;

export const briefBannedClaimSchema = z.strictObject({
  id: z.string().trim().min(1),
  phrases: perLanguage(phraseList.min(1)).describe(
    'Wordings of the banned claim per language (same pattern syntax).',
  ),
  reason: z.string().trim().min(1).optional(),
  factId: z.string().trim().min(1).optional().describe('The fact this banned claim overstates, if any.'),
});

export const briefKeyMessageSchema = z.strictObject({
  id: z.string().trim().min(1),
  text: perLanguage(z.string().trim().min(1)),
  keywords: perLanguage(phraseList.min(1)).describe(
    'Words or phrases whose presence counts as covering the message.',
  ),
});

export const briefToneSchema = z.strictObject({
  formality: z
    .enum(['formal', 'neutral', 'casual'])
    .default('neutral')
    .describe(
      'formal flags slang and shouting as warnings; neutral flags only heavy slang; casual flags nothing.',
    ),
  profanity: z.enum(['forbid', 'allow']).default('forbid'),
  aggressiveLanguage: z.enum(['forbid', 'allow']).default('forbid'),
  extraProfanity: perLanguage(phraseList).default({}),
  extraAggressive: perLanguage(phraseList).default({}),
});

export const briefCompetitorSchema = z.strictObject({
  name: z.string().trim().min(1),
  handles: z.array(z.string().trim().min(2)).default([]),
  keywords: phraseList.default([]),
});

export const disclosurePlacementSchema = z
  .enum(['start', 'first_chars', 'anywhere'])
  .describe(
    'start: among the first three words; first_chars: begins within firstChars characters; anywhere.',
  );
export type DisclosurePlacement = z.infer<typeof disclosurePlacementSchema>;

export const briefDisclosureRuleSchema = z
  .object({
    market: marketCodeSchema,
    tags: phraseList
      .min(1)
      .describe('Accepted labels; a word label such as "Reklam" also accepts "#reklam".'),
    placement: disclosurePlacementSchema,
    firstChars: z.number().int().positive().optional(),
    note: z.string().optional().describe('Where the rule comes from.'),
  })
  .superRefine((rule, ctx) => {
    if (rule.placement === 'first_chars' && rule.firstChars === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['firstChars'],
        message: 'required when placement is "first_chars"',
      });
  });
export type BriefDisclosureRule = z.output<typeof briefDisclosureRuleSchema>;

/** A built-in (researched) disclosure rule as the server publishes it, with where it comes from. */
export const disclosureDefaultSchema = z.object({
  market: marketCodeSchema,
  tags: z.array(z.string()),
  placement: disclosurePlacementSchema,
  firstChars: z.number().int().positive().optional(),
  note: z.string().optional(),
});
export type DisclosureDefault = z.infer<typeof disclosureDefaultSchema>;

export const briefSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    version: z.literal(1),
    brand: z.string().trim().min(1),
    product: z.string().trim().min(1).optional(),
    languages: z.array(languageCodeSchema).min(1).default(['en', 'es', 'sv']),
    hashtags: z
      .array(
        z
          .string()
          .trim()
          .regex(/^#\S+$/, 'expected a hashtag such as "#MyStory"'),
      )
      .default([]),
    defaultMarkets: perLanguage(marketCodeSchema)
      .default({ en: 'US', es: 'ES', sv: 'SE' })
      .describe('Market assumed for a post that names none, by its language.'),
    keyMessages: z.array(briefKeyMessageSchema).default([]),
    keyMessagesPerPost: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe('Key messages a post must cover for full marks.'),
    facts: z.array(briefFactSchema).default([]),
    bannedClaims: z.array(briefBannedClaimSchema).default([]),
    bannedPhrases: perLanguage(phraseList).default({}),
    tone: briefToneSchema.prefault({}),
    competitors: z.array(briefCompetitorSchema).default([]),
    disclosure: z
      .object({
        useDefaults: z
          .boolean()
          .default(true)
          .describe(
            'Start from the built-in per-market rules (docs/brief.md); rules here replace them per market.',
          ),
        rules: z.array(briefDisclosureRuleSchema).default([]),
      })
      .prefault({}),
  })
  .superRefine((brief, ctx) => {
    const factIds = new Set<string>();
    brief.facts.forEach((fact, index) => {
      if (factIds.has(fact.id))
        ctx.addIssue({
          code: 'custom',
          path: ['facts', index, 'id'],
          message: `duplicate fact id "${fact.id}"`,
        });
      factIds.add(fact.id);
    });
    brief.bannedClaims.forEach((claim, index) => {
      if (claim.factId !== undefined && !factIds.has(claim.factId))
        ctx.addIssue({
          code: 'custom',
          path: ['bannedClaims', index, 'factId'],
          message: `no fact with id "${claim.factId}"`,
        });
    });
    const messageIds = new Set<string>();
    brief.keyMessages.forEach((message, index) => {
      if (messageIds.has(message.id))
        ctx.addIssue({
          code: 'custom',
          path: ['keyMessages', index, 'id'],
          message: `duplicate key message id "${message.id}"`,
        });
      messageIds.add(message.id);
    });
    const markets = new Set<string>();
    brief.disclosure.rules.forEach((rule, index) => {
      if (markets.has(rule.market))
        ctx.addIssue({
          code: 'custom',
          path: ['disclosure', 'rules', index, 'market'],
          message: `two rules for market ${rule.market}`,
        });
      markets.add(rule.market);
    });
  });
export type Brief = z.output<typeof briefSchema>;
export type BriefInput = z.input<typeof briefSchema>;

/** The brief's JSON Schema (input side: fields with defaults are optional), as published in docs/brief.schema.json. */
export function briefJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(briefSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://ombud.example/schemas/brief.schema.json',
    title: 'Ombud campaign brief',
  };
}

/** Formats zod issues as `path: message` lines, e.g. `facts[2].quantities[0].unit: Invalid option ...`. */
export function formatBriefIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (text, key) =>
        typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`,
      '',
    );
    return `${path === '' ? '(root)' : path}: ${issue.message}`;
  });
}
