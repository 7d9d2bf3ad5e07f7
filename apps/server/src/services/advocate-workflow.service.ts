import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  Advocate,
  AdvocateFields,
  Draft,
  advocatePatchSchema,
  draftApproveSchema,
  draftResubmitSchema,
  draftSubmitSchema,
} from '@ombud/contract';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import {
  deleteAdvocate,
  findAdvocate,
  findInvitationByHash,
  insertAdvocate,
  insertInvitation,
  listAdvocates,
  markInvitationAccepted,
  replaceHandles,
  takenHandles,
  updateAdvocate,
  type AdvocateColumns,
} from '../repositories/advocate.repository.ts';
import {
  addDraftVersion,
  decideDraft,
  findDraft,
  insertDraft,
} from '../repositories/advocate-draft.repository.ts';
import { appendAudit, type AuditActor } from './audit-log.service.ts';
import { sha256 } from './auth.service.ts';
import { brandFindings, draftLanguage, findingErrors, loadCampaignBrief } from './brand-check.service.ts';
import { assertPublishingAllowed } from './advocate-publishing.ts';
import { issuePortalToken } from './advocate-portal-token.ts';
import { recordConsent } from './consent.service.ts';

export const INVITATION_DAYS = 14;

type Handle = { platform: string; handle: string };

async function assertHandlesFree(
  db: Kysely<Database>,
  workspaceId: string,
  handles: readonly Handle[],
  advocateId?: string,
) {
  const taken = await takenHandles(db, workspaceId, handles, advocateId);
  if (taken.length > 0)
    throw new AppError(
      'CONFLICT',
      `handles already belong to another advocate: ${taken.map((h) => `${h.platform}:@${h.handle}`).join(', ')}`,
    );
}

// Advocates are people: every read and change of the roster is written to the audit log, with ids
// and field names only (never a name, an e-mail or a handle), in the transaction that makes it.
const audit = (
  db: Kysely<Database> | Parameters<typeof appendAudit>[0],
  workspaceId: string,
  actor: AuditActor,
  action: string,
  advocateId: string | null,
  now: Date,
  details?: Record<string, string | number | boolean | null | string[]>,
) =>
  appendAudit(db, {
    workspaceId,
    actor,
    action,
    ...(advocateId !== null ? { target: { kind: 'advocate', id: advocateId } } : {}),
    ...(details !== undefined ? { details } : {}),
    occurredAt: now,
  });

export async function createAdvocate(
  db: Kysely<Database>,
  workspaceId: string,
  fields: AdvocateFields,
  actor: AuditActor,
  now: Date,
): Promise<Advocate> {
  await assertHandlesFree(db, workspaceId, fields.handles);
  const id = await db.transaction().execute(async (trx) => {
    const advocateId = await insertAdvocate(trx, workspaceId, fields, now);
    await audit(trx, workspaceId, actor, 'advocate.created', advocateId, now, {
      handles: fields.handles.length,
      consent: fields.consent.given,
    });
    return advocateId;
  });
  return (await findAdvocate(db, workspaceId, id))!;
}

export async function requireAdvocate(db: Kysely<Database>, workspaceId: string, id: string) {
  const advocate = await findAdvocate(db, workspaceId, id);
  if (!advocate) throw new AppError('NOT_FOUND', `no advocate ${id}`);
  return advocate;
}

/** One advocate's record, read by a person (audited). */
export async function readAdvocate(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  actor: AuditActor,
  now: Date,
): Promise<Advocate> {
  const advocate = await requireAdvocate(db, workspaceId, id);
  await audit(db, workspaceId, actor, 'advocate.read', id, now);
  return advocate;
}

/** The roster, read by a person (audited). */
export async function readRoster(
  db: Kysely<Database>,
  workspaceId: string,
  actor: AuditActor,
  now: Date,
): Promise<Advocate[]> {
  const advocates = await listAdvocates(db, workspaceId);
  await audit(db, workspaceId, actor, 'advocate.roster.read', null, now, { advocates: advocates.length });
  return advocates;
}

