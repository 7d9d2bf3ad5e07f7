import {
  connectorCreateBodySchema,
  connectorListSchema,
  connectorSchema,
  connectorUpdateBodySchema,
  type Role,
} from '@ombud/contract';
import { z } from 'zod';
import {
  addConnector,
  getConnector,
  listConnectors,
  removeConnector,
  updateConnector,
} from '../../services/connector.service.ts';
import { actorOf } from '../../services/audit-log.service.ts';
import { requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['connectors'];
/** Owners add, change and remove connectors (and their secrets); analysts and viewers see their status. */
const MANAGE: readonly Role[] = ['owner'];
const READ: readonly Role[] = ['owner', 'analyst', 'viewer'];

/** Routes for issue #11 (network connectors). Secrets are accepted, never returned. */
export function registerConnectorRoutes(app: HttpApp, deps: RouteDependencies): void {
  app.get(
    '/api/connectors',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        summary: 'Connectors with their status, last batch, counts and last error',
        response: { 200: connectorListSchema },
      },
    },
    async (request) => ({
      connectors: await listConnectors(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        deps.clock(),
      ),
    }),
  );

  app.get(
    '/api/connectors/:id',
    {
      config: { access: { roles: READ } },
      schema: { tags, summary: 'One connector', params: idParams, response: { 200: connectorSchema } },
    },
    async (request) =>
      getConnector(deps.db, requirePrincipal(request.principal).workspaceId, request.params.id, deps.clock()),
  );

  app.post(
    '/api/connectors',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Add a connector (settings checked per kind; secrets are write-only)',
        body: connectorCreateBodySchema,
        response: { 201: connectorSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const created = await addConnector(
        deps.db,
        principal.workspaceId,
        request.body,
        deps.clock(),
        actorOf(principal),
      );
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/connectors/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Change, enable or disable a connector; a secret left out is kept, null removes it',
        params: idParams,
        body: connectorUpdateBodySchema,
        response: { 200: connectorSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return updateConnector(
        deps.db,
        principal.workspaceId,
        request.params.id,
        request.body,
        deps.clock(),
        actorOf(principal),
      );
    },
  );

  app.delete(
    '/api/connectors/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Remove a connector (its posts stay)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      await removeConnector(
        deps.db,
        principal.workspaceId,
        request.params.id,
        deps.clock(),
        actorOf(principal),
      );
      return reply.code(204).send(null);
    },
  );
}
