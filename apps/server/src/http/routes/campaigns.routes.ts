import { campaignInputSchema, campaignSchema, disclosureDefaultSchema } from '@ombud/contract';
import { DEFAULT_DISCLOSURE_RULES } from '@ombud/core';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import {
  deleteCampaign,
  findCampaign,
  findCampaignByName,
  insertCampaign,
  listCampaigns,
  updateCampaign,
} from '../../repositories/campaign.repository.ts';
import { queueCampaignReanalysis } from '../../services/reanalysis.service.ts';
import { actorOf, appendAudit } from '../../services/audit-log.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const idParams = z.object({ id: z.uuid() });

export function registerCampaignRoutes(app: HttpApp, deps: RouteDependencies) {
  app.get(
    '/api/campaigns',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['campaigns'], response: { 200: z.array(campaignSchema) } },
    },
    async (request) => listCampaigns(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.get(
    '/api/brief/disclosure-defaults',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['campaigns'],
        summary: 'The built-in per-market disclosure rules a brief starts from (docs/brief.md)',
        response: { 200: z.array(disclosureDefaultSchema) },
      },
    },
    () =>
      DEFAULT_DISCLOSURE_RULES.map((rule) => ({
        market: rule.market,
        tags: [...rule.tags],
        placement: rule.placement,
        ...(rule.firstChars !== undefined ? { firstChars: rule.firstChars } : {}),
        ...(rule.note !== undefined ? { note: rule.note } : {}),
      })),
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['campaigns'], params: idParams, response: { 200: campaignSchema } },
    },
    async (request) => {
      const campaign = await findCampaign(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.params.id,
      );
      if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${request.params.id}`);
      return campaign;
    },
  );

  app.post(
    '/api/campaigns',
    {
      config: { access: { roles: ['owner', 'analyst'] } },
      schema: { tags: ['campaigns'], body: campaignInputSchema, response: { 201: campaignSchema } },
    },
    async (request, reply) => {
      const workspaceId = requirePrincipal(request.principal).workspaceId;
      if (await findCampaignByName(deps.db, workspaceId, request.body.name)) {
        throw new AppError('CONFLICT', `a campaign named "${request.body.name}" exists already`);
      }
      const created = await insertCampaign(deps.db, workspaceId, request.body);
      await appendAudit(deps.db, {
        workspaceId,
        actor: actorOf(requirePrincipal(request.principal)),
        action: 'campaign.created',
        target: { kind: 'campaign', id: created.id },
        occurredAt: deps.clock(),
      });
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/api/campaigns/:id',
    {
      config: { access: { roles: ['owner', 'analyst'] } },
      schema: {
        tags: ['campaigns'],
        params: idParams,
        body: campaignInputSchema,
        response: { 200: campaignSchema },
      },
    },
    async (request) => {
      const campaign = await updateCampaign(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.params.id,
        request.body,
      );
      if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${request.params.id}`);
      await appendAudit(deps.db, {
        workspaceId: campaign.workspaceId,
        actor: actorOf(requirePrincipal(request.principal)),
        action: 'campaign.updated',
        target: { kind: 'campaign', id: campaign.id },
        occurredAt: deps.clock(),
      });
      return campaign;
    },
  );

  app.delete(
    '/api/campaigns/:id',
    {
      config: { access: { roles: ['owner'] } },
      schema: {
        tags: ['campaigns'],
        summary:
          'Delete a campaign with its brief, crisis history, inbox items, alerts and reports; its posts stay',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      await deps.db.transaction().execute(async (trx) => {
        const deleted = await deleteCampaign(trx, principal.workspaceId, request.params.id);
        if (!deleted) throw new AppError('NOT_FOUND', `no campaign ${request.params.id}`);
        await appendAudit(trx, {
          workspaceId: principal.workspaceId,
          actor: actorOf(principal),
          action: 'campaign.deleted',
          target: { kind: 'campaign', id: request.params.id },
          details: deleted,
          occurredAt: deps.clock(),
        });
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/campaigns/:id/reanalyze',
    {
      config: { access: { roles: ['owner', 'analyst'] } },
      schema: {
        tags: ['campaigns'],
        summary: "Queue a campaign's posts for analysis again",
        params: idParams,
        response: { 202: z.object({ queued: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const campaign = await findCampaign(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.params.id,
      );
      if (!campaign) throw new AppError('NOT_FOUND', `no campaign ${request.params.id}`);
      return reply.status(202).send({ queued: await queueCampaignReanalysis(deps.db, campaign.id) });
    },
  );
}