/** Erases an advocate; handles, invitations, drafts, matched posts and notices go with them. */
export async function eraseAdvocate(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await deleteAdvocate(trx, workspaceId, id))) throw new AppError('NOT_FOUND', `no advocate ${id}`);
    await audit(trx, workspaceId, actor, 'advocate.erased', id, now);
  });
}

export async function patchAdvocate(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  patch: z.output<typeof advocatePatchSchema>,
  actor: AuditActor,
  now: Date,
): Promise<Advocate> {
  const advocate = await requireAdvocate(db, workspaceId, id);
  if (patch.handles !== undefined) await assertHandlesFree(db, workspaceId, patch.handles, id);
  const languages = patch.languages ?? advocate.languages;
  const columns: AdvocateColumns = {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.email !== undefined ? { email: patch.email } : {}),
    ...(patch.languages !== undefined ? { languages } : {}),
    ...(patch.language !== undefined
      ? { language: patch.language }
      : patch.languages !== undefined && !languages.includes(advocate.language)
        ? { language: languages[0]! }
        : {}),
    ...(patch.markets !== undefined ? { markets: patch.markets } : {}),
    ...(patch.trustLevel !== undefined ? { trust_level: patch.trustLevel } : {}),
    ...(patch.trainingStatus !== undefined ? { training_status: patch.trainingStatus } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.consent !== undefined
      ? {
          consent: patch.consent.given,
          consent_reference: patch.consent.reference,
          consent_at: patch.consent.given
            ? advocate.consent.given && advocate.consent.at !== null
              ? new Date(advocate.consent.at)
              : now
            : null,
        }
      : {}),
  };
  await db.transaction().execute(async (trx) => {
    await updateAdvocate(trx, workspaceId, id, columns, now);
    if (patch.handles !== undefined) await replaceHandles(trx, workspaceId, id, patch.handles);
    await audit(trx, workspaceId, actor, 'advocate.updated', id, now, { fields: Object.keys(patch).sort() });
  });
  return (await findAdvocate(db, workspaceId, id))!;
}

/** Creates an invitation; the token is returned once and only its hash is kept. */
export async function inviteAdvocate(
  db: Kysely<Database>,
  workspaceId: string,
  advocateId: string,
  actor: AuditActor,
  now: Date,
): Promise<{ id: string; advocateId: string; token: string; expiresAt: string }> {
  const createdBy = actor.kind === 'user' ? actor.id : null;
  const advocate = await requireAdvocate(db, workspaceId, advocateId);
  if (advocate.status === 'removed')
    throw new AppError(
      'CONFLICT',
      `advocate ${advocateId} was removed from the programme; restore them first`,
    );
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  const id = await db.transaction().execute(async (trx) => {
    const invitationId = await insertInvitation(trx, {
      workspaceId,
      advocateId,
      tokenHash: sha256(token),
      expiresAt,
      createdBy,
    });
    await updateAdvocate(
      trx,
      workspaceId,
      advocateId,
      { trust_level: 'invited', ...(advocate.consent.given ? {} : { status: 'invited' }) },
      now,
    );
    await audit(trx, workspaceId, actor, 'advocate.invited', advocateId, now, { invitation: invitationId });
    return invitationId;
  });
  return { id, advocateId, token, expiresAt: expiresAt.toISOString() };
}

