import type { IncomingHttpHeaders } from 'node:http';
import type { Kysely } from 'kysely';
import type { Role } from '@ombud/contract';
import {
  advocatePortalStatusSchema,
  brandFindingsSchema,
  joinedSchema,
  joinInfoSchema,
  joinLinkCreatedSchema,
  joinLinkCreateSchema,
  joinRequestSchema,
  PORTAL_TOKEN_HEADER,
  portalBriefQuerySchema,
  portalBriefSchema,
  portalCheckRequestSchema,
  portalConsentSchema,
  portalDraftResubmitSchema,
  portalDraftSchema,
  portalDraftSubmitSchema,
  portalLinkCreatedSchema,
  portalLinkCreateSchema,
  portalMeSchema,
  portalNoticeSchema,
} from '@ombud/contract';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../services/audit-log.service.ts';
import {
  answerPortalNotice,
  createJoinLink,
  createPortalLink,
  joinCampaign,
  joinInfo,
  portalBrief,
  portalCheck,
  portalDrafts,
  portalMe,
  portalNotices,
  portalPrincipalFromToken,
  portalResubmitDraft,
  portalStatuses,
  portalSubmitDraft,
  revokeCampaignJoinLinks,
  revokePortalLinks,
  setContactConsent,
  type PortalPrincipal,
} from '../../services/advocate-portal.service.ts';
import { requirePortal, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

/** Who runs the advocate programme (as in advocates.routes.ts). */
const WRITE: readonly Role[] = ['owner', 'advocate_manager'];
const READ: readonly Role[] = ['owner', 'advocate_manager', 'analyst'];

const PORTAL = { portal: true } as const;
// Per client address: enough for a person using the portal, far too few to guess a token.
const PORTAL_RATE = { max: 120, timeWindow: '1 minute' };
const JOIN_RATE = { max: 10, timeWindow: '1 minute' };

const idParams = z.object({ id: z.uuid() });
const joinParams = z.object({ token: z.string().min(1).max(200) });
const tags = ['advocate portal'];

/**
 * The advocate a portal request speaks for: the token in the `X-Ombud-Portal` header, live and not
 * revoked. Team sessions and API keys do not count here, and portal tokens count nowhere else.
 */
export async function portalFromRequest(
  db: Kysely<Database>,
  headers: IncomingHttpHeaders,
  now: Date,
): Promise<PortalPrincipal> {
  const raw = headers[PORTAL_TOKEN_HEADER];
  const token = Array.isArray(raw) ? raw[0] : raw;
  const portal = token ? await portalPrincipalFromToken(db, token, now) : undefined;
  if (!portal)
    throw new AppError(
      'UNAUTHENTICATED',
      'open your personal portal link again: it is missing, has expired or was revoked (ask your programme manager for a new one)',
    );
  return portal;
}

/** Routes for the advocate portal (issue #6): the advocate's own, the public join link, and the team's link management. */
export function registerPortalRoutes(app: HttpApp, deps: RouteDependencies): void {
  const workspace = (request: { principal: Parameters<typeof requirePrincipal>[0] }) =>
    requirePrincipal(request.principal).workspaceId;
  const actor = (request: { principal: Parameters<typeof requirePrincipal>[0] }) =>
    actorOf(requirePrincipal(request.principal));
  const portal = (request: { portal: PortalPrincipal | undefined }) => requirePortal(request.portal);

  // ---- team: portal links, join links, status ---------------------------------------------------

  app.post(
    '/api/advocates/:id/portal-links',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: 'Create a personal portal link for an advocate; the token is shown once',
        params: idParams,
        body: portalLinkCreateSchema,
        response: { 201: portalLinkCreatedSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createPortalLink(
            deps.db,
            workspace(request),
            request.params.id,
            request.body.days,
            actor(request),
            deps.clock(),
          ),
        ),
  );

  app.delete(
    '/api/advocates/:id/portal-links',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: 'Revoke every live portal link of an advocate (those in e-mails too)',
        params: idParams,
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) =>
      revokePortalLinks(deps.db, workspace(request), request.params.id, actor(request), deps.clock()),
  );

  app.get(
    '/api/advocate-portal-status',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        summary: 'Per advocate: portal link status and correction notice delivery',
        response: { 200: z.array(advocatePortalStatusSchema) },
      },
    },
    async (request) => portalStatuses(deps.db, workspace(request), deps.clock()),
  );

  app.post(
    '/api/campaigns/:id/join-links',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: 'Publish a join link: people who open it may join as self-joined (untrusted) advocates',
        params: idParams,
        body: joinLinkCreateSchema,
        response: { 201: joinLinkCreatedSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createJoinLink(
            deps.db,
            workspace(request),
            request.params.id,
            request.body.days,
            actor(request),
            deps.clock(),
          ),
        ),
  );

  app.delete(
    '/api/campaigns/:id/join-links',
    {
      config: { access: { roles: WRITE } },
      schema: {
        tags,
        summary: "Withdraw the campaign's join links",
        params: idParams,
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) =>
      revokeCampaignJoinLinks(deps.db, workspace(request), request.params.id, actor(request), deps.clock()),
  );

  // ---- public: self-join (the join token is the credential) -------------------------------------

  app.get(
    '/api/portal/join/:token',
    {
      config: { access: { public: true }, rateLimit: JOIN_RATE },
      schema: { tags, params: joinParams, response: { 200: joinInfoSchema } },
    },
    async (request) => joinInfo(deps.db, request.params.token, deps.clock()),
  );

  app.post(
    '/api/portal/join/:token',
    {
      config: { access: { public: true }, rateLimit: JOIN_RATE },
      schema: {
        tags,
        summary:
          'Join a campaign as a self-joined advocate with consent; returns the personal portal link token',
        params: joinParams,
        body: joinRequestSchema,
        response: { 201: joinedSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await joinCampaign(deps.db, request.params.token, request.body, deps.clock())),
  );

  // ---- portal: one advocate, by the token in X-Ombud-Portal ------------------------------------

  const portalConfig = { access: PORTAL, rateLimit: PORTAL_RATE };

  app.get(
    '/api/portal/me',
    { config: portalConfig, schema: { tags, response: { 200: portalMeSchema } } },
    async (request) => portalMe(deps.db, portal(request), deps.clock()),
  );

  app.post(
    '/api/portal/consent',
    {
      config: portalConfig,
      schema: {
        tags,
        summary: 'Give or withdraw consent to be contacted by e-mail (recorded in the consent ledger)',
        body: portalConsentSchema,
        response: { 200: portalMeSchema },
      },
    },
    async (request) => setContactConsent(deps.db, portal(request), request.body.contact, deps.clock()),
  );

  app.get(
    '/api/portal/campaigns/:id/brief',
    {
      config: portalConfig,
      schema: {
        tags,
        summary: "The campaign brief in the advocate's language, with their market's disclosure rule",
        params: idParams,
        querystring: portalBriefQuerySchema,
        response: { 200: portalBriefSchema },
      },
    },
    async (request) => portalBrief(deps.db, portal(request), request.params.id, request.query),
  );

  app.post(
    '/api/portal/check',
    {
      config: portalConfig,
      schema: {
        tags,
        summary: 'Check a draft before submitting it: claims, disclosure, on-message (stores nothing)',
        body: portalCheckRequestSchema,
        response: { 200: brandFindingsSchema },
      },
    },
    async (request) => portalCheck(deps.db, portal(request), request.body),
  );

  app.get(
    '/api/portal/drafts',
    { config: portalConfig, schema: { tags, response: { 200: z.array(portalDraftSchema) } } },
    async (request) => portalDrafts(deps.db, portal(request)),
  );

  app.post(
    '/api/portal/drafts',
    {
      config: portalConfig,
      schema: { tags, body: portalDraftSubmitSchema, response: { 201: portalDraftSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await portalSubmitDraft(deps.db, portal(request), request.body, deps.clock())),
  );

  app.post(
    '/api/portal/drafts/:id/versions',
    {
      config: portalConfig,
      schema: {
        tags,
        summary: 'Resubmit a draft (after a rejection): a new version goes back to review',
        params: idParams,
        body: portalDraftResubmitSchema,
        response: { 201: portalDraftSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await portalResubmitDraft(deps.db, portal(request), request.params.id, request.body, deps.clock()),
        ),
  );

  app.get(
    '/api/portal/notices',
    {
      config: portalConfig,
      schema: {
        tags,
        summary: "The advocate's correction notices in their language (reading marks them read)",
        response: { 200: z.array(portalNoticeSchema) },
      },
    },
    async (request) => portalNotices(deps.db, portal(request), deps.clock()),
  );

  app.post(
    '/api/portal/notices/:id/acknowledge',
    { config: portalConfig, schema: { tags, params: idParams, response: { 200: portalNoticeSchema } } },
    async (request) =>
      answerPortalNotice(deps.db, portal(request), request.params.id, 'acknowledged', deps.clock()),
  );

  app.post(
    '/api/portal/notices/:id/corrected',
    {
      config: portalConfig,
      schema: {
        tags,
        summary: '"I corrected my post": recorded beside what publication matching confirms',
        params: idParams,
        response: { 200: portalNoticeSchema },
      },
    },
    async (request) =>
      answerPortalNotice(deps.db, portal(request), request.params.id, 'corrected', deps.clock()),
  );
}
