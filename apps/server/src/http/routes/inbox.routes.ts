import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #5 (inbox). */
export function registerInboxRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
