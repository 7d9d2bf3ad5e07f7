import { sql, type Kysely, type Transaction } from 'kysely';
import type { ErasureOutcome, SubjectExport, SubjectIdentityInput } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type AuditActor } from './audit-log.service.ts';
import { subtractErasedPosts, type AggregateReduction } from './privacy-aggregates.ts';
import { normaliseHandle, postTombstoneHash, subjectHash } from './privacy-subject.ts';
import {
  quoteIdent,
  rawQuery,
  readSchemaMap,
  selectionsFrom,
  type SchemaMap,
  type SearchableColumn,
  type Selection,
  type TableInfo,
} from './privacy-schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const ERASED = '[erased]';
const MIN_HANDLE_CHARS = 3;
const MIN_NAME_CHARS = 4;
const MIN_TEXT_CHARS = 12;
const EXCERPT_CHARS = 40;

interface SubjectAuthor {
  id: string;
  platform: string;
  handle: string;
  display_name: string | null;
}

/** The strings that identify a person: found anywhere, they are erased too. */
export interface Needles {
  /**
   * Handles and names. A distinctive one (with a digit, `_`, `.`, or several words) is replaced
   * wherever it stands as a whole word; a plain word (`maria`, `done`) only as `@word`, in a URL
   * path (`/word`) or as a whole cell, so erasing @done does not rewrite every "done" in the store.
   */
  words: string[];
  /** The person's own texts: replaced wherever they occur. */
  texts: string[];
  /** The opening words of longer texts: a cell holding an excerpt is replaced entirely. */
  excerpts: string[];
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);

/** A handle or name that cannot be an ordinary word: it has a non-letter or more than one word. */
export const isDistinctive = (word: string) => /[^\p{L}]/u.test(word.replace(/^@/, ''));

/** Every spelling the database may hold a needle in: as written, lower-cased and JSON-escaped. */
function searchForms(needles: Needles): string[] {
  const forms = new Set<string>();
  for (const value of [...needles.words, ...needles.texts, ...needles.excerpts]) {
    for (const form of [value, value.toLowerCase(), jsonEscaped(value), jsonEscaped(value.toLowerCase())])
      forms.add(form);
  }
  return [...forms];
}

export type Scrubber = (value: string) => string;

/** Replaces the person's handles/names and texts in a string; excerpts blank the string. */
export function makeScrubber(needles: Needles): Scrubber {
  const byLength = (a: string, b: string) => b.length - a.length;
  const texts = [...new Set(needles.texts)].sort(byLength).map(escapeRegExp);
  const unique = [...new Set(needles.words.map((w) => w.replace(/^@+/, '')))].sort(byLength);
  const distinctive = unique.filter(isDistinctive).map(escapeRegExp);
  const plain = unique.filter((w) => !isDistinctive(w));
  const plainLower = new Set(plain.map((w) => w.toLowerCase()));
  const textRe = texts.length > 0 ? new RegExp(texts.join('|'), 'giu') : undefined;
  const boundary = '(?![\\p{L}\\p{N}_])';
  const distinctiveRe =
    distinctive.length > 0
      ? new RegExp(`@?(?<![\\p{L}\\p{N}_])(?:${distinctive.join('|')})${boundary}`, 'giu')
      : undefined;
  const plainRe =
    plain.length > 0
      ? new RegExp(`(?:@|(?<=/))(?:${plain.map(escapeRegExp).join('|')})${boundary}`, 'giu')
      : undefined;
  const excerpts = needles.excerpts.map((e) => e.toLowerCase());
  return (value) => {
    const lower = value.toLowerCase();
    if (excerpts.some((excerpt) => lower.includes(excerpt))) return ERASED;
    if (plainLower.has(lower.trim().replace(/^@+/, ''))) return ERASED;
    let out = textRe ? value.replace(textRe, ERASED) : value;
    out = distinctiveRe ? out.replace(distinctiveRe, ERASED) : out;
    out = plainRe ? out.replace(plainRe, ERASED) : out;
    return out;
  };
}

