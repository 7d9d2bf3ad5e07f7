import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #11 (stream). */
export function registerStreamRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
