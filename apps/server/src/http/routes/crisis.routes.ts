import {
  circuitBreakerInputSchema,
  circuitBreakerSchema,
  crisisSettingsInputSchema,
  crisisSettingsSchema,
  drillInputSchema,
  drillSchema,
  holdingStatementInputSchema,
  incidentDetailSchema,
  incidentListQuerySchema,
  incidentResponseInputSchema,
  incidentSummarySchema,
  incidentUpdateSchema,
  monitorStatusSchema,
  playbookInputSchema,
  playbookSchema,
  playbookStepUpdateSchema,
  postListItemSchema,
  signalPointSchema,
  signalQuerySchema,
} from '@ombud/contract';
import type { Role } from '@ombud/contract';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { querySignals } from '../../repositories/crisis-signal.repository.ts';
import { listIncidentDriverPosts } from '../../repositories/incident-driver.repository.ts';
import { actorOf as auditActorOf, appendAudit } from '../../services/audit-log.service.ts';
import type { Principal } from '../../services/auth.service.ts';
import { readCircuitBreaker, switchCircuitBreaker } from '../../services/circuit-breaker.service.ts';
import { getDrill, listDrills, startDrill } from '../../services/crisis-drill.service.ts';
import {
  approveStatement,
  getCrisisSettings,
  getIncident,
  getPlaybook,
  listIncidents,
  listMonitors,
  recordResponse,
  saveCrisisSettings,
  savePlaybook,
  saveStatement,
  setStepDone,
  updateIncident,
  type Actor,
} from '../../services/incident.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const MANAGE: readonly Role[] = ['owner', 'analyst'];
const WORK: readonly Role[] = ['owner', 'analyst', 'agent'];
const idParams = z.object({ id: z.uuid() });
const stepParams = idParams.extend({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'not a step key') });
const languageParams = idParams.extend({
  language: z.string().regex(/^[a-z]{2,3}$/, 'use an ISO 639-1 language code such as es'),
});
/** Longest span each resolution may return, so one request cannot ask for millions of rows. */
const MAX_SPAN_MS = { minute: 2 * 86_400_000, hour: 92 * 86_400_000, day: 3 * 366 * 86_400_000 } as const;

function actorOf(principal: Principal | undefined): Actor {
  const p = requirePrincipal(principal);
  return { workspaceId: p.workspaceId, userId: p.kind === 'user' ? p.id : null };
}

