import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.ts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SIGNATURE_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SETUP_ALREADY_DONE: 409,
  REPLAYED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CONSENT_REQUIRED: 409,
};

/** Maps every error to `{ error: { code, message, details? } }` with its status, in one place. */
export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) {
    return reply
      .status(STATUS[error.code])
      .send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      where: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message,
    }));
    const message = details.map((d) => `${d.where}: ${d.message}`).join('; ');
    return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message, details } });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.status(413).send({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than this route accepts' },
    });
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply
      .status(415)
      .send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: fastifyError.message } });
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return reply
      .status(fastifyError.statusCode)
      .send({ error: { code: fastifyError.code ?? 'BAD_REQUEST', message: fastifyError.message } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send({ error: { code: 'INTERNAL', message: 'internal error; see the server log' } });
}
