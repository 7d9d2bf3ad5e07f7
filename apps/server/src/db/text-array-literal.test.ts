import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../test/support/test-database.ts';
import { textArrayLiteral } from './text-array-literal.ts';

const ARRAYS: string[][] = [
  [],
  ['price'],
  [
    '',
    'NULL',
    'null',
    'with space',
    'comma,here',
    '{brace}',
    'quote"d',
    'back\\slash',
    '\\"both',
    'ñ 🎉',
    'tab\tnew\nline',
  ],
];

describe.each(DATABASE_KINDS)('textArrayLiteral read back by %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives back every array exactly, one literal per row of an unnest', async () => {
    const result = await sql<{ i: number; values: string[] }>`
      SELECT i::int AS i, literal::text[] AS values
      FROM unnest(${ARRAYS.map(textArrayLiteral)}::text[]) WITH ORDINALITY AS r(literal, i)
      ORDER BY i`.execute(database.db);
    expect(result.rows.map((row) => row.values)).toEqual(ARRAYS);
  });
});