function scrubDeep(value: unknown, scrub: Scrubber): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [scrub(key), scrubDeep(item, scrub)]),
    );
  }
  return value;
}

function searchableText(column: SearchableColumn): string {
  const ref = quoteIdent(column.name);
  if (column.kind === 'json') return `${ref}::text`;
  if (column.kind === 'array') return `array_to_string(${ref}::text[], chr(31))`;
  return `${ref}::text`;
}

export interface CellMatch {
  table: string;
  ctid: string;
  column: SearchableColumn;
  value: unknown;
  scrubbed: unknown;
}

/**
 * Searches every text, JSON and array column of every table (scoped to the workspace where the
 * table has a workspace_id) for the needles; returns each cell the scrubber would change.
 */
export async function findCopies(
  db: Executor,
  schema: SchemaMap,
  workspaceId: string,
  needles: Needles,
  scrub: Scrubber,
): Promise<CellMatch[]> {
  const forms = searchForms(needles);
  if (forms.length === 0) return [];
  const matches: CellMatch[] = [];
  for (const table of schema.tables.values()) {
    if (table.searchable.length === 0) continue;
    const condition = table.searchable
      .map(
        (column) =>
          `EXISTS (SELECT 1 FROM unnest($1::text[]) AS n(v) WHERE strpos(${searchableText(column)}, n.v) > 0 OR strpos(lower(${searchableText(column)}), n.v) > 0)`,
      )
      .join(' OR ');
    const scope = table.hasWorkspaceId ? ` AND workspace_id = $2::uuid` : '';
    const columns = table.searchable.map((column) => quoteIdent(column.name)).join(', ');
    const query = `SELECT ctid::text AS __ctid, ${columns} FROM ${quoteIdent(table.name)} WHERE (${condition})${scope}`;
    const rows = await rawQuery(db, query, table.hasWorkspaceId ? [forms, workspaceId] : [forms]);
    for (const row of rows) {
      for (const column of table.searchable) {
        const value = row[column.name];
        if (value === null || value === undefined) continue;
        const scrubbed = scrubValue(value, column, scrub);
        if (JSON.stringify(scrubbed) !== JSON.stringify(value))
          matches.push({ table: table.name, ctid: String(row['__ctid']), column, value, scrubbed });
      }
    }
  }
  return matches;
}

function scrubValue(value: unknown, column: SearchableColumn, scrub: Scrubber): unknown {
  if (column.kind === 'json') {
    // json columns may come back as text; jsonb as parsed values.
    if (typeof value === 'string' && column.type === 'json') {
      try {
        return JSON.stringify(scrubDeep(JSON.parse(value), scrub));
      } catch {
        return scrub(value);
      }
    }
    return scrubDeep(value, scrub);
  }
  if (column.kind === 'array') {
    if (Array.isArray(value)) return scrubDeep(value, scrub);
    return scrub(String(value));
  }
  return scrub(String(value));
}

/** Writes the scrubbed cells of one row in a single UPDATE (a second UPDATE would miss the row's new ctid). */
async function writeBack(
  db: Executor,
  table: string,
  ctid: string,
  cells: readonly CellMatch[],
): Promise<void> {
  const values = cells.map((match) =>
    match.column.kind === 'json'
      ? typeof match.scrubbed === 'string' && match.column.type === 'json'
        ? match.scrubbed
        : JSON.stringify(match.scrubbed)
      : match.scrubbed,
  );
  const assignments = cells
    .map((match, index) => `${quoteIdent(match.column.name)} = $${index + 1}::${match.column.type}`)
    .join(', ');
  await rawQuery(
    db,
    `UPDATE ${quoteIdent(table)} SET ${assignments} WHERE ctid = $${cells.length + 1}::tid`,
    [...values, ctid],
  );
}

