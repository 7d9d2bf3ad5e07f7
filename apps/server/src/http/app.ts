import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { principalFromApiKey, principalFromSession } from '../services/auth.service.ts';
import { handleError } from './error-handler.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { assertSameOriginWrite, CONTENT_SECURITY_POLICY } from './csrf-guard.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerCampaignRoutes } from './routes/campaigns.routes.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { registerImportRoutes } from './routes/imports.routes.ts';
import { registerPostRoutes } from './routes/posts.routes.ts';
import { registerWebhookRoutes } from './routes/webhook.routes.ts';
import { registerOverviewRoutes } from './routes/overview.routes.ts';
import { registerWebStatic } from './web-static.ts';
import { registerPrivacyRoutes } from './routes/privacy.routes.ts';
import { registerCrisisRoutes } from './routes/crisis.routes.ts';
import { registerAlertsRoutes } from './routes/alerts.routes.ts';
import { registerConnectorRoutes } from './routes/connectors.routes.ts';
import { registerInboxRoutes } from './routes/inbox.routes.ts';
import { registerAdvocatesRoutes } from './routes/advocates.routes.ts';
import { registerListeningRoutes } from './routes/listening.routes.ts';
import { registerReadinessRoutes } from './routes/readiness.routes.ts';
import { registerStreamRoutes } from './routes/stream.routes.ts';
import { registerEventsRoutes } from './routes/events.routes.ts';
import { portalFromRequest, registerPortalRoutes } from './routes/portal.routes.ts';
import type { RouteAccess } from './access.ts';
import type { OperationsContext } from '../services/stream-metrics.service.ts';

export interface HttpDependencies {
  db: Kysely<Database>;
  databaseKind: 'pglite' | 'postgres';
  secureCookies: boolean;
  logLevel: string;
  clock?: () => Date;
  /** Called for every route as it is declared (the role-matrix test reads this). */
  onRoute?: (route: { method: string; url: string; access: RouteAccess | undefined }) => void;
  /** Work stream, metrics token and shutdown state for `/metrics` and `/api/ready`. */
  operations?: OperationsContext | undefined;
}

/** Builds the API: every `/api` route must declare who may call it, or start-up fails. */
export async function buildHttpApp(deps: HttpDependencies) {
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    logger: { level: deps.logLevel },
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('portal', undefined);

  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      deps.onRoute?.({ method, url: route.url, access: route.config?.access });
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !route.config?.access) {
      throw new Error(`route ${route.method.toString()} ${route.url} declares no access rule`);
    }
  });

  await app.register(helmet, { contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Ombud API',
        version: '0.1.0',
        description: 'Command centre for customer-empowerment campaigns',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // onRequest, not preHandler: callers are authenticated before their body is parsed or validated.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const now = clock();
    if ('portal' in access) {
      request.portal = await portalFromRequest(deps.db, request.headers, now);
      return;
    }
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (bearer) request.principal = await principalFromApiKey(deps.db, bearer, now);
    else if (sessionToken) {
      request.principal = await principalFromSession(deps.db, sessionToken, now);
      // Cookie-authenticated writes must be JSON or a declared upload type: a cross-site form
      // cannot send those without a CORS preflight, which this API never grants.
      if (request.principal) assertSameOriginWrite(request);
      if (request.principal && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
        const type = request.headers['content-type'] ?? '';
        if (type !== '' && !/^(application\/json|application\/x-ndjson|text\/csv)/i.test(type)) {
          throw new AppError('FORBIDDEN', 'cookie-authenticated writes must send JSON');
        }
      }
    }
    const principal = request.principal;
    if (!principal)
      throw new AppError('UNAUTHENTICATED', 'sign in, or send an API key as "Authorization: Bearer …"');
    if (principal.role === 'ingest') {
      if (!access.apiKey) throw new AppError('FORBIDDEN', 'API keys may only call ingestion routes');
      return;
    }
    if (!access.roles.includes(principal.role)) {
      throw new AppError('FORBIDDEN', `role ${principal.role} may not call this route`);
    }
  });

  const routeDeps = {
    db: deps.db,
    clock,
    secureCookies: deps.secureCookies,
    databaseKind: deps.databaseKind,
    operations: deps.operations,
  };
  registerHealthRoutes(app, routeDeps);
  registerAuthRoutes(app, routeDeps);
  registerCampaignRoutes(app, routeDeps);
  registerPostRoutes(app, routeDeps);
  registerImportRoutes(app, routeDeps);
  registerWebhookRoutes(app, routeDeps);
  registerOverviewRoutes(app, routeDeps);
  registerPrivacyRoutes(app, routeDeps);
  registerCrisisRoutes(app, routeDeps);
  registerAlertsRoutes(app, routeDeps);
  registerConnectorRoutes(app, routeDeps);
  registerInboxRoutes(app, routeDeps);
  registerAdvocatesRoutes(app, routeDeps);
  registerListeningRoutes(app, routeDeps);
  registerReadinessRoutes(app, routeDeps);
  registerStreamRoutes(app, routeDeps);
  registerEventsRoutes(app, routeDeps);
  registerPortalRoutes(app, routeDeps);
  await registerWebStatic(app);
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof buildHttpApp>>;
export type RouteDependencies = {
  db: Kysely<Database>;
  clock: () => Date;
  secureCookies: boolean;
  databaseKind: 'pglite' | 'postgres';
  operations?: OperationsContext | undefined;
};