/** The advocate accepts with consent; their handles are added. Public: the token is the credential. */
export async function acceptInvitation(
  db: Kysely<Database>,
  input: { token: string; handles: readonly Handle[] },
  now: Date,
): Promise<{ advocateId: string; status: 'active'; portalToken: string; portalExpiresAt: string }> {
  const invitation = await findInvitationByHash(db, sha256(input.token));
  if (!invitation) throw new AppError('NOT_FOUND', 'no invitation with this token');
  if (invitation.accepted_at !== null)
    throw new AppError('CONFLICT', `this invitation was accepted on ${invitation.accepted_at.toISOString()}`);
  if (invitation.expires_at.getTime() <= now.getTime())
    throw new AppError(
      'CONFLICT',
      `this invitation expired on ${invitation.expires_at.toISOString()}; ask for a new one`,
    );
  const workspaceId = invitation.workspace_id;
  const advocate = await requireAdvocate(db, workspaceId, invitation.advocate_id);
  const handles = [...advocate.handles, ...input.handles];
  await assertHandlesFree(db, workspaceId, input.handles, advocate.id);
  const portal = await db.transaction().execute(async (trx) => {
    if (!(await markInvitationAccepted(trx, invitation.id, now)))
      throw new AppError('CONFLICT', 'this invitation was accepted already');
    await updateAdvocate(
      trx,
      workspaceId,
      advocate.id,
      {
        status: 'active',
        trust_level: 'invited',
        consent: true,
        consent_reference: `invitation ${invitation.id} accepted ${now.toISOString()}`,
        consent_at: now,
      },
      now,
    );
    await replaceHandles(trx, workspaceId, advocate.id, handles);
    await audit(
      trx,
      workspaceId,
      { kind: 'system', id: null },
      'advocate.invitation.accepted',
      advocate.id,
      now,
      {
        invitation: invitation.id,
        handlesAdded: input.handles.length,
      },
    );
    // The invitation leads on to the advocate's personal portal link.
    return issuePortalToken(trx, { workspaceId, advocateId: advocate.id, source: 'invitation', now });
  });
  // The consent ledger is keyed by handle: the agreement is recorded there for each of them too.
  for (const handle of handles)
    await recordConsent(db, {
      workspaceId,
      subject: handle,
      purpose: 'advocate_programme',
      lawfulBasis: 'consent',
      source: `advocate invitation ${invitation.id}`,
      evidence: 'accepted the invitation with consent to the programme terms',
      actor: { kind: 'system', id: null },
      now,
    });
  return {
    advocateId: advocate.id,
    status: 'active',
    portalToken: portal.token,
    portalExpiresAt: portal.expiresAt.toISOString(),
  };
}

function assertMaySubmit(advocate: Advocate) {
  if (advocate.status !== 'active')
    throw new AppError(
      'CONFLICT',
      `advocate ${advocate.id} is ${advocate.status}; only active advocates submit drafts`,
    );
  if (!advocate.consent.given)
    throw new AppError(
      'CONSENT_REQUIRED',
      `advocate ${advocate.id} has not given consent; record it (PATCH consent) or send an invitation`,
    );
}

export async function submitDraft(
  db: Kysely<Database>,
  workspaceId: string,
  advocateId: string,
  input: z.output<typeof draftSubmitSchema>,
  submittedBy: string | null,
  now: Date,
): Promise<Draft> {
  const advocate = await requireAdvocate(db, workspaceId, advocateId);
  assertMaySubmit(advocate);
  const { brief, compiled } = await loadCampaignBrief(db, workspaceId, input.campaignId);
  const language = draftLanguage(brief, input.text, input.language);
  const market = input.market ?? advocate.markets[0] ?? null;
  const findings = brandFindings(compiled, { text: input.text, language, market, advocate: true });
  const id = await db.transaction().execute((trx) =>
    insertDraft(
      trx,
      { workspaceId, advocateId, campaignId: input.campaignId, platform: input.platform ?? null },
      {
        text: input.text,
        language,
        market,
        findings,
        errors: findingErrors(findings),
        submittedBy,
        submittedAt: now,
      },
    ),
  );
  return (await findDraft(db, workspaceId, id))!;
}

export async function requireDraft(db: Kysely<Database>, workspaceId: string, id: string) {
  const draft = await findDraft(db, workspaceId, id);
  if (!draft) throw new AppError('NOT_FOUND', `no draft ${id}`);
  return draft;
}

