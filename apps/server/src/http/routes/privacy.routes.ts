import type { HttpApp, RouteDependencies } from '../app.ts';

/** Routes for issue #7 (privacy). */
export function registerPrivacyRoutes(_app: HttpApp, _deps: RouteDependencies): void {}
