import { MAX_POST_TEXT_CHARS, type PostInput } from '@ombud/contract';

/** Where each post field is read from: candidate names tried in order; `a.b` reads nested JSON. */
export interface FieldMapping {
  id: readonly string[];
  text: readonly string[];
  createdAt: readonly string[];
  author: readonly string[];
  authorName: readonly string[];
  authorFollowers: readonly string[];
  authorVerified: readonly string[];
  platform: readonly string[];
  url: readonly string[];
  language: readonly string[];
  market: readonly string[];
  replyTo: readonly string[];
  likes: readonly string[];
  reposts: readonly string[];
  replies: readonly string[];
  views: readonly string[];
}

export type MappedField = keyof FieldMapping;

/**
 * Defaults that read Ombud's own flat format (docs/import-format.md) and the usual exports:
 * Twitter/X API v1 (`id_str`, `full_text`, `user.screen_name`), v2 (`author_id`, `public_metrics.*`),
 * Mastodon (`content`, `account.acct`), and spreadsheet exports (`Message`, `Date`, `Author`).
 */
export const DEFAULT_FIELD_MAPPING: FieldMapping = {
  id: ['id', 'id_str', 'external_id', 'post_id', 'tweet_id', 'status_id', 'uri'],
  text: ['text', 'full_text', 'content', 'message', 'body', 'caption', 'tweet'],
  createdAt: ['created_at', 'createdAt', 'timestamp', 'date', 'published_at', 'time', 'datetime'],
  author: [
    'author',
    'author_handle',
    'username',
    'screen_name',
    'handle',
    'user.screen_name',
    'user.username',
    'account.acct',
    'author.handle',
    'author.username',
    'author_id',
    'user',
  ],
  authorName: ['author_name', 'display_name', 'name', 'user.name', 'account.display_name', 'author.name'],
  authorFollowers: [
    'author_followers',
    'followers',
    'followers_count',
    'user.followers_count',
    'account.followers_count',
    'author.followers',
  ],
  authorVerified: ['author_verified', 'verified', 'user.verified', 'author.verified'],
  platform: ['platform', 'network', 'source_platform'],
  url: ['url', 'link', 'permalink', 'post_url'],
  language: ['lang', 'language'],
  market: ['market', 'country', 'country_code'],
  replyTo: ['reply_to', 'in_reply_to_status_id_str', 'in_reply_to_status_id', 'in_reply_to_id', 'parent_id'],
  likes: ['likes', 'favorite_count', 'like_count', 'public_metrics.like_count', 'favourites_count'],
  reposts: ['reposts', 'retweet_count', 'public_metrics.retweet_count', 'reblogs_count', 'shares'],
  replies: ['replies', 'reply_count', 'public_metrics.reply_count', 'replies_count', 'comments'],
  views: ['views', 'impression_count', 'public_metrics.impression_count', 'impressions'],
};

const MAPPED_FIELDS = Object.keys(DEFAULT_FIELD_MAPPING) as MappedField[];

export class MappingSyntaxError extends Error {
  readonly code = 'MAPPING_INVALID';
}

/** Parses `text=body,id=uuid` into overrides that replace the defaults for the named fields. */
export function parseMappingOverrides(spec: string): Partial<FieldMapping> {
  const overrides: Partial<Record<MappedField, string[]>> = {};
  for (const part of spec
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [field, source] = part.split('=').map((item) => item.trim());
    if (!field || !source) throw new MappingSyntaxError(`"${part}" is not field=column`);
    if (!MAPPED_FIELDS.includes(field as MappedField)) {
      throw new MappingSyntaxError(`unknown field "${field}"; known fields: ${MAPPED_FIELDS.join(', ')}`);
    }
    overrides[field as MappedField] = [source];
  }
  return overrides;
}

export function withOverrides(overrides: Partial<FieldMapping>): FieldMapping {
  return { ...DEFAULT_FIELD_MAPPING, ...overrides };
}

export interface FieldProblem {
  field: string;
  code: 'FIELD_MISSING' | 'FIELD_INVALID';
  reason: string;
}

export type MappingResult =
  /** `extra`: the record's fields no mapping read, kept as the raw payload. */
  | { ok: true; post: PostInput; extra: Record<string, unknown> | null }
  | { ok: false; problems: FieldProblem[] };

export interface MappingContext {
  /** Platform when the record names none. */
  defaultPlatform: string;
  /** Latest accepted creation time (epoch ms): later ones are refused as being in the future. */
  latestAcceptedTime: number;
  /** Used when a record has no creation time at all (webhooks); files must carry one. */
  fallbackCreatedAt?: string;
}