async function findSubjectAuthors(
  db: Executor,
  workspaceId: string,
  identities: readonly SubjectIdentityInput[],
): Promise<SubjectAuthor[]> {
  const found = new Map<string, SubjectAuthor>();
  for (const identity of identities) {
    const rows = await db
      .selectFrom('author')
      .select([sql<string>`id::text`.as('id'), 'platform', 'handle', 'display_name'])
      .where('workspace_id', '=', workspaceId)
      .where(sql<boolean>`lower(platform) = ${identity.platform.trim().toLowerCase()}`)
      .where(sql<boolean>`lower(handle) = ${normaliseHandle(identity.handle)}`)
      .execute();
    for (const row of rows) found.set(row.id, row);
  }
  return [...found.values()];
}

async function collectNeedles(
  db: Executor,
  authors: readonly SubjectAuthor[],
  identities: readonly SubjectIdentityInput[],
): Promise<Needles> {
  const words = new Set<string>();
  const texts = new Set<string>();
  const excerpts = new Set<string>();
  const addWord = (value: string | null, min: number) => {
    const trimmed = value?.trim();
    if (trimmed && [...trimmed].length >= min) words.add(trimmed);
  };
  const addHandle = (handle: string) => {
    const bare = handle.trim().replace(/^@+/, '');
    if ([...bare].length < MIN_HANDLE_CHARS) return;
    words.add(bare);
    words.add(`@${bare}`);
  };
  for (const identity of identities) addHandle(normaliseHandle(identity.handle));
  for (const author of authors) {
    addHandle(author.handle);
    addWord(author.display_name, MIN_NAME_CHARS);
  }
  if (authors.length > 0) {
    const ids = authors.map((a) => a.id);
    const postTexts = await db
      .selectFrom('post')
      .select('text')
      .where('author_id', 'in', ids)
      .unionAll(
        db
          .selectFrom('post_original')
          .innerJoin('post', 'post.id', 'post_original.post_id')
          .select('post_original.text')
          .where('post.author_id', 'in', ids),
      )
      .execute();
    for (const { text } of postTexts) {
      const trimmed = text.trim();
      if ([...trimmed].length >= MIN_TEXT_CHARS) texts.add(trimmed);
      if ([...trimmed].length >= EXCERPT_CHARS + 20)
        excerpts.add([...trimmed].slice(0, EXCERPT_CHARS).join(''));
    }
  }
  return { words: [...words], texts: [...texts], excerpts: [...excerpts] };
}

function authorRoot(ids: readonly string[]): Selection {
  const list = ids.map((id) => {
    if (!/^\d+$/.test(id)) throw new Error(`author id ${id} is not numeric`);
    return id;
  });
  return {
    table: 'author',
    sql: `SELECT a0.ctid AS __ctid, a0.* FROM "author" a0 WHERE a0.id IN (${list.length > 0 ? list.join(',') : 'NULL'})`,
    depth: 0,
  };
}

async function refreshMaterializedViews(db: Executor, tables: Iterable<TableInfo>): Promise<void> {
  for (const table of tables) {
    if (table.kind === 'matview')
      await rawQuery(db, `REFRESH MATERIALIZED VIEW ${quoteIdent(table.name)}`, []);
  }
}

/**
 * Replaces every remaining copy of the needles (materialised views refreshed around it), then
 * searches again and throws, naming the columns, if any copy is left. Returns the cells changed
 * per `table.column`.
 */
