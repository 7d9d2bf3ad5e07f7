import {
  apiKeySummarySchema,
  auditEntrySchema,
  auditQuerySchema,
  auditVerificationSchema,
  consentInputSchema,
  consentPurposeSchema,
  consentReceiptSchema,
  consentTextInputSchema,
  consentTextLanguageSchema,
  consentTextSchema,
  consentRecordSchema,
  consentWithdrawalSchema,
  contentReuseInputSchema,
  contentReuseSchema,
  permissionGrantListSchema,
  permissionGrantSchema,
  postOriginalSchema,
  privacyPolicySchema,
  privacyPolicyUpdateSchema,
  privacyRequestInputSchema,
  privacyRequestSchema,
  retentionRunSchema,
  subjectExportSchema,
  type Role,
} from '@ombud/contract';
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import {
  loadPrivacyPolicy,
  publicPolicy,
  updatePrivacyPolicy,
} from '../../repositories/privacy-policy.repository.ts';
import { actorOf, appendAudit, listAudit, verifyAuditLog } from '../../services/audit-log.service.ts';
import {
  approveContentReuse,
  consentReceipts,
  listConsents,
  listContentReuse,
  recordConsent,
  withdrawConsent,
} from '../../services/consent.service.ts';
import { listConsentTexts, saveConsentText } from '../../services/consent-text.service.ts';
import {
  createPrivacyRequest,
  executeErasureRequest,
  exportForRequest,
  listPrivacyRequests,
  subjectExportToCsv,
} from '../../services/data-subject.service.ts';
import {
  grantPermission,
  hasPermission,
  listPermissions,
  revokePermission,
} from '../../services/privacy-permission.service.ts';
import { runRetention } from '../../services/retention.service.ts';
import { listApiKeys, revokeApiKey } from '../../services/api-key.service.ts';
import { requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const OWNER: readonly Role[] = ['owner'];
/** Who may file data-subject requests and read the policy: owners manage, analysts may request. */
const OWNER_ANALYST: readonly Role[] = ['owner', 'analyst'];
/** Consent is collected by whoever runs the programme with the person. */
const CONSENT_ROLES: readonly Role[] = ['owner', 'analyst', 'advocate_manager'];

const uuidParams = z.object({ id: z.uuid() });
const postParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'expected a post id') });
const toIso = (value: Date) => new Date(value).toISOString();