/** One candidate name, split once: mapping is on every imported record's path. */
interface Candidate {
  name: string;
  /** The keys of a nested `a.b` name; null for a flat one. */
  path: readonly string[] | null;
  /** The top-level field a nested name reads (what counts as used). */
  root: string;
}

type CompiledMapping = Record<MappedField, readonly Candidate[]>;

const compileCandidates = (names: readonly string[]): Candidate[] =>
  names.map((name) => {
    const path = name.includes('.') ? name.split('.') : null;
    return { name, path, root: path?.[0] ?? name };
  });

// Keyed by the mapping object: mappings are built once per import (withOverrides) and not changed.
const compiledMappings = new WeakMap<FieldMapping, CompiledMapping>();

function compileMapping(mapping: FieldMapping): CompiledMapping {
  let compiled = compiledMappings.get(mapping);
  if (!compiled) {
    const entries: Partial<Record<MappedField, readonly Candidate[]>> = {};
    for (const field of MAPPED_FIELDS) entries[field] = compileCandidates(mapping[field]);
    compiled = entries as CompiledMapping;
    compiledMappings.set(mapping, compiled);
  }
  return compiled;
}

const NESTED_HANDLE = compileCandidates(['handle', 'username', 'screen_name', 'acct', 'id']);

function readPath(record: Record<string, unknown>, candidate: Candidate): unknown {
  if (candidate.name in record) return record[candidate.name];
  if (!candidate.path) return undefined;
  let current: unknown = record;
  for (const key of candidate.path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function pick(
  record: Record<string, unknown>,
  candidates: readonly Candidate[],
  used?: string[],
): { name: string; value: unknown } | undefined {
  for (const candidate of candidates) {
    const value = readPath(record, candidate);
    if (value !== undefined && value !== null && value !== '') {
      used?.push(candidate.name in record ? candidate.name : candidate.root);
      return { name: candidate.name, value };
    }
  }
  return undefined;
}

const LANGUAGE = /^[a-z]{2,3}$/;
const MARKET = /^[A-Z]{2}$/;
const BARE_DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Parses ISO 8601, `YYYY-MM-DD hh:mm:ss` (taken as UTC), RFC 2822 and epoch seconds/milliseconds. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value < 1e11 ? value * 1000 : value;
    // Seconds near Number.MAX_VALUE overflow to ±Infinity once scaled to milliseconds.
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^\d{9,13}$/.test(trimmed)) return parseTimestamp(Number(trimmed));
  const iso = BARE_DATE_TIME.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

// Records are untrusted JSON: an object may carry its own "toString" key, so String(value) can throw.
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value.slice(0, 40)}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : 'an object';
}

function toCount(value: unknown): number | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(number) || number < 0 || number > 2 ** 31 - 1) return 'invalid';
  return Math.round(number);
}

function toBoolean(value: unknown): boolean | undefined | 'invalid' {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' && typeof value !== 'number') return 'invalid';
  const text = String(value).trim().toLowerCase();
  if (['true', '1', 'yes', 'y', 't'].includes(text)) return true;
  if (['false', '0', 'no', 'n', 'f', ''].includes(text)) return false;
  return 'invalid';
}

// PostgreSQL text cannot hold NUL; other C0 controls except tab/newline are noise from broken exports.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A required field with no value: says so of the first candidate present but empty or null. */
function missing(
  problems: FieldProblem[],
  field: string,
  record: Record<string, unknown>,
  candidates: readonly Candidate[],
): void {
  for (const candidate of candidates) {
    const value = readPath(record, candidate);
    if (value === '' || value === null) {
      const what = value === '' ? 'is empty' : 'is null';
      problems.push({ field, code: 'FIELD_MISSING', reason: `"${candidate.name}" ${what}` });
      return;
    }
  }
  const names = candidates.map((candidate) => candidate.name);
  problems.push({ field, code: 'FIELD_MISSING', reason: `no value in any of: ${names.join(', ')}` });
}

function invalid(problems: FieldProblem[], field: string, reason: string): void {
  problems.push({ field, code: 'FIELD_INVALID', reason });
}

