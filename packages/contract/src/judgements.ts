// Judgements the server explains (why a priority, why a person is needed, why an agent, why a
// reply waits for approval): a stable code and typed parameters travel beside the English `detail`,
// and the web says it in the reader's language from its own catalogues.
import { z } from 'zod';

/**
 * How a parameter is shown: `count` and `minutes` as locale numbers, `score` with two decimals,
 * `share` as a percentage (0.5 → 50 %), `intent`/`riskFlag`/`level`/`language` as translated names,
 * `text` as it is (a market code, a fact id).
 */
export const JUDGEMENT_PARAM_KINDS = [
  'count',
  'minutes',
  'score',
  'share',
  'intent',
  'riskFlag',
  'level',
  'language',
  'claimCue',
  'text',
] as const;
export type JudgementParamKind = (typeof JUDGEMENT_PARAM_KINDS)[number];

const NUMERIC_KINDS: ReadonlySet<JudgementParamKind> = new Set(['count', 'minutes', 'score', 'share']);

/** Every judgement code with its parameters' names and kinds. Web catalogues must cover each one. */
export const JUDGEMENT_CODES = {
  // Inbox priority (packages/core inbox-priority).
  'priority.reach': { followers: 'count' },
  'priority.verified': {},
  'priority.negativity': { score: 'score' },
  'priority.intent': { intent: 'intent', confidence: 'score' },
  'priority.risk': { flag: 'riskFlag' },
  'priority.slaAge': { age: 'minutes', target: 'minutes', share: 'share' },
  'priority.slaBreached': { age: 'minutes', target: 'minutes', share: 'share' },
  'priority.cluster': { size: 'count' },
  'priority.levelFloor': { from: 'level', to: 'level' },
  // Why a post became an inbox item (needs-human).
  'needsHuman.intent': { intent: 'intent', confidence: 'score' },
  'needsHuman.negativeWithReach': {
    score: 'score',
    maxScore: 'score',
    followers: 'count',
    minFollowers: 'count',
  },
  'needsHuman.risk': { flag: 'riskFlag' },
  // Why an agent was (or was not) chosen.
  'routing.noAgentOnShift': {},
  'routing.noSpeaker': { language: 'language' },
  'routing.allAtCapacity': { count: 'count', language: 'language' },
  'routing.speaks': { language: 'language' },
  'routing.load': { load: 'count', max: 'count', pool: 'count' },
  'routing.market': { market: 'text' },
  'routing.marketAnyCover': { market: 'text' },
  'routing.marketOutside': { market: 'text' },
  'routing.pull': {},
  'routing.manual': {},
  'routing.claim': {},
  // Why a reply waits for a second person.
  'replyRisk.risk': { flag: 'riskFlag' },
  'replyRisk.priority': { level: 'level' },
  'replyRisk.broadcast': { recipients: 'count' },
  'replyRisk.freeTextBroadcast': { recipients: 'count' },
  'replyRisk.preModeration': {},
  // Why a claim in a post or draft is supported, contradicted or unverified (packages/core brand).
  'claim.figureNotOnSheet': { figure: 'text' },
  'claim.figureAgrees': { figure: 'text', subject: 'text' },
  'claim.figureAgreesNegated': { figure: 'text', subject: 'text' },
  'claim.figureDiffers': { figure: 'text', subject: 'text' },
  'claim.figureDiffersNegated': { figure: 'text', subject: 'text' },
  'claim.ruledOut': { words: 'text', subject: 'text' },
  'claim.deniesRuledOut': { words: 'text', subject: 'text' },
  'claim.banned': { words: 'text' },
  'claim.deniesBanned': { words: 'text' },
  'claim.bannedOverstates': { words: 'text', subject: 'text' },
  'claim.statesApproved': { subject: 'text' },
  'claim.deniesApproved': { subject: 'text' },
  'claim.cueNotOnSheet': { cue: 'claimCue', words: 'text' },
  // Whether a disclosure is present and placed as the market's rule demands.
  'disclosure.anywhere': {},
  'disclosure.withinFirst': { offset: 'count', limit: 'count' },
  'disclosure.tooLate': { offset: 'count', limit: 'count' },
  'disclosure.atStart': {},
  'disclosure.notAtStart': { words: 'count' },
  'disclosure.missing': { tags: 'text' },
  'disclosure.notRequired': {},
  // A brand check's banned claim (the brief's id and, when it gives one, its reason: brief text).
  'brand.bannedClaim': { words: 'text', id: 'text' },
  'brand.bannedClaimBecause': { words: 'text', id: 'text', reason: 'text' },
  // On-message issues of a brand check (packages/core brand on-message).
  'onMessage.keyMessageMissing': { covered: 'count', wanted: 'count' },
  'onMessage.bannedPhrase': { words: 'text' },
  'onMessage.profanity': { words: 'text' },
  'onMessage.aggressive': { words: 'text' },
  'onMessage.competitor': { words: 'text' },
  'onMessage.informalFormal': { words: 'text' },
  'onMessage.informalNeutral': { words: 'text' },
  // Why the crisis engine switched the circuit breaker on by itself.
  'breaker.persisted': { minutes: 'minutes', language: 'language' },
} as const satisfies Record<string, Record<string, JudgementParamKind>>;

