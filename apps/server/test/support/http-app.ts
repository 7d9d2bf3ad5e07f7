// The API on a test database, set up the way the first-run screen does it: a workspace and its
// owner, signed in. Most API tests start here.
import { buildHttpApp, type HttpApp, type HttpDependencies } from '../../src/http/app.ts';
import type { TestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'correct horse battery';

/** The session cookie (`name=value`) an answer sets. */
export function cookieFrom(response: { headers: Record<string, unknown> }): string {
  const header = response.headers['set-cookie'];
  const value = Array.isArray(header) ? String(header[0]) : String(header);
  return value.split(';')[0] ?? '';
}

export interface AppWithOwner {
  app: HttpApp;
  /** The owner's session cookie. */
  owner: string;
  ownerId: string;
  workspaceId: string;
}

export async function startAppWithOwner(
  database: TestDatabase,
  options: Pick<HttpDependencies, 'clock'> & { workspaceName?: string; email?: string } = {},
): Promise<AppWithOwner> {
  const app = await buildHttpApp({
    db: database.db,
    databaseKind: database.kind,
    secureCookies: false,
    logLevel: 'silent',
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.ready();
  const setup = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: {
      workspaceName: options.workspaceName ?? 'Nordvik',
      email: options.email ?? 'owner@example.com',
      displayName: 'Olga',
      password: TEST_PASSWORD,
    },
  });
  if (setup.statusCode !== 201) throw new Error(`first-run set-up failed: ${setup.statusCode} ${setup.body}`);
  const me = setup.json<{ id: string; workspaceId: string }>();
  return { app, owner: cookieFrom(setup), ownerId: me.id, workspaceId: me.workspaceId };
}

/** Signs a user in with TEST_PASSWORD; returns their session cookie. */
export async function signIn(app: HttpApp, email: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 204) throw new Error(`sign-in of ${email} failed: ${response.statusCode}`);
  return cookieFrom(response);
}
