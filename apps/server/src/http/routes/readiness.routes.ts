import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #10 (readiness). */
export function registerReadinessRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
