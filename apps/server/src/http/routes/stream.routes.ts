import { serviceReadySchema } from '@ombud/contract';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { renderMetrics, type OperationsContext } from '../../services/stream-metrics.service.ts';
import { checkReadiness } from '../../services/stream-ready.service.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const API_ONLY: OperationsContext = { role: 'api', isStopping: () => false };

/**
 * Operations endpoints (issue #11). `/api/ready` is public, like `/api/health`, so load balancers
 * and schedulers can probe it. `/metrics` holds aggregate figures only (no names, no texts): it is
 * public unless OMBUD_METRICS_TOKEN is set, then it asks for that token as a bearer token.
 */
export function registerStreamRoutes(app: HttpApp, deps: RouteDependencies): void {
  const operations = deps.operations ?? API_ONLY;

  app.get(
    '/api/ready',
    {
      config: { access: { public: true } },
      schema: { tags: ['system'], response: { 200: serviceReadySchema, 503: serviceReadySchema } },
    },
    async (_request, reply) => {
      const readiness = await checkReadiness(deps.db, operations);
      return reply.code(readiness.status === 'ready' ? 200 : 503).send(readiness);
    },
  );

  app.get(
    '/metrics',
    { config: { access: { public: true } }, schema: { hide: true } },
    async (request, reply) => {
      const token = operations.metricsToken;
      if (token) {
        const given = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
        const a = Buffer.from(given);
        const b = Buffer.from(token);
        if (a.length !== b.length || !timingSafeEqual(a, b)) {
          throw new AppError(
            'UNAUTHENTICATED',
            '/metrics needs "Authorization: Bearer <OMBUD_METRICS_TOKEN>"',
          );
        }
      }
      const body = await renderMetrics({
        db: deps.db,
        databaseKind: deps.databaseKind,
        workStream: operations.workStream,
        concurrency: operations.concurrency,
        role: operations.role,
        now: deps.clock,
      });
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(body);
    },
  );
}