/** Routes for issue #7 (privacy): policy, originals, consent, data-subject requests, retention, audit, API keys. */
export function registerPrivacyRoutes(app: HttpApp, deps: RouteDependencies): void {
  app.get(
    '/api/privacy/policy',
    {
      config: { access: { roles: OWNER_ANALYST } },
      schema: { tags: ['privacy'], response: { 200: privacyPolicySchema } },
    },
    async (request) => {
      const policy = publicPolicy(
        await loadPrivacyPolicy(deps.db, requirePrincipal(request.principal).workspaceId),
      );
      return { ...policy, updatedAt: toIso(policy.updatedAt) };
    },
  );

  app.put(
    '/api/privacy/policy',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['privacy'],
        summary: 'Redaction at ingest (keep, redact, pseudonymise), originals, retention, custom patterns',
        body: privacyPolicyUpdateSchema,
        response: { 200: privacyPolicySchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const now = deps.clock();
      for (const [index, pattern] of (request.body.customPatterns ?? []).entries()) {
        try {
          if (new RegExp(pattern.pattern, pattern.flags ?? '').test(''))
            throw new Error('pattern matches the empty string');
        } catch (error) {
          throw new AppError(
            'VALIDATION_FAILED',
            `body.customPatterns.${index}.pattern: ${(error as Error).message}`,
          );
        }
      }
      const policy = await deps.db.transaction().execute(async (trx) => {
        const updated = await updatePrivacyPolicy(trx, principal.workspaceId, request.body, now);
        await appendAudit(trx, {
          workspaceId: principal.workspaceId,
          actor: actorOf(principal),
          action: 'privacy.policy.updated',
          details: {
            changed: Object.keys(request.body).sort(),
            redaction: updated.redaction,
            keepOriginal: updated.keepOriginal,
            retentionDays: updated.retentionDays,
            retentionAction: updated.retentionAction,
          },
          occurredAt: now,
        });
        return updated;
      });
      const visible = publicPolicy(policy);
      return { ...visible, updatedAt: toIso(visible.updatedAt) };
    },
  );

  app.get(
    '/api/posts/:id/original',
    {
      config: { access: { roles: OWNER_ANALYST } },
      schema: {
        tags: ['privacy'],
        summary: 'The unredacted text kept apart (needs the view_original permission; audited)',
        params: postParams,
        response: { 200: postOriginalSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      if (!(await hasPermission(deps.db, principal, 'view_original')))
        throw new AppError('FORBIDDEN', 'reading originals needs the view_original permission; ask an owner');
      const now = deps.clock();
      return deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('post_original')
          .select([sql<string>`post_id::text`.as('post_id'), 'text', 'raw', 'stored_at'])
          .where('workspace_id', '=', principal.workspaceId)
          .where('post_id', '=', request.params.id)
          .executeTakeFirst();
        if (!row) throw new AppError('NOT_FOUND', `no original kept for post ${request.params.id}`);
        await appendAudit(trx, {
          workspaceId: principal.workspaceId,
          actor: actorOf(principal),
          action: 'post.original.read',
          target: { kind: 'post', id: request.params.id },
          occurredAt: now,
        });
        return { postId: row.post_id, text: row.text, raw: row.raw, storedAt: toIso(row.stored_at) };
      });
    },
  );

  app.get(
    '/api/privacy/permissions',
    {
      config: { access: { roles: OWNER } },
      schema: { tags: ['privacy'], response: { 200: permissionGrantListSchema } },
    },
    async (request) => listPermissions(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.post(
    '/api/privacy/permissions',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['privacy'],
        summary: 'Grant a user a privacy permission (view_original)',
        body: permissionGrantSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      await grantPermission(deps.db, principal, request.body.userId, request.body.permission, deps.clock());
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/privacy/permissions/:userId/:permission',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['privacy'],
        params: z.object({ userId: z.uuid(), permission: permissionGrantSchema.shape.permission }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      await revokePermission(
        deps.db,
        principal,
        request.params.userId,
        request.params.permission,
        deps.clock(),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/privacy/consent-texts',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: {
        tags: ['privacy'],
        summary: 'The wording used to ask for consent, per purpose and language',
        response: { 200: z.array(consentTextSchema) },
      },
    },
    async (request) => listConsentTexts(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.put(
    '/api/privacy/consent-texts/:purpose/:language',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: {
        tags: ['privacy'],
        summary: 'Write the consent wording for one purpose and language (a change gets a new version)',
        params: z.object({
          purpose: consentPurposeSchema,
          language: consentTextLanguageSchema,
        }),
        body: consentTextInputSchema,
        response: { 200: consentTextSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return saveConsentText(deps.db, {
        workspaceId: principal.workspaceId,
        purpose: request.params.purpose,
        language: request.params.language,
        text: request.body.text,
        actor: actorOf(principal),
        now: deps.clock(),
      });
    },
  );

  app.get(
    '/api/privacy/consents',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: {
        tags: ['privacy'],
        querystring: z.object({
          authorId: z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
          purpose: consentPurposeSchema.optional(),
        }),
        response: { 200: z.array(consentRecordSchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return listConsents(deps.db, principal.workspaceId, request.query, deps.clock());
    },
  );

  app.post(
    '/api/privacy/consents',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: {
        tags: ['privacy'],
        summary: 'Record consent (or another lawful basis) of a person for a purpose',
        body: consentInputSchema,
        response: { 201: consentRecordSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const body = request.body;
      const record = await recordConsent(deps.db, {
        workspaceId: principal.workspaceId,
        authorId: body.authorId,
        subject: body.subject,
        purpose: body.purpose,
        lawfulBasis: body.lawfulBasis,
        source: body.source,
        evidence: body.evidence,
        givenAt: body.givenAt ? new Date(body.givenAt) : undefined,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
        actor: actorOf(principal),
        now: deps.clock(),
      });
      return reply.status(201).send(record);
    },
  );

  app.post(
    '/api/privacy/consents/:id/withdraw',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: {
        tags: ['privacy'],
        params: uuidParams,
        body: consentWithdrawalSchema,
        response: { 200: consentRecordSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return withdrawConsent(deps.db, {
        workspaceId: principal.workspaceId,
        consentId: request.params.id,
        source: request.body.source,
        withdrawnAt: request.body.withdrawnAt ? new Date(request.body.withdrawnAt) : undefined,
        actor: actorOf(principal),
        now: deps.clock(),
      });
    },
  );

  const auditReceiptRead = async (
    principal: ReturnType<typeof requirePrincipal>,
    target: { kind: string; id: string },
    count: number,
  ) =>
    appendAudit(deps.db, {
      workspaceId: principal.workspaceId,
      actor: actorOf(principal),
      action: 'consent.receipt.exported',
      target,
      details: { receipts: count },
      occurredAt: deps.clock(),
    });

  app.get(
    '/api/privacy/consents/:id/receipt',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: { tags: ['privacy'], params: uuidParams, response: { 200: consentReceiptSchema } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const [receipt] = await consentReceipts(
        deps.db,
        principal.workspaceId,
        { consentId: request.params.id },
        deps.clock(),
      );
      if (!receipt) throw new AppError('NOT_FOUND', `no consent record ${request.params.id}`);
      await auditReceiptRead(principal, { kind: 'consent', id: request.params.id }, 1);
      void reply.header('content-disposition', `attachment; filename="consent-${request.params.id}.json"`);
      return receipt;
    },
  );

  app.get(
    '/api/privacy/consent-receipts',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: {
        tags: ['privacy'],
        summary: 'Every consent receipt of one person (JSON), for them to keep',
        querystring: z.object({ authorId: z.string().regex(/^\d{1,18}$/, 'expected an author id') }),
        response: { 200: z.array(consentReceiptSchema) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const receipts = await consentReceipts(
        deps.db,
        principal.workspaceId,
        { authorId: request.query.authorId },
        deps.clock(),
      );
      await auditReceiptRead(principal, { kind: 'author', id: request.query.authorId }, receipts.length);
      void reply.header(
        'content-disposition',
        `attachment; filename="consent-receipts-${request.query.authorId}.json"`,
      );
      return receipts;
    },
  );

  app.get(
    '/api/privacy/reuse',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: { tags: ['privacy'], response: { 200: z.array(contentReuseSchema) } },
    },
    async (request) =>
      listContentReuse(deps.db, requirePrincipal(request.principal).workspaceId, deps.clock()),
  );

  app.post(
    '/api/privacy/reuse',
    {
      config: { access: { roles: CONSENT_ROLES } },
      schema: {
        tags: ['privacy'],
        summary:
          "Approve a post for reuse; refused (409 CONSENT_REQUIRED) without its author's valid consent",
        body: contentReuseInputSchema,
        response: { 201: contentReuseSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const approved = await approveContentReuse(deps.db, {
        workspaceId: principal.workspaceId,
        postId: request.body.postId,
        purpose: request.body.purpose,
        actor: actorOf(principal),
        now: deps.clock(),
      });
      return reply.status(201).send(approved);
    },
  );

  app.get(
    '/api/privacy/requests',
    {
      config: { access: { roles: OWNER_ANALYST } },
      schema: { tags: ['privacy'], response: { 200: z.array(privacyRequestSchema) } },
    },
    async (request) => listPrivacyRequests(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.post(
    '/api/privacy/requests',
    {
      config: { access: { roles: OWNER_ANALYST } },
      schema: {
        tags: ['privacy'],
        summary: 'File a data-subject request (access or erasure); an owner carries it out',
        body: privacyRequestInputSchema,
        response: { 201: privacyRequestSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const created = await createPrivacyRequest(deps.db, {
        workspaceId: principal.workspaceId,
        kind: request.body.kind,
        subjects: request.body.subjects,
        actor: actorOf(principal),
        now: deps.clock(),
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/privacy/requests/:id/execute',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['privacy'],
        summary: 'Carry out an erasure request: delete, scrub copies, verify by search, tombstone',
        params: uuidParams,
        response: { 200: privacyRequestSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      return executeErasureRequest(deps.db, {
        workspaceId: principal.workspaceId,
        requestId: request.params.id,
        actor: actorOf(principal),
        now: deps.clock(),
      });
    },
  );

  app.get(
    '/api/privacy/requests/:id/export',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['privacy'],
        summary: 'Everything about the person of an access request, as JSON or CSV (audited)',
        params: uuidParams,
        querystring: z.object({ format: z.enum(['json', 'csv']).default('json') }),
        response: { 200: z.union([subjectExportSchema, z.string()]) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const document = await exportForRequest(deps.db, {
        workspaceId: principal.workspaceId,
        requestId: request.params.id,
        actor: actorOf(principal),
        now: deps.clock(),
        format: request.query.format,
      });
      const name = `subject-export-${request.params.id}.${request.query.format}`;
      void reply.header('content-disposition', `attachment; filename="${name}"`);
      if (request.query.format === 'csv') {
        return reply.type('text/csv; charset=utf-8').send(subjectExportToCsv(document));
      }
      return document;
    },
  );

  app.post(
    '/api/privacy/retention/run',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['privacy'],
        summary: "Apply every workspace's retention period now (the hourly job does this too)",
        response: { 200: retentionRunSchema },
      },
    },
    async (request) => runRetention(deps.db, deps.clock(), actorOf(requirePrincipal(request.principal))),
  );

  app.get(
    '/api/audit',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: z.array(auditEntrySchema) },
      },
    },
    async (request) => {
      const entries = await listAudit(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.query,
      );
      return entries.map(({ workspaceId: _workspace, ...entry }) => entry);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: { roles: OWNER } },
      schema: { tags: ['audit'], response: { 200: auditVerificationSchema } },
    },
    async (request) => verifyAuditLog(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.get(
    '/api/api-keys',
    {
      config: { access: { roles: OWNER } },
      schema: { tags: ['team'], response: { 200: z.array(apiKeySummarySchema) } },
    },
    async (request) => listApiKeys(deps.db, requirePrincipal(request.principal).workspaceId),
  );

  app.delete(
    '/api/api-keys/:id',
    {
      config: { access: { roles: OWNER } },
      schema: {
        tags: ['team'],
        summary: 'Revoke an API key',
        params: uuidParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeApiKey(deps.db, requirePrincipal(request.principal), request.params.id, deps.clock());
      return reply.status(204).send(null);
    },
  );
}
