import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface SearchableColumn {
  name: string;
  /** format_type(), used to cast values written back. */
  type: string;
  kind: 'text' | 'json' | 'array';
}

export interface TableInfo {
  name: string;
  kind: 'table' | 'matview';
  hasWorkspaceId: boolean;
  searchable: SearchableColumn[];
}

export interface ForeignKey {
  child: string;
  childColumns: string[];
  parent: string;
  parentColumns: string[];
  /** a = no action, r = restrict, c = cascade, n = set null, d = set default */
  onDelete: 'a' | 'r' | 'c' | 'n' | 'd';
}

export interface SchemaMap {
  tables: Map<string, TableInfo>;
  foreignKeys: ForeignKey[];
}

/**
 * Reads the live schema (every table any capability has created), so erasure, export and retention
 * cover tables added after this code was written without being told about them.
 */
export async function readSchemaMap(db: Executor): Promise<SchemaMap> {
  const columns = await sql<{
    table_name: string;
    relkind: string;
    column_name: string;
    type: string;
    typname: string;
    category: string;
    element_category: string | null;
    generated: string;
  }>`
    SELECT c.relname AS table_name, c.relkind::text AS relkind, a.attname AS column_name,
           format_type(a.atttypid, a.atttypmod) AS type, t.typname::text AS typname,
           t.typcategory::text AS category, et.typcategory::text AS element_category,
           a.attgenerated::text AS generated
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')
    ORDER BY c.relname, a.attnum
  `.execute(db);
  // Columns restricted to a list of values (status, role, kind…) hold vocabulary, never a copy of a
  // person's data; leaving them out keeps a handle like "pending" from touching them.
  const enumerated = await sql<{ table_name: string; column_name: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
    WHERE con.contype = 'c' AND n.nspname = current_schema() AND cardinality(con.conkey) = 1
      AND strpos(pg_get_constraintdef(con.oid), '= ANY (ARRAY[') > 0
  `.execute(db);
  const vocabulary = new Set(enumerated.rows.map((row) => `${row.table_name}.${row.column_name}`));
  const tables = new Map<string, TableInfo>();
  for (const row of columns.rows) {
    let table = tables.get(row.table_name);
    if (!table) {
      table = {
        name: row.table_name,
        kind: row.relkind === 'm' ? 'matview' : 'table',
        hasWorkspaceId: false,
        searchable: [],
      };
      tables.set(row.table_name, table);
    }
    if (row.column_name === 'workspace_id' && row.typname === 'uuid') table.hasWorkspaceId = true;
    if (row.generated !== '' && row.generated !== '\u0000') continue;
    if (vocabulary.has(`${row.table_name}.${row.column_name}`)) continue;
    const kind: SearchableColumn['kind'] | undefined =
      row.typname === 'json' || row.typname === 'jsonb'
        ? 'json'
        : row.category === 'S'
          ? 'text'
          : row.category === 'A' &&
              (row.element_category === 'S' || row.typname === '_jsonb' || row.typname === '_json')
            ? 'array'
            : undefined;
    if (kind) table.searchable.push({ name: row.column_name, type: row.type, kind });
  }
  const keys = await sql<{
    child: string;
    parent: string;
    on_delete: string;
    child_columns: string[];
    parent_columns: string[];
  }>`
    SELECT child.relname AS child, parent.relname AS parent, con.confdeltype::text AS on_delete,
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS child_columns,
      ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS parent_columns
    FROM pg_constraint con
    JOIN pg_class child ON child.oid = con.conrelid
    JOIN pg_class parent ON parent.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE con.contype = 'f' AND n.nspname = current_schema()
    ORDER BY child.relname, con.conname
  `.execute(db);
  const toArray = (value: string[] | string): string[] =>
    Array.isArray(value)
      ? value
      : value
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean);
  return {
    tables,
    foreignKeys: keys.rows.map((row) => ({
      child: row.child,
      parent: row.parent,
      onDelete: row.on_delete as ForeignKey['onDelete'],
      childColumns: toArray(row.child_columns),
      parentColumns: toArray(row.parent_columns),
    })),
  };
}

/** A double-quoted SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows of one table selected through a chain of foreign keys from a root selection. */
export interface Selection {
  table: string;
  /** SELECT <alias>.ctid AS __ctid, <alias>.* … */
  sql: string;
  depth: number;
  /** The delete rule of the key that reached this table (undefined for the root). */
  via?: ForeignKey;
}

/**
 * Every table reachable from a root selection by following foreign keys to their children (the
 * rows that would be deleted or nulled with it), breadth first, without revisiting a table on the
 * same path.
 */
export function selectionsFrom(schema: SchemaMap, root: Selection, maxDepth = 6): Selection[] {
  const out: Selection[] = [root];
  const queue: { selection: Selection; path: string[] }[] = [{ selection: root, path: [root.table] }];
  let alias = 0;
  while (queue.length > 0) {
    const { selection, path } = queue.shift()!;
    if (selection.depth >= maxDepth) continue;
    for (const key of schema.foreignKeys) {
      if (key.parent !== selection.table || path.includes(key.child)) continue;
      const c = `c${(alias += 1)}`;
      const p = `p${alias}`;
      const childCols = key.childColumns.map((col) => `${c}.${quoteIdent(col)}`).join(', ');
      const parentCols = key.parentColumns.map((col) => `${p}.${quoteIdent(col)}`).join(', ');
      const child: Selection = {
        table: key.child,
        sql: `SELECT ${c}.ctid AS __ctid, ${c}.* FROM ${quoteIdent(key.child)} ${c} WHERE (${childCols}) IN (SELECT ${parentCols} FROM (${selection.sql}) ${p})`,
        depth: selection.depth + 1,
        via: key,
      };
      out.push(child);
      // Rows that survive the parent's deletion (SET NULL/DEFAULT) do not take their own children along.
      if (key.onDelete === 'c' || key.onDelete === 'a' || key.onDelete === 'r')
        queue.push({ selection: child, path: [...path, key.child] });
    }
  }
  return out;
}

/** Runs a parameterised statement built from catalogue identifiers (never from user input). */
export async function rawQuery(
  db: Executor,
  query: string,
  parameters: readonly unknown[],
): Promise<Record<string, unknown>[]> {
  const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(query, [...parameters]));
  return result.rows;
}

/** Same, returning how many rows a DELETE/UPDATE touched. */
export async function rawExecute(
  db: Executor,
  query: string,
  parameters: readonly unknown[],
): Promise<number> {
  const result = await db.executeQuery(CompiledQuery.raw(query, [...parameters]));
  return Number(result.numAffectedRows ?? 0);
}
