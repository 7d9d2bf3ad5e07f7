import type { Role } from '@ombud/contract';
import type { Principal } from '../services/auth.service.ts';

/** Who may call a route: nobody signed in (`public`), or these roles; `apiKey` also admits ingestion keys. */
export type RouteAccess = { public: true } | { roles: readonly Role[]; apiKey?: boolean };

export const ALL_ROLES: readonly Role[] = ['owner', 'analyst', 'agent', 'advocate_manager', 'viewer'];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new Error('route declared access but no principal was attached');
  return principal;
}
