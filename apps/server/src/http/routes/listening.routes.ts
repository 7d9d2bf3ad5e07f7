import { Readable } from 'node:stream';
import {
  digestInputSchema,
  digestSchema,
  influencersQuerySchema,
  influencersSchema,
  listeningExportQuerySchema,
  listeningSearchQuerySchema,
  listeningSearchResponseSchema,
  narrativesQuerySchema,
  narrativesSchema,
  poachingQuerySchema,
  poachingSchema,
  savedSearchInputSchema,
  savedSearchSchema,
  shareOfVoiceQuerySchema,
  shareOfVoiceSchema,
  trendingSchema,
  type Role,
} from '@ombud/contract';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { iterateMentions, searchMentions } from '../../repositories/listening-search.repository.ts';
import {
  deleteDigest,
  deleteSavedSearch,
  insertSavedSearch,
  listDigests,
  listSavedSearches,
} from '../../repositories/listening-saved.repository.ts';
import { actorOf, appendAudit } from '../../services/audit-log.service.ts';
import { createDigest } from '../../services/listening-digest.service.ts';
import { exportChunks } from '../../services/listening-export.service.ts';
import {
  influencers,
  narratives,
  poaching,
  resolveFilter,
  shareOfVoice,
  trending,
} from '../../services/listening.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const idParams = z.object({ id: z.uuid() });
/** Who may read the conversation: everyone with a seat. Exports and digests carry personal data out. */
const READERS = ALL_ROLES;
const EXPORTERS: readonly Role[] = ['owner', 'analyst'];
const EDITORS: readonly Role[] = ['owner', 'analyst', 'advocate_manager'];
const tags = ['listening'];

/** Routes for issue #8 (listening). */
export function registerListeningRoutes(app: HttpApp, deps: RouteDependencies): void {
  app.get(
    '/api/listening/search',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        querystring: listeningSearchQuerySchema,
        response: { 200: listeningSearchResponseSchema },
      },
    },
    async (request) => {
      const workspaceId = requirePrincipal(request.principal).workspaceId;
      const { limit, cursor, ...query } = request.query;
      const filter = await resolveFilter(deps.db, workspaceId, query);
      return searchMentions(deps.db, workspaceId, filter, { limit, cursor });
    },
  );

  app.get(
    '/api/listening/search/export',
    {
      config: { access: { roles: EXPORTERS } },
      schema: { tags, querystring: listeningExportQuerySchema },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const { format, max, ...query } = request.query;
      const filter = await resolveFilter(deps.db, principal.workspaceId, query);
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'listening.search.exported',
        details: { format, max, filters: Object.keys(filter).sort() },
        occurredAt: deps.clock(),
      });
      const stamp = deps.clock().toISOString().slice(0, 10);
      void reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="ombud-mentions-${stamp}.${format}"`)
        .header('cache-control', 'no-store');
      return reply.send(
        Readable.from(exportChunks(iterateMentions(deps.db, principal.workspaceId, filter, max), format)),
      );
    },
  );

  app.get(
    '/api/listening/saved-searches',
    {
      config: { access: { roles: READERS } },
      schema: { tags, response: { 200: z.array(savedSearchSchema) } },
    },
    async (request) => listSavedSearches(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.post(
    '/api/listening/saved-searches',
    {
      config: { access: { roles: EDITORS } },
      schema: { tags, body: savedSearchInputSchema, response: { 201: savedSearchSchema } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      await resolveFilter(deps.db, principal.workspaceId, request.body.filter);
      const saved = await insertSavedSearch(
        deps.db,
        principal.workspaceId,
        principal.kind === 'user' ? principal.id : null,
        request.body,
      );
      if (!saved)
        throw new AppError('CONFLICT', `name: a saved search named "${request.body.name}" exists already`);
      return reply.status(201).send(saved);
    },
  );

  app.delete(
    '/api/listening/saved-searches/:id',
    { config: { access: { roles: EDITORS } }, schema: { tags, params: idParams } },
    async (request, reply) => {
      if (
        !(await deleteSavedSearch(
          deps.db,
          requirePrincipal(request.principal).workspaceId,
          request.params.id,
        ))
      )
        throw new AppError('NOT_FOUND', `no saved search ${request.params.id}`);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/listening/digests',
    { config: { access: { roles: EXPORTERS } }, schema: { tags, response: { 200: z.array(digestSchema) } } },
    async (request) => listDigests(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.post(
    '/api/listening/digests',
    {
      config: { access: { roles: EXPORTERS } },
      schema: { tags, body: digestInputSchema, response: { 201: digestSchema } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const digest = await createDigest(deps.db, principal.workspaceId, request.body, deps.clock());
      return reply.status(201).send(digest);
    },
  );

  app.delete(
    '/api/listening/digests/:id',
    { config: { access: { roles: EXPORTERS } }, schema: { tags, params: idParams } },
    async (request, reply) => {
      if (!(await deleteDigest(deps.db, requirePrincipal(request.principal).workspaceId, request.params.id)))
        throw new AppError('NOT_FOUND', `no digest ${request.params.id}`);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/listening/share-of-voice',
    {
      config: { access: { roles: READERS } },
      schema: { tags, querystring: shareOfVoiceQuerySchema, response: { 200: shareOfVoiceSchema } },
    },
    async (request) => shareOfVoice(deps.db, requirePrincipal(request.principal).workspaceId, request.query),
  );

  app.get(
    '/api/listening/narratives',
    {
      config: { access: { roles: READERS } },
      schema: { tags, querystring: narrativesQuerySchema, response: { 200: narrativesSchema } },
    },
    async (request) => narratives(deps.db, requirePrincipal(request.principal).workspaceId, request.query),
  );

  app.get(
    '/api/listening/trending',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        querystring: narrativesQuerySchema.omit({ minPosts: true }),
        response: { 200: trendingSchema },
      },
    },
    async (request) => trending(deps.db, requirePrincipal(request.principal).workspaceId, request.query),
  );

  app.get(
    '/api/listening/poaching',
    {
      config: { access: { roles: READERS } },
      schema: { tags, querystring: poachingQuerySchema, response: { 200: poachingSchema } },
    },
    async (request) => poaching(deps.db, requirePrincipal(request.principal).workspaceId, request.query),
  );

  app.get(
    '/api/listening/influencers',
    {
      config: { access: { roles: READERS } },
      schema: { tags, querystring: influencersQuerySchema, response: { 200: influencersSchema } },
    },
    async (request) => influencers(deps.db, requirePrincipal(request.principal).workspaceId, request.query),
  );
}
