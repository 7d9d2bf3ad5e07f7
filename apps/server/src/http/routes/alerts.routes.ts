import {
  alertChannelCreatedSchema,
  alertChannelInputSchema,
  alertChannelSchema,
  alertCountsSchema,
  alertDeliveryAttemptSchema,
  alertDetailSchema,
  alertListQuerySchema,
  alertListSchema,
  alertReadBodySchema,
  alertRouteInputSchema,
  alertRouteSchema,
  alertSchema,
  alertTestPingSchema,
  deadLetterListSchema,
  deadLetterReplayBodySchema,
  deadLetterReplaySchema,
  type Role,
} from '@ombud/contract';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import {
  deleteAlertChannel,
  findAlertChannel,
  listAlertChannels,
  listAlertRoutes,
  toAlertChannel,
} from '../../repositories/alert-channel.repository.ts';
import {
  listAlertDeliveries,
  listChannelAttempts,
  listDeadLetters,
} from '../../repositories/alert-delivery.repository.ts';
import {
  countAlerts,
  findAlert,
  isAlertRead,
  listAlerts,
  markAlertsRead,
  toAlertRecord,
} from '../../repositories/alert.repository.ts';
import { replayDeadLetters, testPingChannel } from '../../services/alert-delivery.service.ts';
import {
  acknowledgeAlert,
  createAlertChannel,
  createAlertRoute,
  removeAlertRoute,
  replaceAlertChannel,
  replaceAlertRoute,
} from '../../services/alerts.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['alerts'];
/** Owners manage channels, routes and dead letters; analysts may look at them. */
const MANAGE: readonly Role[] = ['owner'];
const INSPECT: readonly Role[] = ['owner', 'analyst'];
/** People who respond to alerts acknowledge them; everyone reads them. */
const ACKNOWLEDGE: readonly Role[] = ['owner', 'analyst', 'agent'];

function caller(request: FastifyRequest): { workspaceId: string; userId: string | null } {
  const principal = requirePrincipal(request.principal);
  return { workspaceId: principal.workspaceId, userId: principal.kind === 'user' ? principal.id : null };
}

