import { z } from 'zod';
import { languageCodeSchema, roleSchema } from './domain.ts';

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const uiLocaleSchema = z.enum(['en', 'es', 'sv']);

export const setupStatusResponseSchema = z.object({ firstRun: z.boolean() });

export const setupRequestSchema = z.object({
  workspaceName: z.string().trim().min(1).max(200),
  email: z.email(),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'use at least 10 characters').max(200),
  locale: uiLocaleSchema.default('en'),
});

export const loginRequestSchema = z.object({
  email: z.email(),
  password: z.string().min(1).max(200),
});

export const meResponseSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale: z.string(),
});
export type Me = z.infer<typeof meResponseSchema>;

export const createUserRequestSchema = z.object({
  email: z.email(),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'use at least 10 characters').max(200),
  role: roleSchema,
  locale: uiLocaleSchema.default('en'),
});

export const userSummarySchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale: z.string(),
});

/** Owners change a member's role, name or interface language; at least one of them. */
export const updateUserRequestSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: roleSchema.optional(),
    locale: uiLocaleSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'send displayName, role or locale',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export type UserSummary = z.infer<typeof userSummarySchema>;

export const createApiKeyRequestSchema = z.object({ name: z.string().trim().min(1).max(100) });
export const createdApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  /** Shown once; only its hash is stored. */
  key: z.string(),
});

export const listPostsQuerySchema = z.object({
  campaignId: z.uuid().optional(),
  language: languageCodeSchema.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Cursor: the `id` of the last post of the previous page. */
  before: z.string().regex(/^\d+$/).optional(),
});

export const postListItemSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  platform: z.string(),
  text: z.string(),
  language: z.string().nullable(),
  market: z.string().nullable(),
  createdAt: z.string(),
  url: z.string().nullable(),
  analysis: z
    .object({
      language: z.string(),
      sentiment: z.enum(['positive', 'neutral', 'negative']),
      sentimentScore: z.number(),
      intents: z.array(z.string()),
      aspects: z.array(z.string()),
      toxicity: z.string(),
    })
    .nullable(),
  author: z.object({
    handle: z.string(),
    displayName: z.string().nullable(),
    followers: z.number().nullable(),
    verified: z.boolean(),
  }),
});
export type PostListItem = z.infer<typeof postListItemSchema>;

export const listPostsResponseSchema = z.object({
  posts: z.array(postListItemSchema),
  nextBefore: z.string().nullable(),
});

export const importQuerySchema = z.object({
  format: z.enum(['csv', 'jsonl']).optional(),
  campaignId: z.uuid().optional(),
  source: z.string().trim().min(1).max(100).optional(),
  platform: z.string().trim().min(1).max(40).default('import'),
  map: z.string().max(2000).optional(),
});

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
});