async function scrubCopies(
  trx: Executor,
  schema: SchemaMap,
  workspaceId: string,
  needles: Needles,
  scrub: Scrubber,
  stoppedMessage: (where: string) => string,
): Promise<Record<string, number>> {
  await refreshMaterializedViews(trx, schema.tables.values());
  const copies = await findCopies(trx, schema, workspaceId, needles, scrub);
  const cellsScrubbed: Record<string, number> = {};
  const byRow = new Map<string, CellMatch[]>();
  for (const match of copies) {
    if (schema.tables.get(match.table)?.kind === 'matview') continue;
    const key = `${match.table}\u0000${match.ctid}`;
    byRow.set(key, [...(byRow.get(key) ?? []), match]);
    const cell = `${match.table}.${match.column.name}`;
    cellsScrubbed[cell] = (cellsScrubbed[cell] ?? 0) + 1;
  }
  for (const cells of byRow.values()) await writeBack(trx, cells[0]!.table, cells[0]!.ctid, cells);
  await refreshMaterializedViews(trx, schema.tables.values());
  const remaining = await findCopies(trx, schema, workspaceId, needles, scrub);
  if (remaining.length > 0) {
    const where = [...new Set(remaining.map((m) => `${m.table}.${m.column.name}`))].join(', ');
    throw new AppError('CONFLICT', stoppedMessage(where));
  }
  return cellsScrubbed;
}

/**
 * Erases people from the workspace: deletes their authors (every table that refers to them or to
 * their posts goes with them through ON DELETE CASCADE, and rows behind RESTRICT keys are deleted
 * first), then searches every text column of every table for remaining copies of their handles,
 * names and texts and replaces them, checks that nothing is left, and writes tombstones so
 * re-ingestion does not bring them back. All in one transaction.
 */
export async function eraseSubjects(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    identities: readonly SubjectIdentityInput[];
    requestId?: string | undefined;
    actor: AuditActor;
    now: Date;
  },
): Promise<ErasureOutcome> {
  return db.transaction().execute((trx) => eraseInTransaction(trx, input));
}

async function eraseInTransaction(
  trx: Transaction<Database>,
  input: {
    workspaceId: string;
    identities: readonly SubjectIdentityInput[];
    requestId?: string | undefined;
    actor: AuditActor;
    now: Date;
  },
): Promise<ErasureOutcome> {
  const schema = await readSchemaMap(trx);
  const authors = await findSubjectAuthors(trx, input.workspaceId, input.identities);
  const needles = await collectNeedles(trx, authors, input.identities);
  const scrub = makeScrubber(needles);
  const rowsDeleted: Record<string, number> = {};
  let aggregates: AggregateReduction | undefined;

  if (authors.length > 0) {
    const selections = selectionsFrom(schema, authorRoot(authors.map((a) => a.id)));
    // Count what goes (distinct rows per table), then clear RESTRICT/NO ACTION children deepest first.
    for (const selection of selections) {
      if (
        selection.via &&
        selection.via.onDelete !== 'c' &&
        selection.via.onDelete !== 'a' &&
        selection.via.onDelete !== 'r'
      )
        continue;
      const rows = await rawQuery(
        trx,
        `SELECT DISTINCT s.__ctid::text AS ctid FROM (${selection.sql}) s`,
        [],
      );
      if (rows.length > 0)
        rowsDeleted[selection.table] = Math.max(rowsDeleted[selection.table] ?? 0, rows.length);
    }
    const restricted = selections
      .filter((s) => s.via && (s.via.onDelete === 'a' || s.via.onDelete === 'r'))
      .sort((a, b) => b.depth - a.depth);
    for (const selection of restricted) {
      await rawQuery(
        trx,
        `DELETE FROM ${quoteIdent(selection.table)} WHERE ctid IN (SELECT s.__ctid FROM (${selection.sql}) s)`,
        [],
      );
    }
    // Counts derived from their posts go down by what those posts added (see docs/privacy.md).
    const theirPosts = await trx
      .selectFrom('post')
      .select(sql<string>`id::text`.as('id'))
      .where(
        'author_id',
        'in',
        authors.map((a) => a.id),
      )
      .execute();
    aggregates = await subtractErasedPosts(
      trx,
      theirPosts.map((p) => p.id),
    );
    await trx
      .deleteFrom('author')
      .where('workspace_id', '=', input.workspaceId)
      .where(
        'id',
        'in',
        authors.map((a) => a.id),
      )
      .execute();
  }
  if (input.requestId) {
    // The request itself named the person; only the hashes stay.
    await trx
      .updateTable('privacy_request')
      .set({ subjects: null })
      .where('id', '=', input.requestId)
      .execute();
  }

  const cellsScrubbed = await scrubCopies(
    trx,
    schema,
    input.workspaceId,
    needles,
    scrub,
    (where) => `erasure stopped: copies remain in ${where} after scrubbing; nothing was changed`,
  );

  const hashes = [...new Set(input.identities.map((identity) => subjectHash(input.workspaceId, identity)))];
  for (const hash of hashes) {
    await trx
      .insertInto('privacy_tombstone')
      .values({ workspace_id: input.workspaceId, subject_hash: hash, request_id: input.requestId ?? null })
      .onConflict((conflict) => conflict.columns(['workspace_id', 'subject_hash']).doNothing())
      .execute();
  }
  const outcome: ErasureOutcome = {
    authorsErased: authors.length,
    rowsDeleted,
    cellsScrubbed,
    tablesSearched: [...schema.tables.values()].filter((t) => t.searchable.length > 0).length,
    remainingMatches: 0,
  };
  await appendAudit(trx, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: 'privacy.erasure.executed',
    ...(input.requestId ? { target: { kind: 'privacy_request', id: input.requestId } } : {}),
    details: {
      subjectHashes: hashes,
      authorsErased: authors.length,
      rowsDeleted,
      cellsScrubbed,
      ...(aggregates ? { bucketsLowered: { ...aggregates } } : {}),
    },
    occurredAt: input.now,
  });
  return outcome;
}