/** A new version after a rejection (or an edit in review or after approval): back to review, checked again. */
export async function resubmitDraft(
  db: Kysely<Database>,
  workspaceId: string,
  draftId: string,
  input: z.output<typeof draftResubmitSchema>,
  submittedBy: string | null,
  now: Date,
): Promise<Draft> {
  const draft = await requireDraft(db, workspaceId, draftId);
  const advocate = await requireAdvocate(db, workspaceId, draft.advocateId);
  assertMaySubmit(advocate);
  const { brief, compiled } = await loadCampaignBrief(db, workspaceId, draft.campaignId);
  const previous = draft.versions.at(-1)!;
  const language = draftLanguage(brief, input.text, input.language ?? previous.language);
  const market = input.market ?? previous.market;
  const findings = brandFindings(compiled, { text: input.text, language, market, advocate: true });
  await db.transaction().execute((trx) =>
    addDraftVersion(trx, draftId, draft.currentVersion + 1, {
      text: input.text,
      language,
      market,
      findings,
      errors: findingErrors(findings),
      submittedBy,
      submittedAt: now,
    }),
  );
  return (await findDraft(db, workspaceId, draftId))!;
}

function assertInReview(draft: Draft, action: string) {
  if (draft.status !== 'in_review')
    throw new AppError(
      'CONFLICT',
      `draft ${draft.id} is ${draft.status}, not in review; it cannot be ${action} (resubmit a new version first)`,
    );
}

export async function approveDraft(
  db: Kysely<Database>,
  workspaceId: string,
  draftId: string,
  input: z.output<typeof draftApproveSchema>,
  decidedBy: string | null,
  now: Date,
): Promise<Draft> {
  const draft = await requireDraft(db, workspaceId, draftId);
  assertInReview(draft, 'approved');
  const advocate = await requireAdvocate(db, workspaceId, draft.advocateId);
  assertMaySubmit(advocate);
  if (advocate.trustLevel === 'self_joined' && advocate.trainingStatus !== 'completed')
    throw new AppError(
      'CONFLICT',
      `advocate ${advocate.id} joined on their own and has not completed training (${advocate.trainingStatus}); their drafts can be approved once it is completed`,
    );
  const current = draft.versions.find((v) => v.version === draft.currentVersion)!;
  if (current.errors > 0 && input.overrideFindings === undefined) {
    const errors = current.findings.issues.filter((i) => i.severity === 'error');
    throw new AppError(
      'CONFLICT',
      `version ${current.version} has ${errors.length} brand-check error(s): ${errors.map((e) => e.message).join('; ')}. Reject it with a reason, or approve with overrideFindings explaining why`,
      { issues: errors },
    );
  }
  const publishAt = input.publishAt !== undefined ? new Date(input.publishAt) : null;
  await assertPublishingAllowed(db, draft.campaignId, publishAt ?? now);
  const reason =
    input.overrideFindings !== undefined
      ? `approved despite ${current.errors} brand-check error(s): ${input.overrideFindings}`
      : (input.note ?? null);
  const decided = await db.transaction().execute((trx) =>
    decideDraft(trx, draftId, current.version, {
      decision: 'approved',
      reason,
      decidedBy,
      at: now,
      publishAt,
    }),
  );
  if (!decided)
    throw new AppError('CONFLICT', `draft ${draftId} changed while it was being approved; reload it`);
  return (await findDraft(db, workspaceId, draftId))!;
}

export async function rejectDraft(
  db: Kysely<Database>,
  workspaceId: string,
  draftId: string,
  reason: string,
  decidedBy: string | null,
  now: Date,
): Promise<Draft> {
  const draft = await requireDraft(db, workspaceId, draftId);
  assertInReview(draft, 'rejected');
  const decided = await db.transaction().execute((trx) =>
    decideDraft(trx, draftId, draft.currentVersion, {
      decision: 'rejected',
      reason,
      decidedBy,
      at: now,
      publishAt: null,
    }),
  );
  if (!decided)
    throw new AppError('CONFLICT', `draft ${draftId} changed while it was being rejected; reload it`);
  return (await findDraft(db, workspaceId, draftId))!;
}
