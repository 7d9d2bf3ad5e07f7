import { importQuerySchema, importSummarySchema } from '@ombud/contract';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { parseMappingOverrides, withOverrides } from '../../ingest/field-mapping.ts';
import { readRecords } from '../../ingest/record-reader.ts';
import { findCampaign } from '../../repositories/campaign.repository.ts';
import { findImportSummary } from '../../repositories/import-batch.repository.ts';
import { ingestRecords } from '../../services/ingest.service.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
const PROBLEMS_IN_RESPONSE = 1000;

export function registerImportRoutes(app: HttpApp, deps: RouteDependencies) {
  app.addContentTypeParser(
    ['application/x-ndjson', 'text/csv'],
    { bodyLimit: MAX_IMPORT_BYTES },
    (_request, payload, done) => done(null, payload),
  );

  app.post(
    '/api/imports',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { access: { roles: ['owner', 'analyst'], apiKey: true } },
      schema: {
        tags: ['ingestion'],
        summary:
          'Import a CSV (text/csv) or JSONL (application/x-ndjson) body; streamed, never held in memory',
        querystring: importQuerySchema,
        response: { 200: importSummarySchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request.principal);
      const contentType = request.headers['content-type'] ?? '';
      const format =
        request.query.format ??
        (contentType.startsWith('text/csv')
          ? 'csv'
          : contentType.startsWith('application/x-ndjson')
            ? 'jsonl'
            : undefined);
      if (!format) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send text/csv or application/x-ndjson');
      let mapping;
      try {
        mapping = withOverrides(request.query.map ? parseMappingOverrides(request.query.map) : {});
      } catch (error) {
        throw new AppError('VALIDATION_FAILED', `querystring.map: ${(error as Error).message}`);
      }
      if (
        request.query.campaignId &&
        !(await findCampaign(deps.db, principal.workspaceId, request.query.campaignId))
      ) {
        throw new AppError('NOT_FOUND', `no campaign ${request.query.campaignId}`);
      }
      const summary = await ingestRecords(deps.db, readRecords(request.body as Readable, { format }), {
        workspaceId: principal.workspaceId,
        ...(request.query.campaignId ? { campaignIds: [request.query.campaignId] } : {}),
        sourceKind: 'import',
        ...(request.query.source ? { sourceName: request.query.source } : {}),
        fileName: null,
        format,
        mapping,
        defaultPlatform: request.query.platform,
        now: deps.clock(),
      });
      const stored = await findImportSummary(
        deps.db,
        principal.workspaceId,
        summary.batchId,
        PROBLEMS_IN_RESPONSE,
      );
      return stored ?? summary;
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: { roles: ALL_ROLES, apiKey: true } },
      schema: {
        tags: ['ingestion'],
        params: z.object({ id: z.uuid() }),
        response: { 200: importSummarySchema },
      },
    },
    async (request) => {
      const summary = await findImportSummary(
        deps.db,
        requirePrincipal(request.principal).workspaceId,
        request.params.id,
        PROBLEMS_IN_RESPONSE,
      );
      if (!summary) throw new AppError('NOT_FOUND', `no import ${request.params.id}`);
      return summary;
    },
  );
}