export interface PostErasureOutcome {
  /** Posts found and erased (ids not stored are left alone: nothing to erase). */
  postsErased: number;
  /** Authors deleted because the erased posts were all that referred to them. */
  authorsErased: number;
  rowsDeleted: Record<string, number>;
  cellsScrubbed: Record<string, number>;
}

function postRoot(ids: readonly string[]): Selection {
  const list = ids.map((id) => {
    if (!/^\d+$/.test(id)) throw new Error(`post id ${id} is not numeric`);
    return id;
  });
  return {
    table: 'post',
    sql: `SELECT p0.ctid AS __ctid, p0.* FROM "post" p0 WHERE p0.id IN (${list.length > 0 ? list.join(',') : 'NULL'})`,
    depth: 0,
  };
}

/**
 * Erases single posts that were deleted on their network (a connector saw the deletion): the same
 * path as a person's erasure, rooted at the posts instead of the author. The posts go with every
 * row that refers to them; copies of their texts elsewhere (excerpts in incidents, alerts, exports)
 * are scrubbed and the search for them repeated; an author nothing else refers to is deleted too;
 * and each post is tombstoned by (source, id) so a replay or re-import does not store it again.
 * Only posts that are stored are tombstoned: a network's deletions of posts never read cost nothing.
 */
export async function erasePosts(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    sourceName: string;
    externalIds: readonly string[];
    actor: AuditActor;
    now: Date;
  },
): Promise<PostErasureOutcome> {
  const none: PostErasureOutcome = { postsErased: 0, authorsErased: 0, rowsDeleted: {}, cellsScrubbed: {} };
  if (input.externalIds.length === 0) return none;
  return db.transaction().execute(async (trx) => {
    const posts = await trx
      .selectFrom('post')
      .innerJoin('source', 'source.id', 'post.source_id')
      .select([
        sql<string>`post.id::text`.as('id'),
        sql<string>`post.author_id::text`.as('author_id'),
        'post.external_id',
        'post.text',
      ])
      .where('post.workspace_id', '=', input.workspaceId)
      .where('source.workspace_id', '=', input.workspaceId)
      .where('source.name', '=', input.sourceName)
      .where('post.external_id', 'in', [...new Set(input.externalIds)])
      .forUpdate()
      .execute();
    if (posts.length === 0) return none;
    const ids = posts.map((post) => post.id);
    const schema = await readSchemaMap(trx);

    // The needles are the posts' own texts (and kept originals), not their author: a person's
    // other posts and mentions of them are not this deletion's business.
    const originals = await trx
      .selectFrom('post_original')
      .select('text')
      .where('post_id', 'in', ids)
      .execute();
    const texts = new Set<string>();
    const excerpts = new Set<string>();
    for (const text of [...posts.map((post) => post.text), ...originals.map((row) => row.text)]) {
      const trimmed = text.trim();
      if ([...trimmed].length >= MIN_TEXT_CHARS) texts.add(trimmed);
      if ([...trimmed].length >= EXCERPT_CHARS + 20)
        excerpts.add([...trimmed].slice(0, EXCERPT_CHARS).join(''));
    }
    const needles: Needles = { words: [], texts: [...texts], excerpts: [...excerpts] };
    const scrub = makeScrubber(needles);

    const rowsDeleted: Record<string, number> = {};
    const selections = selectionsFrom(schema, postRoot(ids));
    for (const selection of selections) {
      if (selection.via && !['c', 'a', 'r'].includes(selection.via.onDelete)) continue;
      const rows = await rawQuery(
        trx,
        `SELECT DISTINCT s.__ctid::text AS ctid FROM (${selection.sql}) s`,
        [],
      );
      if (rows.length > 0)
        rowsDeleted[selection.table] = Math.max(rowsDeleted[selection.table] ?? 0, rows.length);
    }
    const restricted = selections
      .filter((s) => s.via && (s.via.onDelete === 'a' || s.via.onDelete === 'r'))
      .sort((a, b) => b.depth - a.depth);
    for (const selection of restricted) {
      await rawQuery(
        trx,
        `DELETE FROM ${quoteIdent(selection.table)} WHERE ctid IN (SELECT s.__ctid FROM (${selection.sql}) s)`,
        [],
      );
    }
    // As for a person's erasure: the counts derived from these posts go down by what they added.
    const aggregates = await subtractErasedPosts(trx, ids);
    await trx
      .deleteFrom('post')
      .where('workspace_id', '=', input.workspaceId)
      .where('id', 'in', ids)
      .execute();

    // Authors the erased posts leave with nothing referring to them go too (their handle and name).
    const authorIds = [...new Set(posts.map((post) => post.author_id))];
    const referencedBy = schema.foreignKeys.filter(
      (key) => key.parent === 'author' && key.parentColumns.length === 1 && key.parentColumns[0] === 'id',
    );
    const orphanChecks = referencedBy
      .map(
        (key) =>
          ` AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(key.child)} r WHERE r.${quoteIdent(key.childColumns[0] ?? 'author_id')} = a.id)`,
      )
      .join('');
    const authorsGone = await rawQuery(
      trx,
      `DELETE FROM author a WHERE a.workspace_id = $1::uuid AND a.id = ANY($2::bigint[])${orphanChecks} RETURNING a.id`,
      [input.workspaceId, authorIds],
    );

    const cellsScrubbed = await scrubCopies(
      trx,
      schema,
      input.workspaceId,
      needles,
      scrub,
      (where) => `post erasure stopped: copies remain in ${where} after scrubbing`,
    );

    const hashes = posts.map((post) =>
      postTombstoneHash(input.workspaceId, input.sourceName, post.external_id),
    );
    await trx
      .insertInto('privacy_tombstone')
      .values(
        hashes.map((hash) => ({ workspace_id: input.workspaceId, subject_hash: hash, request_id: null })),
      )
      .onConflict((conflict) => conflict.columns(['workspace_id', 'subject_hash']).doNothing())
      .execute();
    const outcome: PostErasureOutcome = {
      postsErased: posts.length,
      authorsErased: authorsGone.length,
      rowsDeleted,
      cellsScrubbed,
    };
    await appendAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'privacy.post.erased',
      details: {
        reason: 'deleted-on-network',
        source: input.sourceName,
        postHashes: hashes,
        postsErased: posts.length,
        authorsErased: authorsGone.length,
        rowsDeleted,
        cellsScrubbed,
        bucketsLowered: { ...aggregates },
      },
      occurredAt: input.now,
    });
    return outcome;
  });
}