/** Maps one raw record to a post, or lists every field that is missing or wrong. */
export function mapRecord(
  record: Record<string, unknown>,
  mapping: FieldMapping,
  context: MappingContext,
): MappingResult {
  // Plain calls, no closures: this runs for every imported record.
  const fields = compileMapping(mapping);
  const used: string[] = [];
  const problems: FieldProblem[] = [];

  const idField = pick(record, fields.id, used);
  const externalId = idField ? toText(idField.value)?.trim() : undefined;
  if (!idField) missing(problems, 'id', record, fields.id);
  else if (!externalId) invalid(problems, idField.name, 'must be a string or number');
  else if (externalId.length > 256)
    invalid(problems, idField.name, `is ${externalId.length} characters; the limit is 256`);

  const textField = pick(record, fields.text, used);
  let text = textField ? toText(textField.value) : undefined;
  if (!textField) missing(problems, 'text', record, fields.text);
  else if (text === undefined) invalid(problems, textField.name, 'must be a string');
  else {
    text = text.replace(CONTROL_CHARACTERS, '');
    if (text.trim() === '') invalid(problems, textField.name, 'is empty');
    else if (text.length > MAX_POST_TEXT_CHARS) {
      invalid(problems, textField.name, `is ${text.length} characters; the limit is ${MAX_POST_TEXT_CHARS}`);
    }
  }

  const createdField = pick(record, fields.createdAt, used);
  let createdAt: string | undefined;
  if (!createdField) {
    if (context.fallbackCreatedAt) createdAt = context.fallbackCreatedAt;
    else missing(problems, 'created_at', record, fields.createdAt);
  } else {
    const time = parseTimestamp(createdField.value);
    if (time === undefined)
      invalid(problems, createdField.name, `${describeValue(createdField.value)} is not a date and time`);
    else if (time > context.latestAcceptedTime) invalid(problems, createdField.name, 'is in the future');
    else if (time < Date.UTC(2000, 0, 1)) invalid(problems, createdField.name, 'is before the year 2000');
    else createdAt = new Date(time).toISOString();
  }

  const authorField = pick(record, fields.author, used);
  let handle: string | undefined;
  if (!authorField) missing(problems, 'author', record, fields.author);
  else {
    const value = authorField.value;
    handle =
      typeof value === 'object' && value !== null
        ? toText(pick(value as Record<string, unknown>, NESTED_HANDLE)?.value)
        : toText(value);
    handle = handle?.trim().replace(/^@/, '');
    if (!handle) invalid(problems, authorField.name, 'has no handle');
    else if (handle.length > 200) invalid(problems, authorField.name, 'is longer than 200 characters');
  }

  const followers = toCount(pick(record, fields.authorFollowers, used)?.value);
  if (followers === 'invalid') invalid(problems, 'author_followers', 'must be a whole number ≥ 0');
  const verified = toBoolean(pick(record, fields.authorVerified, used)?.value);
  if (verified === 'invalid') invalid(problems, 'author_verified', 'must be true or false');

  const metrics: PostInput['metrics'] = {};
  for (const name of ['likes', 'reposts', 'replies', 'views'] as const) {
    const count = toCount(pick(record, fields[name], used)?.value);
    if (count === 'invalid') invalid(problems, name, 'must be a whole number ≥ 0');
    else if (count !== undefined) metrics[name] = count;
  }

  const platform = (
    toText(pick(record, fields.platform, used)?.value)
      ?.trim()
      .toLowerCase() || context.defaultPlatform
  ).slice(0, 40);
  const rawLanguage = toText(pick(record, fields.language, used)?.value)
    ?.trim()
    .toLowerCase();
  const rawMarket = toText(pick(record, fields.market, used)?.value)
    ?.trim()
    .toUpperCase();
  const url = toText(pick(record, fields.url, used)?.value)?.trim();
  if (url !== undefined && (url.length > 2048 || !/^https?:\/\//i.test(url)))
    invalid(problems, 'url', 'must be an http(s) URL');
  const replyTo = toText(pick(record, fields.replyTo, used)?.value)?.trim();

  if (problems.length > 0 || !externalId || text === undefined || !createdAt || !handle) {
    return { ok: false, problems };
  }
  const authorName = toText(pick(record, fields.authorName, used)?.value)
    ?.trim()
    .slice(0, 400);
  let extra: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (used.includes(key) || value === null || value === undefined || value === '') continue;
    (extra ??= {})[key] = value;
  }
  return {
    ok: true,
    extra,
    post: {
      externalId,
      platform,
      text,
      createdAt,
      url: url ?? null,
      language: rawLanguage && LANGUAGE.test(rawLanguage) ? rawLanguage : null,
      market: rawMarket && MARKET.test(rawMarket) ? rawMarket : null,
      replyToExternalId: replyTo ? replyTo.slice(0, 256) : null,
      author: {
        platform,
        handle,
        displayName: authorName || null,
        followers: typeof followers === 'number' ? followers : null,
        verified: verified === true,
      },
      metrics,
    },
  };
}

/** A header-level check: which required fields no column can supply (for a clear wrong-delimiter error). */
export function missingRequiredColumns(columns: readonly string[], mapping: FieldMapping): MappedField[] {
  const present = new Set(columns);
  const required: MappedField[] = ['id', 'text', 'createdAt', 'author'];
  return required.filter(
    (field) => !mapping[field].some((name) => present.has(name) || present.has(name.split('.')[0] ?? '')),
  );
}
