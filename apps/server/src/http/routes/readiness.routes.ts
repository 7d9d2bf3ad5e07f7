import {
  readinessAssessmentSchema,
  readinessDecisionInputSchema,
  readinessDecisionSchema,
  readinessLocaleSchema,
  readinessPlanInputSchema,
} from '@ombud/contract';
import { QUESTION_IDS, type ReadinessLocale } from '@ombud/core';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { findCampaign } from '../../repositories/campaign.repository.ts';
import {
  findReadinessPlan,
  listReadinessDecisions,
  saveReadinessPlan,
} from '../../repositories/readiness.repository.ts';
import { actorOf, appendAudit } from '../../services/audit-log.service.ts';
import type { Principal } from '../../services/auth.service.ts';
import { renderReadinessReportHtml } from '../../services/readiness-report.html.ts';
import { printHtmlToPdf } from '../../services/readiness-report.pdf.ts';
import { assessCampaignReadiness, signReadinessDecision } from '../../services/readiness.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const params = z.object({ campaignId: z.uuid() });
const langQuery = z.object({ lang: readinessLocaleSchema.optional() });
const planResponse = z.object({
  campaignId: z.string(),
  saved: z.boolean(),
  plan: z.record(z.string(), z.unknown()),
});
const PREPARERS = ['owner', 'analyst'] as const;

function localeFor(principal: Principal, requested: ReadinessLocale | undefined): ReadinessLocale {
  if (requested) return requested;
  const parsed = readinessLocaleSchema.safeParse(principal.locale);
  return parsed.success ? parsed.data : 'en';
}

/** Gate keys and notes must name real questions: a typo would otherwise silently gate nothing. */
function unknownQuestionKeys(plan: { critical: Record<string, boolean>; notes: Record<string, string> }) {
  const known = new Set<string>(QUESTION_IDS);
  return [
    ...Object.keys(plan.critical)
      .filter((key) => !known.has(key))
      .map((key) => `critical.${key}`),
    ...Object.keys(plan.notes)
      .filter((key) => !known.has(key))
      .map((key) => `notes.${key}`),
  ];
}

/** Routes for issue #10 (readiness): assessment, plan, go/no-go decisions, HTML and PDF report. */
export function registerReadinessRoutes(app: HttpApp, deps: RouteDependencies): void {
  app.get(
    '/api/readiness/:campaignId',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['readiness'],
        summary: 'Readiness assessment: eight risks with evidence, forecast, capacity, crisis scenario, gate',
        params,
        querystring: langQuery,
        response: { 200: readinessAssessmentSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const result = await assessCampaignReadiness(
        deps.db,
        principal.workspaceId,
        request.params.campaignId,
        {
          now: deps.clock(),
          locale: localeFor(principal, request.query.lang),
        },
      );
      return result.response;
    },
  );

  app.get(
    '/api/readiness/:campaignId/plan',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['readiness'], params, response: { 200: planResponse } },
    },
    async (request) => {
      const workspaceId = requirePrincipal(request.principal).workspaceId;
      if (!(await findCampaign(deps.db, workspaceId, request.params.campaignId))) {
        throw new AppError('NOT_FOUND', `no campaign ${request.params.campaignId} in this workspace`);
      }
      const { plan, saved } = await findReadinessPlan(deps.db, workspaceId, request.params.campaignId);
      return { campaignId: request.params.campaignId, saved, plan };
    },
  );

  app.put(
    '/api/readiness/:campaignId/plan',
    {
      config: { access: { roles: PREPARERS } },
      schema: {
        tags: ['readiness'],
        summary: 'Save the readiness plan (forecast figures, service target, crisis scenario, gate settings)',
        params,
        body: readinessPlanInputSchema,
        response: { 200: planResponse },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const unknown = unknownQuestionKeys(request.body);
      if (unknown.length > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `body.${unknown.join(', body.')}: not a readiness question (known: ${QUESTION_IDS.join(', ')})`,
        );
      }
      if (!(await findCampaign(deps.db, principal.workspaceId, request.params.campaignId))) {
        throw new AppError('NOT_FOUND', `no campaign ${request.params.campaignId} in this workspace`);
      }
      const owner = request.body.crisisOwnerId;
      if (owner !== null) {
        const user = await deps.db
          .selectFrom('app_user')
          .select('id')
          .where('workspace_id', '=', principal.workspaceId)
          .where('id', '=', owner)
          .executeTakeFirst();
        if (!user)
          throw new AppError('VALIDATION_FAILED', `body.crisisOwnerId: no user ${owner} in this workspace`);
      }
      await saveReadinessPlan(
        deps.db,
        principal.workspaceId,
        request.params.campaignId,
        request.body,
        principal.kind === 'user' ? principal.id : null,
        deps.clock(),
      );
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'readiness.plan.saved',
        target: { kind: 'campaign', id: request.params.campaignId },
        occurredAt: deps.clock(),
      });
      return { campaignId: request.params.campaignId, saved: true, plan: request.body };
    },
  );

  app.get(
    '/api/readiness/:campaignId/decisions',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['readiness'], params, response: { 200: z.array(readinessDecisionSchema) } },
    },
    async (request) => {
      const workspaceId = requirePrincipal(request.principal).workspaceId;
      if (!(await findCampaign(deps.db, workspaceId, request.params.campaignId))) {
        throw new AppError('NOT_FOUND', `no campaign ${request.params.campaignId} in this workspace`);
      }
      return listReadinessDecisions(deps.db, workspaceId, request.params.campaignId);
    },
  );

  app.post(
    '/api/readiness/:campaignId/decisions',
    {
      config: { access: { roles: ['owner'] } },
      schema: {
        tags: ['readiness'],
        summary: 'Sign the go/no-go decision (owners only); "go" is refused while the gate is blocked',
        params,
        body: readinessDecisionInputSchema,
        response: { 201: readinessDecisionSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const decision = await signReadinessDecision(
        deps.db,
        principal.workspaceId,
        request.params.campaignId,
        request.body,
        {
          id: principal.kind === 'user' ? principal.id : null,
          name: principal.displayName ?? principal.email ?? principal.id,
        },
        { now: deps.clock(), locale: localeFor(principal, undefined) },
      );
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: `readiness.decision.${decision.decision}`,
        target: { kind: 'campaign', id: request.params.campaignId },
        details: { decisionId: decision.id, gateBlocked: decision.gateBlocked },
        occurredAt: deps.clock(),
      });
      return reply.status(201).send(decision);
    },
  );

  app.get(
    '/api/readiness/:campaignId/report.html',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['readiness'],
        summary: 'Readiness report, self-contained HTML',
        params,
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const result = await assessCampaignReadiness(
        deps.db,
        principal.workspaceId,
        request.params.campaignId,
        {
          now: deps.clock(),
          locale: localeFor(principal, request.query.lang),
        },
      );
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .send(renderReadinessReportHtml(result.response));
    },
  );

  app.get(
    '/api/readiness/:campaignId/report.pdf',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['readiness'],
        summary: 'Readiness report as PDF (printed by Chromium)',
        params,
        querystring: langQuery,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const locale = localeFor(principal, request.query.lang);
      const result = await assessCampaignReadiness(
        deps.db,
        principal.workspaceId,
        request.params.campaignId,
        {
          now: deps.clock(),
          locale,
        },
      );
      const pdf = await printHtmlToPdf(renderReadinessReportHtml(result.response));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="readiness-${result.campaign.id}-${locale}.pdf"`)
        .send(pdf);
    },
  );
}
