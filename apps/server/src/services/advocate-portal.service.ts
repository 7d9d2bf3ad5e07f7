import type { Kysely, Transaction } from 'kysely';
import {
  advocateInputSchema,
  type Advocate,
  type AdvocatePortalStatus,
  type Draft,
  type JoinInfo,
  type joinRequestSchema,
  type PortalBrief,
  type PortalDraft,
  type PortalLinkCreated,
  type PortalMe,
  type PortalNotice,
  type portalCheckRequestSchema,
  type portalDraftResubmitSchema,
  type portalDraftSubmitSchema,
} from '@ombud/contract';
import { disclosureRulesFor, renderCorrectionNotice } from '@ombud/core';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import {
  advocateNotices,
  answerNotice,
  draftCampaignIds,
  findLiveJoinLink,
  findLivePortalToken,
  insertJoinLink,
  joinedCampaignIds,
  markNoticesRead,
  noticeDeliverySummaries,
  portalTokenSummaries,
  revokeJoinLinks,
  revokePortalTokens,
  touchPortalToken,
} from '../repositories/advocate-portal.repository.ts';
import { findAdvocate, listAdvocates } from '../repositories/advocate.repository.ts';
import { findDraft, listDrafts } from '../repositories/advocate-draft.repository.ts';
import { findCampaign, listCampaigns } from '../repositories/campaign.repository.ts';
import { appendAudit, type AuditActor } from './audit-log.service.ts';
import { sha256 } from './auth.service.ts';
import { checkDraftForCampaign, loadCampaignBrief, parseStoredBrief } from './brand-check.service.ts';
import {
  hasValidConsent,
  listConsents,
  recordConsent,
  resolveAuthor,
  withdrawConsent,
} from './consent.service.ts';
import { PROGRAMME_TERMS, portalLanguage } from './advocate-portal-texts.ts';
import { issuePortalToken, joinPath, newToken, portalPath } from './advocate-portal-token.ts';
import { createAdvocate, requireAdvocate, resubmitDraft, submitDraft } from './advocate-workflow.service.ts';

type Db = Kysely<Database>;
type Executor = Db | Transaction<Database>;

const DAY_MS = 86_400_000;
/** Writing "last used" on every request would make each read a write; once in a while is enough. */
const TOUCH_EVERY_MS = 5 * 60_000;

/** Who is calling a portal route: one advocate, through one of their links. Nothing else is reachable. */
export interface PortalPrincipal {
  workspaceId: string;
  advocateId: string;
  tokenId: string;
  expiresAt: Date;
}

/** The advocate a portal token belongs to, when the token is live and the advocate still in the programme. */
export async function portalPrincipalFromToken(
  db: Db,
  token: string,
  now: Date,
): Promise<PortalPrincipal | undefined> {
  if (!/^[A-Za-z0-9_-]{30,100}$/.test(token)) return undefined;
  const row = await findLivePortalToken(db, sha256(token), now);
  if (!row) return undefined;
  if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS)
    await touchPortalToken(db, row.id, now);
  return {
    workspaceId: row.workspace_id,
    advocateId: row.advocate_id,
    tokenId: row.id,
    expiresAt: row.expires_at,
  };
}

const auditAdvocate = (
  db: Executor,
  workspaceId: string,
  actor: AuditActor,
  action: string,
  advocateId: string,
  now: Date,
  details?: Record<string, string | number | boolean | null>,
) =>
  appendAudit(db, {
    workspaceId,
    actor,
    action,
    target: { kind: 'advocate', id: advocateId },
    ...(details !== undefined ? { details } : {}),
    occurredAt: now,
  });

// ---- team side ----------------------------------------------------------------------------------

