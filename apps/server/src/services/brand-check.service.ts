import type { Kysely } from 'kysely';
import {
  briefSchema,
  formatBriefIssues,
  type Brief,
  type BrandFindings,
  type Campaign,
  type CampaignBrief,
} from '@ombud/contract';
import {
  checkBrandPost,
  compileBrandBrief,
  disclosureRulesFor,
  identifyLanguage,
  localizeBrandCheck,
  tokenize,
  type BrandCheck,
  type CompiledBrandBrief,
} from '@ombud/core';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findCampaign } from '../repositories/campaign.repository.ts';
import { storeCampaignBrief } from '../repositories/campaign-brief.repository.ts';

export interface CampaignWithBrief {
  campaign: Campaign;
  brief: Brief;
  compiled: CompiledBrandBrief;
}

// Compiling a brief builds a few hundred regular expressions; keep the last few, keyed by campaign and
// checked against the stored JSON so an edited brief is recompiled.
const compiledCache = new Map<string, { json: string; compiled: CompiledBrandBrief }>();
const CACHE_SIZE = 32;

function compileCached(campaignId: string, brief: Brief): CompiledBrandBrief {
  const json = JSON.stringify(brief);
  const cached = compiledCache.get(campaignId);
  if (cached?.json === json) return cached.compiled;
  const compiled = compileBrandBrief(brief);
  compiledCache.delete(campaignId);
  compiledCache.set(campaignId, { json, compiled });
  if (compiledCache.size > CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value!);
  return compiled;
}

/** Parses a brief as stored on a campaign; undefined when there is none, an error naming each bad field otherwise. */
export function parseStoredBrief(campaign: Campaign): Brief | undefined {
  if (campaign.brief === null) return undefined;
  const parsed = briefSchema.safeParse(campaign.brief);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      `the brief stored on campaign "${campaign.name}" is invalid; PUT /api/campaigns/${campaign.id}/brief a valid one: ${formatBriefIssues(parsed.error).join('; ')}`,
    );
  return parsed.data;
}

/** The campaign and its compiled brief; NOT_FOUND when the campaign does not exist or has no brief. */
export async function loadCampaignBrief(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<CampaignWithBrief> {
  const campaign = await findCampaign(db, workspaceId, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${campaignId}`);
  const brief = parseStoredBrief(campaign);
  if (brief === undefined)
    throw new AppError(
      'NOT_FOUND',
      `campaign "${campaign.name}" has no brief yet: PUT /api/campaigns/${campaign.id}/brief (docs/brief.md)`,
    );
  return { campaign, brief, compiled: compileCached(campaign.id, brief) };
}

/** Stores a validated brief on its campaign and copies its messages, facts, banned claims, disclosures and competitors onto the campaign record. */
export async function putCampaignBrief(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  brief: Brief,
): Promise<CampaignBrief> {
  const campaign = await findCampaign(db, workspaceId, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${campaignId}`);
  const rules = [...disclosureRulesFor(brief).values()].filter(
    (rule) => campaign.markets.length === 0 || campaign.markets.includes(rule.market),
  );
  const fields = {
    keyMessages: brief.keyMessages.map(({ id, text }) => ({ id, text })),
    factSheet: brief.facts.map(({ id, subject, text }) => ({ id, subject, text })),
    bannedClaims: [...new Set(brief.bannedClaims.flatMap((claim) => Object.values(claim.phrases).flat()))],
    requiredDisclosures: rules.map(({ market, tags, placement, firstChars }) => ({
      market,
      tags: [...tags],
      placement,
      ...(firstChars !== undefined ? { firstChars } : {}),
    })),
    competitors: brief.competitors.map(({ name, handles, keywords }) => ({ name, handles, keywords })),
  };
  await storeCampaignBrief(db, workspaceId, campaignId, brief, fields);
  return campaignBriefRecord(campaignId, brief, fields);
}

export function campaignBriefRecord(
  campaignId: string,
  brief: Brief,
  fields?: {
    keyMessages: unknown[];
    factSheet: unknown[];
    bannedClaims: unknown[];
    requiredDisclosures: unknown[];
    competitors: unknown[];
  },
): CampaignBrief {
  return {
    campaignId,
    brief,
    synced: {
      keyMessages: fields?.keyMessages.length ?? 0,
      facts: fields?.factSheet.length ?? 0,
      bannedClaims: fields?.bannedClaims.length ?? 0,
      disclosureRules: fields?.requiredDisclosures.length ?? 0,
      competitors: fields?.competitors.length ?? 0,
    },
  };
}

/** The language to check a text in: the one given, else detected among the brief's languages (else the brief's first). */
export function draftLanguage(brief: Brief, text: string, language: string | undefined | null): string {
  if (language) return language;
  const detected = identifyLanguage(tokenize(text), brief.languages).language;
  return detected === 'und' ? (brief.languages[0] ?? 'en') : detected;
}

/**
 * Brand findings for a text, in the API's shape (claims, disclosure, on-message score, issues), with
 * their words (`message`, `evidence.reason`) in `messageLanguage`, else the text's language (en, es or
 * sv; English otherwise). Codes and parameters are the same in every language.
 */
export function brandFindings(
  compiled: CompiledBrandBrief,
  post: { text: string; language: string; market?: string | null | undefined; advocate: boolean },
  messageLanguage?: string | null,
): BrandFindings {
  const check: BrandCheck = localizeBrandCheck(
    checkBrandPost(compiled, {
      text: post.text,
      language: post.language,
      market: post.market ?? undefined,
      advocate: post.advocate,
    }),
    messageLanguage ?? post.language,
  );
  return {
    language: post.language,
    market: post.market ?? compiled.brief.defaultMarkets[post.language] ?? null,
    claims: check.claims.map(({ text, verdict, factId, evidence }) => ({
      text,
      verdict,
      factId,
      evidence: { ...evidence },
    })),
    disclosure: {
      ...check.disclosure,
      evidence: { ...check.disclosure.evidence },
    },
    onMessage: {
      score: check.onMessage.score,
      coverage: check.onMessage.coverage,
      issues: check.onMessage.issues.map((issue) => ({ ...issue, evidence: [...issue.evidence] })),
    },
    issues: check.issues,
  };
}

/** Errors in a set of findings: what blocks an approval. */
export function findingErrors(findings: BrandFindings): number {
  return findings.issues.filter((issue) => issue.severity === 'error').length;
}

/** Checks a pasted draft against a campaign's brief (the "paste a draft" screen). */
export async function checkDraftForCampaign(
  db: Kysely<Database>,
  workspaceId: string,
  input: {
    campaignId: string;
    text: string;
    language?: string | undefined;
    market?: string | undefined;
    advocate: boolean;
    /** Language of the findings' words; the draft's when absent. */
    lang?: string | undefined;
  },
): Promise<BrandFindings> {
  const { brief, compiled } = await loadCampaignBrief(db, workspaceId, input.campaignId);
  return brandFindings(
    compiled,
    {
      text: input.text,
      language: draftLanguage(brief, input.text, input.language),
      market: input.market,
      advocate: input.advocate,
    },
    input.lang,
  );
}
