import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #8 (listening). */
export function registerListeningRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
