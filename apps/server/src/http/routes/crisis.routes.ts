import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #4 (crisis). */
export function registerCrisisRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