export type JudgementCode = keyof typeof JUDGEMENT_CODES;
export const JUDGEMENT_CODE_LIST = Object.keys(JUDGEMENT_CODES) as JudgementCode[];

const paramValueSchema = z.union([z.string(), z.number()]);
export const judgementParamsSchema = z.record(z.string(), paramValueSchema);
export type JudgementParams = z.infer<typeof judgementParamsSchema>;

/** Parameter schema of one code: numbers for numeric kinds, strings otherwise, nothing extra. */
export function judgementParamsSchemaOf(code: JudgementCode) {
  const shape: Record<string, z.ZodNumber | z.ZodString> = {};
  const kinds: Record<string, JudgementParamKind> = JUDGEMENT_CODES[code];
  for (const [name, kind] of Object.entries(kinds))
    shape[name] = NUMERIC_KINDS.has(kind) ? z.number() : z.string();
  return z.strictObject(shape);
}

export function isJudgementCode(code: unknown): code is JudgementCode {
  return typeof code === 'string' && Object.hasOwn(JUDGEMENT_CODES, code);
}

/** A code the catalogues know with parameters of the right names and types; else undefined (old rows). */
export function readJudgement(
  code: unknown,
  params: unknown,
): { code: JudgementCode; params: JudgementParams } | undefined {
  if (!isJudgementCode(code)) return undefined;
  const parsed = judgementParamsSchemaOf(code).safeParse(params ?? {});
  return parsed.success ? { code, params: parsed.data } : undefined;
}

/**
 * One piece of evidence for a judgement: `rule` and `detail` (English) as before, plus `code` and
 * `params` for the reader's language (absent on rows stored before codes existed).
 */
export const evidenceSchema = z.object({
  rule: z.string(),
  detail: z.string(),
  points: z.number().optional(),
  code: z.string().optional(),
  params: judgementParamsSchema.optional(),
});
export type JudgementEvidence = z.infer<typeof evidenceSchema>;

/**
 * Names of the analysis rules whose words explain a post's sentiment, intents, aspects and toxicity
 * (packages/core): a rule such as `lexicon+intensifier+negation` is read part by part.
 */
export const ANALYSIS_RULE_PARTS = [
  'lexicon',
  'service',
  'intensifier',
  'diminisher',
  'emphasis',
  'negation',
  'before-contrast',
  'after-contrast',
  'emoji',
  'emoticon',
  'hashtag',
  'exclamation',
  'model',
  'rule-score',
  'model-score',
  'complaint-model',
  'complaint-model-word',
  'complaint-model-signals',
  'question-word',
  'question-mark',
  'question',
  'can-you',
  'cue',
  'service-vocabulary',
  'leaning-negative',
  'negative',
  'positive',
  'aspect',
  'addressed-to-brand',
  'aspect-term',
  'insult',
  'threat',
  'hate',
  'profanity',
  'directed',
  'defect',
  'remedy',
] as const;
export type AnalysisRulePart = (typeof ANALYSIS_RULE_PARTS)[number];

const analysisEvidenceSchema = z.object({ rule: z.string(), match: z.string(), weight: z.number() });

/** GET /api/posts/:id/evidence: the words behind each judgement of a stored analysis. */
export const postEvidenceSchema = z.object({
  postId: z.string(),
  /** False when the post has not been analysed yet. */
  analysed: z.boolean(),
  sentiment: z
    .object({
      label: z.enum(['positive', 'neutral', 'negative']),
      score: z.number(),
      evidence: z.array(analysisEvidenceSchema),
    })
    .nullable(),
  intents: z.array(
    z.object({ label: z.string(), confidence: z.number(), evidence: z.array(analysisEvidenceSchema) }),
  ),
  aspects: z.array(
    z.object({ aspect: z.string(), sentiment: z.string(), evidence: z.array(analysisEvidenceSchema) }),
  ),
  toxicity: z.array(
    z.object({ category: z.string(), severity: z.string(), evidence: z.array(analysisEvidenceSchema) }),
  ),
});
export type PostEvidence = z.infer<typeof postEvidenceSchema>;
