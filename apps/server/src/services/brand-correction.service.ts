import type { Kysely } from 'kysely';
import type { Correction, correctionInputSchema } from '@ombud/contract';
import {
  assessClaimRepeat,
  checkClaims,
  compilePhrases,
  compileWrongClaim,
  describeWrongClaim,
  draftShingles,
  findClaimRepeat,
  findPhrases,
  foldKeepingOffsets,
  renderCorrectionNotice,
  noticeLanguage,
  WrongClaimError,
  type CompiledBrandBrief,
  type WrongClaim,
} from '@ombud/core';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import {
  campaignPostsPage,
  correctionMatches,
  correctionNotices,
  findCorrectionRow,
  findNotice,
  insertCorrection,
  insertCorrectionMatches,
  insertNotices,
  listCorrectionRows,
  openNoticesFor,
  setNoticeStatus,
  type CorrectionMatchValues,
  type ScannedPost,
} from '../repositories/brand-correction.repository.ts';
import { findAdvocate } from '../repositories/advocate.repository.ts';
import { queueNoticeDeliveries } from '../repositories/advocate-portal.repository.ts';
import type { PublishedAdvocatePost } from '../repositories/advocate-post.repository.ts';
import { loadCampaignBrief } from './brand-check.service.ts';

const PAGE = 2000;
/** Text similarity above which a post counts as a near-duplicate of one that repeats the claim. */
export const CORRECTION_NEAR_DUPLICATE = 0.6;
const MAX_SEEDS = 500;

function correctionTexts(
  compiled: CompiledBrandBrief,
  wrong: WrongClaim,
  given: Record<string, string> | undefined,
): Record<string, string> {
  const languages = compiled.brief.languages;
  let texts: Record<string, string> | undefined = given;
  if (texts === undefined) {
    if (wrong.mode === 'fact')
      throw new AppError(
        'VALIDATION_FAILED',
        `fact "${wrong.factId}" was found wrong: give the corrected wording per language in "correction" (${languages.join(', ')})`,
      );
    const factIds = [
      ...new Set(wrong.signatures.map((s) => s.factId).filter((id): id is string => id !== null)),
    ];
    const fact = factIds.length === 1 ? compiled.claims.facts.get(factIds[0]!) : undefined;
    if (fact === undefined)
      throw new AppError(
        'VALIDATION_FAILED',
        `the claim "${wrong.claimText}" matches ${factIds.length === 0 ? 'no fact' : `several facts (${factIds.join(', ')})`} on the brief: give the approved correction per language in "correction"`,
      );
    texts = { ...fact.text };
  }
  const missing = languages.filter((language) => !texts[language]);
  if (missing.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `correction: the approved wording is missing for ${missing.join(', ')} (the campaign's languages are ${languages.join(', ')})`,
    );
  return texts;
}

