import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { PostEvidence } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findPostAnalysisResult } from '../repositories/post-evidence.repository.ts';

const evidence = z.array(z.object({ rule: z.string(), match: z.string(), weight: z.number() })).catch([]);
// The stored result is `analyzePost`'s output; read leniently so an older or newer analyser's row
// still shows what it has instead of failing the screen.
const storedAnalysis = z.object({
  sentiment: z
    .object({ label: z.enum(['positive', 'neutral', 'negative']), score: z.number(), evidence })
    .nullable()
    .catch(null),
  intents: z.array(z.object({ label: z.string(), confidence: z.number(), evidence })).catch([]),
  aspects: z.array(z.object({ aspect: z.string(), sentiment: z.string(), evidence })).catch([]),
  toxicity: z
    .object({
      findings: z.array(z.object({ category: z.string(), severity: z.string(), evidence })).catch([]),
    })
    .catch({ findings: [] }),
});

/** The words and rules behind a post's sentiment, intents, aspects and toxicity, as stored at analysis. */
export async function postEvidence(
  db: Kysely<Database>,
  workspaceId: string,
  postId: string,
): Promise<PostEvidence> {
  const found = await findPostAnalysisResult(db, workspaceId, postId);
  if (!found) throw new AppError('NOT_FOUND', `no post ${postId}`);
  const parsed = found.result === null ? null : storedAnalysis.safeParse(found.result);
  if (!parsed?.success)
    return { postId, analysed: false, sentiment: null, intents: [], aspects: [], toxicity: [] };
  const analysis = parsed.data;
  return {
    postId,
    analysed: true,
    sentiment: analysis.sentiment,
    intents: analysis.intents,
    aspects: analysis.aspects,
    toxicity: analysis.toxicity.findings,
  };
}
