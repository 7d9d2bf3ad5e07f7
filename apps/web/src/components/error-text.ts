import { ApiError } from '../api/api-client.ts';
import type { Translator } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.en.ts';

const KNOWN: Record<string, MessageKey> = {
  NETWORK: 'error.network',
  UNAUTHENTICATED: 'error.unauthenticated',
  INVALID_CREDENTIALS: 'error.invalidCredentials',
  FORBIDDEN: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  CONFLICT: 'error.conflict',
  SETUP_ALREADY_DONE: 'error.setupAlreadyDone',
  VALIDATION_FAILED: 'error.validation',
  BAD_RESPONSE: 'error.badResponse',
  RATE_LIMITED: 'error.rateLimited',
};

/** A translated sentence for a failed call; the server's code is kept so support can find it. */
export function errorText(translator: Translator, error: unknown): string {
  if (error instanceof ApiError) {
    const code = error.status === 429 ? 'RATE_LIMITED' : error.code;
    const key = KNOWN[code];
    return key ? translator.t(key) : translator.t('error.generic', { code });
  }
  return translator.t('error.generic', { code: 'CLIENT' });
}
