const VARIABLE = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

/** Variable names a template uses, in order of first use. */
export function templateVariables(body: string): string[] {
  const names: string[] = [];
  for (const m of body.matchAll(VARIABLE)) if (!names.includes(m[1] as string)) names.push(m[1] as string);
  return names;
}

export type RenderedReply = { ok: true; text: string } | { ok: false; missing: string[] };

/**
 * Fills `{{name}}` placeholders. Values are inserted as plain text (never re-scanned for
 * placeholders), so a handle like "{{agent}}" chosen by a stranger stays literal.
 */
export function renderReplyTemplate(body: string, values: Readonly<Record<string, string>>): RenderedReply {
  const missing = templateVariables(body).filter((name) => values[name] === undefined);
  if (missing.length > 0) return { ok: false, missing };
  return { ok: true, text: body.replace(VARIABLE, (_, name: string) => values[name] as string) };
}
