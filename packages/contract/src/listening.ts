// API bodies and records for issue #8 (listening).
import { z } from 'zod';

export const LISTENING_RISK_FLAGS = ['toxic', 'churn_threat', 'safety', 'poaching', 'switch'] as const;
export const listeningRiskFlagSchema = z.enum(LISTENING_RISK_FLAGS);
export type ListeningRiskFlag = z.infer<typeof listeningRiskFlagSchema>;

const csv = (item: RegExp, what: string) =>
  z
    .string()
    .max(400)
    .regex(
      new RegExp(`^(${item.source})(,(${item.source}))*$`),
      `expected a comma-separated list of ${what}`,
    );

/**
 * A mentions search: full text in each post's own language plus filters. Lists are comma-separated
 * (`language=es,en`). The same object is stored as a saved search.
 */
export const listeningFilterSchema = z.object({
  campaignId: z.uuid().optional(),
  q: z.string().trim().max(300).optional().describe('web-search syntax: words, "a phrase", -not, or'),
  language: csv(/[a-z]{2,3}|und/, 'language codes such as "es,en"').optional(),
  market: csv(/[A-Z]{2}/, 'market codes such as "ES,SE"').optional(),
  sentiment: csv(/positive|neutral|negative/, 'sentiments (positive, neutral, negative)').optional(),
  intent: csv(/[a-z_]{2,40}/, 'intent labels such as "complaint,churn_threat"').optional(),
  aspect: csv(/[a-z_]{2,40}/, 'aspect labels such as "delivery,safety"').optional(),
  source: csv(/[\w.-]{1,100}/, 'source names such as "twitter,instagram"').optional(),
  author: z.string().trim().min(1).max(100).optional().describe('author handle, with or without @'),
  risk: csv(
    new RegExp(LISTENING_RISK_FLAGS.join('|')),
    `risk flags (${LISTENING_RISK_FLAGS.join(', ')})`,
  ).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type ListeningFilter = z.infer<typeof listeningFilterSchema>;

export const listeningSearchQuerySchema = listeningFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  savedSearchId: z.uuid().optional().describe('start from a saved search; other parameters narrow it'),
});
export type ListeningSearchQuery = z.infer<typeof listeningSearchQuerySchema>;

export const listeningPostSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  platform: z.string(),
  source: z.string(),
  url: z.string().nullable(),
  text: z.string(),
  language: z.string(),
  market: z.string().nullable(),
  createdAt: z.string(),
  replyToExternalId: z.string().nullable(),
  author: z.object({
    handle: z.string(),
    displayName: z.string().nullable(),
    followers: z.number().nullable(),
    verified: z.boolean(),
  }),
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  sentimentScore: z.number(),
  intents: z.array(z.string()),
  aspects: z.array(z.string()),
  riskFlags: z.array(z.string()),
  engagement: z.number(),
});
export type ListeningPost = z.infer<typeof listeningPostSchema>;

export const listeningSearchResponseSchema = z.object({
  posts: z.array(listeningPostSchema),
  nextCursor: z.string().nullable(),
});

export const listeningExportQuerySchema = listeningSearchQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({
    format: z.enum(['csv', 'json']).default('csv'),
    max: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
  });

