import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #6 (advocates). */
export function registerAdvocatesRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
