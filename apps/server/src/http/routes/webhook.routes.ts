import { randomBytes } from 'node:crypto';
import { importSummarySchema } from '@ombud/contract';
import { sql } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { DEFAULT_FIELD_MAPPING } from '../../ingest/field-mapping.ts';
import type { RecordItem } from '../../ingest/record-reader.ts';
import {
  SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  verifyWebhookSignature,
} from '../../ingest/webhook-signature.ts';
import { sha256 } from '../../services/auth.service.ts';
import { ingestRecords } from '../../services/ingest.service.ts';
import { requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;
const MAX_WEBHOOK_RECORDS = 5000;

export function registerWebhookRoutes(app: HttpApp, deps: RouteDependencies) {
  app.post(
    '/api/sources/webhook',
    {
      config: { access: { roles: ['owner'] } },
      schema: {
        tags: ['ingestion'],
        summary: 'Create a signed-webhook source; its secret is shown once',
        body: z.object({ name: z.string().trim().min(1).max(100) }),
        response: {
          201: z.object({ id: z.string(), name: z.string(), secret: z.string(), url: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request.principal);
      const secret = randomBytes(32).toString('base64url');
      const row = await deps.db
        .insertInto('source')
        .values({
          workspace_id: principal.workspaceId,
          kind: 'webhook',
          name: request.body.name,
          webhook_secret: secret,
        })
        .onConflict((conflict) => conflict.columns(['workspace_id', 'kind', 'name']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row)
        throw new AppError('CONFLICT', `a webhook source named "${request.body.name}" exists already`);
      return reply
        .status(201)
        .send({ id: row.id, name: request.body.name, secret, url: `/api/ingest/webhook/${row.id}` });
    },
  );

  // The signature covers the exact bytes sent, so this route reads its body as text.
  app.register((scope, _options, done) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: MAX_WEBHOOK_BYTES },
      (_request, body, next) => next(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/ingest/webhook/:sourceId',
      {
        bodyLimit: MAX_WEBHOOK_BYTES,
        config: { access: { public: true } },
        schema: {
          tags: ['ingestion'],
          summary: `Signed JSON webhook: one post object, an array, or {"posts": [...]}; header ${SIGNATURE_HEADER}: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`,
          params: z.object({ sourceId: z.uuid() }),
          response: { 200: importSummarySchema },
        },
      },
      async (request) => {
        const raw = request.body as string;
        const source = await deps.db
          .selectFrom('source')
          .select(['id', 'workspace_id', 'name', 'webhook_secret'])
          .where('id', '=', request.params.sourceId)
          .where('kind', '=', 'webhook')
          .executeTakeFirst();
        const now = deps.clock();
        const header = request.headers[SIGNATURE_HEADER];
        const check = source?.webhook_secret
          ? verifyWebhookSignature(
              source.webhook_secret,
              raw,
              typeof header === 'string' ? header : undefined,
              now,
            )
          : { ok: false as const, reason: 'unknown webhook source' };
        if (!check.ok || !source)
          throw new AppError('SIGNATURE_INVALID', check.ok ? 'unknown webhook source' : check.reason);
        const replayKey = sha256(`${source.id}:${String(header)}`);
        const fresh = await deps.db
          .insertInto('webhook_replay')
          .values({ signature: replayKey })
          .onConflict((conflict) => conflict.column('signature').doNothing())
          .returning('signature')
          .executeTakeFirst();
        if (!fresh) throw new AppError('REPLAYED', 'this signed delivery was received already');
        await sql`DELETE FROM webhook_replay WHERE received_at < now() - make_interval(secs => ${SIGNATURE_TOLERANCE_SECONDS * 2})`.execute(
          deps.db,
        );

        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch (error) {
          throw new AppError('VALIDATION_FAILED', `body is not valid JSON: ${(error as Error).message}`);
        }
        const list = Array.isArray(parsed)
          ? parsed
          : isObject(parsed) && Array.isArray(parsed['posts'])
            ? parsed['posts']
            : [parsed];
        if (list.length > MAX_WEBHOOK_RECORDS) {
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `at most ${MAX_WEBHOOK_RECORDS} posts per delivery; got ${list.length}`,
          );
        }
        const items: RecordItem[] = list.map((value: unknown, index) =>
          isObject(value)
            ? { kind: 'record', line: index + 1, fields: value }
            : {
                kind: 'problem',
                line: index + 1,
                code: 'NOT_AN_OBJECT',
                reason: `posts[${index}] is not an object`,
              },
        );
        return ingestRecords(deps.db, items, {
          workspaceId: source.workspace_id,
          sourceKind: 'webhook',
          sourceName: source.name,
          fileName: null,
          format: 'webhook',
          mapping: DEFAULT_FIELD_MAPPING,
          defaultPlatform: 'webhook',
          now,
          fallbackCreatedAt: now.toISOString(),
        });
      },
    );
    done();
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