export const savedSearchInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  filter: listeningFilterSchema,
});
export const savedSearchSchema = savedSearchInputSchema.extend({
  id: z.string(),
  createdAt: z.string(),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

export const digestInputSchema = z.object({
  savedSearchId: z.uuid(),
  recipients: z.array(z.email()).min(1).max(50),
  frequency: z.enum(['daily', 'weekly']).default('daily'),
  hourUtc: z.number().int().min(0).max(23).default(7),
  locale: z.enum(['en', 'es', 'sv']).default('en'),
});
export const digestSchema = digestInputSchema.extend({
  id: z.string(),
  nextDueAt: z.string(),
  lastSentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type Digest = z.infer<typeof digestSchema>;

/** A campaign and a time range: the base of every listening chart. */
export const listeningRangeQuerySchema = z.object({
  campaignId: z.uuid(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  language: csv(/[a-z]{2,3}|und/, 'language codes such as "es,en"').optional(),
  market: csv(/[A-Z]{2}/, 'market codes such as "ES,SE"').optional(),
});

export const shareOfVoiceQuerySchema = listeningRangeQuerySchema.extend({
  interval: z.enum(['hour', 'day']).default('day'),
});

const sentimentCounts = z.object({ positive: z.number(), neutral: z.number(), negative: z.number() });

export const shareOfVoiceSchema = z.object({
  subjects: z.array(
    z.object({
      subject: z.string(),
      isBrand: z.boolean(),
      posts: z.number(),
      share: z.number(),
      sentiment: sentimentCounts,
      /** (positive − negative) / posts, −1..1. */
      netSentiment: z.number(),
    }),
  ),
  series: z.array(
    z.object({
      at: z.string(),
      subject: z.string(),
      posts: z.number(),
      negative: z.number(),
    }),
  ),
  breakdown: z.array(
    z.object({ subject: z.string(), language: z.string(), market: z.string(), posts: z.number() }),
  ),
  aspects: z.array(
    z.object({
      aspect: z.string(),
      subject: z.string(),
      posts: z.number(),
      negative: z.number(),
      negativeShare: z.number(),
      /** Change in negative posts: second half of the range vs the first. */
      negativeTrend: z.number(),
      /** A competitor's complaints rising is an opportunity; the brand's rising is a risk. */
      signal: z.enum(['opportunity', 'risk', 'none']),
    }),
  ),
});
export type ShareOfVoice = z.infer<typeof shareOfVoiceSchema>;

export const narrativesQuerySchema = listeningRangeQuerySchema.extend({
  baselineDays: z.coerce.number().min(0).max(90).default(7),
  minPosts: z.coerce.number().int().min(2).max(10_000).optional(),
});

const postSummary = z.object({
  id: z.string(),
  text: z.string(),
  handle: z.string(),
  createdAt: z.string(),
  url: z.string().nullable(),
});

export const narrativesSchema = z.object({
  narratives: z.array(
    z.object({
      key: z.string(),
      language: z.string(),
      label: z.string(),
      keyPhrases: z.array(z.object({ phrase: z.string(), posts: z.number() })),
      posts: z.number(),
      share: z.number(),
      sentiment: sentimentCounts.extend({ meanScore: z.number() }),
      firstSeenAt: z.string(),
      growthRate: z.number(),
      momentum: z.number(),
      isNew: z.boolean(),
      baselineExpected: z.number(),
      series: z.array(z.object({ at: z.string(), posts: z.number() })),
      representativePosts: z.array(postSummary),
    }),
  ),
  languages: z.array(z.object({ language: z.string(), posts: z.number(), clustered: z.number() })),
  /** True when the window held more posts than are clustered at once and a sample was used. */
  sampled: z.boolean(),
});
export type Narratives = z.infer<typeof narrativesSchema>;

const trendingTerm = z.object({
  term: z.string(),
  kind: z.enum(['phrase', 'hashtag']),
  language: z.string(),
  posts: z.number(),
  expected: z.number(),
  lift: z.number(),
  score: z.number(),
});
export const trendingSchema = z.object({ phrases: z.array(trendingTerm), hashtags: z.array(trendingTerm) });

export const poachingQuerySchema = z.object({
  campaignId: z.uuid(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  kind: z.enum(['competitor_reply', 'suspected_staff_reply', 'switch_announcement']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const poachingSchema = z.object({
  totals: z.array(
    z.object({
      competitor: z.string(),
      competitorReplies: z.number(),
      suspectedStaffReplies: z.number(),
      switchAnnouncements: z.number(),
    }),
  ),
  findings: z.array(
    z.object({
      competitor: z.string(),
      kind: z.enum(['competitor_reply', 'suspected_staff_reply', 'switch_announcement']),
      evidence: z.string(),
      createdAt: z.string(),
      post: postSummary.extend({ externalId: z.string() }),
      target: postSummary.extend({ externalId: z.string(), isComplaint: z.boolean() }).nullable(),
    }),
  ),
});
export type Poaching = z.infer<typeof poachingSchema>;

export const influencersQuerySchema = listeningRangeQuerySchema.extend({
  sort: z.enum(['score', 'reach', 'engagement']).default('score'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const influencersSchema = z.object({
  authors: z.array(
    z.object({
      handle: z.string(),
      displayName: z.string().nullable(),
      platform: z.string(),
      followers: z.number(),
      verified: z.boolean(),
      posts: z.number(),
      engagement: z.number(),
      /** log10(followers + 1) + 2·log10(engagement + 1): reach and engagement together. */
      score: z.number(),
      sentiment: sentimentCounts.extend({ meanScore: z.number() }),
      role: z.enum(['brand', 'competitor', 'community']),
    }),
  ),
});
export type Influencers = z.infer<typeof influencersSchema>;
