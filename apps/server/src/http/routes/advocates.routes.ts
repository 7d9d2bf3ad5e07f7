import type { Role } from '@ombud/contract';
import {
  advocateComplianceSchema,
  advocateInputSchema,
  advocateInvitationSchema,
  advocatePatchSchema,
  advocatePostSchema,
  advocateSchema,
  brandCheckRequestSchema,
  brandFindingsSchema,
  briefSchema,
  campaignBriefSchema,
  correctionInputSchema,
  correctionSchema,
  draftApproveSchema,
  draftListQuerySchema,
  draftRejectSchema,
  draftResubmitSchema,
  draftSchema,
  draftSubmitSchema,
  invitationAcceptedSchema,
  invitationAcceptSchema,
  noticeResolveSchema,
} from '@ombud/contract';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { listDrafts } from '../../repositories/advocate-draft.repository.ts';
import { advocateCompliance, listAdvocatePosts } from '../../repositories/advocate-post.repository.ts';
import { findCampaign } from '../../repositories/campaign.repository.ts';
import {
  acceptInvitation,
  approveDraft,
  createAdvocate,
  eraseAdvocate,
  inviteAdvocate,
  patchAdvocate,
  readAdvocate,
  readRoster,
  rejectDraft,
  requireAdvocate,
  requireDraft,
  resubmitDraft,
  submitDraft,
} from '../../services/advocate-workflow.service.ts';
import {
  campaignBriefRecord,
  checkDraftForCampaign,
  parseStoredBrief,
  putCampaignBrief,
} from '../../services/brand-check.service.ts';
import {
  createCorrection,
  getCorrection,
  listCorrections,
  resolveNotice,
} from '../../services/brand-correction.service.ts';
import { actorOf } from '../../services/audit-log.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

/** Who runs the advocate programme: invites, reviews, approves, corrects. */
const WRITE: readonly Role[] = ['owner', 'advocate_manager'];
/** Who may read the roster, drafts, compliance and corrections (personal data of advocates). */
const READ: readonly Role[] = ['owner', 'advocate_manager', 'analyst'];

const idParams = z.object({ id: z.uuid() });
const tags = ['advocates'];

