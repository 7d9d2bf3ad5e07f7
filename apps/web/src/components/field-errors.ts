import { ApiError } from '../api/api-client.ts';
import type { Translator } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.en.ts';

/** Server validation problems keyed by the field path they name (`facts.0.id`), without `body.`. */
export type FieldErrors = ReadonlyMap<string, string>;

const NO_ERRORS: FieldErrors = new Map();

function normalisePath(where: string): string {
  return where
    .replace(/^body\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/**
 * The field errors of a failed save. The HTTP layer sends `details: [{ where, message }]` for schema
 * problems; services name the field at the start of the message (`body.matchTerms: …`).
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return NO_ERRORS;
  const errors = new Map<string, string>();
  if (Array.isArray(error.details)) {
    for (const detail of error.details as unknown[]) {
      if (typeof detail !== 'object' || detail === null) continue;
      const { where, message } = detail as { where?: unknown; message?: unknown };
      if (typeof where === 'string' && typeof message === 'string' && !errors.has(normalisePath(where)))
        errors.set(normalisePath(where), message);
    }
  }
  const named = /^(body\.[\w.[\]]+): (.+)$/.exec(error.message);
  if (errors.size === 0 && named?.[1] && named[2]) errors.set(normalisePath(named[1]), named[2]);
  return errors;
}

/** The errors below a path prefix that no field on screen shows (so the form can list them). */
export function unshownErrors(errors: FieldErrors, shown: ReadonlySet<string>): [string, string][] {
  return [...errors].filter(([path]) => !shown.has(path));
}

const KNOWN_MESSAGES: [RegExp, MessageKey][] = [
  [/^duplicate .*id/, 'formError.duplicateId'],
  [/^two rules for market/, 'formError.duplicateMarket'],
  [/^no fact with id/, 'formError.noSuchFact'],
  [/^required when placement/, 'formError.firstCharsRequired'],
  [/hashtag/, 'formError.hashtag'],
  [/language code/, 'formError.language'],
  [/market code/, 'formError.market'],
  [/^Too small|^Invalid input: expected \w+, received undefined/, 'formError.required'],
];

/** The server's (English) problem in the user's language where it is a known one, else quoted. */
export function fieldErrorText(translator: Translator, message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const known = KNOWN_MESSAGES.find(([pattern]) => pattern.test(message));
  return known ? translator.t(known[1]) : translator.t('formError.server', { message });
}
