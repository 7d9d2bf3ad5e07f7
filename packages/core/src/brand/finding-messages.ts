import { findingMessagesEn } from './finding-messages.en.ts';
import { findingMessagesEs } from './finding-messages.es.ts';
import { findingMessagesSv } from './finding-messages.sv.ts';
import {
  FINDING_MESSAGE_PARAMS,
  type FindingCatalogue,
  type FindingMessageKey,
  type FindingParams,
} from './finding-messages.types.ts';

export * from './finding-messages.types.ts';

export type FindingLanguage = 'en' | 'es' | 'sv';
export const FINDING_LANGUAGES: readonly FindingLanguage[] = ['en', 'es', 'sv'];

/** The one catalogue per language of the brand check's findings, shared by the CLI and the server. */
export const FINDING_CATALOGUES: Readonly<Record<FindingLanguage, FindingCatalogue>> = {
  en: findingMessagesEn,
  es: findingMessagesEs,
  sv: findingMessagesSv,
};

/** A language the findings can be said in: the one given when supported, else English. */
export function findingLanguage(language: string | null | undefined): FindingLanguage {
  const base = language?.toLowerCase().split(/[-_]/)[0];
  return base === 'es' || base === 'sv' ? base : 'en';
}

export function isFindingMessageKey(key: unknown): key is FindingMessageKey {
  return typeof key === 'string' && Object.hasOwn(FINDING_MESSAGE_PARAMS, key);
}

/** A reason put into an issue's `{reason}`: its own code and parameters. */
export interface FindingReason {
  code: string;
  params: FindingParams;
}

/**
 * Says one finding message in a language from its code and parameters: a claim cue is named in that
 * language, and `reason` (a claim's or disclosure's own code) fills `{reason}`. Undefined when the
 * code is not in the catalogue (rows stored before codes existed); a missing parameter stays `{name}`.
 */
export function renderFinding(
  language: FindingLanguage,
  code: string,
  params: FindingParams | undefined,
  reason?: FindingReason,
): string | undefined {
  if (!isFindingMessageKey(code)) return undefined;
  const catalogue = FINDING_CATALOGUES[language];
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    const cueKey = `claimCue.${value}`;
    vars[name] = name === 'cue' && isFindingMessageKey(cueKey) ? catalogue[cueKey] : String(value);
  }
  if (reason !== undefined) {
    const said = renderFinding(language, reason.code, reason.params);
    if (said !== undefined) vars.reason = said;
  }
  return catalogue[code].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** `renderFinding` for a key known at compile time (the check's own English reasons and messages). */
export function findingText(
  language: FindingLanguage,
  key: FindingMessageKey,
  params: FindingParams,
): string {
  return renderFinding(language, key, params)!;
}