/** Routes for issue #4 (alerts). */
export function registerAlertsRoutes(app: HttpApp, deps: RouteDependencies): void {
  app.get(
    '/api/alerts',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'In-app alerts, newest first',
        querystring: alertListQuerySchema,
        response: { 200: alertListSchema },
      },
    },
    async (request) => {
      const { workspaceId, userId } = caller(request);
      return listAlerts(deps.db, workspaceId, userId, request.query);
    },
  );

  app.get(
    '/api/alerts/counts',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'Unread (for the caller) and unacknowledged alerts',
        response: { 200: alertCountsSchema },
      },
    },
    async (request) => {
      const { workspaceId, userId } = caller(request);
      return countAlerts(deps.db, workspaceId, userId);
    },
  );

  app.post(
    '/api/alerts/read',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'Mark alerts read for the signed-in user',
        body: alertReadBodySchema,
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (request) => {
      const { workspaceId, userId } = caller(request);
      if (userId === null) return { marked: 0 };
      const ids = request.body.all === true ? 'all' : (request.body.alertIds ?? []);
      return { marked: await markAlertsRead(deps.db, workspaceId, userId, ids, deps.clock()) };
    },
  );

  app.get(
    '/api/alerts/:id',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags,
        summary: 'One alert with every delivery and every attempt',
        params: idParams,
        response: { 200: alertDetailSchema },
      },
    },
    async (request) => {
      const { workspaceId, userId } = caller(request);
      const row = await findAlert(deps.db, workspaceId, request.params.id);
      if (!row) throw new AppError('NOT_FOUND', `no alert ${request.params.id} in this workspace`);
      return {
        ...toAlertRecord(row, await isAlertRead(deps.db, row.id, userId)),
        deliveries: await listAlertDeliveries(deps.db, workspaceId, row.id),
      };
    },
  );

  app.post(
    '/api/alerts/:id/acknowledge',
    {
      config: { access: { roles: ACKNOWLEDGE } },
      schema: {
        tags,
        summary: 'Acknowledge an alert: stops its escalation',
        params: idParams,
        response: { 200: alertSchema },
      },
    },
    async (request) => {
      const { workspaceId, userId } = caller(request);
      return acknowledgeAlert(deps.db, workspaceId, request.params.id, userId, deps.clock());
    },
  );

  app.get(
    '/api/alert-channels',
    {
      config: { access: { roles: INSPECT } },
      schema: {
        tags,
        summary: 'Alert channels, secrets masked',
        response: { 200: z.array(alertChannelSchema) },
      },
    },
    async (request) => (await listAlertChannels(deps.db, caller(request).workspaceId)).map(toAlertChannel),
  );

  app.post(
    '/api/alert-channels',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Add a webhook, Slack or e-mail channel (a generated webhook secret is shown once)',
        body: alertChannelInputSchema,
        response: { 201: alertChannelCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAlertChannel(deps.db, caller(request).workspaceId, request.body)),
  );

  app.get(
    '/api/alert-channels/:id',
    {
      config: { access: { roles: INSPECT } },
      schema: { tags, params: idParams, response: { 200: alertChannelSchema } },
    },
    async (request) => {
      const row = await findAlertChannel(deps.db, caller(request).workspaceId, request.params.id);
      if (!row) throw new AppError('NOT_FOUND', `no alert channel ${request.params.id} in this workspace`);
      return toAlertChannel(row);
    },
  );

  app.put(
    '/api/alert-channels/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Replace a channel; secrets left out are kept',
        params: idParams,
        body: alertChannelInputSchema,
        response: { 200: alertChannelCreatedSchema },
      },
    },
    async (request) =>
      replaceAlertChannel(deps.db, caller(request).workspaceId, request.params.id, request.body),
  );

  app.delete(
    '/api/alert-channels/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Remove a channel with its routes and deliveries',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (!(await deleteAlertChannel(deps.db, caller(request).workspaceId, request.params.id)))
        throw new AppError('NOT_FOUND', `no alert channel ${request.params.id} in this workspace`);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/alert-channels/:id/test',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Send a test message now; a success is recorded as the last successful test ping',
        params: idParams,
        response: { 200: alertTestPingSchema },
      },
    },
    async (request) => {
      const row = await findAlertChannel(deps.db, caller(request).workspaceId, request.params.id);
      if (!row) throw new AppError('NOT_FOUND', `no alert channel ${request.params.id} in this workspace`);
      return testPingChannel(deps.db, row, deps.clock());
    },
  );

  app.get(
    '/api/alert-channels/:id/attempts',
    {
      config: { access: { roles: INSPECT } },
      schema: {
        tags,
        summary: 'The latest delivery attempts through a channel, test pings included',
        params: idParams,
        response: { 200: z.array(alertDeliveryAttemptSchema) },
      },
    },
    async (request) => {
      const { workspaceId } = caller(request);
      if (!(await findAlertChannel(deps.db, workspaceId, request.params.id)))
        throw new AppError('NOT_FOUND', `no alert channel ${request.params.id} in this workspace`);
      return listChannelAttempts(deps.db, workspaceId, request.params.id, 200);
    },
  );

  app.get(
    '/api/alert-routes',
    {
      config: { access: { roles: INSPECT } },
      schema: { tags, summary: 'Routing rules', response: { 200: z.array(alertRouteSchema) } },
    },
    async (request) => listAlertRoutes(deps.db, caller(request).workspaceId),
  );

  app.post(
    '/api/alert-routes',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Route alerts of a campaign (or all) from a severity up, optionally with escalation',
        body: alertRouteInputSchema,
        response: { 201: alertRouteSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAlertRoute(deps.db, caller(request).workspaceId, request.body)),
  );

  app.put(
    '/api/alert-routes/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: { tags, params: idParams, body: alertRouteInputSchema, response: { 200: alertRouteSchema } },
    },
    async (request) =>
      replaceAlertRoute(deps.db, caller(request).workspaceId, request.params.id, request.body),
  );

  app.delete(
    '/api/alert-routes/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: { tags, params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await removeAlertRoute(deps.db, caller(request).workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/alert-deliveries/dead-letter',
    {
      config: { access: { roles: INSPECT } },
      schema: {
        tags,
        summary: 'Deliveries that ran out of attempts',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: deadLetterListSchema },
      },
    },
    async (request) => ({
      deliveries: await listDeadLetters(deps.db, caller(request).workspaceId, request.query.limit),
    }),
  );

  app.post(
    '/api/alert-deliveries/dead-letter/replay',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Queue dead deliveries again with a fresh set of attempts',
        body: deadLetterReplayBodySchema,
        response: { 202: deadLetterReplaySchema },
      },
    },
    async (request, reply) => {
      const ids = request.body.all === true ? 'all' : (request.body.deliveryIds ?? []);
      const queued = await replayDeadLetters(deps.db, caller(request).workspaceId, ids, deps.clock());
      return reply.status(202).send({ queued });
    },
  );

  app.post(
    '/api/alert-deliveries/:id/replay',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Queue one dead delivery again',
        params: idParams,
        response: { 202: deadLetterReplaySchema },
      },
    },
    async (request, reply) => {
      const queued = await replayDeadLetters(
        deps.db,
        caller(request).workspaceId,
        [request.params.id],
        deps.clock(),
      );
      if (queued === 0)
        throw new AppError('NOT_FOUND', `no dead-lettered delivery ${request.params.id} in this workspace`);
      return reply.status(202).send({ queued });
    },
  );
}
