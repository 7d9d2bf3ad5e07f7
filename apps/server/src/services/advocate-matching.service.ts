import type { Kysely } from 'kysely';
import { briefSchema, type BrandFindings } from '@ombud/contract';
import {
  compileBrandBrief,
  matchPublishedPost,
  publicationDrift,
  type CompiledBrandBrief,
} from '@ombud/core';
import type { Database } from '../db/schema.ts';
import { findAdvocate } from '../repositories/advocate.repository.ts';
import { approvedDrafts } from '../repositories/advocate-draft.repository.ts';
import {
  findAdvocatePosts,
  upsertAdvocatePost,
  type PublishedAdvocatePost,
} from '../repositories/advocate-post.repository.ts';
import { brandFindings, draftLanguage, loadCampaignBrief } from './brand-check.service.ts';
import { recheckNotices } from './brand-correction.service.ts';

// Without a campaign brief, a published advocate post is still checked for the market's disclosure
// under the built-in rules (docs/brief.md).
let defaultBrief: CompiledBrandBrief | undefined;
function defaultCompiledBrief(): CompiledBrandBrief {
  defaultBrief ??= compileBrandBrief(briefSchema.parse({ version: 1, brand: 'brand' }));
  return defaultBrief;
}

async function briefFor(db: Kysely<Database>, workspaceId: string, campaignIds: readonly string[]) {
  for (const campaignId of campaignIds) {
    const loaded = await loadCampaignBrief(db, workspaceId, campaignId).catch(() => undefined);
    if (loaded) return { campaignId, loaded };
  }
  return undefined;
}

function reachOf(post: PublishedAdvocatePost): { reach: number; engagement: number } {
  const m = post.metrics;
  const engagement = (m.likes ?? 0) + (m.reposts ?? 0) + (m.replies ?? 0);
  return { reach: Math.round(m.views ?? post.followers ?? 0), engagement: Math.round(engagement) };
}

/** Matches one published advocate post to its approved draft and stores the outcome with its evidence. */
async function matchOne(db: Kysely<Database>, post: PublishedAdvocatePost, now: Date): Promise<void> {
  const advocate = await findAdvocate(db, post.workspaceId, post.advocateId);
  if (!advocate) return;
  const drafts = await approvedDrafts(
    db,
    post.advocateId,
    post.campaignIds.length > 0 ? post.campaignIds : undefined,
  );
  const match = matchPublishedPost(
    post.text,
    drafts.map((d) => ({ id: `${d.draftId}:${d.version}`, text: d.text })),
  );
  const draft = match && drafts.find((d) => `${d.draftId}:${d.version}` === match.draftId);
  const context = await briefFor(db, post.workspaceId, draft ? [draft.campaignId] : post.campaignIds);
  const compiled = context?.loaded.compiled ?? defaultCompiledBrief();
  const language = context
    ? draftLanguage(context.loaded.brief, post.text, post.language)
    : (post.language ?? advocate.language);
  const findings: BrandFindings = brandFindings(compiled, {
    text: post.text,
    language,
    market: post.market ?? advocate.markets[0] ?? null,
    advocate: true,
  });
  const drift = draft ? publicationDrift(draft.findings, findings) : undefined;
  const outcome = !match ? 'no_approved_draft' : match.edited ? 'edited_after_approval' : 'as_approved';
  await upsertAdvocatePost(db, {
    postId: post.postId,
    workspaceId: post.workspaceId,
    advocateId: post.advocateId,
    campaignId: draft?.campaignId ?? context?.campaignId ?? post.campaignIds[0] ?? null,
    draftId: draft?.draftId ?? null,
    draftVersion: draft?.version ?? null,
    similarity: match?.similarity ?? null,
    outcome,
    disclosureRemoved: drift?.disclosureRemoved ?? false,
    disclosureOk: findings.disclosure.ok,
    contradictedClaims: findings.claims.filter((c) => c.verdict === 'contradicted').length,
    // Spans into the post and the words changed, not the post's text: deleting the post deletes this row.
    evidence: {
      changes: match?.changes ?? null,
      disclosure: {
        market: findings.disclosure.market,
        required: findings.disclosure.required,
        present: findings.disclosure.present,
        ok: findings.disclosure.ok,
        moved: drift?.disclosureMoved ?? false,
        reason: findings.disclosure.evidence.reason ?? null,
      },
      claims: findings.claims.map((c) => ({
        verdict: c.verdict,
        factId: c.factId,
        span: c.evidence.span ?? null,
      })),
      contradictedClaimsAdded: drift?.contradictedClaimsAdded.length ?? 0,
      issues: findings.issues.map(({ code, severity }) => ({ code, severity })),
      briefCampaignId: context?.campaignId ?? null,
    },
    ...reachOf(post),
    publishedAt: post.publishedAt,
    checkedAt: now,
  });
  await recheckNotices(db, post, now);
}

/** For freshly analysed posts: those written by advocates are matched to their approved drafts. */
export async function matchAdvocatePosts(
  db: Kysely<Database>,
  postIds: readonly string[],
  now: Date,
): Promise<number> {
  const posts = await findAdvocatePosts(db, postIds);
  for (const post of posts) await matchOne(db, post, now);
  return posts.length;
}