/** Posts among `candidates` whose text is a near-duplicate of a seed post, via an inverted shingle index. */
function nearDuplicates(
  seeds: readonly { id: string; shingles: Set<string> }[],
  candidates: readonly ScannedPost[],
): { post: ScannedPost; seedId: string; similarity: number }[] {
  const index = new Map<string, number[]>();
  seeds.forEach((seed, i) => {
    for (const s of seed.shingles) {
      const list = index.get(s);
      if (list) list.push(i);
      else index.set(s, [i]);
    }
  });
  const out: { post: ScannedPost; seedId: string; similarity: number }[] = [];
  for (const post of candidates) {
    const shingles = draftShingles(post.text);
    if (shingles.size === 0) continue;
    const shared = new Map<number, number>();
    for (const s of shingles) for (const i of index.get(s) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let best: { seedId: string; similarity: number } | undefined;
    for (const [i, count] of shared) {
      const seed = seeds[i]!;
      const similarity = count / (seed.shingles.size + shingles.size - count);
      if (similarity >= CORRECTION_NEAR_DUPLICATE && (best === undefined || similarity > best.similarity))
        best = { seedId: seed.id, similarity: Math.round(similarity * 1000) / 1000 };
    }
    if (best) out.push({ post, ...best });
  }
  return out;
}

/**
 * Records a correction: finds every campaign and advocate post repeating the wrong claim (claim
 * matching, then near-duplicates of those posts) and creates a notice for each advocate concerned.
 */
export async function createCorrection(
  db: Kysely<Database>,
  workspaceId: string,
  input: z.output<typeof correctionInputSchema>,
  createdBy: string | null,
  now: Date,
): Promise<Correction> {
  const { campaign, compiled } = await loadCampaignBrief(db, workspaceId, input.campaignId);
  let wrong: WrongClaim;
  try {
    wrong = describeWrongClaim(compiled, input);
  } catch (error) {
    if (error instanceof WrongClaimError) throw new AppError('VALIDATION_FAILED', error.message);
    throw error;
  }
  const texts = correctionTexts(compiled, wrong, input.correction);
  const scan = compileWrongClaim(compiled, wrong);
  const since = input.since ? new Date(input.since) : campaign.startsAt ? new Date(campaign.startsAt) : null;

  const matches = new Map<string, CorrectionMatchValues>();
  const seeds: { id: string; shingles: Set<string> }[] = [];
  let scanned = 0;
  const pages = async (visit: (posts: ScannedPost[]) => void) => {
    let afterId = '0';
    for (;;) {
      const page = await campaignPostsPage(db, workspaceId, campaign.id, { since, afterId, limit: PAGE });
      if (page.length === 0) return;
      visit(page);
      afterId = page.at(-1)!.id;
    }
  };
  await pages((posts) => {
    for (const post of posts) {
      scanned++;
      const repeat = findClaimRepeat(scan, {
        text: post.text,
        language: post.language ?? undefined,
        market: post.market ?? undefined,
      });
      if (!repeat) continue;
      matches.set(post.id, {
        postId: post.id,
        advocateId: post.advocateId,
        kind: repeat.kind,
        similarity: null,
        seedPostId: null,
        span: repeat.span,
      });
      if (seeds.length < MAX_SEEDS) seeds.push({ id: post.id, shingles: draftShingles(post.text) });
    }
  });
  if (seeds.length > 0)
    await pages((posts) => {
      const rest = posts.filter((p) => !matches.has(p.id));
      for (const hit of nearDuplicates(seeds, rest)) {
        // A copy that states the fact differently (the approved figure) is not a repeat.
        const { differs } = assessClaimRepeat(scan, {
          text: hit.post.text,
          language: hit.post.language ?? undefined,
          market: hit.post.market ?? undefined,
        });
        if (differs) continue;
        matches.set(hit.post.id, {
          postId: hit.post.id,
          advocateId: hit.post.advocateId,
          kind: 'near_duplicate',
          similarity: hit.similarity,
          seedPostId: hit.seedId,
          span: null,
        });
      }
    });

  const advocateIds = [
    ...new Set([...matches.values()].map((m) => m.advocateId).filter((id): id is string => id !== null)),
  ];
  const notices: { advocateId: string; language: string }[] = [];
  for (const advocateId of advocateIds) {
    const advocate = await findAdvocate(db, workspaceId, advocateId);
    if (advocate) notices.push({ advocateId, language: noticeLanguage(advocate.language) });
  }
  const id = await db.transaction().execute(async (trx) => {
    const correctionId = await insertCorrection(trx, {
      workspaceId,
      campaignId: campaign.id,
      wrong,
      language: input.language ?? null,
      correction: texts,
      reason: input.reason ?? null,
      scanned,
      createdBy,
      createdAt: now,
    });
    await insertCorrectionMatches(trx, correctionId, [...matches.values()]);
    await insertNotices(trx, correctionId, notices, now);
    // Sent by a job after this commits (e-mail never inside the transaction), retried with back-off.
    await queueNoticeDeliveries(trx, correctionId, new Date());
    return correctionId;
  });
  return getCorrection(db, workspaceId, id);
}

export async function getCorrection(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<Correction> {
  const row = await findCorrectionRow(db, workspaceId, id);
  if (!row) throw new AppError('NOT_FOUND', `no correction ${id}`);
  const { compiled } = await loadCampaignBrief(db, workspaceId, row.campaign_id).catch(() => ({
    compiled: undefined,
  }));
  const brand = compiled?.brief.brand ?? 'Ombud';
  const matches = await correctionMatches(db, id);
  const notices = await correctionNotices(db, id);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    mode: row.mode as Correction['mode'],
    factId: row.fact_id,
    claimText: row.claim_text,
    correction: row.correction,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    scanned: row.scanned,
    matches: matches.map((m) => ({
      postId: String(m.post_id),
      advocateId: m.advocate_id,
      kind: m.kind as 'wording' | 'claim' | 'near_duplicate',
      similarity: m.similarity,
      seedPostId: m.seed_post_id === null ? null : String(m.seed_post_id),
      span: m.span_start === null || m.span_end === null ? null : [m.span_start, m.span_end],
    })),
    notices: notices.map((n) => {
      const posts = matches.filter((m) => m.advocate_id === n.advocate_id).map((m) => String(m.post_id));
      const rendered = renderCorrectionNotice(n.language, {
        brand,
        advocateName: n.display_name,
        posts: Math.max(1, posts.length),
        correction: row.correction[n.language] ?? row.correction.en ?? Object.values(row.correction)[0] ?? '',
        claim: row.claim_text ?? undefined,
      });
      return {
        id: n.id,
        advocateId: n.advocate_id,
        advocateName: n.display_name,
        language: rendered.language,
        subject: rendered.subject,
        body: rendered.body,
        posts,
        status: n.status as 'sent' | 'corrected' | 'repeated',
        sentAt: n.sent_at.toISOString(),
        resolvedAt: n.resolved_at?.toISOString() ?? null,
        resolvedByPostId: n.resolved_by_post_id === null ? null : String(n.resolved_by_post_id),
        delivery: {
          status: n.delivery_status as Correction['notices'][number]['delivery']['status'],
          attempts: n.delivery_attempts,
          error: n.delivery_error,
          deliveredAt: n.delivered_at?.toISOString() ?? null,
        },
        readAt: n.read_at?.toISOString() ?? null,
        acknowledgedAt: n.acknowledged_at?.toISOString() ?? null,
        advocateCorrectedAt: n.advocate_corrected_at?.toISOString() ?? null,
      };
    }),
  };
}

export async function listCorrections(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string | undefined,
): Promise<Correction[]> {
  const rows = await listCorrectionRows(db, workspaceId, campaignId);
  const out: Correction[] = [];
  for (const row of rows) out.push(await getCorrection(db, workspaceId, row.id));
  return out;
}

export async function resolveNotice(
  db: Kysely<Database>,
  workspaceId: string,
  correctionId: string,
  noticeId: string,
  status: 'sent' | 'corrected' | 'repeated',
  userId: string | null,
  now: Date,
): Promise<Correction> {
  if (!(await findNotice(db, workspaceId, correctionId, noticeId)))
    throw new AppError('NOT_FOUND', `no notice ${noticeId} on correction ${correctionId}`);
  await setNoticeStatus(db, noticeId, status, { userId, at: now });
  return getCorrection(db, workspaceId, correctionId);
}

/**
 * Re-checks an advocate's open correction notices against a post they published after the notice:
 * repeating the wrong claim marks it `repeated`; stating the correction (its wording, or a supported
 * claim on the corrected fact) marks it `corrected`. Anything else leaves it open.
 */
export async function recheckNotices(
  db: Kysely<Database>,
  post: PublishedAdvocatePost,
  now: Date,
): Promise<void> {
  const notices = await openNoticesFor(db, post.advocateId, post.publishedAt);
  for (const notice of notices) {
    const loaded = await loadCampaignBrief(db, notice.workspace_id, notice.campaign_id).catch(
      () => undefined,
    );
    if (!loaded) continue;
    const wrong = notice.target as unknown as WrongClaim;
    const brandPost = {
      text: post.text,
      language: post.language ?? undefined,
      market: post.market ?? undefined,
    };
    const repeat = findClaimRepeat(compileWrongClaim(loaded.compiled, wrong), brandPost);
    if (repeat) {
      await insertCorrectionMatches(db, notice.correction_id, [
        {
          postId: post.postId,
          advocateId: post.advocateId,
          kind: repeat.kind,
          similarity: null,
          seedPostId: null,
          span: repeat.span,
        },
      ]);
      await setNoticeStatus(db, notice.id, 'repeated', { postId: post.postId, at: now });
      continue;
    }
    const wording = notice.correction[notice.language] ?? notice.correction.en;
    const folded = foldKeepingOffsets(post.text.normalize('NFC'));
    const saysWording =
      wording !== undefined &&
      findPhrases(compilePhrases([[wording.replace(/[.!]+$/, ''), true]]), post.text, folded).length > 0;
    const factIds = new Set(wrong.signatures.map((s) => s.factId).filter((id) => id !== null));
    const supportsFact = checkClaims(loaded.compiled.claims, brandPost).claims.some(
      (c) => c.verdict === 'supported' && c.factId !== null && factIds.has(c.factId),
    );
    if (saysWording || supportsFact)
      await setNoticeStatus(db, notice.id, 'corrected', { postId: post.postId, at: now });
  }
}