const csvCell = (value: unknown): string => {
  let text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  // Spreadsheet formula injection: a cell starting with = + - @ is read as text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Everything Ombud holds about people (GDPR access / portability), as one JSON document. */
export async function exportSubjects(
  db: Executor,
  input: { workspaceId: string; identities: readonly SubjectIdentityInput[]; now: Date },
): Promise<SubjectExport> {
  const schema = await readSchemaMap(db);
  const authors = await findSubjectAuthors(db, input.workspaceId, input.identities);
  const tables: Record<string, Record<string, unknown>[]> = {};
  const seen = new Map<string, Set<string>>();
  const authorRows: Record<string, unknown>[] = [];
  if (authors.length > 0) {
    for (const selection of selectionsFrom(schema, authorRoot(authors.map((a) => a.id)))) {
      const rows = await rawQuery(
        db,
        `SELECT s.__ctid::text AS __ctid, to_jsonb(s) - '__ctid' AS row FROM (${selection.sql}) s`,
        [],
      );
      const ctids = seen.get(selection.table) ?? new Set<string>();
      seen.set(selection.table, ctids);
      for (const row of rows) {
        const ctid = String(row['__ctid']);
        if (ctids.has(ctid)) continue;
        ctids.add(ctid);
        const data = row['row'] as Record<string, unknown>;
        if (selection.table === 'author') authorRows.push(data);
        else (tables[selection.table] ??= []).push(data);
      }
    }
  }
  const needles = await collectNeedles(db, authors, input.identities);
  const copies = await findCopies(db, schema, input.workspaceId, needles, makeScrubber(needles));
  const mentions = copies
    .filter((match) => !seen.get(match.table)?.has(match.ctid))
    .map((match) => ({ table: match.table, column: match.column.name, value: match.value }));
  return {
    exportVersion: 'ombud-subject-export/1',
    generatedAt: input.now.toISOString(),
    subjects: input.identities.map((identity) => ({ platform: identity.platform, handle: identity.handle })),
    authors: authorRows,
    tables,
    mentions,
  };
}

/** The same export as CSV: one line per value (`section,table,row,column,value`). */
export function subjectExportToCsv(document: SubjectExport): string {
  const lines = ['section,table,row,column,value'];
  const push = (section: string, table: string, row: number, column: string, value: unknown) =>
    lines.push([section, table, String(row), column, value].map(csvCell).join(','));
  document.authors.forEach((author, index) => {
    for (const [column, value] of Object.entries(author)) push('author', 'author', index + 1, column, value);
  });
  for (const [table, rows] of Object.entries(document.tables)) {
    rows.forEach((row, index) => {
      for (const [column, value] of Object.entries(row)) push('related', table, index + 1, column, value);
    });
  }
  document.mentions.forEach((mention, index) =>
    push('mention', mention.table, index + 1, mention.column, mention.value),
  );
  return `${lines.join('\n')}\n`;
}

/** Data-subject requests: an analyst may file one, an owner carries it out. */
export async function createPrivacyRequest(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    kind: 'access' | 'erasure';
    subjects: readonly SubjectIdentityInput[];
    actor: AuditActor;
    now: Date;
  },
) {
  return db.transaction().execute(async (trx) => {
    const hashes = input.subjects.map((subject) => subjectHash(input.workspaceId, subject));
    const row = await trx
      .insertInto('privacy_request')
      .values({
        workspace_id: input.workspaceId,
        kind: input.kind,
        subjects: JSON.stringify(input.subjects.map((s) => ({ platform: s.platform, handle: s.handle }))),
        subject_hashes: hashes,
        requested_by: input.actor.kind === 'user' ? input.actor.id : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: `privacy.request.${input.kind}.created`,
      target: { kind: 'privacy_request', id: row.id },
      details: { subjectHashes: hashes },
      occurredAt: input.now,
    });
    return toRequest(row);
  });
}