/** Routes for issue #4 (crisis): signals, incidents (crisis room), playbooks, circuit breaker, drills. */
export function registerCrisisRoutes(app: HttpApp, deps: RouteDependencies): void {
  app.get(
    '/api/signals',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['crisis'],
        querystring: signalQuerySchema,
        response: { 200: z.array(signalPointSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const from = new Date(q.from);
      const to = new Date(q.to);
      if (!(to > from)) throw new AppError('VALIDATION_FAILED', 'to must be after from');
      if (to.getTime() - from.getTime() > MAX_SPAN_MS[q.resolution])
        throw new AppError(
          'VALIDATION_FAILED',
          `a ${q.resolution} series spans at most ${MAX_SPAN_MS[q.resolution] / 86_400_000} days; narrow from/to or use a coarser resolution`,
        );
      return querySignals(deps.db, {
        workspaceId: requirePrincipal(request.principal).workspaceId,
        campaignId: q.campaignId,
        from,
        to,
        resolution: q.resolution,
        language: q.language,
        sentiment: q.sentiment,
        source: q.source,
        groupBy: q.groupBy ? (q.groupBy.split(',') as ('language' | 'sentiment' | 'source')[]) : [],
      });
    },
  );

  app.get(
    '/api/signals/monitors',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['crisis'],
        querystring: z.object({ campaignId: z.uuid().optional() }),
        response: { 200: z.array(monitorStatusSchema) },
      },
    },
    async (request) =>
      listMonitors(deps.db, requirePrincipal(request.principal).workspaceId, request.query.campaignId),
  );

  app.get(
    '/api/incidents',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['crisis'],
        querystring: incidentListQuerySchema,
        response: { 200: z.array(incidentSummarySchema) },
      },
    },
    async (request) => listIncidents(deps.db, requirePrincipal(request.principal).workspaceId, request.query),
  );

  app.get(
    '/api/incidents/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['crisis'], params: idParams, response: { 200: incidentDetailSchema } },
    },
    async (request) =>
      getIncident(deps.db, requirePrincipal(request.principal).workspaceId, request.params.id),
  );

  app.get(
    '/api/incidents/:id/posts',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['crisis'],
        summary: 'The posts driving an incident, highest score first (text as written: render it as text)',
        params: idParams,
        response: { 200: z.array(postListItemSchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const posts = await listIncidentDriverPosts(deps.db, principal.workspaceId, request.params.id);
      // Posts carry strangers' handles and words: who read them is on the audit log (as /api/posts).
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: auditActorOf(principal),
        action: 'posts.read',
        target: { kind: 'incident', id: request.params.id },
        details: { count: posts.length },
        occurredAt: deps.clock(),
      });
      return posts;
    },
  );

  app.patch(
    '/api/incidents/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags: ['crisis'],
        params: idParams,
        body: incidentUpdateSchema,
        response: { 200: incidentDetailSchema },
      },
    },
    async (request) =>
      updateIncident(deps.db, actorOf(request.principal), request.params.id, request.body, deps.clock()),
  );

  app.put(
    '/api/incidents/:id/steps/:key',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags: ['crisis'],
        params: stepParams,
        body: playbookStepUpdateSchema,
        response: { 200: incidentDetailSchema },
      },
    },
    async (request) =>
      setStepDone(
        deps.db,
        actorOf(request.principal),
        request.params.id,
        request.params.key,
        request.body.done,
        deps.clock(),
      ),
  );

  app.put(
    '/api/incidents/:id/statements/:language',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags: ['crisis'],
        params: languageParams,
        body: holdingStatementInputSchema,
        response: { 200: incidentDetailSchema },
      },
    },
    async (request) =>
      saveStatement(
        deps.db,
        actorOf(request.principal),
        request.params.id,
        request.params.language,
        request.body.text,
        deps.clock(),
      ),
  );

  app.post(
    '/api/incidents/:id/statements/:language/approve',
    {
      config: { access: { roles: MANAGE } },
      schema: { tags: ['crisis'], params: languageParams, response: { 200: incidentDetailSchema } },
    },
    async (request) =>
      approveStatement(
        deps.db,
        actorOf(request.principal),
        request.params.id,
        request.params.language,
        deps.clock(),
      ),
  );

  app.post(
    '/api/incidents/:id/responses',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags: ['crisis'],
        params: idParams,
        body: incidentResponseInputSchema,
        response: { 200: incidentDetailSchema },
      },
    },
    async (request) =>
      recordResponse(deps.db, actorOf(request.principal), request.params.id, request.body.note, deps.clock()),
  );

  app.get(
    '/api/campaigns/:id/playbook',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['crisis'], params: idParams, response: { 200: playbookSchema } },
    },
    async (request) =>
      getPlaybook(deps.db, requirePrincipal(request.principal).workspaceId, request.params.id),
  );

  app.put(
    '/api/campaigns/:id/playbook',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags: ['crisis'],
        params: idParams,
        body: playbookInputSchema,
        response: { 200: playbookSchema },
      },
    },
    async (request) =>
      savePlaybook(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.params.id,
        request.body.steps,
        deps.clock(),
      ),
  );

  app.delete(
    '/api/campaigns/:id/playbook',
    {
      config: { access: { roles: MANAGE } },
      schema: { tags: ['crisis'], params: idParams, response: { 200: playbookSchema } },
    },
    async (request) =>
      savePlaybook(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.params.id,
        null,
        deps.clock(),
      ),
  );

  app.get(
    '/api/campaigns/:id/crisis-settings',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['crisis'], params: idParams, response: { 200: crisisSettingsSchema } },
    },
    async (request) =>
      getCrisisSettings(deps.db, requirePrincipal(request.principal).workspaceId, request.params.id),
  );

  app.put(
    '/api/campaigns/:id/crisis-settings',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags: ['crisis'],
        params: idParams,
        body: crisisSettingsInputSchema,
        response: { 200: crisisSettingsSchema },
      },
    },
    async (request) =>
      saveCrisisSettings(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.params.id,
        request.body,
        deps.clock(),
      ),
  );

  app.get(
    '/api/campaigns/:id/circuit-breaker',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['crisis'], params: idParams, response: { 200: circuitBreakerSchema } },
    },
    async (request) => {
      const workspaceId = requirePrincipal(request.principal).workspaceId;
      await getCrisisSettings(deps.db, workspaceId, request.params.id);
      return readCircuitBreaker(deps.db, workspaceId, request.params.id);
    },
  );

  app.post(
    '/api/campaigns/:id/circuit-breaker',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags: ['crisis'],
        params: idParams,
        body: circuitBreakerInputSchema,
        response: { 200: circuitBreakerSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request.principal);
      await getCrisisSettings(deps.db, actor.workspaceId, request.params.id);
      const current = await readCircuitBreaker(deps.db, actor.workspaceId, request.params.id);
      await deps.db.transaction().execute((trx) =>
        switchCircuitBreaker(trx, {
          workspaceId: actor.workspaceId,
          campaignId: request.params.id,
          incidentId: current.incidentId,
          actorId: actor.userId,
          ...(request.body.publishingPaused !== undefined
            ? { publishingPaused: request.body.publishingPaused }
            : {}),
          ...(request.body.preModeration !== undefined ? { preModeration: request.body.preModeration } : {}),
          reason: request.body.reason,
          at: deps.clock(),
        }),
      );
      return readCircuitBreaker(deps.db, actor.workspaceId, request.params.id);
    },
  );

  app.get(
    '/api/drills',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['crisis'], response: { 200: z.array(drillSchema) } },
    },
    async (request) => listDrills(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.get(
    '/api/drills/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['crisis'], params: idParams, response: { 200: drillSchema } },
    },
    async (request) => getDrill(deps.db, requirePrincipal(request.principal).workspaceId, request.params.id),
  );

  app.post(
    '/api/drills',
    {
      config: { access: { roles: MANAGE } },
      schema: { tags: ['crisis'], body: drillInputSchema, response: { 201: drillSchema } },
    },
    async (request, reply) => {
      const actor = actorOf(request.principal);
      const drill = await startDrill(deps.db, {
        workspaceId: actor.workspaceId,
        userId: actor.userId,
        input: request.body,
        now: deps.clock(),
      });
      return reply.status(201).send(drill);
    },
  );
}
