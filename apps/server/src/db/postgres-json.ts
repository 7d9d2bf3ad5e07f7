// PostgreSQL's json→text and jsonb parsers refuse two things JavaScript strings may hold: the NUL
// character and lone UTF-16 surrogates (both arrive in hostile JSON as \u0000 or \ud800 escapes).
const UNSAFE_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;
// Lone high surrogate not followed by a low one, or lone low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\ufffd') : value;
}

/**
 * JSON text PostgreSQL will accept: NUL characters dropped and lone surrogates replaced by U+FFFD.
 * The common case costs one native stringify and one scan; only unsafe input pays for the replacer.
 */
export function toPostgresJson(value: unknown): string {
  const json = JSON.stringify(value);
  return UNSAFE_ESCAPE.test(json) ? JSON.stringify(value, clean) : json;
}
