/** Variables the server fills for every recipient (apps/server inbox-reply.service BUILT_IN_VARIABLES). */
export const BUILT_IN_VARIABLES = ['author', 'agent', 'campaign'] as const;

const VARIABLE = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

export interface TemplateVariableReport {
  /** Every variable used, in order of first use. */
  used: string[];
  /** Used variables the server does not fill: the agent is asked for a value when replying. */
  unknown: string[];
  /** `{{…}}` or stray `{{` that is not a variable (a typo the recipient would see as it is). */
  malformed: string[];
}

/** What a template body's `{{name}}` placeholders are, as the server reads them. */
export function inspectTemplate(body: string): TemplateVariableReport {
  const used: string[] = [];
  for (const match of body.matchAll(VARIABLE)) {
    const name = match[1] as string;
    if (!used.includes(name)) used.push(name);
  }
  const builtIn: readonly string[] = BUILT_IN_VARIABLES;
  const rest = body.replace(VARIABLE, '');
  const malformed = [...rest.matchAll(/\{\{[^{}]{0,40}\}\}|\{\{|\}\}/g)].map((match) => match[0]);
  return { used, unknown: used.filter((name) => !builtIn.includes(name)), malformed };
}
