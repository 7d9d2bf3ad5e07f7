import { healthResponseSchema } from '@ombud/contract';
import { sql } from 'kysely';
import type { HttpApp, RouteDependencies } from '../app.ts';

export function registerHealthRoutes(app: HttpApp, deps: RouteDependencies) {
  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: { tags: ['system'], response: { 200: healthResponseSchema } },
    },
    async () => {
      await sql`SELECT 1`.execute(deps.db);
      return { status: 'ok' as const, database: deps.databaseKind };
    },
  );
}