/** Routes for issue #6 (advocates and brand consistency). */
export function registerAdvocatesRoutes(app: HttpApp, deps: RouteDependencies): void {
  const workspace = (request: { principal: Parameters<typeof requirePrincipal>[0] }) =>
    requirePrincipal(request.principal).workspaceId;
  const actor = (request: { principal: Parameters<typeof requirePrincipal>[0] }) =>
    actorOf(requirePrincipal(request.principal));
  const userId = (request: { principal: Parameters<typeof requirePrincipal>[0] }) => {
    const principal = requirePrincipal(request.principal);
    return principal.kind === 'user' ? principal.id : null;
  };

  // ---- brief and brand check --------------------------------------------------------------------

  app.get(
    '/api/campaigns/:id/brief',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['campaigns'],
        summary: "The campaign's brief (docs/brief.md)",
        params: idParams,
        response: { 200: campaignBriefSchema },
      },
    },
    async (request) => {
      const campaign = await findCampaign(deps.db, workspace(request), request.params.id);
      if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${request.params.id}`);
      const brief = parseStoredBrief(campaign);
      if (brief === undefined)
        throw new AppError('NOT_FOUND', `campaign "${campaign.name}" has no brief yet`);
      return campaignBriefRecord(campaign.id, brief, campaign);
    },
  );

  app.put(
    '/api/campaigns/:id/brief',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags: ['campaigns'],
        summary:
          "Replace the campaign's brief; its messages, facts, banned claims and disclosures are copied onto the campaign",
        params: idParams,
        body: briefSchema,
        response: { 200: campaignBriefSchema },
      },
    },
    async (request) => putCampaignBrief(deps.db, workspace(request), request.params.id, request.body),
  );

  app.post(
    '/api/brand-check',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary:
          'Check a draft against the campaign brief: claims, disclosure, on-message score (stores nothing)',
        body: brandCheckRequestSchema,
        response: { 200: brandFindingsSchema },
      },
    },
    async (request) => checkDraftForCampaign(deps.db, workspace(request), request.body),
  );

  // ---- roster and invitations -------------------------------------------------------------------

  app.get(
    '/api/advocates',
    {
      config: { access: { roles: READ } },
      schema: { tags, response: { 200: z.array(advocateSchema) } },
    },
    async (request) => readRoster(deps.db, workspace(request), actor(request), deps.clock()),
  );

  app.post(
    '/api/advocates',
    {
      config: { access: { roles: WRITE } },
      schema: { tags, body: advocateInputSchema, response: { 201: advocateSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createAdvocate(deps.db, workspace(request), request.body, actor(request), deps.clock())),
  );

  app.get(
    '/api/advocates/:id',
    {
      config: { access: { roles: READ } },
      schema: { tags, params: idParams, response: { 200: advocateSchema } },
    },
    async (request) =>
      readAdvocate(deps.db, workspace(request), request.params.id, actor(request), deps.clock()),
  );

  app.patch(
    '/api/advocates/:id',
    {
      config: { access: { roles: WRITE } },
      schema: { tags, params: idParams, body: advocatePatchSchema, response: { 200: advocateSchema } },
    },
    async (request) =>
      patchAdvocate(
        deps.db,
        workspace(request),
        request.params.id,
        request.body,
        actor(request),
        deps.clock(),
      ),
  );

  app.delete(
    '/api/advocates/:id',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: 'Erase an advocate: handles, invitations, drafts, matched posts and notices go with them',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await eraseAdvocate(deps.db, workspace(request), request.params.id, actor(request), deps.clock());
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/advocates/:id/invitations',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: 'Invite an advocate; the token is shown once',
        params: idParams,
        response: { 201: advocateInvitationSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await inviteAdvocate(deps.db, workspace(request), request.params.id, actor(request), deps.clock()),
        ),
  );

  app.post(
    '/api/advocate-invitations/accept',
    {
      config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'The invited advocate accepts with consent (the token is the credential)',
        body: invitationAcceptSchema,
        response: { 200: invitationAcceptedSchema },
      },
    },
    async (request) => acceptInvitation(deps.db, request.body, deps.clock()),
  );

  app.get(
    '/api/advocates/:id/posts',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        summary: "The advocate's published posts matched to their approved drafts",
        params: idParams,
        response: { 200: z.array(advocatePostSchema) },
      },
    },
    async (request) => {
      await requireAdvocate(deps.db, workspace(request), request.params.id);
      return listAdvocatePosts(deps.db, workspace(request), request.params.id);
    },
  );

  app.get(
    '/api/advocates/:id/compliance',
    {
      config: { access: { roles: READ } },
      schema: { tags, params: idParams, response: { 200: advocateComplianceSchema } },
    },
    async (request) => {
      await requireAdvocate(deps.db, workspace(request), request.params.id);
      return advocateCompliance(deps.db, workspace(request), request.params.id);
    },
  );

  // ---- drafts -----------------------------------------------------------------------------------

  app.post(
    '/api/advocates/:id/drafts',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: "Submit an advocate's draft for review; the brand check is stored with it",
        params: idParams,
        body: draftSubmitSchema,
        response: { 201: draftSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await submitDraft(
            deps.db,
            workspace(request),
            request.params.id,
            request.body,
            userId(request),
            deps.clock(),
          ),
        ),
  );

  app.get(
    '/api/advocate-drafts',
    {
      config: { access: { roles: READ } },
      schema: { tags, querystring: draftListQuerySchema, response: { 200: z.array(draftSchema) } },
    },
    async (request) => listDrafts(deps.db, workspace(request), request.query),
  );

  app.get(
    '/api/advocate-drafts/:id',
    {
      config: { access: { roles: READ } },
      schema: { tags, params: idParams, response: { 200: draftSchema } },
    },
    async (request) => requireDraft(deps.db, workspace(request), request.params.id),
  );

  app.post(
    '/api/advocate-drafts/:id/versions',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: 'Resubmit: a new version goes back to review with its own brand check',
        params: idParams,
        body: draftResubmitSchema,
        response: { 201: draftSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await resubmitDraft(
            deps.db,
            workspace(request),
            request.params.id,
            request.body,
            userId(request),
            deps.clock(),
          ),
        ),
  );

  app.post(
    '/api/advocate-drafts/:id/approve',
    {
      config: { access: { roles: WRITE } },
      schema: { tags, params: idParams, body: draftApproveSchema, response: { 200: draftSchema } },
    },
    async (request) =>
      approveDraft(
        deps.db,
        workspace(request),
        request.params.id,
        request.body,
        userId(request),
        deps.clock(),
      ),
  );

  app.post(
    '/api/advocate-drafts/:id/reject',
    {
      config: { access: { roles: WRITE } },
      schema: { tags, params: idParams, body: draftRejectSchema, response: { 200: draftSchema } },
    },
    async (request) =>
      rejectDraft(
        deps.db,
        workspace(request),
        request.params.id,
        request.body.reason,
        userId(request),
        deps.clock(),
      ),
  );

  // ---- corrections ------------------------------------------------------------------------------

  app.post(
    '/api/corrections',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: 'A claim was found wrong: find every post repeating it and notify the advocates',
        body: correctionInputSchema,
        response: { 201: correctionSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createCorrection(deps.db, workspace(request), request.body, userId(request), deps.clock()),
        ),
  );

  app.get(
    '/api/corrections',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        querystring: z.object({ campaignId: z.uuid().optional() }),
        response: { 200: z.array(correctionSchema) },
      },
    },
    async (request) => listCorrections(deps.db, workspace(request), request.query.campaignId),
  );

  app.get(
    '/api/corrections/:id',
    {
      config: { access: { roles: READ } },
      schema: { tags, params: idParams, response: { 200: correctionSchema } },
    },
    async (request) => getCorrection(deps.db, workspace(request), request.params.id),
  );

  app.post(
    '/api/corrections/:id/notices/:noticeId',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: "Set a notice's status by hand (e.g. the advocate deleted the post)",
        params: z.object({ id: z.uuid(), noticeId: z.uuid() }),
        body: noticeResolveSchema,
        response: { 200: correctionSchema },
      },
    },
    async (request) =>
      resolveNotice(
        deps.db,
        workspace(request),
        request.params.id,
        request.params.noticeId,
        request.body.status,
        userId(request),
        deps.clock(),
      ),
  );
}
