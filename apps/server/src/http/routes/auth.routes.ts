import {
  createApiKeyRequestSchema,
  createdApiKeySchema,
  createUserRequestSchema,
  loginRequestSchema,
  meResponseSchema,
  setupRequestSchema,
  setupStatusResponseSchema,
  updateUserRequestSchema,
  userSummarySchema,
  type Role,
} from '@ombud/contract';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { firstWorkspace, insertWorkspace, renameWorkspace } from '../../repositories/workspace.repository.ts';
import {
  createApiKey,
  createUser,
  isFirstRun,
  login,
  logout,
  SESSION_DAYS,
} from '../../services/auth.service.ts';
import { actorOf, appendAudit } from '../../services/audit-log.service.ts';
import { removeMember, updateMember } from '../../services/team.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';

export function registerAuthRoutes(app: HttpApp, deps: RouteDependencies) {
  const setSessionCookie = (
    reply: { setCookie: (name: string, value: string, options: object) => unknown },
    token: string,
  ) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.secureCookies,
      path: '/',
      maxAge: SESSION_DAYS * 86_400,
    });

  app.get(
    '/api/setup',
    {
      config: { access: { public: true } },
      schema: { tags: ['auth'], response: { 200: setupStatusResponseSchema } },
    },
    async () => ({ firstRun: await isFirstRun(deps.db) }),
  );

  app.post(
    '/api/setup',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['auth'],
        summary: 'First run: create the workspace and its owner',
        body: setupRequestSchema,
        response: { 201: meResponseSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const user = await deps.db.transaction().execute(async (trx) => {
        // Serialises concurrent first-run attempts: only one owner is ever created this way.
        await trx.selectFrom('workspace').select('id').forUpdate().execute();
        if (!(await isFirstRun(trx)))
          throw new AppError('SETUP_ALREADY_DONE', 'Ombud is set up already; sign in instead');
        // A workspace without users (the demo) is adopted by the first owner rather than hidden.
        const existing = await firstWorkspace(trx);
        const workspace = existing
          ? await renameWorkspace(trx, existing.id, body.workspaceName)
          : await insertWorkspace(trx, body.workspaceName);
        const created = await createUser(trx, {
          workspaceId: workspace.id,
          email: body.email,
          displayName: body.displayName,
          password: body.password,
          role: 'owner',
          locale: body.locale,
        });
        return { id: created.id, workspaceId: workspace.id };
      });
      const session = await login(deps.db, body.email, body.password, deps.clock());
      setSessionCookie(reply, session.token);
      return reply.status(201).send({
        ...user,
        email: body.email,
        displayName: body.displayName,
        role: 'owner' as const,
        locale: body.locale,
      });
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const session = await login(deps.db, request.body.email, request.body.password, deps.clock());
      setSessionCookie(reply, session.token);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: { roles: ALL_ROLES } }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await logout(deps.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: { tags: ['auth'], response: { 200: meResponseSchema } },
    },
    (request) => {
      const principal = requirePrincipal(request.principal);
      return {
        id: principal.id,
        workspaceId: principal.workspaceId,
        email: principal.email ?? '',
        displayName: principal.displayName ?? '',
        role: principal.role as Role,
        locale: principal.locale ?? 'en',
      };
    },
  );

  app.get(
    '/api/users',
    {
      config: { access: { roles: ['owner'] } },
      schema: { tags: ['team'], response: { 200: z.array(userSummarySchema) } },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const rows = await deps.db
        .selectFrom('app_user')
        .select(['id', 'email', 'display_name', 'role', 'locale'])
        .where('workspace_id', '=', principal.workspaceId)
        .orderBy('created_at')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        role: row.role as Role,
        locale: row.locale,
      }));
    },
  );

  app.post(
    '/api/users',
    {
      config: { access: { roles: ['owner'] } },
      schema: { tags: ['team'], body: createUserRequestSchema, response: { 201: userSummarySchema } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const created = await createUser(deps.db, { workspaceId: principal.workspaceId, ...request.body });
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'user.created',
        target: { kind: 'user', id: created.id },
        details: { role: request.body.role },
        occurredAt: deps.clock(),
      });
      return reply.status(201).send({
        id: created.id,
        email: request.body.email,
        displayName: request.body.displayName,
        role: request.body.role,
        locale: request.body.locale,
      });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: { roles: ['owner'] } },
      schema: {
        tags: ['team'],
        summary: "Change a member's role, name or language (the workspace keeps at least one owner)",
        params: z.object({ id: z.uuid() }),
        body: updateUserRequestSchema,
        response: { 200: userSummarySchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const { member, previousRole } = await updateMember(
        deps.db,
        principal.workspaceId,
        request.params.id,
        request.body,
      );
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'user.updated',
        target: { kind: 'user', id: member.id },
        details: { role: member.role, previousRole },
        occurredAt: deps.clock(),
      });
      return member;
    },
  );

  app.delete(
    '/api/users/:id',
    {
      config: { access: { roles: ['owner'] } },
      schema: {
        tags: ['team'],
        summary: 'Remove a member and end their sessions (not yourself, not the last owner)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const removed = await removeMember(deps.db, principal.workspaceId, request.params.id, principal.id);
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'user.removed',
        target: { kind: 'user', id: request.params.id },
        details: { role: removed.role },
        occurredAt: deps.clock(),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/api-keys',
    {
      config: { access: { roles: ['owner'] } },
      schema: {
        tags: ['team'],
        summary: 'Create an ingestion API key (shown once)',
        body: createApiKeyRequestSchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const created = await createApiKey(deps.db, {
        workspaceId: principal.workspaceId,
        name: request.body.name,
        createdBy: principal.id,
      });
      await appendAudit(deps.db, {
        workspaceId: principal.workspaceId,
        actor: actorOf(principal),
        action: 'api_key.created',
        target: { kind: 'api_key', id: created.id },
        occurredAt: deps.clock(),
      });
      return reply.status(201).send({ ...created, name: request.body.name });
    },
  );
}