type RequestRow = {
  id: string;
  kind: string;
  status: string;
  subjects: { platform: string; handle: string }[] | null;
  requested_by: string | null;
  requested_at: Date;
  completed_by: string | null;
  completed_at: Date | null;
  outcome: Record<string, unknown> | null;
};

export const toRequest = (row: RequestRow) => ({
  id: row.id,
  kind: row.kind as 'access' | 'erasure',
  status: row.status as 'pending' | 'done' | 'rejected',
  subjects: row.subjects,
  requestedBy: row.requested_by,
  requestedAt: new Date(row.requested_at).toISOString(),
  completedBy: row.completed_by,
  completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  outcome: row.outcome,
});

export async function listPrivacyRequests(db: Executor, workspaceId: string) {
  const rows = await db
    .selectFrom('privacy_request')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('requested_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(toRequest);
}

async function loadPendingRequest(
  trx: Executor,
  workspaceId: string,
  requestId: string,
  kind: 'access' | 'erasure',
) {
  const row = await trx
    .selectFrom('privacy_request')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no privacy request ${requestId}`);
  if (row.kind !== kind)
    throw new AppError('CONFLICT', `request ${requestId} is an ${row.kind} request, not ${kind}`);
  return row;
}

/** Carries out a pending erasure request. */
export async function executeErasureRequest(
  db: Kysely<Database>,
  input: { workspaceId: string; requestId: string; actor: AuditActor; now: Date },
) {
  return db.transaction().execute(async (trx) => {
    const row = await loadPendingRequest(trx, input.workspaceId, input.requestId, 'erasure');
    if (row.status !== 'pending' || !row.subjects)
      throw new AppError('CONFLICT', `erasure request ${input.requestId} is ${row.status} already`);
    const outcome = await eraseInTransaction(trx, {
      workspaceId: input.workspaceId,
      identities: row.subjects,
      requestId: input.requestId,
      actor: input.actor,
      now: input.now,
    });
    const done = await trx
      .updateTable('privacy_request')
      .set({
        status: 'done',
        subjects: null,
        completed_by: input.actor.kind === 'user' ? input.actor.id : null,
        completed_at: input.now,
        outcome: JSON.stringify(outcome),
      })
      .where('id', '=', input.requestId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRequest(done);
  });
}

/** Builds the export for an access request and records who produced it. */
export async function exportForRequest(
  db: Kysely<Database>,
  input: { workspaceId: string; requestId: string; actor: AuditActor; now: Date; format: 'json' | 'csv' },
): Promise<SubjectExport> {
  return db.transaction().execute(async (trx) => {
    const row = await loadPendingRequest(trx, input.workspaceId, input.requestId, 'access');
    if (!row.subjects)
      throw new AppError('CONFLICT', `access request ${input.requestId} names nobody any more`);
    const document = await exportSubjects(trx, {
      workspaceId: input.workspaceId,
      identities: row.subjects,
      now: input.now,
    });
    await trx
      .updateTable('privacy_request')
      .set({
        status: 'done',
        completed_by: input.actor.kind === 'user' ? input.actor.id : null,
        completed_at: input.now,
        outcome: JSON.stringify({
          authors: document.authors.length,
          tables: Object.fromEntries(Object.entries(document.tables).map(([t, rows]) => [t, rows.length])),
          mentions: document.mentions.length,
        }),
      })
      .where('id', '=', input.requestId)
      .execute();
    await appendAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'privacy.export.generated',
      target: { kind: 'privacy_request', id: input.requestId },
      details: { format: input.format, subjectHashes: row.subject_hashes, authors: document.authors.length },
      occurredAt: input.now,
    });
    return document;
  });
}
