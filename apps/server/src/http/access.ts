import type { Role } from '@ombud/contract';
import type { PortalPrincipal } from '../services/advocate-portal.service.ts';
import type { Principal } from '../services/auth.service.ts';

/**
 * Who may call a route: nobody signed in (`public`); one advocate through their portal link token
 * (`portal`: team sessions and API keys are refused); or these roles (`apiKey` also admits ingestion keys).
 */
export type RouteAccess = { public: true } | { portal: true } | { roles: readonly Role[]; apiKey?: boolean };

export const ALL_ROLES: readonly Role[] = ['owner', 'analyst', 'agent', 'advocate_manager', 'viewer'];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    portal: PortalPrincipal | undefined;
  }
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new Error('route declared access but no principal was attached');
  return principal;
}

export function requirePortal(portal: PortalPrincipal | undefined): PortalPrincipal {
  if (!portal) throw new Error('portal route reached without a portal principal');
  return portal;
}
