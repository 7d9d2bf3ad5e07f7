import { listPostsQuerySchema, listPostsResponseSchema } from '@ombud/contract';
import { listPosts } from '../../repositories/post-query.repository.ts';
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
      const posts = await listPosts(deps.db, requirePrincipal(request.principal).workspaceId, request.query);
      const last = posts.at(-1);
      return { posts, nextBefore: posts.length === request.query.limit && last ? last.id : null };
    },
  );
}
