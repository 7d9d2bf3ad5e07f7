import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes, on top of SameSite=Strict cookies and the JSON-only
 * body rule: a browser always says where a request comes from (Sec-Fetch-Site, Origin), and a write
 * from another site (or a sibling sub-domain) is refused. Tools that send neither header (curl,
 * scripts) are not browsers and cannot be tricked into sending a user's cookie.
 */
export function assertSameOriginWrite(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new AppError('FORBIDDEN', `cross-site write refused (Sec-Fetch-Site: ${fetchSite})`);
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new AppError('FORBIDDEN', `cross-site write refused (unreadable Origin header)`);
    }
    if (originHost !== request.headers.host) {
      throw new AppError('FORBIDDEN', `cross-site write refused (Origin ${origin} is not this server)`);
    }
  }
}

/** Content-Security-Policy for the API and the dashboard it serves: nothing inline, nothing foreign. */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: true,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Plain http on 127.0.0.1 is the default set-up; upgrading requests would break it.
    upgradeInsecureRequests: null,
  },
};
