import { listPostsQuerySchema, listPostsResponseSchema } from '@ombud/contract';
import { listPosts } from '../../repositories/post-query.repository.ts';
import { actorOf, appendAudit } from '../../services/audit-log.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

export function registerPostRoutes(app: HttpApp, deps: RouteDependencies) {
  app.get(
    '/api/posts',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['posts'],
        querystring: listPostsQuerySchema,
        response: { 200: listPostsResponseSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const posts = await listPosts(deps.db, principal.workspaceId, request.query);
      // Posts carry strangers' handles and words: who read them is on the audit log.
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'posts.read',
        details: { count: posts.length },
        occurredAt: deps.clock(),
      });
      const last = posts.at(-1);
      return { posts, nextBefore: posts.length === request.query.limit && last ? last.id : null };
    },
  );
}