export async function createPortalLink(
  db: Db,
  workspaceId: string,
  advocateId: string,
  days: number,
  actor: AuditActor,
  now: Date,
): Promise<PortalLinkCreated> {
  const advocate = await requireAdvocate(db, workspaceId, advocateId);
  if (advocate.status === 'removed')
    throw new AppError(
      'CONFLICT',
      `advocate ${advocateId} was removed from the programme; restore them first`,
    );
  const issued = await db.transaction().execute(async (trx) => {
    const link = await issuePortalToken(trx, {
      workspaceId,
      advocateId,
      source: 'manager',
      createdBy: actor.kind === 'user' ? actor.id : null,
      days,
      now,
    });
    await auditAdvocate(trx, workspaceId, actor, 'advocate.portal_link.created', advocateId, now, {
      link: link.id,
    });
    return link;
  });
  return {
    id: issued.id,
    advocateId,
    token: issued.token,
    path: portalPath(issued.token),
    expiresAt: issued.expiresAt.toISOString(),
  };
}

/** Revokes every live portal link of an advocate (the links in earlier e-mails stop working too). */
export async function revokePortalLinks(
  db: Db,
  workspaceId: string,
  advocateId: string,
  actor: AuditActor,
  now: Date,
): Promise<{ revoked: number }> {
  await requireAdvocate(db, workspaceId, advocateId);
  return db.transaction().execute(async (trx) => {
    const revoked = await revokePortalTokens(trx, workspaceId, advocateId, now);
    await auditAdvocate(trx, workspaceId, actor, 'advocate.portal_link.revoked', advocateId, now, {
      revoked,
    });
    return { revoked };
  });
}

/** Per advocate: portal link status and how their correction notices were delivered and answered. */
export async function portalStatuses(
  db: Db,
  workspaceId: string,
  now: Date,
): Promise<AdvocatePortalStatus[]> {
  const [advocates, tokens, notices] = await Promise.all([
    listAdvocates(db, workspaceId),
    portalTokenSummaries(db, workspaceId, now),
    noticeDeliverySummaries(db, workspaceId),
  ]);
  const tokenBy = new Map(tokens.map((t) => [t.advocate_id, t]));
  const noticeBy = new Map(notices.map((n) => [n.advocate_id, n]));
  const iso = (value: Date | string | null | undefined) =>
    value === null || value === undefined ? null : new Date(value).toISOString();
  return advocates.map((advocate) => {
    const t = tokenBy.get(advocate.id);
    const n = noticeBy.get(advocate.id);
    const status: AdvocatePortalStatus['portal']['status'] =
      t === undefined
        ? 'none'
        : t.active > 0
          ? 'active'
          : t.revoked > 0 && t.expires_at === null
            ? 'revoked'
            : 'expired';
    return {
      advocateId: advocate.id,
      portal: {
        status,
        activeLinks: t?.active ?? 0,
        expiresAt: status === 'active' ? iso(t?.expires_at) : null,
        lastUsedAt: iso(t?.last_used_at),
      },
      notices: {
        total: n?.total ?? 0,
        pending: n?.pending ?? 0,
        delivered: n?.delivered ?? 0,
        failed: n?.failed ?? 0,
        portalOnly: n?.portal_only ?? 0,
        read: n?.read ?? 0,
        acknowledged: n?.acknowledged ?? 0,
        advocateCorrected: n?.advocate_corrected ?? 0,
        corrected: n?.corrected ?? 0,
        lastError: n?.last_error ?? null,
      },
    };
  });
}

