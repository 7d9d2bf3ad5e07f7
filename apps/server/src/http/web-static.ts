import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HttpApp } from './app.ts';

/** Where `npm run build:web` writes the dashboard. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

// The dashboard loads only its own files; post text is untrusted, so nothing inline may run.
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built dashboard at `/` with a fallback to `index.html` for client-side routes;
 * `/api` paths that match nothing stay JSON 404s. Does nothing when the dashboard is not built.
 */
export async function registerWebStatic(app: HttpApp, options: { root?: string } = {}): Promise<boolean> {
  const root = options.root ?? WEB_DIST_DIR;
  if (!existsSync(`${root}/index.html`)) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      // Vite fingerprints everything under assets/, so those never change; the page itself must.
      if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      else reply.header('cache-control', 'no-cache');
      if (path.endsWith('.html')) reply.header('content-security-policy', DASHBOARD_CSP);
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/') || !['GET', 'HEAD'].includes(request.method)) {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${path}` } });
    }
    return reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', DASHBOARD_CSP)
      .sendFile('index.html');
  });
  return true;
}
