import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #4 (alerts). */
export function registerAlertsRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