export async function createJoinLink(
  db: Db,
  workspaceId: string,
  campaignId: string,
  days: number,
  actor: AuditActor,
  now: Date,
) {
  await loadCampaignBrief(db, workspaceId, campaignId);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + days * DAY_MS);
  const id = await db.transaction().execute(async (trx) => {
    const linkId = await insertJoinLink(trx, {
      workspaceId,
      campaignId,
      tokenHash: sha256(token),
      createdBy: actor.kind === 'user' ? actor.id : null,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(trx, {
      workspaceId,
      actor,
      action: 'campaign.join_link.created',
      target: { kind: 'campaign', id: campaignId },
      details: { link: linkId },
      occurredAt: now,
    });
    return linkId;
  });
  return { id, campaignId, token, path: joinPath(token), expiresAt: expiresAt.toISOString() };
}

export async function revokeCampaignJoinLinks(
  db: Db,
  workspaceId: string,
  campaignId: string,
  actor: AuditActor,
  now: Date,
) {
  const campaign = await findCampaign(db, workspaceId, campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${campaignId}`);
  return db.transaction().execute(async (trx) => {
    const revoked = await revokeJoinLinks(trx, workspaceId, campaignId, now);
    await appendAudit(trx, {
      workspaceId,
      actor,
      action: 'campaign.join_link.revoked',
      target: { kind: 'campaign', id: campaignId },
      details: { revoked },
      occurredAt: now,
    });
    return { revoked };
  });
}

// ---- self-join ----------------------------------------------------------------------------------

async function requireJoinLink(db: Db, token: string, now: Date) {
  const link = /^[A-Za-z0-9_-]{30,100}$/.test(token)
    ? await findLiveJoinLink(db, sha256(token), now)
    : undefined;
  if (!link) throw new AppError('NOT_FOUND', 'this join link does not exist, has expired or was withdrawn');
  return link;
}

const termsFor = (brand: string) =>
  Object.fromEntries(
    Object.entries(PROGRAMME_TERMS).map(([language, text]) => [language, text.replaceAll('{brand}', brand)]),
  );

export async function joinInfo(db: Db, token: string, now: Date): Promise<JoinInfo> {
  const link = await requireJoinLink(db, token, now);
  const { campaign, brief } = await loadCampaignBrief(db, link.workspace_id, link.campaign_id);
  return {
    campaignName: campaign.name,
    brand: brief.brand,
    languages: brief.languages,
    markets: campaign.markets,
    terms: termsFor(brief.brand),
  };
}

/**
 * Someone joins through a campaign's join link: a self-joined (untrusted) advocate whose drafts
 * always go through review. Their consent to the terms (and, if given, to be contacted) is recorded
 * in the consent ledger for each of their handles.
 */
export async function joinCampaign(
  db: Db,
  token: string,
  input: z.output<typeof joinRequestSchema>,
  now: Date,
): Promise<{ advocateId: string; portalToken: string; portalExpiresAt: string }> {
  const link = await requireJoinLink(db, token, now);
  const workspaceId = link.workspace_id;
  const { brief } = await loadCampaignBrief(db, workspaceId, link.campaign_id);
  const system: AuditActor = { kind: 'system', id: null };
  const language = portalLanguage(input.language);
  const advocate = await createAdvocate(
    db,
    workspaceId,
    advocateInputSchema.parse({
      displayName: input.displayName,
      email: input.email ?? null,
      languages: [input.language],
      language: input.language,
      markets: input.markets,
      handles: input.handles,
      trustLevel: 'self_joined',
      trainingStatus: 'not_started',
      consent: { given: true, reference: `join link ${link.id} accepted ${now.toISOString()}` },
    }),
    system,
    now,
  );
  const purposes = input.contact
    ? (['advocate_programme', 'contact'] as const)
    : (['advocate_programme'] as const);
  for (const handle of input.handles)
    for (const purpose of purposes)
      await recordConsent(db, {
        workspaceId,
        subject: handle,
        purpose,
        lawfulBasis: 'consent',
        source: `advocate join link ${link.id}`,
        evidence:
          purpose === 'contact'
            ? `agreed to be contacted by e-mail about corrections (${language})`
            : `agreed to the programme terms (${language}): ${PROGRAMME_TERMS[language].replaceAll('{brand}', brief.brand)}`,
        actor: system,
        now,
      });
  const issued = await issuePortalToken(db, {
    workspaceId,
    advocateId: advocate.id,
    source: 'self_join',
    campaignId: link.campaign_id,
    now,
  });
  return {
    advocateId: advocate.id,
    portalToken: issued.token,
    portalExpiresAt: issued.expiresAt.toISOString(),
  };
}

// ---- consent to be contacted (the consent ledger is keyed by handle) ----------------------------

async function handleAuthors(db: Executor, workspaceId: string, advocate: Advocate, create: boolean) {
  const ids: string[] = [];
  for (const handle of advocate.handles) {
    const id = await resolveAuthor(db, workspaceId, handle, create);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** Whether the advocate may be e-mailed: a valid `contact` consent on the ledger for one of their handles. */
export async function mayContactAdvocate(
  db: Executor,
  workspaceId: string,
  advocate: Advocate,
  now: Date,
): Promise<boolean> {
  if (!advocate.consent.given || advocate.status === 'removed') return false;
  for (const authorId of await handleAuthors(db, workspaceId, advocate, false))
    if (await hasValidConsent(db, authorId, 'contact', now)) return true;
  return false;
}

export async function setContactConsent(
  db: Db,
  principal: PortalPrincipal,
  contact: boolean,
  now: Date,
): Promise<PortalMe> {
  const advocate = await requireAdvocate(db, principal.workspaceId, principal.advocateId);
  if (advocate.handles.length === 0)
    throw new AppError('CONFLICT', 'add a handle first: consent is recorded per handle');
  const actor: AuditActor = { kind: 'system', id: null };
  const current = await mayContactAdvocate(db, principal.workspaceId, advocate, now);
  if (contact && !current)
    for (const handle of advocate.handles)
      await recordConsent(db, {
        workspaceId: principal.workspaceId,
        subject: handle,
        purpose: 'contact',
        lawfulBasis: 'consent',
        source: 'advocate portal',
        evidence: 'agreed to be contacted by e-mail about corrections',
        actor,
        now,
      });
  if (!contact)
    for (const authorId of await handleAuthors(db, principal.workspaceId, advocate, false))
      for (const record of await listConsents(
        db,
        principal.workspaceId,
        { authorId, purpose: 'contact' },
        now,
      ))
        if (record.valid)
          await withdrawConsent(db, {
            workspaceId: principal.workspaceId,
            consentId: record.id,
            source: 'advocate portal',
            actor,
            now,
          });
  return portalMe(db, principal, now);
}

// ---- portal: everything below is scoped to principal.advocateId --------------------------------

async function portalAdvocate(db: Db, principal: PortalPrincipal): Promise<Advocate> {
  const advocate = await findAdvocate(db, principal.workspaceId, principal.advocateId);
  if (!advocate) throw new AppError('UNAUTHENTICATED', 'this portal link is no longer valid');
  return advocate;
}

/** Campaigns the advocate may see: those they joined or drafted for; an invited advocate also sees every campaign with a brief. */
async function portalCampaigns(db: Db, principal: PortalPrincipal, advocate: Advocate) {
  const campaigns = (await listCampaigns(db, principal.workspaceId)).filter((c) => c.brief !== null);
  if (advocate.trustLevel === 'invited') return campaigns;
  const allowed = new Set([
    ...(await joinedCampaignIds(db, advocate.id)),
    ...(await draftCampaignIds(db, advocate.id)),
  ]);
  return campaigns.filter((c) => allowed.has(c.id));
}

async function requirePortalCampaign(db: Db, principal: PortalPrincipal, campaignId: string) {
  const advocate = await portalAdvocate(db, principal);
  const campaigns = await portalCampaigns(db, principal, advocate);
  if (!campaigns.some((c) => c.id === campaignId))
    throw new AppError('NOT_FOUND', `no campaign ${campaignId}`);
  return advocate;
}

export async function portalMe(db: Db, principal: PortalPrincipal, now: Date): Promise<PortalMe> {
  const advocate = await portalAdvocate(db, principal);
  const campaigns = await portalCampaigns(db, principal, advocate);
  return {
    advocate: {
      displayName: advocate.displayName,
      language: advocate.language,
      languages: advocate.languages,
      markets: advocate.markets,
      trustLevel: advocate.trustLevel,
      trainingStatus: advocate.trainingStatus,
      status: advocate.status,
      hasEmail: advocate.email !== null,
    },
    contactConsent: await mayContactAdvocate(db, principal.workspaceId, advocate, now),
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
    linkExpiresAt: principal.expiresAt.toISOString(),
  };
}

/** The brief as the advocate needs it: in their language, with the disclosure rule of their market. */
export async function portalBrief(
  db: Db,
  principal: PortalPrincipal,
  campaignId: string,
  query: { language?: string | undefined; market?: string | undefined },
): Promise<PortalBrief> {
  const advocate = await requirePortalCampaign(db, principal, campaignId);
  const campaign = (await findCampaign(db, principal.workspaceId, campaignId))!;
  const brief = parseStoredBrief(campaign)!;
  const wanted = query.language ?? advocate.language;
  const language = brief.languages.includes(wanted) ? wanted : (brief.languages[0] ?? 'en');
  const market = query.market ?? advocate.markets[0] ?? brief.defaultMarkets[language] ?? null;
  const pick = (texts: Record<string, string>) =>
    texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';
  const rule = market === null ? undefined : disclosureRulesFor(brief).get(market);
  return {
    campaignId,
    campaignName: campaign.name,
    brand: brief.brand,
    product: brief.product ?? null,
    language,
    market,
    hashtags: brief.hashtags,
    keyMessages: brief.keyMessages.map((m) => ({ id: m.id, text: pick(m.text) })),
    facts: brief.facts.map((f) => ({ id: f.id, subject: f.subject, text: pick(f.text) })),
    bannedPhrases: brief.bannedPhrases[language] ?? [],
    disclosure:
      rule === undefined
        ? null
        : {
            market: rule.market,
            tags: [...rule.tags],
            placement: rule.placement,
            firstChars: rule.firstChars ?? null,
          },
  };
}

export async function portalCheck(
  db: Db,
  principal: PortalPrincipal,
  input: z.output<typeof portalCheckRequestSchema>,
) {
  const advocate = await requirePortalCampaign(db, principal, input.campaignId);
  return checkDraftForCampaign(db, principal.workspaceId, {
    campaignId: input.campaignId,
    text: input.text,
    language: input.language,
    market: input.market ?? advocate.markets[0],
    advocate: true,
    // The advocate reads the findings: in the language asked for, else their own.
    lang: input.lang ?? advocate.language,
  });
}

function toPortalDraft(draft: Draft): PortalDraft {
  return {
    id: draft.id,
    campaignId: draft.campaignId,
    platform: draft.platform,
    status: draft.status,
    currentVersion: draft.currentVersion,
    approvedVersion: draft.approvedVersion,
    publishAt: draft.publishAt,
    updatedAt: draft.updatedAt,
    versions: draft.versions.map((v) => ({
      version: v.version,
      text: v.text,
      language: v.language,
      market: v.market,
      findings: v.findings,
      errors: v.errors,
      submittedAt: v.submittedAt,
      decision: v.decision,
      reason: v.reason,
      decidedAt: v.decidedAt,
    })),
  };
}

export async function portalDrafts(db: Db, principal: PortalPrincipal): Promise<PortalDraft[]> {
  const drafts = await listDrafts(db, principal.workspaceId, { advocateId: principal.advocateId });
  return drafts.map(toPortalDraft);
}

async function requireOwnDraft(db: Db, principal: PortalPrincipal, draftId: string): Promise<Draft> {
  const draft = await findDraft(db, principal.workspaceId, draftId);
  // Another advocate's draft is "not found", never "forbidden": the portal does not confirm it exists.
  if (!draft || draft.advocateId !== principal.advocateId)
    throw new AppError('NOT_FOUND', `no draft ${draftId}`);
  return draft;
}

export async function portalSubmitDraft(
  db: Db,
  principal: PortalPrincipal,
  input: z.output<typeof portalDraftSubmitSchema>,
  now: Date,
): Promise<PortalDraft> {
  await requirePortalCampaign(db, principal, input.campaignId);
  const draft = await submitDraft(db, principal.workspaceId, principal.advocateId, input, null, now);
  await auditAdvocate(
    db,
    principal.workspaceId,
    { kind: 'system', id: null },
    'advocate.portal.draft_submitted',
    principal.advocateId,
    now,
    {
      draft: draft.id,
    },
  );
  return toPortalDraft(draft);
}

export async function portalResubmitDraft(
  db: Db,
  principal: PortalPrincipal,
  draftId: string,
  input: z.output<typeof portalDraftResubmitSchema>,
  now: Date,
): Promise<PortalDraft> {
  await requireOwnDraft(db, principal, draftId);
  const draft = await resubmitDraft(db, principal.workspaceId, draftId, input, null, now);
  await auditAdvocate(
    db,
    principal.workspaceId,
    { kind: 'system', id: null },
    'advocate.portal.draft_resubmitted',
    principal.advocateId,
    now,
    {
      draft: draftId,
      version: draft.currentVersion,
    },
  );
  return toPortalDraft(draft);
}

/** The advocate's correction notices in their language; listing them marks them read. */
export async function portalNotices(db: Db, principal: PortalPrincipal, now: Date): Promise<PortalNotice[]> {
  const advocate = await portalAdvocate(db, principal);
  const rows = await advocateNotices(db, advocate.id);
  await markNoticesRead(db, advocate.id, now);
  const brands = new Map<string, string>();
  const out: PortalNotice[] = [];
  for (const n of rows) {
    if (!brands.has(n.campaign_id)) {
      const campaign = await findCampaign(db, principal.workspaceId, n.campaign_id);
      const brief = campaign ? parseStoredBrief(campaign) : undefined;
      brands.set(n.campaign_id, brief?.brand ?? campaign?.name ?? 'Ombud');
    }
    const correction = n.correction[n.language] ?? n.correction.en ?? Object.values(n.correction)[0] ?? '';
    const rendered = renderCorrectionNotice(n.language, {
      brand: brands.get(n.campaign_id)!,
      advocateName: advocate.displayName,
      posts: Math.max(1, n.posts ?? 0),
      correction,
      claim: n.claim_text ?? undefined,
    });
    out.push({
      id: n.id,
      campaignId: n.campaign_id,
      language: rendered.language,
      subject: rendered.subject,
      body: rendered.body,
      correction,
      posts: n.posts ?? 0,
      status: n.status as PortalNotice['status'],
      sentAt: n.sent_at.toISOString(),
      deliveryStatus: n.delivery_status as PortalNotice['deliveryStatus'],
      readAt: (n.read_at ?? now).toISOString(),
      acknowledgedAt: n.acknowledged_at?.toISOString() ?? null,
      advocateCorrectedAt: n.advocate_corrected_at?.toISOString() ?? null,
    });
  }
  return out;
}

export async function answerPortalNotice(
  db: Db,
  principal: PortalPrincipal,
  noticeId: string,
  answer: 'acknowledged' | 'corrected',
  now: Date,
): Promise<PortalNotice> {
  if (!(await answerNotice(db, principal.advocateId, noticeId, answer, now)))
    throw new AppError('NOT_FOUND', `no notice ${noticeId}`);
  await auditAdvocate(
    db,
    principal.workspaceId,
    { kind: 'system', id: null },
    `advocate.portal.notice_${answer}`,
    principal.advocateId,
    now,
    {
      notice: noticeId,
    },
  );
  const notice = (await portalNotices(db, principal, now)).find((n) => n.id === noticeId);
  if (!notice) throw new AppError('NOT_FOUND', `no notice ${noticeId}`);
  return notice;
}
