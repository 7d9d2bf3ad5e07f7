import { listPostsQuerySchema, listPostsResponseSchema, postEvidenceSchema } from '@ombud/contract';
import { z } from 'zod';
import { listPosts } from '../../repositories/post-query.repository.ts';
import { actorOf, appendAudit } from '../../services/audit-log.service.ts';
import { postEvidence } from '../../services/post-evidence.service.ts';
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

  app.get(
    '/api/posts/:id/evidence',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['posts'],
        summary: 'The words and rules behind the sentiment, intents, aspects and toxicity of a post',
        params: z.object({
          id: z.string().regex(/^[1-9][0-9]{0,18}$/, 'expected a numeric post id such as "42"'),
        }),
        response: { 200: postEvidenceSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const result = await postEvidence(deps.db, principal.workspaceId, request.params.id);
      // The evidence quotes a stranger's words: reading it is on the audit log like reading the post.
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'posts.read',
        details: { count: 1, postId: request.params.id, evidence: true },
        occurredAt: deps.clock(),
      });
      return result;
    },
  );
}
