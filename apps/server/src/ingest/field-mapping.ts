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

function readPath(record: Record<string, unknown>, path: string): unknown {
  if (path in record) return record[path];
  if (!path.includes('.')) return undefined;
  let current: unknown = record;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function pick(
  record: Record<string, unknown>,
  candidates: readonly string[],
  used?: Set<string>,
): { name: string; value: unknown } | undefined {
  for (const name of candidates) {
    const value = readPath(record, name);
    if (value !== undefined && value !== null && value !== '') {
      used?.add(name in record ? name : (name.split('.')[0] ?? name));
      return { name, value };
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

/** Maps one raw record to a post, or lists every field that is missing or wrong. */
export function mapRecord(
  record: Record<string, unknown>,
  mapping: FieldMapping,
  context: MappingContext,
): MappingResult {
  const used = new Set<string>();
  const pickField = (candidates: readonly string[]) => pick(record, candidates, used);
  const problems: FieldProblem[] = [];
  const missing = (field: string, names: readonly string[]) =>
    problems.push({ field, code: 'FIELD_MISSING', reason: `no value in any of: ${names.join(', ')}` });
  const invalid = (field: string, reason: string) => problems.push({ field, code: 'FIELD_INVALID', reason });

  const idField = pickField(mapping.id);
  const externalId = idField ? toText(idField.value)?.trim() : undefined;
  if (!idField) missing('id', mapping.id);
  else if (!externalId) invalid(idField.name, 'must be a string or number');
  else if (externalId.length > 256)
    invalid(idField.name, `is ${externalId.length} characters; the limit is 256`);

  const textField = pickField(mapping.text);
  let text = textField ? toText(textField.value) : undefined;
  if (!textField) missing('text', mapping.text);
  else if (text === undefined) invalid(textField.name, 'must be a string');
  else {
    text = text.replace(CONTROL_CHARACTERS, '');
    if (text.trim() === '') invalid(textField.name, 'is empty');
    else if (text.length > MAX_POST_TEXT_CHARS) {
      invalid(textField.name, `is ${text.length} characters; the limit is ${MAX_POST_TEXT_CHARS}`);
    }
  }

  const createdField = pickField(mapping.createdAt);
  let createdAt: string | undefined;
  if (!createdField) {
    if (context.fallbackCreatedAt) createdAt = context.fallbackCreatedAt;
    else missing('created_at', mapping.createdAt);
  } else {
    const time = parseTimestamp(createdField.value);
    if (time === undefined)
      invalid(createdField.name, `"${String(createdField.value).slice(0, 40)}" is not a date and time`);
    else if (time > context.latestAcceptedTime) invalid(createdField.name, 'is in the future');
    else if (time < Date.UTC(2000, 0, 1)) invalid(createdField.name, 'is before the year 2000');
    else createdAt = new Date(time).toISOString();
  }

  const authorField = pickField(mapping.author);
  let handle: string | undefined;
  if (!authorField) missing('author', mapping.author);
  else {
    const value = authorField.value;
    handle =
      typeof value === 'object' && value !== null
        ? toText(
            pick(value as Record<string, unknown>, ['handle', 'username', 'screen_name', 'acct', 'id'])
              ?.value,
          )
        : toText(value);
    handle = handle?.trim().replace(/^@/, '');
    if (!handle) invalid(authorField.name, 'has no handle');
    else if (handle.length > 200) invalid(authorField.name, 'is longer than 200 characters');
  }

  const followers = toCount(pickField(mapping.authorFollowers)?.value);
  if (followers === 'invalid') invalid('author_followers', 'must be a whole number ≥ 0');
  const verified = toBoolean(pickField(mapping.authorVerified)?.value);
  if (verified === 'invalid') invalid('author_verified', 'must be true or false');

  const metrics: PostInput['metrics'] = {};
  for (const name of ['likes', 'reposts', 'replies', 'views'] as const) {
    const count = toCount(pickField(mapping[name])?.value);
    if (count === 'invalid') invalid(name, 'must be a whole number ≥ 0');
    else if (count !== undefined) metrics[name] = count;
  }

  const platform = (
    toText(pickField(mapping.platform)?.value)?.trim().toLowerCase() || context.defaultPlatform
  ).slice(0, 40);
  const rawLanguage = toText(pickField(mapping.language)?.value)?.trim().toLowerCase();
  const rawMarket = toText(pickField(mapping.market)?.value)?.trim().toUpperCase();
  const url = toText(pickField(mapping.url)?.value)?.trim();
  if (url !== undefined && (url.length > 2048 || !/^https?:\/\//i.test(url)))
    invalid('url', 'must be an http(s) URL');
  const replyTo = toText(pickField(mapping.replyTo)?.value)?.trim();

  if (problems.length > 0 || !externalId || text === undefined || !createdAt || !handle) {
    return { ok: false, problems };
  }
  const authorName = toText(pickField(mapping.authorName)?.value)?.trim().slice(0, 400);
  let extra: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(record)) {
    if (used.has(key) || value === null || value === undefined || value === '') continue;
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
