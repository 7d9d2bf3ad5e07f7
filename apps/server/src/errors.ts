export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SETUP_ALREADY_DONE'
  | 'INVALID_CREDENTIALS'
  | 'SIGNATURE_INVALID'
  | 'REPLAYED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'CONSENT_REQUIRED';

/** An error a user can act on, with a stable code the HTTP layer maps to a status once. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
